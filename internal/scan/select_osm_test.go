package scan

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/wijkwarmte/wijkwarmte/geodata"
)

// TestSelectOSM scans one buurt of the Delft OSM extract (--buildings
// tudelft.osm.pbf --areas --buurt): the extract is read within the
// buurt's bound through the door's streaming filter, and the scan uses
// exactly the panden of the whole extract that the buurt contains.
func TestSelectOSM(t *testing.T) {
	pbf := filepath.Join("..", "..", "testdata", "delft-wippolder", "tudelft.osm.pbf")
	areas := filepath.Join("..", "..", "cmd", "wijkwarmte", "testdata", "buurten.geojson")
	for _, code := range []string{"TEST01", "TEST02"} {
		t.Run(code, func(t *testing.T) {
			sel, err := SelectAreas(areas, ByBuurt, []string{code})
			if err != nil {
				t.Fatal(err)
			}
			s := NewSelection(sel)
			a, err := Analyse(context.Background(), Config{Buildings: pbf, Areas: areas, Select: s, StreetMarginM: 250})
			if err != nil {
				t.Fatal(err)
			}
			fh, err := os.Open(pbf)
			if err != nil {
				t.Fatal(err)
			}
			defer fh.Close()
			full, err := geodata.ReadOSMPBF(context.Background(), fh, pbf)
			if err != nil {
				t.Fatal(err)
			}
			panden, _ := geodata.ValidatePanden(full.Buildings, full.BuildingReport)
			want := 0
			for _, p := range panden {
				if s.Contains(p.Footprint) {
					want++
				}
			}
			sum := a.Summary()
			t.Logf("%s: %d panden used (%d read, %d of the bound outside the buurt), %d of the whole extract; %d streets read",
				code, sum.Input.BuildingsUsed, sum.Input.BuildingsRead, *sum.Input.PandenOutsideAreas, len(panden), sum.Input.StreetsRead)
			if want == 0 || sum.Input.BuildingsUsed != want {
				t.Errorf("%d panden used, want %d (the whole extract's panden in %s)", sum.Input.BuildingsUsed, want, code)
			}
			if sum.Input.StreetsRead == 0 || sum.Input.StreetsRead >= full.StreetReport.Read {
				t.Errorf("%d streets read of %d: want a cut", sum.Input.StreetsRead, full.StreetReport.Read)
			}
		})
	}
}
