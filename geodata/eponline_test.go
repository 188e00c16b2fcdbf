package geodata

import (
	"bytes"
	"errors"
	"io"
	"os"
	"strings"
	"testing"
	"time"
)

const epFixture = "../testdata/ep-online/ep-online-delft-synthetic.csv"

func TestReadEPOnlineFixture(t *testing.T) {
	t.Parallel()
	fh, err := os.Open(epFixture)
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	var rep Report
	labels, err := ReadEPOnline(fh, epFixture, &rep)
	if err != nil {
		t.Fatal(err)
	}
	// see testdata/ep-online/README.md: 39 rows, 31 ids, 8 superseded
	if rep.Read != 39 || rep.Used != 31 || rep.Skipped[SkipDuplicateID] != 8 || labels.Len() != 31 {
		t.Errorf("report %+v, %d labels; want 39 read, 31 used, 8 duplicates", rep, labels.Len())
	}
	// 0503010000002001: F on 2023-01-13, then D on 2024-04-04 (written
	// without the leading zero): the newer wins.
	l, ok := labels.ForVerblijfsobject("0503010000002001")
	if !ok || l.Klasse != "D" || !l.Opnamedatum.Equal(time.Date(2024, 4, 4, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("0503010000002001: %+v, %v; want D of 2024-04-04", l, ok)
	}
	if l.PandID != "0503100000037810" || l.Gebouwtype != "Tussenwoning" || l.OppervlakteM2 != 103 || l.Postcode != "2628MB" {
		t.Errorf("0503010000002001: %+v", l)
	}
	pandOnly := 0
	for _, l := range labels.Labels() {
		if len(l.PandID) != 16 || (l.VerblijfsobjectID != "" && len(l.VerblijfsobjectID) != 16) {
			t.Errorf("id not normalised: %+v", l)
		}
		if l.VerblijfsobjectID == "" {
			pandOnly++
		}
		// no older registration listed after a newer one survives
		if l.Klasse == "G" && l.Opnamedatum.Year() == 2012 {
			t.Errorf("an older registration won: %+v", l)
		}
	}
	if pandOnly != 1 {
		t.Errorf("%d pand-only labels, want 1", pandOnly)
	}
}

func TestEPOnlineErrors(t *testing.T) {
	t.Parallel()
	hdr := "Pand_opnamedatum;Pand_energieklasse;Pand_bagverblijfsobjectid;Pand_bagpandid\n"
	cases := []struct {
		name string
		in   string
		want error
		line int
		msg  string
	}{
		{"wrong column count", "PublicatieDatum;20251101\n" + hdr + "20240101;B;0503010000000001;0503100000000001\n20240101;C;0503010000000002\n",
			ErrColumns, 4, "line 4: feature 1 (id 0503010000000002)"},
		{"bad date", hdr + "2024-01-01;B;0503010000000001;\n", ErrValue, 2, "YYYYMMDD"},
		{"bad class", hdr + "20240101;Z;0503010000000001;\n", ErrValue, 2, `"Z"`},
		{"bad id", hdr + "20240101;B;05030100000000017777;\n", nil, 2, "Pand_bagverblijfsobjectid"},
		{"no header", "a;b;c\n1;2;3\n", ErrColumns, 0, "no EP-Online header"},
		{"not an EP-Online file, quotes", "criterium;x;1\n# \"quoted\" words\n", ErrColumns, 2, "no EP-Online header (a line with Pand_opnamedatum) up to line 2"},
		{"header without class", "Pand_opnamedatum;Pand_bagpandid\n", ErrColumns, 1, "Pand_energieklasse"},
		{"floor area NaN", "Pand_opnamedatum;Pand_energieklasse;Pand_bagverblijfsobjectid;Pand_gebruiksoppervlakte\n20240101;B;0503010000000001;NaN\n", ErrValue, 2, `Pand_gebruiksoppervlakte "NaN"`},
		{"floor area Inf", "Pand_opnamedatum;Pand_energieklasse;Pand_bagverblijfsobjectid;Pand_gebruiksoppervlakte\n20240101;B;0503010000000001;+Inf\n", ErrValue, 2, `"+Inf"`},
		{"floor area with an underscore", "Pand_opnamedatum;Pand_energieklasse;Pand_bagverblijfsobjectid;Pand_gebruiksoppervlakte\n20240101;B;0503010000000001;1_000\n", ErrValue, 2, `"1_000"`},
		{"floor area in hexadecimal", "Pand_opnamedatum;Pand_energieklasse;Pand_bagverblijfsobjectid;Pand_gebruiksoppervlakte\n20240101;B;0503010000000001;0x1p4\n", ErrValue, 2, `"0x1p4"`},
		{"bad quote", hdr + "20240101;\"B;0503010000000001;\n", ErrCorrupt, 2, "extraneous"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			var rep Report
			_, err := ReadEPOnline(strings.NewReader(c.in), "labels.csv", &rep)
			var fe *FeatureError
			if !errors.As(err, &fe) || fe.File != "labels.csv" {
				t.Fatalf("err %v, want a FeatureError for labels.csv", err)
			}
			if c.want != nil && !errors.Is(err, c.want) {
				t.Errorf("err %v, want %v", err, c.want)
			}
			if c.want == ErrValue && (errors.Is(err, ErrCorrupt) || strings.Contains(err.Error(), "corrupt")) {
				t.Errorf("err %v: a bad value is not a corrupt file", err)
			}
			if fe.Line != c.line {
				t.Errorf("line %d, want %d (%v)", fe.Line, c.line, err)
			}
			if !strings.Contains(err.Error(), c.msg) {
				t.Errorf("%q does not contain %q", err, c.msg)
			}
		})
	}
}

func TestEPOnlineSkips(t *testing.T) {
	t.Parallel()
	in := "\ufeffPand_opnamedatum;Pand_energieklasse;Pand_bagverblijfsobjectid;Pand_bagpandid\n" +
		"20240101;B;;\n" + // no id
		"20240101;;0503010000000001;\n" + // no label
		"20240101;a+;503010000000002;\n"
	var rep Report
	labels, err := ReadEPOnline(strings.NewReader(in), "x.csv", &rep)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Read != 3 || rep.Used != 1 || rep.Skipped[SkipNoID] != 1 || rep.Skipped[SkipNoLabel] != 1 {
		t.Errorf("report %+v", rep)
	}
	if l, ok := labels.ForVerblijfsobject("0503010000000002"); !ok || l.Klasse != "A+" {
		t.Errorf("label %+v %v", l, ok)
	}
}

// TestEPOnlinePandOnlyKept: a registration with only a pand id is kept
// whatever its Pand_huisnummer ("vijftien"): the scan gives its label to
// the units of its pand by the pand id, not by the address.
func TestEPOnlinePandOnlyKept(t *testing.T) {
	t.Parallel()
	in := "Pand_opnamedatum;Pand_energieklasse;Pand_bagverblijfsobjectid;Pand_bagpandid;Pand_postcode;Pand_huisnummer\n" +
		"20240101;C;;0503100000037810;2628MB;vijftien\n" +
		"20240101;B;0503010000000001;0503100000037810;2628MB;15a\n" +
		"20240101;D;;0503100000000002;2628MB;17\n"
	var rep Report
	labels, err := ReadEPOnline(strings.NewReader(in), "x.csv", &rep)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Read != 3 || rep.Used != 3 || rep.SkippedTotal() != 0 {
		t.Errorf("report %+v, want 3 read, 3 used", rep)
	}
	if labels.Len() != 3 {
		t.Errorf("%d labels kept, want 3: %+v", labels.Len(), labels.Labels())
	}
}

func FuzzEPOnlineCSV(f *testing.F) {
	b, err := os.ReadFile(epFixture)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(b)
	f.Add([]byte("Pand_opnamedatum;Pand_energieklasse;Pand_bagpandid\n20240101;B;1\n"))
	f.Add([]byte("x\nPand_opnamedatum;Pand_energieklasse;Pand_bagverblijfsobjectid\n2024;\"B\";\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := NewEPOnlineReader(bytes.NewReader(data), "fuzz.csv")
		if err != nil {
			return
		}
		buf := make([]EnergyLabel, 4)
		for {
			n, err := r.Read(buf)
			for _, l := range buf[:n] {
				if l.VerblijfsobjectID == "" && l.PandID == "" {
					t.Fatalf("label without id: %+v", l)
				}
				if !validKlasse[l.Klasse] {
					t.Fatalf("bad class kept: %+v", l)
				}
			}
			if err == io.EOF {
				break
			}
			if err != nil {
				var fe *FeatureError
				if !errors.As(err, &fe) {
					t.Fatalf("error %v is not a FeatureError", err)
				}
				break
			}
		}
		if r.Report.Read != r.Report.Used+r.Report.SkippedTotal() {
			t.Fatalf("report does not add up: %+v", r.Report)
		}
	})
}

// TestEPOnlineLongLine: one line longer than MaxLineBytes is an error
// naming the file and line, found before the line is held in memory
// (issue 13, defect 3: one 420 MB line took 2 GB and exited 0).
func TestEPOnlineLongLine(t *testing.T) {
	t.Parallel()
	head := "Pand_opnamedatum;Pand_bagverblijfsobjectid;Pand_energieklasse\n20200101;0503010000012345;A\n"
	for _, c := range []struct {
		name string
		r    io.Reader
	}{
		{"in a row", io.MultiReader(strings.NewReader(head), strings.NewReader("20200101;"), neverEnding('x'))},
		{"in the preamble", neverEnding('y')},
	} {
		t.Run(c.name, func(t *testing.T) {
			var rep Report
			_, err := ReadEPOnline(c.r, "ep.csv", &rep)
			var le *LineTooLongError
			if !errors.As(err, &le) || !strings.Contains(err.Error(), "ep.csv") {
				t.Fatalf("error %v, want a LineTooLongError naming ep.csv", err)
			}
		})
	}
}

// neverEnding is an endless line of one byte.
type neverEnding byte

func (b neverEnding) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = byte(b)
	}
	return len(p), nil
}
