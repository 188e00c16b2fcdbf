package dashboard

import (
	"math"
	"strings"
	"testing"
	"time"

	"github.com/wijkwarmte/wijkwarmte/geodata"
	"github.com/wijkwarmte/wijkwarmte/internal/report"
	"github.com/wijkwarmte/wijkwarmte/kader"
)

// pathValue is ScheduleRule's straight path, computed here from the rule's
// words rather than from assess.
func pathValue(t *testing.T, base float64, baseDate string, goal float64, year int, at string) float64 {
	t.Helper()
	t0, err := time.Parse(time.DateOnly, baseDate)
	if err != nil {
		t.Fatal(err)
	}
	t1, err := time.Parse(time.DateOnly, at)
	if err != nil {
		t.Fatal(err)
	}
	end := time.Date(year, 12, 31, 0, 0, 0, 0, time.UTC)
	return base + (goal-base)*float64(t1.Sub(t0))/float64(end.Sub(t0))
}

func dashboardOf(dates []string, dwellings []int, labelB []int) *report.Dashboard {
	d := &report.Dashboard{}
	for i, day := range dates {
		d.Runs = append(d.Runs, report.DashboardRun{Dir: "run" + day, Date: day, Dwellings: dwellings[i], LabelBOrBetter: labelB[i]})
	}
	d.Indicators = runSeries(d.Runs)
	return d
}

func TestAssess(t *testing.T) {
	dates := []string{"2025-01-01", "2027-07-01"}
	expected := pathValue(t, 100, "2025-01-01", 600, 2030, "2027-07-01") // about 312
	if expected < 300 || expected > 320 {
		t.Fatalf("path value %.1f: the test's own arithmetic is off", expected)
	}
	cases := []struct {
		name   string
		dates  []string
		labelB []int
		goal   kader.Goal
		status string
		says   string
	}{
		{"on schedule", dates, []int{100, 320}, kader.Goal{Indicator: "dwellings_label_b_or_better", Year: 2030, Value: 600, Line: 7}, report.GoalOnSchedule, "op schema"},
		{"behind", dates, []int{100, 300}, kader.Goal{Indicator: "dwellings_label_b_or_better", Year: 2030, Value: 600, Line: 7}, report.GoalBehind, "achter op schema"},
		{"reached", dates, []int{100, 600}, kader.Goal{Indicator: "dwellings_label_b_or_better", Year: 2030, Value: 600, Line: 7}, report.GoalReached, "gehaald"},
		{"missed", []string{"2025-01-01", "2031-02-01"}, []int{100, 599}, kader.Goal{Indicator: "dwellings_label_b_or_better", Year: 2030, Value: 600, Line: 7}, report.GoalMissed, "niet gehaald"},
		{"baseline only", []string{"2025-01-01", "2025-01-01"}, []int{100, 100}, kader.Goal{Indicator: "dwellings_label_b_or_better", Year: 2030, Value: 600, Line: 7}, report.GoalBaselineOnly, "nulmeting"},
		{"not measured", dates, []int{100, 320}, kader.Goal{Indicator: "dwellings_off_gas", Year: 2030, Value: 600, Line: 8}, report.GoalNoData, "--kleinverbruik"},
		// 25 % of 1,000 dwellings at the start, 31 % later; the path from
		// 25 % to 50 % gives about 35.6 % in mid-2027: behind.
		{"percent", dates, []int{250, 310}, kader.Goal{Indicator: "dwellings_label_b_or_better", Year: 2030, Value: 50, Percent: true, Line: 9}, report.GoalBehind, "procentpunt te weinig"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := dashboardOf(c.dates, []int{1000, 1000}, c.labelB)
			gs := assess(d, c.goal)
			if gs.Status != c.status {
				t.Errorf("status %q, want %q (%s)", gs.Status, c.status, gs.Sentence)
			}
			if !strings.Contains(gs.Sentence, c.says) || !strings.Contains(gs.Sentence, "regel ") {
				t.Errorf("sentence %q does not say %q and the kader line", gs.Sentence, c.says)
			}
			if c.status == report.GoalOnSchedule || c.status == report.GoalBehind {
				want := pathValue(t, float64(c.labelB[0]), c.dates[0], c.goal.Value, c.goal.Year, c.dates[1])
				if c.goal.Percent {
					want = pathValue(t, 100*float64(c.labelB[0])/1000, c.dates[0], c.goal.Value, c.goal.Year, c.dates[1])
				}
				if gs.Expected == nil || math.Abs(*gs.Expected-want) > 0.01 {
					t.Errorf("expected %v, want %.2f", gs.Expected, want)
				}
			}
		})
	}
	// The modelled connections are called so.
	d := dashboardOf(dates, []int{1000, 1000}, []int{0, 0})
	gs := assess(d, kader.Goal{Indicator: "warmtenet_connections", Year: 2035, Value: 800, Line: 3})
	if gs.Unit != "aansluitingen" || !strings.Contains(gs.Sentence, "geen gerealiseerde aansluitingen") {
		t.Errorf("connections goal: unit %q, sentence %q", gs.Unit, gs.Sentence)
	}
}

func kvRow(product, street, from, to string, n int, phys float64, sjv float64, line int) *kvRange {
	return &kvRange{row: geodata.KleinverbruikRow{Product: product, Straatnaam: street, PostcodeVan: from, PostcodeTot: to,
		Aansluitingen: n, FysiekeStatusPerc: phys, SJVGemiddeld: sjv, Line: line}, street: normStreet(street)}
}

func TestMatch(t *testing.T) {
	var homes []home
	add := func(n int, pc, street string, gas float64) {
		for range n {
			homes = append(homes, home{postcode: pc, street: normStreet(street), gasM3: gas})
		}
	}
	add(12, "2628AB", "Julianalaan", 1000) // a gas range of 10 active connections: 2 off gas
	add(5, "2628CD", "Papsouwselaan", 900) // ELK only: off gas
	add(3, "2629ZZ", "Elders", 800)        // in no range
	add(4, "2628AC", "Zuidpoort", 700)     // in two gas ranges: its own street's wins
	ranges := []*kvRange{
		kvRow("GAS", "Julianalaan", "2628AA", "2628AZ", 20, 50, 1100, 2),
		kvRow("ELK", "Julianalaan", "2628AA", "2628AZ", 20, 100, 2500, 3),
		kvRow("ELK", "Papsouwselaan", "2628CA", "2628CZ", 11, 100, 2500, 4),
		kvRow("GAS", "Zuidpoort", "2628AC", "2628AC", 4, 100, 650, 5),
	}
	y := match(homes, ranges, nil)
	if y.Addresses != 24 || y.InGasRange != 16 || y.ElectricOnly != 5 || y.NotCovered != 3 {
		t.Errorf("counts %+v, want 24 addresses: 16 in a gas range, 5 electric only, 3 not covered", y)
	}
	if y.GasConnections != 14 || y.OffGas != 2+5 {
		t.Errorf("gas connections %.1f (want 10 + 4), off gas %d (want 12-10 + 5)", y.GasConnections, y.OffGas)
	}
	if ranges[0].homes != 12 || ranges[3].homes != 4 || ranges[0].modelled != 12000 {
		t.Errorf("homes per range: Julianalaan %d (want 12, modelled %.0f), Zuidpoort %d (want 4)", ranges[0].homes, ranges[0].modelled, ranges[3].homes)
	}
}

func TestTouches(t *testing.T) {
	pc4 := map[string]bool{"2628": true}
	for _, c := range []struct {
		from, to string
		want     bool
	}{{"2628", "2628", true}, {"2600", "2699", true}, {"2629", "2629", false}, {"2500", "2600", false}, {"2627", "2628", true}} {
		if got := touches(c.from, c.to, pc4); got != c.want {
			t.Errorf("touches(%s, %s) = %v, want %v", c.from, c.to, got, c.want)
		}
	}
}
