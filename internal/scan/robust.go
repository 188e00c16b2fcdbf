package scan

import (
	"github.com/wijkwarmte/wijkwarmte/internal/report"
	"github.com/wijkwarmte/wijkwarmte/wijkanalyse"
)

// robustSummary converts the draws' summary for summary.json, with the
// strategies' labels from the summary's strategy table.
func robustSummary(r *wijkanalyse.Robustness, sts []report.Strategy) *report.Robustness {
	labels := map[string]string{}
	for _, st := range sts {
		labels[st.Name] = st.Label
	}
	conv := func(in []wijkanalyse.StrategyRobustness) []report.RobustStrategy {
		out := make([]report.RobustStrategy, len(in))
		for k, st := range in {
			out[k] = report.RobustStrategy{Name: st.Name, Label: labels[st.Name], Wins: st.Wins, WinShare: st.WinShare, FeasibleDraws: st.FeasibleDraws,
				NationalCostEURPerYear:           report.Percentiles(st.NationalCostEURPerYear),
				EnduserCostEURPerYearPerDwelling: report.Percentiles(st.EnduserCostEURPerYearPerDwelling)}
		}
		return out
	}
	s := &report.Robustness{Draws: r.Draws, Seed: r.Seed, Distribution: r.Distribution, Routing: r.Routing, Groups: r.Groups,
		SampledParameters: r.SampledParameters, HeldParameters: r.HeldParameters, Strategies: conv(r.Strategies)}
	for _, a := range r.Areas {
		s.Areas = append(s.Areas, report.RobustArea{Code: a.Code, Name: a.Name, Strategies: conv(a.Strategies)})
	}
	return s
}
