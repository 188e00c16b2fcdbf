package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var rulesExample = filepath.Join("..", "..", "testdata", "netwerkregels-voorbeeld.csv")

// TestScanWithNetworkRules scans the demo with the invented rules of
// testdata/netwerkregels-voorbeeld.csv: the excluded pand gets no service
// pipe, the required pand that the expansion drops without rules gets
// one, the required pand too far from a street is reported with its
// reason, the unknown BAG id is counted, the forbidden street is removed
// from the graph, and the report says so.
func TestScanWithNetworkRules(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	var stdout, stderr bytes.Buffer
	if st := run([]string{"scan", "--quiet", "--geojson", "--out", dir, "--network-rules", rulesExample}, &stdout, &stderr); st != 0 {
		t.Fatalf("scan --network-rules: exit %d: %s", st, stderr.String())
	}
	var s struct {
		Network struct {
			Terminals   int `json:"terminals"`
			Connected   int `json:"connected"`
			Unreachable int `json:"unreachable"`
			Dropped     int `json:"dropped"`
			Rules       *struct {
				ForbiddenEdges       int      `json:"forbidden_edges"`
				ForbiddenM           float64  `json:"forbidden_m"`
				PreferredM           float64  `json:"preferred_m"`
				Unmatched            []string `json:"street_rules_unmatched"`
				Required             int      `json:"buildings_required"`
				RequiredConnected    int      `json:"buildings_required_connected"`
				RequiredNotConnected []struct {
					ID, Reason string
				} `json:"required_not_connected"`
				Excluded      int      `json:"buildings_excluded"`
				Unknown       int      `json:"bag_ids_unknown"`
				UnknownBAGIDs []string `json:"unknown_bag_ids"`
			} `json:"rules"`
		} `json:"network"`
	}
	readJSON(t, filepath.Join(dir, "summary.json"), &s)
	n := s.Network
	r := n.Rules
	if r == nil {
		t.Fatal("summary.json lacks network.rules")
	}
	if r.ForbiddenEdges == 0 || r.ForbiddenM < 300 || r.PreferredM == 0 || len(r.Unmatched) != 0 {
		t.Errorf("street rules: %+v", r)
	}
	if r.Required != 2 || r.RequiredConnected != 1 || len(r.RequiredNotConnected) != 1 || r.RequiredNotConnected[0].ID != "0503100000000010" ||
		!strings.Contains(r.RequiredNotConnected[0].Reason, "niet bereikbaar") {
		t.Errorf("required: %+v", r)
	}
	if r.Excluded != 1 || r.Unknown != 1 || len(r.UnknownBAGIDs) != 1 || r.UnknownBAGIDs[0] != "0503100000099999" {
		t.Errorf("excluded %d, unknown %d %v", r.Excluded, r.Unknown, r.UnknownBAGIDs)
	}
	if n.Connected+n.Unreachable+n.Dropped != n.Terminals {
		t.Errorf("connected %d + unreachable %d + dropped %d != terminals %d", n.Connected, n.Unreachable, n.Dropped, n.Terminals)
	}
	var fc struct {
		Features []struct {
			Properties struct {
				Kind       string `json:"kind"`
				BuildingID string `json:"building_id"`
			} `json:"properties"`
		} `json:"features"`
	}
	readJSON(t, filepath.Join(dir, "network.geojson"), &fc)
	service := map[string]bool{}
	for _, f := range fc.Features {
		if f.Properties.Kind == "service" {
			service[f.Properties.BuildingID] = true
		}
	}
	if service["0503100000024959"] {
		t.Error("the excluded pand 0503100000024959 has a service pipe")
	}
	if !service["0503100000036818"] {
		t.Error("the required pand 0503100000036818 has no service pipe")
	}
	page, err := os.ReadFile(filepath.Join(dir, "report.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"<h3>Netwerkregels</h3>", "0503100000099999", "Verplicht pand, niet aangesloten"} {
		if !bytes.Contains(page, []byte(want)) {
			t.Errorf("report.html lacks %q", want)
		}
	}
}

// TestScanBadNetworkRules: a rules file that cannot be used ends the scan
// before it starts with one line naming the file, the line or feature and
// what is wrong (exit 1).
func TestScanBadNetworkRules(t *testing.T) {
	t.Parallel()
	tmp := t.TempDir()
	for _, c := range []struct {
		name, ext, body, want string
	}{
		{"unknown rule", ".csv", "rule,street,bag_id,factor\nverbieden graag,Markt,,\n",
			`: line 2: geodata: bad network rules: rule "verbieden graag" is not forbidden/verboden`},
		{"preferred without factor", ".csv", "regel;straat;pand;factor\nvoorkeur;Mekelweg;;\n",
			`: line 2: geodata: bad network rules: rule voorkeur needs a factor above 0`},
		{"not a BAG id", ".csv", "regel;straat;pand\n# commentaar\nverplicht;;12345x\n",
			`: line 3: geodata: bad network rules: bag_id "12345x"`},
		{"required and excluded", ".csv", "rule,street,bag_id\nrequired,,0503100000024959\nexcluded,,503100000024959\n",
			`: line 3: geodata: bad network rules: pand 0503100000024959 is already required at line 2`},
		{"no header", ".csv", "verboden;Markt;;\n",
			`: line 1: geodata: bad network rules: unknown column "verboden"`},
		{"street rule without street", ".geojson", `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"rule":"forbidden"},"geometry":null}]}`,
			`: feature 0: geodata: bad network rules: rule forbidden needs a street`},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			f := filepath.Join(tmp, strings.ReplaceAll(c.name, " ", "-")+c.ext)
			os.WriteFile(f, []byte(c.body), 0o644)
			var stdout, stderr bytes.Buffer
			st := run([]string{"scan", "--quiet", "--network-rules", f, "--out", filepath.Join(tmp, "out")}, &stdout, &stderr)
			msg := strings.TrimRight(stderr.String(), "\n")
			if st != 1 {
				t.Fatalf("exit %d, want 1; stderr:\n%s", st, msg)
			}
			if strings.Contains(msg, "\n") || !strings.Contains(msg, f+c.want) {
				t.Errorf("stderr:\n%s\nwant one line with:\n%s", msg, f+c.want)
			}
		})
	}
}
