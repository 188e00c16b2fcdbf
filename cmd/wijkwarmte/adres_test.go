package main

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/wijkwarmte/wijkwarmte/adres"
	"github.com/wijkwarmte/wijkwarmte/internal/htmlcheck"
)

// TestAdres: wijkwarmte adres on the demo scan's outputs: the answer
// names the 16-digit BAG id, --json parses with that id, --html writes a
// Dutch sheet with an inline map; an address outside the wijk is exit 1
// with one line, no query exit 2, a folder without a scan exit 1.
func TestAdres(t *testing.T) {
	dir := scanDemo(t)
	sheet := filepath.Join(t.TempDir(), "blad.html")
	missing, folder := filepath.Join(t.TempDir(), "nope"), t.TempDir()
	for _, c := range []struct {
		name   string
		args   []string
		status int
		out    *regexp.Regexp
		errOut *regexp.Regexp
	}{
		{"address", []string{"adres", "--out", dir, "2628RC 33"}, 0, regexp.MustCompile(`(?s)^Pand 05031\d{11} \(BAG-pandnummer\), adres 2628RC 33 .*Beste optie: .*Waarom:.*Warmtenet: `), nil},
		{"address spelled otherwise", []string{"adres", "--out", dir, "2628", "rc", "33"}, 0, regexp.MustCompile(`adres 2628RC 33`), nil},
		{"json", []string{"adres", "--json", "--out", dir, "2628RC 33"}, 0, regexp.MustCompile(`"pand_id": "05031\d{11}"`), nil},
		{"html", []string{"adres", "--out", dir, "--html", sheet, "2628RC 33"}, 0, regexp.MustCompile(`Beste optie`), nil},
		{"unknown", []string{"adres", "--out", dir, "9999ZZ 1"}, 1, nil, regexp.MustCompile(`^wijkwarmte adres: adres 9999ZZ 1 ligt niet in de doorgerekende wijk \(address not in the scanned area\)\n$`)},
		{"no query", []string{"adres", "--out", dir}, 2, nil, regexp.MustCompile(`want a QUERY`)},
		{"no scan", []string{"adres", "--out", t.TempDir(), "2628RC 33"}, 1, nil, regexp.MustCompile(`^wijkwarmte adres: .*answers.json: .*run 'wijkwarmte scan --out .*' first\n$`)},
		// --html into a folder that does not exist, or onto a folder: one line that says so, not the
		// temporary file's name ("open .../.blad.html.123.outset-tmp: no such file or directory").
		{"html folder missing", []string{"adres", "--out", dir, "--html", filepath.Join(missing, "blad.html"), "2628RC 33"}, 1, nil,
			regexp.MustCompile(`^wijkwarmte adres: writing \S+/nope/blad.html: folder \S+/nope does not exist\n$`)},
		{"html is a folder", []string{"adres", "--out", dir, "--html", folder, "2628RC 33"}, 1, nil,
			regexp.MustCompile(`^wijkwarmte adres: writing (\S+): (\S+) is a folder; want a file name\n$`)},
	} {
		t.Run(c.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			if got := run(c.args, &out, &errb); got != c.status {
				t.Fatalf("exit %d, want %d; stderr %s", got, c.status, errb.String())
			}
			if c.out != nil && !c.out.MatchString(out.String()) {
				t.Errorf("stdout does not match %s:\n%s", c.out, out.String())
			}
			if c.errOut != nil && !c.errOut.MatchString(errb.String()) {
				t.Errorf("stderr does not match %s:\n%q", c.errOut, errb.String())
			}
		})
	}
	var out, errb bytes.Buffer
	run([]string{"adres", "--json", "--out", dir, "2628RC 33"}, &out, &errb)
	var a struct {
		PandID  string `json:"pand_id"`
		Options []struct {
			Feasible bool            `json:"feasible"`
			EndUser  json.RawMessage `json:"enduser_eur_per_year"`
		} `json:"options"`
	}
	if err := json.Unmarshal(out.Bytes(), &a); err != nil {
		t.Fatal(err)
	}
	for _, o := range a.Options {
		if !o.Feasible && string(o.EndUser) != "null" {
			t.Errorf("infeasible option with figures %s", o.EndUser)
		}
	}
	raw, err := os.ReadFile(sheet)
	if err != nil {
		t.Fatal(err)
	}
	page := string(raw)
	for _, want := range []string{`<html lang="nl">`, "@page { size: A4", "<svg", "BAG-pandnummer " + a.PandID, "Waarom deze optie?", "Wat moet er in het pand gebeuren?"} {
		if !strings.Contains(page, want) {
			t.Errorf("sheet lacks %q", want)
		}
	}
	if err := htmlcheck.Balanced(raw); err != nil {
		t.Errorf("sheet: %v", err)
	}
	// self-contained: no scripts, style sheets or images from elsewhere
	// (the SVG's xmlns is a name, not a request)
	if m := regexp.MustCompile(`(src|href)="https?:`).FindString(page); m != "" {
		t.Errorf("sheet loads from the network: %s", m)
	}
}

// TestAdresSheetOnePage prints the sheets of a utility pand and of a
// dwelling with headless Chromium and checks that each fits one A4 page.
func TestAdresSheetOnePage(t *testing.T) {
	exe := chromium()
	if exe == "" {
		t.Skip("chromium not installed (apt-get install chromium): the print test of the sheet is skipped")
	}
	dir := scanDemo(t)
	tmp := t.TempDir()
	for _, q := range []string{"2628RC 33", "2624CC 10"} {
		sheet := filepath.Join(tmp, "blad.html")
		var out, errb bytes.Buffer
		if got := run([]string{"adres", "--out", dir, "--html", sheet, q}, &out, &errb); got != 0 {
			t.Fatalf("%s: exit %d: %s", q, got, errb.String())
		}
		pdf := filepath.Join(tmp, "blad.pdf")
		cmd := exec.Command(exe, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer", "--print-to-pdf="+pdf, "file://"+sheet)
		if b, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("%s: chromium: %v\n%s", q, err, b)
		}
		raw, err := os.ReadFile(pdf)
		if err != nil {
			t.Fatal(err)
		}
		if n := len(regexp.MustCompile(`/Type\s*/Page[^s]`).FindAll(raw, -1)); n != 1 {
			t.Errorf("%s: the sheet prints on %d pages, want 1", q, n)
		}
	}
}

// TestAdresHandlerDir: the http.Handler over a finished scan's folder
// serves its report and answers what wijkwarmte adres answers.
func TestAdresHandlerDir(t *testing.T) {
	dir := scanDemo(t)
	h, err := adres.NewHandlerDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	report, err := os.ReadFile(filepath.Join(dir, "report.html"))
	if err != nil {
		t.Fatal(err)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/report.html", nil))
	if rec.Code != 200 || !bytes.Equal(rec.Body.Bytes(), report) {
		t.Errorf("/report.html: %d, %d bytes; want 200 and the %d bytes of report.html", rec.Code, rec.Body.Len(), len(report))
	}
	var cli bytes.Buffer
	run([]string{"adres", "--json", "--out", dir, "2628RC 33"}, &cli, io.Discard)
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/api/adres?q=2628RC+33", nil))
	var a, b map[string]any
	if err := json.Unmarshal(cli.Bytes(), &a); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &b); err != nil {
		t.Fatal(err)
	}
	if a["pand_id"] == nil || a["pand_id"] != b["pand_id"] || a["best"] != b["best"] {
		t.Errorf("handler answers %v %v, the CLI %v %v", b["pand_id"], b["best"], a["pand_id"], a["best"])
	}
}
