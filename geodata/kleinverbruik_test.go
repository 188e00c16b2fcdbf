package geodata

import (
	"errors"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const kvDir = "../testdata/kleinverbruik"

// readAllKV reads every row of a kleinverbruik file.
func readAllKV(r io.Reader, name string) (*KleinverbruikReader, []KleinverbruikRow, error) {
	k, err := NewKleinverbruikReader(r, name)
	if err != nil {
		return nil, nil, err
	}
	var rows []KleinverbruikRow
	buf := make([]KleinverbruikRow, 7)
	for {
		n, err := k.Read(buf)
		rows = append(rows, buf[:n]...)
		if err == io.EOF {
			return k, rows, nil
		}
		if err != nil {
			return k, rows, err
		}
	}
}

// TestKleinverbruikVariants reads the hand-made sample of each known
// variant (testdata/kleinverbruik/README.md) and checks the same range's
// figures come out of each.
func TestKleinverbruikVariants(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		file      string
		sep       rune
		variant   string
		year      int
		rows      int
		sjv       float64 // first GAS row, m3
		fysiek    float64
		slimmeMin float64
	}{
		{"Stedin_kleinverbruiksgegevens_01012023.csv", '\t', "standard", 2023, 120, 860, 100, 71},
		{"Stedin_kleinverbruiksgegevens_01012024.csv", '\t', "standard", 2024, 98, 834.2, 100, 79},
		{"Liander_kleinverbruiksgegevens_01012024.csv", ';', "standard", 2024, 23, 834.2, 100, 79},
		{"Enexis_kleinverbruiksgegevens_01012019.csv", ';', "enexis-old", 2019, 34, 860, 100, 71},
		{"Enexis_kleinverbruiksgegevens_01012025.csv", ',', "sja", 2025, 23, 834.2, 100, 79},
	} {
		t.Run(tc.file, func(t *testing.T) {
			t.Parallel()
			path := filepath.Join(kvDir, tc.file)
			f, err := os.Open(path)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			k, rows, err := readAllKV(f, path)
			if err != nil {
				t.Fatal(err)
			}
			if k.Separator != tc.sep || k.Variant != tc.variant {
				t.Errorf("separator %q variant %q, want %q %q", k.Separator, k.Variant, tc.sep, tc.variant)
			}
			if y, ok := KleinverbruikYear(path); !ok || y != tc.year {
				t.Errorf("year %d %v, want %d", y, ok, tc.year)
			}
			if len(rows) != tc.rows || k.Report.Read != tc.rows || k.Report.Used != tc.rows {
				t.Errorf("%d rows, report %+v; want %d", len(rows), k.Report, tc.rows)
			}
			g := rows[0]
			if g.Product != "GAS" || g.Straatnaam != "Nieuwe Gracht" || g.PostcodeVan != "2611DV" || g.PostcodeTot != "2611DV" ||
				g.Aansluitingen != 57 || math.Abs(g.SJVGemiddeld-tc.sjv) > 1e-9 || g.FysiekeStatusPerc != tc.fysiek ||
				g.SlimmeMeterPerc != tc.slimmeMin || g.Landcode != "NL" || g.Woonplaats != "DELFT" {
				t.Errorf("first row %+v", g)
			}
			if rows[1].Product != "ELK" || rows[1].SJVGemiddeld != 2400 || rows[1].SoortAansluiting != "1x35" {
				t.Errorf("second row %+v", rows[1])
			}
			found := false
			for _, r := range rows {
				if strings.HasPrefix(r.Straatnaam, "R") && strings.HasSuffix(r.Straatnaam, "ntgenweg") {
					found = true
					if r.Straatnaam != "Röntgenweg" {
						t.Errorf("street %q, want Röntgenweg (encoding)", r.Straatnaam)
					}
				}
				if !r.Contains(r.PostcodeVan) || !r.Contains(r.PostcodeTot) {
					t.Errorf("line %d: range %s-%s does not contain its ends", r.Line, r.PostcodeVan, r.PostcodeTot)
				}
			}
			if !found && tc.rows > 30 { // the Stedin files and the Latin-1 Enexis one
				t.Error("no Röntgenweg row")
			}
		})
	}
}

func TestKleinverbruikActiveConnections(t *testing.T) {
	r := KleinverbruikRow{Aansluitingen: 40, FysiekeStatusPerc: 97.5}
	if got := r.ActiveConnections(); got != 39 {
		t.Errorf("active %v, want 39", got)
	}
	r.FysiekeStatusPerc = math.NaN()
	if got := r.ActiveConnections(); got != 40 {
		t.Errorf("active without FYSIEKE_STATUS_PERC %v, want 40", got)
	}
}

const kvHeader = "NETBEHEERDER;NETGEBIED;STRAATNAAM;POSTCODE_VAN;POSTCODE_TOT;WOONPLAATS;LANDCODE;PRODUCTSOORT;VERBRUIKSSEGMENT;AANSLUITINGEN_AANTAL;LEVERINGSRICHTING_PERC;FYSIEKE_STATUS_PERC;SOORT_AANSLUITING_PERC;SOORT_AANSLUITING;SJV_GEMIDDELD;SJV_LAAG_TARIEF_PERC;SLIMME_METER_PERC\n"

func kvRow(pcVan, pcTot, product, aantal, sjv string) string {
	return "Stedin;Stedin;Straat;" + pcVan + ";" + pcTot + ";DELFT;NL;" + product + ";KVB;" + aantal + ";100;100;90;G4;" + sjv + ";0;80\n"
}

// TestKleinverbruikErrors: every bad file is one error naming the file
// and the line, with what is wrong.
func TestKleinverbruikErrors(t *testing.T) {
	t.Parallel()
	good := kvRow("2628CD", "2628CF", "GAS", "12", "1100,5")
	for _, tc := range []struct {
		name, body string
		want       []string
		sentinel   error
	}{
		{"unknown column", strings.Replace(kvHeader, "SJV_GEMIDDELD", "GASVERBRUIK", 1) + good,
			[]string{"k.csv: line 1:", `unknown column "GASVERBRUIK"`, "known: NETBEHEERDER", `"SJA_GEMIDDELD"`}, ErrColumns},
		{"missing column", "POSTCODE_VAN;POSTCODE_TOT;PRODUCTSOORT;SJV_GEMIDDELD\n2628CD;2628CD;GAS;1000\n",
			[]string{"k.csv: line 1:", "header has no AANSLUITINGEN_AANTAL"}, ErrColumns},
		{"comma separated with a tab-file name", "POSTCODE_VAN\tPOSTCODE_TOT\n", []string{"k.csv: line 1:", "no PRODUCTSOORT, AANSLUITINGEN_AANTAL, SJV_GEMIDDELD"}, ErrColumns},
		{"empty", "", []string{"k.csv:", "empty file"}, ErrColumns},
		{"xlsx", "PK\x03\x04rest", []string{"k.csv:", ".xlsx workbook"}, ErrUnknownFormat},
		{"fields", kvHeader + good + "Stedin;Stedin;Straat;2628CD\n", []string{"k.csv: line 3:", "4 fields, the header (line 1) has 17"}, ErrColumns},
		{"postcode", kvHeader + kvRow("2628C", "2628CF", "GAS", "12", "1000"), []string{"k.csv: line 2:", `POSTCODE_VAN "2628C" is not a postcode`}, nil},
		{"range", kvHeader + kvRow("2628CF", "2628CD", "GAS", "12", "1000"), []string{"k.csv: line 2:", "POSTCODE_TOT 2628CD precedes POSTCODE_VAN 2628CF"}, nil},
		{"count", kvHeader + good + kvRow("2628CD", "2628CD", "GAS", "12,5", "1000"), []string{"k.csv: line 3:", `AANSLUITINGEN_AANTAL "12,5" is not a count`}, nil},
		{"number", kvHeader + kvRow("2628CD", "2628CD", "GAS", "12", "veel"), []string{"k.csv: line 2:", `SJV_GEMIDDELD "veel" is not a number`}, nil},
		{"nan", kvHeader + kvRow("2628CD", "2628CD", "GAS", "12", "NaN"), []string{"k.csv: line 2:", `SJV_GEMIDDELD "NaN" is not a number`}, nil},
		{"percentage", kvHeader + strings.Replace(good, ";80\n", ";180\n", 1), []string{"k.csv: line 2:", "SLIMME_METER_PERC 180 is out of range"}, nil},
		{"quote", kvHeader + `"Stedin;Stedin` + "\n", []string{"k.csv: line 2:"}, ErrCorrupt},
		{"long line", kvHeader + strings.Repeat("x", MaxLineBytes+10), []string{"k.csv: line 2:", "longer than"}, ErrCorrupt},
		{"twice", "POSTCODE_VAN;POSTCODE_VAN\n", []string{"k.csv: line 1:", "POSTCODE_VAN given twice"}, ErrColumns},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, _, err := readAllKV(strings.NewReader(tc.body), "k.csv")
			if err == nil {
				t.Fatal("no error")
			}
			msg := err.Error()
			if strings.Contains(msg, "\n") {
				t.Errorf("error has more than one line: %q", msg)
			}
			for _, w := range tc.want {
				if !strings.Contains(msg, w) {
					t.Errorf("error %q does not say %q", msg, w)
				}
			}
			if tc.sentinel != nil && !errors.Is(err, tc.sentinel) {
				t.Errorf("error %q does not wrap %v", msg, tc.sentinel)
			}
		})
	}
}

// TestKleinverbruikSkips: rows of another product or country are counted,
// not used, not an error.
func TestKleinverbruikSkips(t *testing.T) {
	body := kvHeader + kvRow("2628CD", "2628CD", "GAS", "12", "1000") + kvRow("2628CD", "2628CD", "WARMTE", "12", "10") +
		strings.Replace(kvRow("2628CE", "2628CE", "ELK", "12", "2000"), ";NL;", ";BE;", 1) + "\n"
	k, rows, err := readAllKV(strings.NewReader(body), "k.csv")
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1 || k.Report.Read != 3 || k.Report.Used != 1 || k.Report.Skipped[SkipOtherProduct] != 1 || k.Report.Skipped[SkipOtherCountry] != 1 {
		t.Errorf("rows %d, report %+v", len(rows), k.Report)
	}
}

func TestKleinverbruikYear(t *testing.T) {
	for _, tc := range []struct {
		name string
		year int
		ok   bool
	}{
		{"Stedin_kleinverbruiksgegevens_01012016.csv", 2016, true},
		{"/data/2019/enexis_kleinverbruik_2024.csv", 2024, true},
		{"liander-2022.csv", 2022, true},
		{"kleinverbruik.csv", 0, false},
		{"kv_1999.csv", 0, false},
	} {
		y, ok := KleinverbruikYear(tc.name)
		if y != tc.year || ok != tc.ok {
			t.Errorf("%s: %d %v, want %d %v", tc.name, y, ok, tc.year, tc.ok)
		}
	}
}

func FuzzKleinverbruik(f *testing.F) {
	ents, _ := os.ReadDir(kvDir)
	for _, e := range ents {
		if strings.HasSuffix(e.Name(), ".csv") {
			b, err := os.ReadFile(filepath.Join(kvDir, e.Name()))
			if err != nil {
				f.Fatal(err)
			}
			if len(b) > 2000 {
				b = b[:2000]
			}
			f.Add(b)
		}
	}
	f.Add([]byte(kvHeader + kvRow("2628CD", "2628CF", "GAS", "12", "1100,5")))
	f.Fuzz(func(t *testing.T, b []byte) {
		k, rows, err := readAllKV(strings.NewReader(string(b)), "f.csv")
		if err != nil {
			if !strings.HasPrefix(err.Error(), "f.csv") {
				t.Fatalf("error without the file name: %v", err)
			}
			return
		}
		if k.Report.Read != k.Report.Used+k.Report.Skipped[SkipOtherProduct]+k.Report.Skipped[SkipOtherCountry] || len(rows) != k.Report.Used {
			t.Fatalf("counts do not add up: %d rows, %+v", len(rows), k.Report)
		}
		for _, r := range rows {
			if r.PostcodeTot < r.PostcodeVan || r.Aansluitingen < 0 || r.SJVGemiddeld < 0 || math.IsInf(r.SJVGemiddeld, 0) {
				t.Fatalf("bad row accepted: %+v", r)
			}
		}
	})
}
