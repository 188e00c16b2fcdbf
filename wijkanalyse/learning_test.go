package wijkanalyse

import (
	"math"
	"strings"
	"testing"

	"github.com/wijkwarmte/wijkwarmte/kosten"
)

// TestPipeYearLearning: the expansion's yearly pipe cost follows kosten's
// learning curves at the base year: at 2020 every index is 1; at 2030 the
// investment scales by learning.mt_net.2030 and the O&M by learning.om.2030,
// each taken from the parameter table, so the figure is computed by hand
// here from the same rows.
func TestPipeYearLearning(t *testing.T) {
	t.Parallel()
	base := kosten.Defaults()
	p2030, err := base.WithOverrides(strings.NewReader("name,value,unit\neval.base_year,2030,year\n"), "test")
	if err != nil {
		t.Fatal(err)
	}
	c := Band{Value: 100_000, Min: 90_000, Max: 110_000}
	for _, tc := range []struct {
		name string
		p    *kosten.Params
		year int
	}{{"2020", base, 2020}, {"2030", p2030, 2030}} {
		pr := newPricer(tc.p)
		if got := int(pr.v("eval.base_year")); got != tc.year {
			t.Fatalf("%s: base year %d", tc.name, got)
		}
		mt, err := tc.p.LearningIndex(kosten.LearnMTNet, tc.year)
		if err != nil {
			t.Fatal(err)
		}
		om, err := tc.p.LearningIndex(kosten.LearnOM, tc.year)
		if err != nil {
			t.Fatal(err)
		}
		if tc.year == 2020 && (mt.Value != 1 || om.Value != 1) {
			t.Fatalf("2020 indices %v, %v; want 1", mt.Value, om.Value)
		}
		if tc.year == 2030 && !(mt.Value < 1 && om.Value < 1) {
			t.Fatalf("2030 indices %v, %v; want below 1", mt.Value, om.Value)
		}
		r, life := pr.v("discount.national"), int(pr.v("life.network"))
		annual := kosten.Annualise(kosten.Point(kosten.Euro(c.Value*mt.Value)), r, life, int(pr.v("eval.start")), int(pr.v("eval.end")))
		want := float64(annual.Value) + c.Value*pr.v("om.pipes_secondary")*om.Value
		if got := pr.pipeYear(c); math.Abs(got-want) > 1e-6*want {
			t.Errorf("%s: pipeYear %.4f, want %.4f", tc.name, got, want)
		}
	}
}
