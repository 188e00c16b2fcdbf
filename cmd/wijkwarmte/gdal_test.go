package main

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestOutputsOpenInGDAL opens the demo's geo outputs with GDAL's ogrinfo
// (Debian's gdal-bin, GDAL 3.6: the GeoPackage and GeoJSON drivers, no
// Parquet) as a QGIS user's machine would. Skipped with a message when
// ogrinfo is not installed; .ci/run installs gdal-bin so that CI runs it.
func TestOutputsOpenInGDAL(t *testing.T) {
	ogrinfo, err := exec.LookPath("ogrinfo")
	if err != nil {
		t.Skip("ogrinfo not installed (apt-get install gdal-bin): GDAL check skipped")
	}
	dir := scanDemo(t)
	for _, c := range []struct {
		file  string
		layer string
		want  []string
	}{
		{"wijkwarmte.gpkg", "panden", []string{"Geometry: Polygon", "Feature Count: 3447", "Amersfoort / RD New", "best_option: String", "connected: Integer(Boolean)", "bouwjaar: Integer"}},
		{"wijkwarmte.gpkg", "netwerk", []string{"Geometry: Line String", "dn: Integer", "length_m: Real"}},
		{"network.geojson", "", []string{"Geometry: Line String", "WGS 84"}},
		{"buildings.geojson", "", []string{"Geometry: Polygon", "Feature Count: 3447", "WGS 84"}},
	} {
		t.Run(c.file+"/"+c.layer, func(t *testing.T) {
			args := []string{"-so", "-ro", filepath.Join(dir, c.file)}
			if c.layer != "" {
				args = append(args, c.layer)
			} else {
				args = append(args, "-al")
			}
			out, err := exec.Command(ogrinfo, args...).CombinedOutput()
			s := string(out)
			if err != nil || strings.Contains(s, "ERROR") {
				t.Fatalf("ogrinfo %v: %v\n%s", args, err, s)
			}
			for _, w := range c.want {
				if !strings.Contains(s, w) {
					t.Errorf("ogrinfo %s: no %q in\n%s", c.file, w, s)
				}
			}
		})
	}
}
