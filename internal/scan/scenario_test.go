package scan

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wijkwarmte/wijkwarmte/kosten"
)

// TestScenariosBOM: a scenario file saved by a spreadsheet as "CSV UTF-8"
// starts with a byte-order mark and Windows line ends; it reads the same.
func TestScenariosBOM(t *testing.T) {
	t.Parallel()
	plain := "scenario,name,value,unit\nA,discount.national,0.05,fraction\nB,discount.national,0.01,fraction\n"
	for name, raw := range map[string]string{
		"plain":    plain,
		"bom":      "\ufeff" + plain,
		"bom+crlf": "\ufeffscenario,name,value,unit\r\nA,discount.national,0.05,fraction\r\nB,discount.national,0.01,fraction\r\n",
	} {
		scs, err := parseScenarios([]byte(raw), "s.csv")
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if len(scs) != 2 || scs[0].name != "A" || scs[1].name != "B" {
			t.Fatalf("%s: scenarios %+v, want A and B", name, scs)
		}
		for _, sc := range scs {
			if _, err := sc.apply(kosten.Defaults()); err != nil {
				t.Fatalf("%s: scenario %s: %v", name, sc.name, err)
			}
		}
	}
}

// TestScenariosLineNumbersAfterMultilineField: a quoted field with a line
// break (a source note typed in a spreadsheet cell) must not shift the line
// numbers of the rows after it in error messages.
func TestScenariosLineNumbersAfterMultilineField(t *testing.T) {
	t.Parallel()
	raw := "scenario,name,value,unit,price_year,source\n" +
		"A,discount.national,0.05,fraction,-,\"a note\nover two lines\"\n" +
		"A,discount.landlord,0.04,EUR,-,x\n" // line 4: wrong unit (fraction)
	scs, err := parseScenarios([]byte(raw), "s.csv")
	if err != nil {
		t.Fatal(err)
	}
	_, err = scs[0].apply(kosten.Defaults())
	if err == nil || !strings.Contains(err.Error(), "s.csv:4:") || !strings.Contains(err.Error(), "unit") {
		t.Fatalf("error %v, want one naming s.csv:4", err)
	}
}

// TestScenarioLimits: a scenario file may not ask for more scans or memory
// than a run can give (issue 13, defect 3: 100 scenarios in 3.8 KB took
// 147 s and 2.96 GB): more than maxScenarios scenarios, or a file larger
// than maxScenarioBytes, is an error naming the file (and the line).
func TestScenarioLimits(t *testing.T) {
	t.Parallel()
	var b strings.Builder
	b.WriteString("scenario,name,value,unit\n")
	for i := range maxScenarios + 1 {
		fmt.Fprintf(&b, "s%d,discount.national,0.0%d,fraction\n", i, 1+i%9)
	}
	dir := t.TempDir()
	many := filepath.Join(dir, "many.csv")
	os.WriteFile(many, []byte(b.String()), 0o644)
	_, err := readScenarios(many)
	if err == nil || !strings.Contains(err.Error(), many) || !strings.Contains(err.Error(), fmt.Sprintf(":%d", maxScenarios+2)) {
		t.Errorf("%d scenarios: error %v, want one naming %s and line %d", maxScenarios+1, err, many, maxScenarios+2)
	}
	// maxScenarios is fine.
	lines := strings.SplitAfter(b.String(), "\n")
	ok := filepath.Join(dir, "ok.csv")
	os.WriteFile(ok, []byte(strings.Join(lines[:maxScenarios+1], "")), 0o644)
	if scs, err := readScenarios(ok); err != nil || len(scs) != maxScenarios {
		t.Errorf("%d scenarios: %d read, %v", maxScenarios, len(scs), err)
	}
	big := filepath.Join(dir, "big.csv")
	os.WriteFile(big, append([]byte("scenario,name,value,unit\n"), bytes.Repeat([]byte("# padding\n"), maxScenarioBytes/10+1)...), 0o644)
	if _, err := readScenarios(big); err == nil || !strings.Contains(err.Error(), big) {
		t.Errorf("a file over %d bytes: error %v, want one naming %s", maxScenarioBytes, err, big)
	}
}
