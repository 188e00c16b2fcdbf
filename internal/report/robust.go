package report

import (
	"fmt"
	"slices"
)

// Robustness is summary.json "robustness": Monte Carlo draws over the
// parameter bands (scan --draws N --seed S; wijkanalyse.Prepared.Draws).
type Robustness struct {
	Draws        int    `json:"draws"`
	Seed         uint64 `json:"seed"`
	Distribution string `json:"distribution"`
	// Routing: "scan_network" (every draw prices the scan's network) or
	// "reroute" (every draw expands and routes its own, --reroute).
	Routing string `json:"routing"`
	// Groups move together (one factor each per draw).
	Groups []string `json:"groups"`
	// SampledParameters were drawn; HeldParameters have no band and keep
	// their value (listed by 'wijkwarmte params': min = max).
	SampledParameters int              `json:"sampled_parameters"`
	HeldParameters    int              `json:"held_parameters"`
	Strategies        []RobustStrategy `json:"strategies"`
	// Areas per area of the scan (--areas), in the order of "areas".
	Areas []RobustArea `json:"areas,omitempty"`
}

// RobustStrategy is one strategy over the draws.
type RobustStrategy struct {
	Name  string `json:"name"`
	Label string `json:"label,omitempty"`
	// Wins: draws in which it is the best strategy; WinShare = Wins/Draws.
	Wins          int     `json:"wins"`
	WinShare      float64 `json:"win_share"`
	FeasibleDraws int     `json:"feasible_draws"`
	// EUR/yr for the area; EUR/yr per dwelling.
	NationalCostEURPerYear           Percentiles `json:"national_cost_eur_per_year"`
	EnduserCostEURPerYearPerDwelling Percentiles `json:"enduser_cost_eur_per_year_per_dwelling"`
}

// Percentiles over the draws in which the figure exists (null: none).
type Percentiles struct {
	P5  float64 `json:"p5"`
	P50 float64 `json:"p50"`
	P95 float64 `json:"p95"`
}

// RobustArea is the robustness of one area.
type RobustArea struct {
	Code       string           `json:"code"`
	Name       string           `json:"name"`
	Strategies []RobustStrategy `json:"strategies"`
}

// robustView is the report's section on the draws.
type robustView struct {
	Draws, Held, Sampled int
	Groups               string
	Sentence             string
	Bars                 []robustBar
	Areas                []robustAreaRow
}

type robustBar struct {
	Label    string
	Wins     int
	Percent  float64 // 0-100, for the bar width
	National string  // p5 – p95 national cost per year
	EndUser  string  // p5 – p95 end-user cost per dwelling per year
}

type robustAreaRow struct {
	Name, Sentence string
}

// Sentence says in plain Dutch how often the strategy that wins most
// draws is the cheapest: "In 83 van de 100 doorrekeningen is Warmtenet MT
// de goedkoopste optie." label names the strategies for people.
func (r *Robustness) Sentence(sts []RobustStrategy, label func(string) string) string {
	best := -1
	for k, st := range sts {
		if st.Wins > 0 && (best < 0 || st.Wins > sts[best].Wins) {
			best = k
		}
	}
	if best < 0 {
		return fmt.Sprintf("In geen van de %d doorrekeningen is een duurzame strategie haalbaar.", r.Draws)
	}
	if sts[best].Wins == r.Draws {
		return fmt.Sprintf("In alle %d doorrekeningen is %s de goedkoopste optie.", r.Draws, label(sts[best].Name))
	}
	return fmt.Sprintf("In %d van de %d doorrekeningen is %s de goedkoopste optie.", sts[best].Wins, r.Draws, label(sts[best].Name))
}

func robustness(s *Summary) *robustView {
	r := s.Robustness
	if r == nil || r.Draws == 0 {
		return nil
	}
	labels := map[string]string{}
	for _, st := range s.Strategies {
		labels[st.Name] = orDefault(st.Label, st.Name)
	}
	label := func(name string) string { return orDefault(labels[name], name) }
	v := &robustView{Draws: r.Draws, Held: r.HeldParameters, Sampled: r.SampledParameters, Sentence: r.Sentence(r.Strategies, label)}
	for k, g := range r.Groups {
		if k > 0 {
			v.Groups += ", "
		}
		v.Groups += orDefault(groupWords[g], g)
	}
	bars := slices.Clone(r.Strategies)
	slices.SortStableFunc(bars, func(a, b RobustStrategy) int { return b.Wins - a.Wins })
	for _, st := range bars {
		if st.FeasibleDraws == 0 {
			continue
		}
		v.Bars = append(v.Bars, robustBar{Label: label(st.Name), Wins: st.Wins, Percent: 100 * st.WinShare,
			National: "€\u00a0" + nl(st.NationalCostEURPerYear.P5, 0) + " – " + nl(st.NationalCostEURPerYear.P95, 0),
			EndUser:  "€\u00a0" + nl(st.EnduserCostEURPerYearPerDwelling.P5, 0) + " – " + nl(st.EnduserCostEURPerYearPerDwelling.P95, 0)})
	}
	for _, a := range r.Areas {
		v.Areas = append(v.Areas, robustAreaRow{Name: orDefault(a.Name, a.Code), Sentence: r.Sentence(a.Strategies, label)})
	}
	return v
}

// groupWords name the sampler's parameter groups in Dutch.
var groupWords = map[string]string{
	"pipes": "leidingen", "heat_pumps": "warmtepompen", "boilers": "ketels", "insulation": "isolatie",
	"in_building": "inpandige installaties", "heat_network": "warmtenet (stations, verliezen)", "sources": "warmtebronnen",
	"grid": "elektriciteits- en gasnet", "operation": "onderhoud", "finance": "rente en levensduur", "energy_prices": "energieprijzen",
}
