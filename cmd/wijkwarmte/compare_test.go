package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wijkwarmte/wijkwarmte/internal/outset"
	"github.com/wijkwarmte/wijkwarmte/internal/report"
)

// TestCompareDemo: two scans of the demo wijk, one with the EP-Online
// export of the demo and one with a later (synthetic) export that labels
// 422 more panden A or B, compared with the example kader and two years
// of the netbeheerder's kleinverbruik.
func TestCompareDemo(t *testing.T) {
	t.Parallel()
	early := scanDemo(t) // --areas testdata/buurten.geojson --kader kader-voorbeeld.csv
	tmp := t.TempDir()
	kaderFile := filepath.Join("..", "..", "testdata", "kader-voorbeeld.csv")
	late := filepath.Join(tmp, "scan-2026")
	var stdout, stderr bytes.Buffer
	if status := run([]string{"scan", "--quiet", "--out", late,
		"--areas", filepath.Join("testdata", "buurten.geojson"), "--kader", kaderFile,
		"--labels", filepath.Join("..", "..", "testdata", "ep-online", "ep-online-delft-2026-synthetic.csv")}, &stdout, &stderr); status != 0 {
		t.Fatalf("scan with the 2026 labels: exit %d\n%s", status, stderr.String())
	}
	kv := filepath.Join("..", "..", "testdata", "kleinverbruik")
	args := func(out string) []string {
		// the later run first: compare orders the runs by date
		return []string{"compare", late, early, "--dates", "2026-11-20,2025-01-15", "--kader", kaderFile,
			"--kleinverbruik", filepath.Join(kv, "Stedin_kleinverbruiksgegevens_01012024.csv"),
			"--kleinverbruik", filepath.Join(kv, "Stedin_kleinverbruiksgegevens_01012023.csv"), "--out", out}
	}
	out := filepath.Join(tmp, "dashboard")
	stdout.Reset()
	stderr.Reset()
	if status := run(args(out), &stdout, &stderr); status != 0 {
		t.Fatalf("compare: exit %d\n%s", status, stderr.String())
	}
	if !strings.Contains(stdout.String(), "dashboard over 2 scans") {
		t.Errorf("stdout %q", stdout.String())
	}
	if err := outset.Verify(out); err != nil {
		t.Fatalf("the dashboard is not a complete output set: %v", err)
	}
	raw, err := os.ReadFile(filepath.Join(out, "dashboard.json"))
	if err != nil {
		t.Fatal(err)
	}
	var d report.Dashboard
	if err := json.Unmarshal(raw, &d); err != nil {
		t.Fatal(err)
	}
	if len(d.Runs) != 2 || d.Runs[0].Dir != early || d.Runs[1].Dir != late || d.Runs[0].Date != "2025-01-15" {
		t.Fatalf("runs %+v, want the 2025 scan first", d.Runs)
	}
	// The label counts are those of each scan's summary.json.
	for _, r := range d.Runs {
		s := readSummary(t, r.Dir)
		want := 0
		for l, n := range get(t, s, "stock.by_label").(map[string]any) {
			if l == "B" || strings.HasPrefix(l, "A") {
				want += int(n.(float64))
			}
		}
		if r.LabelBOrBetter != want || r.Dwellings != int(num(t, s, "stock.dwellings")) {
			t.Errorf("%s: label B or better %d (summary: %d), dwellings %d", r.Dir, r.LabelBOrBetter, want, r.Dwellings)
		}
		if r.Strategy != get(t, s, "assessment.preferred").(string) || r.StrategyBasis != "kader" {
			t.Errorf("%s: strategy %q (%s), want the kader's preferred", r.Dir, r.Strategy, r.StrategyBasis)
		}
	}
	if d.Runs[1].LabelBOrBetter <= d.Runs[0].LabelBOrBetter {
		t.Errorf("label B or better went from %d to %d; the 2026 export labels 422 more panden A or B", d.Runs[0].LabelBOrBetter, d.Runs[1].LabelBOrBetter)
	}
	// Kleinverbruik: every address counted once; the Papsouwselaan has no
	// gas left in 2024, so more dwellings are off gas.
	k := d.Kleinverbruik
	if k == nil || len(k.Years) != 2 || k.Years[0].Year != 2023 || len(k.Calibration) == 0 || k.CalibrationTotal == nil {
		t.Fatalf("kleinverbruik %+v", k)
	}
	for _, y := range k.Years {
		if y.InGasRange+y.ElectricOnly+y.NotCovered != y.Addresses || y.Addresses == 0 {
			t.Errorf("%d: %d in gas ranges + %d electric only + %d not covered != %d addresses", y.Year, y.InGasRange, y.ElectricOnly, y.NotCovered, y.Addresses)
		}
	}
	if k.Years[1].ElectricOnly <= k.Years[0].ElectricOnly || k.Years[1].OffGas <= k.Years[0].OffGas {
		t.Errorf("off gas %d -> %d, electric only %d -> %d: want both to rise", k.Years[0].OffGas, k.Years[1].OffGas, k.Years[0].ElectricOnly, k.Years[1].ElectricOnly)
	}
	// The example kader has three goals; each is judged.
	if len(d.Goals) != 3 {
		t.Fatalf("%d goals, want the 3 of %s", len(d.Goals), kaderFile)
	}
	for _, g := range d.Goals {
		if g.Status == "" || g.Status == report.GoalNoData || g.Baseline == nil || g.Latest == nil || !strings.Contains(g.Sentence, "regel ") {
			t.Errorf("goal %s: status %q, sentence %q", g.Indicator, g.Status, g.Sentence)
		}
		if g.Indicator == "dwellings_off_gas" && (g.Latest.Value != float64(k.Years[1].OffGas) || g.Latest.Date != "2024-01-01") {
			t.Errorf("off-gas goal measured %+v, want the 2024 kleinverbruik figure %d", g.Latest, k.Years[1].OffGas)
		}
	}
	page, err := os.ReadFile(filepath.Join(out, "dashboard.html"))
	if err != nil {
		t.Fatal(err)
	}
	checkHTML(t, page)
	for _, want := range []string{"Doelen uit het kader", "Gasaansluitingen en gasverbruik", "Kalibratie", "<svg"} {
		if !bytes.Contains(page, []byte(want)) {
			t.Errorf("dashboard.html lacks %q", want)
		}
	}
	for _, bad := range []string{"src=\"http", "href=\"http", "NaN", "Inf"} {
		if bytes.Contains(page, []byte(bad)) {
			t.Errorf("dashboard.html contains %q", bad)
		}
	}
	// Same input, same bytes.
	again := filepath.Join(tmp, "again")
	if status := run(args(again), &stdout, &stderr); status != 0 {
		t.Fatalf("compare again: exit %d\n%s", status, stderr.String())
	}
	for _, f := range []string{"dashboard.json", "dashboard.html"} {
		a, _ := os.ReadFile(filepath.Join(out, f))
		b, _ := os.ReadFile(filepath.Join(again, f))
		if !bytes.Equal(a, b) {
			t.Errorf("%s differs between two runs on the same input", f)
		}
	}
}

// TestCompareBadInput: one line naming the folder or file, exit 1 (2 for
// usage), and no dashboard written.
func TestCompareBadInput(t *testing.T) {
	t.Parallel()
	demo := scanDemo(t)
	tmp := t.TempDir()
	buildings, streets := eightHouses(t, tmp)
	other := filepath.Join(tmp, "other")
	var stdout, stderr bytes.Buffer
	if status := run([]string{"scan", "--quiet", "--buildings", buildings, "--streets", streets, "--out", other}, &stdout, &stderr); status != 0 {
		t.Fatalf("scan: exit %d\n%s", status, stderr.String())
	}
	empty := t.TempDir()
	noYear := filepath.Join(tmp, "kleinverbruik.csv")
	kvb, err := os.ReadFile(filepath.Join("..", "..", "testdata", "kleinverbruik", "Stedin_kleinverbruiksgegevens_01012024.csv"))
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(noYear, kvb, 0o644)
	badKV := filepath.Join(tmp, "Stedin_kleinverbruiksgegevens_01012022.csv")
	os.WriteFile(badKV, []byte("NETBEHEERDER;POSTCODE_VAN;ONBEKEND\nStedin;2628AA;1\n"), 0o644)
	// a scan folder whose file no longer matches its manifest
	tampered := filepath.Join(tmp, "tampered")
	if err := os.CopyFS(tampered, os.DirFS(demo)); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(tampered, "summary.json"), []byte("{}"), 0o644)
	// a batch's output folder: complete, but not a scan's
	areas := filepath.Join(tmp, "buurten.geojson")
	os.WriteFile(areas, []byte(`{"type":"FeatureCollection",`+rdCRS+`,"features":[{"type":"Feature",`+
		`"properties":{"buurtcode":"BU05039901","buurtnaam":"Acht","wijkcode":"WK050399","gemeentecode":"GM0503","gemeentenaam":"Delft","water":"NEE"},`+
		`"geometry":{"type":"Polygon","coordinates":[[[84900,444900],[85200,444900],[85200,445100],[84900,445100],[84900,444900]]]}}]}`), 0o644)
	batchOut := filepath.Join(tmp, "batch")
	if status := run([]string{"batch", "--quiet", "--areas", areas, "--buildings", buildings, "--streets", streets, "--out", batchOut}, &stdout, &stderr); status != 0 {
		t.Fatalf("batch: exit %d\n%s", status, stderr.String())
	}
	// a second scan of the demo's area, for the cases past the folders
	second := filepath.Join(tmp, "second")
	if err := os.CopyFS(second, os.DirFS(demo)); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(tmp, "dashboard")
	for _, c := range []struct {
		name   string
		args   []string
		status int
		want   string
	}{
		{"one folder", []string{demo}, 2, "two or more"},
		{"not a scan", []string{demo, empty}, 1, empty},
		{"missing folder", []string{demo, filepath.Join(tmp, "nothing")}, 1, filepath.Join(tmp, "nothing")},
		{"tampered", []string{demo, tampered}, 1, tampered},
		{"other area", []string{demo, other}, 1, "one area"},
		{"batch output", []string{demo, batchOut}, 1, batchOut + ": the output of wijkwarmte batch, not of a scan"},
		{"dates count", []string{demo, second, "--dates", "2025-01-01"}, 2, "--dates"},
		{"bad date", []string{demo, second, "--dates", "2025-01-01,gisteren"}, 1, "gisteren"},
		{"kleinverbruik without a year", []string{demo, second, "--dates", "2025-01-01,2026-01-01", "--kleinverbruik", noYear}, 1, noYear},
		{"kleinverbruik with an unknown column", []string{demo, second, "--dates", "2025-01-01,2026-01-01", "--kleinverbruik", badKV}, 1, badKV},
	} {
		t.Run(c.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			status := run(append(append([]string{"compare"}, c.args...), "--out", out), &stdout, &stderr)
			if c.status == 1 {
				wantOneLineError(t, status, stdout.String(), stderr.String(), c.want)
			} else if status != c.status || !strings.Contains(stderr.String(), c.want) {
				t.Errorf("exit %d, want %d; stderr %q should name %q", status, c.status, stderr.String(), c.want)
			}
			if _, err := os.Stat(out); !os.IsNotExist(err) {
				t.Errorf("%s exists after a failed compare", out)
			}
		})
	}
}

// TestCompareOutIsAScan: --out naming one of the scan folders is a usage
// error, and that scan's outputs stay as they were (the dashboard used to
// replace them).
func TestCompareOutIsAScan(t *testing.T) {
	t.Parallel()
	demo := scanDemo(t)
	tmp := t.TempDir()
	scanA := filepath.Join(tmp, "scan-a")
	if err := os.CopyFS(scanA, os.DirFS(demo)); err != nil {
		t.Fatal(err)
	}
	for _, out := range []string{scanA, scanA + "/", filepath.Join(tmp, ".", "scan-a")} {
		var stdout, stderr bytes.Buffer
		status := run([]string{"compare", scanA, demo, "--out", out}, &stdout, &stderr)
		if status != 2 || !strings.Contains(stderr.String(), "is one of the scan folders") {
			t.Errorf("--out %s: exit %d, stderr %q; want 2 and the folder named as a scan folder", out, status, stderr.String())
		}
	}
	if err := outset.Verify(scanA); err != nil {
		t.Fatalf("the scan folder changed: %v", err)
	}
	if _, err := os.Stat(filepath.Join(scanA, "summary.json")); err != nil {
		t.Errorf("the scan's summary.json is gone: %v", err)
	}
}

// TestCompareSameScanTwice: a scan folder given twice (by the same or
// another path) is a usage error; it made a dashboard of two identical
// runs.
func TestCompareSameScanTwice(t *testing.T) {
	t.Parallel()
	demo := scanDemo(t)
	for _, second := range []string{demo, demo + "/", filepath.Join(demo, ".")} {
		var stdout, stderr bytes.Buffer
		out := filepath.Join(t.TempDir(), "dashboard")
		status := run([]string{"compare", demo, second, "--out", out}, &stdout, &stderr)
		if status != 2 || !strings.Contains(stderr.String(), "is given twice") {
			t.Errorf("compare %s %s: exit %d, stderr %q; want 2 and the folder named as given twice", demo, second, status, stderr.String())
		}
		if _, err := os.Stat(out); !os.IsNotExist(err) {
			t.Errorf("compare %s %s wrote %s", demo, second, out)
		}
	}
}

// TestCompareNewBAGFile: two scans of the same buurten (--areas) from BAG
// files of different names (a newer download) are one area; compare
// refused them because the wijk's name comes from the file's name.
func TestCompareNewBAGFile(t *testing.T) {
	t.Parallel()
	tmp := t.TempDir()
	sample, err := os.ReadFile(filepath.Join("..", "..", "testdata", "pdok-bag-pand-sample", "bag_pand_kerk_delft.gpkg"))
	if err != nil {
		t.Fatal(err)
	}
	areas := filepath.Join(tmp, "buurten.geojson")
	os.WriteFile(areas, []byte(`{"type":"FeatureCollection",`+rdCRS+`,"features":[{"type":"Feature",`+
		`"properties":{"buurtcode":"BU05039801","buurtnaam":"Kerk","wijkcode":"WK050398","gemeentecode":"GM0503","gemeentenaam":"Delft","water":"NEE"},`+
		`"geometry":{"type":"Polygon","coordinates":[[[85250,447000],[85500,447000],[85500,447200],[85250,447200],[85250,447000]]]}}]}`), 0o644)
	var dirs []string
	for _, year := range []string{"2025", "2026"} {
		bag := filepath.Join(tmp, "bag-"+year+".gpkg")
		if err := os.WriteFile(bag, sample, 0o644); err != nil {
			t.Fatal(err)
		}
		out := filepath.Join(tmp, "scan-"+year)
		var stdout, stderr bytes.Buffer
		if st := run([]string{"scan", "--quiet", "--buildings", bag, "--areas", areas, "--out", out}, &stdout, &stderr); st != 0 {
			t.Fatalf("scan %s: exit %d\n%s", bag, st, stderr.String())
		}
		dirs = append(dirs, out)
	}
	out := filepath.Join(tmp, "dashboard")
	var stdout, stderr bytes.Buffer
	if st := run([]string{"compare", dirs[0], dirs[1], "--dates", "2025-01-01,2026-01-01", "--out", out}, &stdout, &stderr); st != 0 {
		t.Fatalf("compare: exit %d\n%s", st, stderr.String())
	}
	raw, err := os.ReadFile(filepath.Join(out, "dashboard.json"))
	if err != nil {
		t.Fatal(err)
	}
	var d report.Dashboard
	if err := json.Unmarshal(raw, &d); err != nil {
		t.Fatal(err)
	}
	if len(d.Runs) != 2 || strings.Join(d.Areas, ",") != "BU05039801" {
		t.Errorf("%d runs, areas %v; want 2 runs of BU05039801", len(d.Runs), d.Areas)
	}
}

// TestScanKleinverbruik: scan --kleinverbruik puts the netbeheerders'
// figures per year and per buurt in summary.json and the report; a bad
// file stops the scan before anything is written.
func TestScanKleinverbruik(t *testing.T) {
	t.Parallel()
	tmp := t.TempDir()
	kv := filepath.Join("..", "..", "testdata", "kleinverbruik")
	out := filepath.Join(tmp, "out")
	var stdout, stderr bytes.Buffer
	if status := run([]string{"scan", "--quiet", "--out", out, "--areas", filepath.Join("testdata", "buurten.geojson"),
		"--kleinverbruik", filepath.Join(kv, "Stedin_kleinverbruiksgegevens_01012023.csv"),
		"--kleinverbruik", filepath.Join(kv, "Stedin_kleinverbruiksgegevens_01012024.csv")}, &stdout, &stderr); status != 0 {
		t.Fatalf("exit %d\n%s", status, stderr.String())
	}
	raw, err := os.ReadFile(filepath.Join(out, "summary.json"))
	if err != nil {
		t.Fatal(err)
	}
	var s report.Summary
	if err := json.Unmarshal(raw, &s); err != nil {
		t.Fatal(err)
	}
	k := s.Kleinverbruik
	if k == nil || len(k.Years) != 2 || k.CalibrationTotal == nil || k.CalibrationTotal.Ratio <= 0 {
		t.Fatalf("kleinverbruik %+v", k)
	}
	for _, y := range k.Years {
		if len(y.Areas) != 2 {
			t.Fatalf("%d: %d areas, want the 2 buurten of testdata/buurten.geojson", y.Year, len(y.Areas))
		}
		addresses, off := 0, 0.0
		for _, a := range y.Areas {
			addresses += a.Addresses
			off += a.OffGas
			if a.InGasRange+a.ElectricOnly+a.NotCovered != a.Addresses {
				t.Errorf("%d %s: %d + %d + %d != %d addresses", y.Year, a.Code, a.InGasRange, a.ElectricOnly, a.NotCovered, a.Addresses)
			}
			if a.InGasRange > 0 && (a.MeasuredM3 <= 0 || a.ModelledM3 <= 0) {
				t.Errorf("%d %s: measured %.0f, modelled %.0f m3", y.Year, a.Code, a.MeasuredM3, a.ModelledM3)
			}
		}
		// every dwelling address lies in one of the two buurten
		if addresses != y.Addresses || off < float64(y.OffGas)-1 || off > float64(y.OffGas)+1 {
			t.Errorf("%d: buurten hold %d addresses (want %d) and %.2f off gas (want %d)", y.Year, addresses, y.Addresses, off, y.OffGas)
		}
	}
	if k.Years[1].OffGas <= k.Years[0].OffGas {
		t.Errorf("off gas %d -> %d, want a rise (the Papsouwselaan has no gas in 2024)", k.Years[0].OffGas, k.Years[1].OffGas)
	}
	page, err := os.ReadFile(filepath.Join(out, "report.html"))
	if err != nil {
		t.Fatal(err)
	}
	checkHTML(t, page)
	if !bytes.Contains(page, []byte(`id="kleinverbruik"`)) || !bytes.Contains(page, []byte("Van het aardgas af 2024")) {
		t.Error("report.html lacks the kleinverbruik section with its per-buurt table")
	}

	bad := filepath.Join(tmp, "Liander_kleinverbruiksgegevens_01012024.csv")
	os.WriteFile(bad, []byte("NETBEHEERDER;POSTCODE_VAN;GEEN_KOLOM\nLiander;2628AA;1\n"), 0o644)
	out2 := filepath.Join(tmp, "out2")
	for _, f := range []string{bad, filepath.Join(tmp, "verbruik.csv")} {
		stdout.Reset()
		stderr.Reset()
		status := run([]string{"scan", "--quiet", "--out", out2, "--kleinverbruik", f}, &stdout, &stderr)
		wantOneLineError(t, status, stdout.String(), stderr.String(), f)
		if _, err := os.Stat(out2); !os.IsNotExist(err) {
			t.Errorf("%s written after a bad --kleinverbruik", out2)
		}
	}
}
