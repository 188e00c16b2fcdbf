package report

import (
	"bytes"
	"strings"
	"testing"
)

// TestDashboardGoalTable: a goal in woningen shows its measurements whole
// ("96", not "96,0"), a goal in percent with one decimal.
func TestDashboardGoalTable(t *testing.T) {
	t.Parallel()
	exp := 271.44
	d := &Dashboard{
		Format: DashboardFormat, Version: DashboardVersion, Wijk: "Proefwijk",
		Runs: []DashboardRun{{Dir: "scan", Date: "2025-01-15", Dwellings: 100}},
		Goals: []GoalStatus{
			{Indicator: "dwellings_off_gas", Label: "woningen van het aardgas af", Year: 2030, Value: 1500, Unit: "woningen",
				Baseline: &SeriesPoint{Date: "2023-01-01", Value: 96}, Latest: &SeriesPoint{Date: "2024-01-01", Value: 5},
				Expected: &exp, Status: GoalOnSchedule, StatusLabel: "op schema"},
			{Indicator: "dwellings_label_b_or_better", Label: "woningen met label B of beter", Year: 2030, Value: 75, Percent: true, Unit: "%",
				Baseline: &SeriesPoint{Date: "2025-01-15", Value: 6.7931}, Status: GoalBaselineOnly, StatusLabel: "alleen een nulmeting"},
		},
	}
	var b bytes.Buffer
	if err := RenderDashboard(&b, d); err != nil {
		t.Fatal(err)
	}
	html := b.String()
	for _, want := range []string{
		`<td class="n">1.500</td>`,
		`<td class="n">96 <small>(2023-01-01)</small>`,
		`<td class="n">5 <small>(2024-01-01)</small>`,
		`<td class="n">75,0 %</td>`,
		`<td class="n">6,8 <small>(2025-01-15)</small>`,
	} {
		if !strings.Contains(html, want) {
			t.Errorf("dashboard.html lacks %s", want)
		}
	}
}
