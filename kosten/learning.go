package kosten

import (
	"fmt"
	"strconv"
)

// Learning-curve groups with parameters learning.<group>.<2030|2040|2050>
// (Vesta Leercurves.dms; value = Vesta's 50/50 mix of its optimistic and
// pessimistic curves, LeercurveMinMaxSchuif 0.5; min = optimistic, max =
// pessimistic = 1). Investment.Learning names one; LearnNone is no curve
// (Vesta's Infra curve for the electricity and gas grids is 100 % in every
// year, and the table has no curve for boilers, fees and the purchase of
// restwarmte or AVI heat capacity).
const (
	LearnNone         = ""
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
// 2020 (1), 2030, 2040 and 2050, flat before 2020 and after 2050. It is a
// real index: a cost of price year 2018 times the index is still in euro
// of 2018 (Vesta applies it to its euro-2018 tables the same way). The
// group LearnNone has index 1 in every year. The views apply it at
// eval.base_year to every investment (see Investment.Learning) and the
// O&M curve (LearnOM) to the O&M of every investment that has a group.
func (p *Params) LearningIndex(group string, year int) (Band[float64], error) {
	if group == LearnNone {
		return Point(1.0), nil
	}
	if year == p.learnYear {
		if g := learnGroupIndex(group); g >= 0 && p.learnBase[g].ok {
			return p.learnBase[g].index, nil
		}
	}
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

// learnGroups are the groups whose index at eval.base_year each Params
// holds (Params.learnBase), in the order of learnGroupIndex.
var learnGroups = [...]string{LearnHeatPump, LearnHybrid, LearnLTAS, LearnInsulationCB, LearnInsulationA, LearnMTNet,
	LearnInBuilding, LearnServicePipes, LearnOM, LearnLTSources, LearnGeothermie}

// learnGroupIndex is the position of group in learnGroups, -1 for
// another group.
func learnGroupIndex(group string) int {
	switch group {
	case LearnHeatPump:
		return 0
	case LearnHybrid:
		return 1
	case LearnLTAS:
		return 2
	case LearnInsulationCB:
		return 3
	case LearnInsulationA:
		return 4
	case LearnMTNet:
		return 5
	case LearnInBuilding:
		return 6
	case LearnServicePipes:
		return 7
	case LearnOM:
		return 8
	case LearnLTSources:
		return 9
	case LearnGeothermie:
		return 10
	}
	return -1
}

// learnEntry is one group's index at eval.base_year; ok false when the
// table lacks the group's curve (LearningIndex then reports why).
type learnEntry struct {
	index Band[float64]
	ok    bool
}

// learnKey keys Params.learnCache.
type learnKey struct {
	group string
	year  int
}

// learningIndex is LearningIndex remembered per group and year (the views
// ask for it once per investment; a scan prices tens of thousands).
func (p *Params) learningIndex(group string, year int) (Band[float64], error) {
	if group == LearnNone {
		return Point(1.0), nil
	}
	if year == p.learnYear {
		if g := learnGroupIndex(group); g >= 0 && p.learnBase[g].ok {
			return p.learnBase[g].index, nil
		}
	}
	k := learnKey{group, year}
	if v, ok := p.learnCache.Load(k); ok {
		return v.(Band[float64]), nil
	}
	l, err := p.LearningIndex(group, year)
	if err == nil {
		p.learnCache.Store(k, l)
	}
	return l, err
}

// learned returns an investment's cost and its yearly O&M for an
// investment made in eval.base_year: Cost times the index of its learning
// group, and Cost (before learning) times OM times the O&M index (Vesta's
// O&M fractions are of the investment; scaling O&M by both curves would
// count learning twice). An investment without a group (LearnNone) keeps
// its cost and its O&M. Band ends are multiplied end by end, the low cost
// with the optimistic curve and the high with the pessimistic one: the
// fully correlated scenarios of Band.
func (p *Params) learned(iv Investment) (cost Band[Euro], om Band[EuroPerYear], err error) {
	year := p.learnYear
	l, err := p.learningIndex(iv.Learning, year)
	if err != nil {
		return cost, om, fmt.Errorf("investment %q: %w", iv.Name, err)
	}
	cost = scaleEnds(iv.Cost, l)
	if iv.OM == 0 || iv.Learning == LearnNone {
		return cost, Convert[EuroPerYear](iv.Cost, iv.OM), nil
	}
	lo, err := p.learningIndex(LearnOM, year)
	if err != nil {
		return cost, om, fmt.Errorf("investment %q: %w", iv.Name, err)
	}
	return cost, Convert[EuroPerYear](scaleEnds(iv.Cost, lo), iv.OM), nil
}

// scaleEnds multiplies a non-negative cost band end by end by an index
// band (value by value, min by min, max by max); ends that cross (a
// negative cost) are swapped.
func scaleEnds(c Band[Euro], l Band[float64]) Band[Euro] {
	r := Band[Euro]{
		Value: c.Value * Euro(l.Value),
		Min:   c.Min * Euro(l.Min),
		Max:   c.Max * Euro(l.Max),
	}
	if r.Min > r.Max {
		r.Min, r.Max = r.Max, r.Min
	}
	return r
}
