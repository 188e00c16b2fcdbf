package kosten

import (
	"fmt"
	"strconv"
)

// Learning-curve groups with parameters learning.<group>.<2030|2040|2050>
// (Vesta Leercurves.dms; value = Vesta's 50/50 mix of its optimistic and
// pessimistic curves, min = optimistic, max = pessimistic = 1).
const (
	LearnHeatPump     = "hp"
	LearnHybrid       = "hybrid"
	LearnLTAS         = "ltas"
	LearnInsulationCB = "insulation_cb"
	LearnInsulationA  = "insulation_a"
	LearnMTNet        = "mt_net"
	LearnInBuilding   = "inbuilding"
	LearnServicePipes = "service_pipes"
	LearnOM           = "om"
	LearnLTSources    = "lt_sources"
	LearnGeothermie   = "geothermie"
)

var learnYears = [...]int{2020, 2030, 2040, 2050}

// LearningIndex is the cost index of an investment made in year relative
// to 2020 (= 1) for a learning-curve group: linear between the points
// 2020 (1), 2030, 2040 and 2050, flat before 2020 and after 2050. The
// views do not apply learning on their own (every investment is made at
// the start, eval.base_year); scale an Investment's Cost by this index to
// price a later investment year.
func (p *Params) LearningIndex(group string, year int) (Band[float64], error) {
	pts := [len(learnYears)]Band[float64]{Point(1.0)}
	for i, y := range learnYears[1:] {
		prm, err := p.Get("learning." + group + "." + strconv.Itoa(y))
		if err != nil {
			return Band[float64]{}, fmt.Errorf("kosten: learning curve %q: %w", group, err)
		}
		pts[i+1] = prm.Band
	}
	if year <= learnYears[0] {
		return pts[0], nil
	}
	for i := 1; i < len(learnYears); i++ {
		if year <= learnYears[i] {
			f := float64(year-learnYears[i-1]) / float64(learnYears[i]-learnYears[i-1])
			a, b := pts[i-1], pts[i]
			return Band[float64]{
				Value: a.Value + f*(b.Value-a.Value),
				Min:   a.Min + f*(b.Min-a.Min),
				Max:   a.Max + f*(b.Max-a.Max),
			}, nil
		}
	}
	return pts[len(pts)-1], nil
}
