package geodata

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestDetectFiles(t *testing.T) {
	t.Parallel()
	cases := []struct {
		path string
		want Format
	}{
		{"../testdata/delft-wippolder/tudelft.osm.pbf", FormatOSMPBF},
		{"../testdata/delft-wippolder/buildings_rd_approx.geojson", FormatGeoJSON},
		{"../testdata/cbs-buurt-sample/project_area_ede_componistenbuurt.geojson", FormatGeoJSON},
		{"../testdata/ep-online/ep-online-delft-synthetic.csv", FormatCSV},
	}
	for _, c := range cases {
		t.Run(filepath.Base(c.path), func(t *testing.T) {
			got, err := Detect(c.path)
			if err != nil || got != c.want {
				t.Errorf("Detect = %q, %v; want %q", got, err, c.want)
			}
		})
	}
}

func TestDetectBytes(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name, path, data string
		want             Format // "" = ErrUnknownFormat
	}{
		{"sqlite", "x.gpkg", "SQLite format 3\x00rest", FormatGeoPackage},
		{"sqlite any name", "x.bin", "SQLite format 3\x00rest", FormatGeoPackage},
		{"parquet", "x.parquet", "PAR1\x15\x00", FormatGeoParquet},
		{"pbf", "x.pbf", "\x00\x00\x00\x0d\x0a\x09OSMHeader\x18", FormatOSMPBF},
		{"geojson with bom", "x.json", "\xef\xbb\xbf  {\"type\":", FormatGeoJSON},
		{"csv by content", "labels.txt", "PublicatieDatum;20251101\n", FormatCSV},
		{"csv by name", "labels.csv", "a,b\n", FormatCSV},
		{"empty", "x.geojson", "", ""},
		{"gzip", "x.osm.gz", "\x1f\x8b\x08\x00", ""},
		{"wrong content for ext", "x.gpkg", "hello world", ""},
		{"markdown", "README.md", "# Delft\n\ntext", ""},
		{"binary", "x.bin", "\x00\x01\x02;", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			got, err := detectBytes(c.path, []byte(c.data))
			if c.want == "" {
				var fe *FeatureError
				if !errors.Is(err, ErrUnknownFormat) || !errors.As(err, &fe) || fe.File != c.path {
					t.Errorf("got %q, %v; want ErrUnknownFormat naming %s", got, err, c.path)
				}
				return
			}
			if err != nil || got != c.want {
				t.Errorf("got %q, %v; want %q", got, err, c.want)
			}
		})
	}
}

func TestDetectMissingFile(t *testing.T) {
	t.Parallel()
	_, err := Detect(filepath.Join(t.TempDir(), "nope.gpkg"))
	if !errors.Is(err, os.ErrNotExist) || !strings.Contains(err.Error(), "nope.gpkg") {
		t.Errorf("err %v", err)
	}
}
