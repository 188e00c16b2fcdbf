package scan

import (
	"bytes"
	"context"
	"testing"

	"github.com/wijkwarmte/wijkwarmte/geodata"
	"github.com/wijkwarmte/wijkwarmte/internal/demo"
	"github.com/wijkwarmte/wijkwarmte/wijkanalyse"
)

// TestLibraryEqualsCLI runs the demo once through the public API (geodata
// reads the extract, wijkanalyse.Scan with default Options) and once
// through the CLI's scan.Run, and compares the routed networks: the street
// cut lives in the library, so both route the same streets (issue 12:
// before, the library routed whole OSM ways and connected 843 buildings
// where the CLI connected 820).
func TestLibraryEqualsCLI(t *testing.T) {
	ex, err := geodata.ReadOSMPBF(context.Background(), bytes.NewReader(demo.PBF()), demo.FileName)
	if err != nil {
		t.Fatal(err)
	}
	panden, rep := geodata.ValidatePanden(ex.Buildings, ex.BuildingReport)
	in := wijkanalyse.Input{Panden: panden, Addresses: ex.Addresses, Streets: ex.Streets, Water: ex.Water,
		BuildingsReport: rep, StreetsReport: ex.StreetReport, CRS: geodata.DescribeCRS(geodata.EPSGWGS84, "OpenStreetMap PBF")}
	lib, err := wijkanalyse.Scan(context.Background(), in, wijkanalyse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	out, err := Run(context.Background(), Config{Out: t.TempDir(), StreetMarginM: 250})
	if err != nil {
		t.Fatal(err)
	}
	cli := out.Summary.Network
	t.Logf("library: %d connected, %.1f m trench, %d street pieces; CLI: %d connected, %.1f m trench",
		lib.Network.Connected, lib.Network.TrenchM, lib.Input.StreetsUsed, cli.Connected, cli.TrenchM)
	if lib.Network.Connected == 0 {
		t.Fatal("library scan connected no building")
	}
	if lib.Network.Connected != cli.Connected || lib.Network.TrenchM != cli.TrenchM {
		t.Errorf("library network %d connected, %.3f m trench; CLI %d connected, %.3f m trench",
			lib.Network.Connected, lib.Network.TrenchM, cli.Connected, cli.TrenchM)
	}
}
