package scan

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/paulmach/orb/planar"

	"github.com/wijkwarmte/wijkwarmte/geodata"
	"github.com/wijkwarmte/wijkwarmte/internal/demo"
	"github.com/wijkwarmte/wijkwarmte/wijkanalyse"
)

// osmWant says which layers of an OSM extract a scan takes.
type osmWant struct{ buildings, streets, addresses, water bool }

// readOSM reads an OSM PBF extract (the file at path, or the embedded demo
// when path is demo.FileName) and puts the wanted layers into in. The
// buildings are validated and de-duplicated like any other source. With
// want.water it returns a note (Dutch, for the summary and report) on the
// surface water taken.
func readOSM(ctx context.Context, path string, in *wijkanalyse.Input, want osmWant, prog Progress) (string, error) {
	var r io.ReadSeeker
	if path == demo.FileName {
		r = bytes.NewReader(demo.PBF())
	} else {
		f, err := os.Open(path)
		if err != nil {
			return "", err
		}
		defer f.Close()
		r = f
	}
	prog.Start("reading", 0, "OSM buildings")
	ex, err := geodata.ReadOSMPBF(ctx, r, path)
	if err != nil {
		prog.Finish()
		return "", err
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
