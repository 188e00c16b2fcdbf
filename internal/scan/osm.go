package scan

import (
	"bytes"
	"context"
	"fmt"
	"strings"

	"github.com/paulmach/orb"

	"github.com/paulmach/orb/planar"

	"github.com/wijkwarmte/wijkwarmte/geodata"
	"github.com/wijkwarmte/wijkwarmte/internal/demo"
	"github.com/wijkwarmte/wijkwarmte/wijkanalyse"
)

// osmWant says which layers of an OSM extract a scan takes.
type osmWant struct{ buildings, streets, addresses, water bool }

// readOSM reads an OSM PBF extract (the file at path through the input
// door, or the embedded demo when path is demo.FileName) and puts the
// wanted layers into in. With a selection (sel not nil) the extract is
// read within the selection's bound grown by margin metres (the streets'
// and water's reach; geodata.ReadOSMPBFWithin), a building is kept when
// the selection contains it (the others counted in *outside) and an
// address when it lies in the selection's bound. The buildings are
// validated and de-duplicated like any other source. With want.water it
// returns a note (Dutch, for the summary and report) on the surface water
// taken.
func readOSM(ctx context.Context, path string, in *wijkanalyse.Input, want osmWant, prog Progress, sel *Selection, margin float64, outside *int) (string, error) {
	prog.Start("reading", 0, "OSM buildings")
	var (
		ex  *geodata.OSMExtract
		err error
	)
	if path == demo.FileName {
		ex, err = geodata.ReadOSMPBF(ctx, bytes.NewReader(demo.PBF()), path)
	} else {
		var (
			s     *geodata.Source
			bound *orb.Bound
		)
		if sel != nil {
			bound = sel.grown(margin)
		}
		if s, err = open(nil, path, bound); err == nil {
			ex, err = s.OSM(ctx)
			s.Close()
		}
	}
	if err != nil {
		prog.Finish()
		return "", err
	}
	if sel != nil {
		keep := ex.Buildings[:0]
		for _, p := range ex.Buildings {
			if sel.Contains(p.Footprint) {
				keep = append(keep, p)
				continue
			}
			// In the bound, but it belongs to a neighbouring area: not
			// read for this one.
			ex.BuildingReport.Read--
			ex.BuildingReport.Used--
			if outside != nil {
				*outside++
			}
		}
		ex.Buildings = keep
		addr := ex.Addresses[:0]
		for _, a := range ex.Addresses {
			if sel.Bound.Contains(a.Point) {
				addr = append(addr, a)
			}
		}
		ex.Addresses = addr
	}
	prog.Set(len(ex.Buildings), len(ex.Buildings))
	prog.Finish()
	if want.buildings {
		in.Panden, in.BuildingsReport = geodata.ValidatePanden(ex.Buildings, ex.BuildingReport)
		in.CRS = geodata.DescribeCRS(geodata.EPSGWGS84, "OpenStreetMap PBF")
	}
	if want.streets {
		in.Streets = ex.Streets
		in.StreetsReport = ex.StreetReport
	}
	if want.addresses {
		in.Addresses = ex.Addresses
	}
	note := ""
	if want.water {
		in.Water = ex.Water
		var m2 float64
		for _, w := range ex.Water {
			m2 += planar.Area(w.Geometry)
		}
		note = fmt.Sprintf("Oppervlaktewater uit OpenStreetMap (%s): %d vlakken, %s ha (natural=water, water=*, waterway=riverbank/dock/canal als vlak, landuse=basin/reservoir); %d lijnvormige waterlopen (sloten, kanaalassen) niet meegeteld: OSM geeft ze geen breedte. Een eigen bestand met --water gaat voor.",
			path, len(ex.Water), strings.Replace(fmt.Sprintf("%.1f", m2/1e4), ".", ",", 1), ex.WaterReport.Skipped[geodata.SkipOSMWaterwayLine])
	}
	return note, nil
}
