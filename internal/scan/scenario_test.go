package scan

import (
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
