package geodata

import (
	"bytes"
	"testing"
	"time"
)

// TestRoundTripGPKGGeoParquetGeoJSON goes on from GeoParquet to GeoJSON
// (EPSG:28992, and RFC 7946 WGS 84) and back into the model: every
// attribute survives; coordinates bit for bit through the RD file, within
// 1 cm through WGS 84 (8 decimals of a degree and PROJ both ways).
func TestRoundTripGPKGGeoParquetGeoJSON(t *testing.T) {
	t.Parallel()
	want := readSamplePanden(t)
	want[1].Levels = 3
	want[1].BuildingType = "house"
	want[2].Address = "Oude Delft 1, 2611 BA Delft"
	want[3].Registered = time.Date(2021, 7, 27, 17, 35, 1, 331000000, time.UTC)
	path := writePandenGeoParquet(t, t.TempDir(), want)
	f, err := OpenGeoParquet(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r, err := f.Panden(nil)
	if err != nil {
		t.Fatal(err)
	}
	fromParquet := readAllPanden(t, r)
	r.Close()

	for _, c := range []struct {
		name string
		wgs  bool
		tol  float64
	}{{"rd", false, 0}, {"wgs84", true, 0.01}} {
		t.Run(c.name, func(t *testing.T) {
			var buf bytes.Buffer
			w, err := NewGeoJSONWriter(&buf, GeoJSONOptions{WGS84: c.wgs})
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range fromParquet {
				if err := w.Write(p.Footprint, PandProperties(p)); err != nil {
					t.Fatal(err)
				}
			}
			if err := w.Close(); err != nil {
				t.Fatal(err)
			}
			g, err := NewGeoJSONReader(&buf, "panden.geojson")
			if err != nil {
				t.Fatal(err)
			}
			var rep Report
			got := readAllPanden(t, GeoJSONPanden(g, &rep))
			if rep.Read != len(want) || rep.Used != len(want) {
				t.Errorf("report %+v, want %d read and used", rep, len(want))
			}
			samePanden(t, got, want, c.tol)
		})
	}
}
