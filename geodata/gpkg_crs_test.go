package geodata_test

import (
	"errors"
	"io"
	"path/filepath"
	"testing"

	"github.com/paulmach/orb"

	"github.com/wijkwarmte/wijkwarmte/geodata"
	"github.com/wijkwarmte/wijkwarmte/internal/gpkgfixture"
)

// TestGeoPackageCRS writes GeoPackages in WGS 84, RD New and a third CRS:
// WGS 84 is transformed to RD, anything else is an ErrCRS naming the file
// and srs.
func TestGeoPackageCRS(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	// A footprint near the Nieuwe Kerk in Delft, in lon/lat.
	wgs := orb.Polygon{{{4.3608, 52.0123}, {4.3610, 52.0123}, {4.3610, 52.0125}, {4.3608, 52.0125}, {4.3608, 52.0123}}}
	cases := []struct {
		name string
		srs  int
		want error
	}{
		{"wgs84", 4326, nil},
		{"utm31", 25831, geodata.ErrCRS},
		{"undefined", 0, geodata.ErrCRS},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(dir, c.name+".gpkg")
			w, err := gpkgfixture.Create(path, "pand", c.srs)
			if err != nil {
				t.Fatal(err)
			}
			if err := w.Add(geodata.Pand{ID: "503100000000296", Bouwjaar: 1400, Status: "Pand in gebruik", Footprint: wgs}); err != nil {
				t.Fatal(err)
			}
			if err := w.Close(); err != nil {
				t.Fatal(err)
			}
			g, err := geodata.OpenGeoPackage(path)
			if err != nil {
				t.Fatal(err)
			}
			defer g.Close()
			r, err := g.Panden("pand", nil)
			if c.want != nil {
				var fe *geodata.FeatureError
				if !errors.Is(err, c.want) || !errors.As(err, &fe) || fe.File != path || fe.Layer != "pand" {
					t.Fatalf("got %v, want %v naming file and layer", err, c.want)
				}
				t.Log(err)
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			defer r.Close()
			buf := make([]geodata.Pand, 2)
			n, err := r.Read(buf)
			if n != 1 || (err != nil && err != io.EOF) {
				t.Fatalf("read %d, %v", n, err)
			}
			// PROJ gives about (84450, 447400) for this corner; check the
			// box, not PROJ's digits.
			p := buf[0].Footprint[0][0]
			if p[0] < 84000 || p[0] > 85000 || p[1] < 447000 || p[1] > 448000 {
				t.Fatalf("first corner %v is not in RD near Delft", p)
			}
		})
	}
}
