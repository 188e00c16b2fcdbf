package scan

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wijkwarmte/wijkwarmte/internal/demo"
)

// Surface water for aquathermie: from the OSM extract when the buildings
// come from one and no --water is given (64 areas in the Delft extract,
// see geodata's TestReadOSMPBFWater); a --water file wins.
func TestWaterFromOSM(t *testing.T) {
	t.Parallel()
	pbf := "../../testdata/delft-wippolder/tudelft.osm.pbf"
	dir := t.TempDir()
	own := filepath.Join(dir, "water.geojson")
	if err := os.WriteFile(own, []byte(`{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"vijver"},
"geometry":{"type":"Polygon","coordinates":[[[4.37,52.0],[4.371,52.0],[4.371,52.001],[4.37,52.001],[4.37,52.0]]]}}]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name    string
		c       Config
		areas   int
		file    string
		osmNote bool
	}{
		{"demo", Config{}, 64, demo.FileName, true},
		{"demo with --water", Config{Water: own}, 1, own, false},
		{"osm buildings", Config{Buildings: pbf}, 64, pbf, true},
		{"osm buildings with --water", Config{Buildings: pbf, Water: own}, 1, own, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			run := &scanRun{files: map[string]string{}, timings: map[string]float64{}}
			cfg := c.c
			if err := readInputs(context.Background(), &cfg, run, silent{}); err != nil {
				t.Fatal(err)
			}
			if len(run.in.Water) != c.areas || len(run.water) != c.areas || run.files["water"] != c.file {
				t.Errorf("%d water areas (%d for the map) from %q, want %d from %q", len(run.in.Water), len(run.water), run.files["water"], c.areas, c.file)
			}
			note := ""
			for _, n := range run.notes {
				if strings.HasPrefix(n, "Oppervlaktewater uit OpenStreetMap") {
					note = n
				}
			}
			if (note != "") != c.osmNote || c.osmNote && !strings.Contains(note, "64 vlakken") {
				t.Errorf("note %q", note)
			}
		})
	}
}
