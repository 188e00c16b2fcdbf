package report

import (
	"math"

	"github.com/wijkwarmte/wijkwarmte/kader"
)

// kaderView is the report's Toetsingskader section: the kader applied.
type kaderView struct {
	File        string
	Explanation string
	Rule        string
	Criteria    []kaderCriterion
	Rows        []kaderRow
	Notes       []string
}

type kaderCriterion struct {
	Label, Unit, Weight, Limit, Method string
}

type kaderRow struct {
	Label, Verdict, Total, Rank, NationalRank string
	Preferred, Out                            bool
	Cells                                     []kaderCell
}

type kaderCell struct {
	Value, Score string
	Fail         bool
}

// kaderSection builds the section from summary.json's assessment; nil
// without a kader.
func kaderSection(s *Summary) *kaderView {
	a := s.Assessment
	if a == nil {
		return nil
	}
	v := &kaderView{File: a.File, Explanation: a.Explanation, Rule: kader.ScoringRule, Notes: a.Notes}
	for _, c := range a.Criteria {
		kc := kaderCriterion{Label: c.Label, Unit: c.Unit, Weight: nl(c.Weight, decimals(c.Weight)), Limit: "–", Method: c.Method}
		if c.Limit != nil {
			op := "hoogstens "
			if c.HigherIsBetter {
				op = "minstens "
			}
			kc.Limit = op + nl(*c.Limit, decimals(*c.Limit))
		}
		v.Criteria = append(v.Criteria, kc)
	}
	for _, st := range a.Strategies {
		r := kaderRow{Label: st.Label, Verdict: st.Sentence, Total: "–", Rank: "–", NationalRank: "–",
			Preferred: st.Name == a.Preferred, Out: st.Excluded || !st.Feasible}
		if st.Total != nil {
			r.Total = nl(*st.Total, 0)
		}
		if st.Rank > 0 {
			r.Rank = nl(float64(st.Rank), 0)
		}
		if st.NationalRank > 0 {
			r.NationalRank = nl(float64(st.NationalRank), 0)
		}
		for _, val := range st.Values {
			c := kaderCell{Value: "–"}
			if val.Value != nil {
				c.Value = nl(*val.Value, decimals(*val.Value))
			}
			if val.Score != nil {
				c.Score = nl(*val.Score, 0)
			}
			c.Fail = val.Pass != nil && !*val.Pass
			r.Cells = append(r.Cells, c)
		}
		v.Rows = append(v.Rows, r)
	}
	return v
}

// decimals: one decimal below 10, none from there.
func decimals(x float64) int {
	if math.Abs(x) < 10 && x != math.Trunc(x) {
		return 1
	}
	return 0
}
