package kader

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/wijkwarmte/wijkwarmte/kosten"
	"github.com/wijkwarmte/wijkwarmte/wijkanalyse"
)

// ScoringRule says in Dutch how scores and totals are made; the report
// and summary.json carry it.
const ScoringRule = "Per criterium krijgt de beste strategie 100 punten en de slechtste 0, de andere naar rato (lineair tussen beide; gelijke waarden: allemaal 100). Alleen de haalbare, niet uitgesloten strategieën tellen mee (de referentie aardgas niet). De totaalscore is het gewogen gemiddelde van de scores met de gewichten uit het kader; een criterium dat voor een strategie niet te bepalen is, telt voor die strategie niet mee (de andere gewichten wegen dan naar verhouding zwaarder). Een grens wordt niet gehaald als de waarde slechter is dan de grens. De voorkeursstrategie is de hoogste totaalscore onder de strategieën die alle grenzen halen, niet uitgesloten zijn en (als het kader strategieën vereist) vereist zijn; bij gelijke score de laagste nationale kosten."

// Context carries what an assessment needs besides the scan result.
type Context struct {
	// Params supplies the kentallen of space_m2 and affordability_pct
	// (nil: kosten.Defaults()).
	Params *kosten.Params
	// Robustness gives win_share_pct; nil without draws.
	Robustness *wijkanalyse.Robustness
	// IncomeKEUR holds, per building of the result (same index), the mean
	// standardised household income of its buurt in 1,000 EUR (CBS); 0
	// or a missing entry when unknown.
	IncomeKEUR []float64
	// Sources are the heat sources given to the scan (assumed_source_pct).
	Sources []wijkanalyse.Source
	// Labels are the Dutch names of the strategies for the sentences;
	// the strategy name where missing.
	Labels map[string]string
}

// Assessment is a kader applied to one scan (one wijk or buurt).
type Assessment struct {
	File        string          `json:"file"`
	ScoringRule string          `json:"scoring_rule"`
	Criteria    []CriterionInfo `json:"criteria"`
	Excluded    []Exclusion     `json:"excluded"`
	Required    []string        `json:"required"`
	// Strategies: every strategy but the gas reference, in the order of
	// the scan's strategies.
	Strategies []StrategyAssessment `json:"strategies"`
	// Preferred is the strategy the kader prefers ("" when none passes);
	// NationalBest the one with the lowest national cost (the scan's
	// best_strategy), so the kader's effect shows.
	Preferred    string `json:"preferred"`
	NationalBest string `json:"national_best"`
	// Explanation says in Dutch what was chosen and why, or which limits
	// block which strategy when none passes.
	Explanation string `json:"explanation"`
	// Blocked lists, when no strategy passes, per strategy in play the
	// limits it fails.
	Blocked []Blocked `json:"blocked,omitempty"`
	Notes   []string  `json:"notes"`
}

// Blocked names the limits that keep one strategy from being preferred.
type Blocked struct {
	Strategy string   `json:"strategy"`
	Limits   []string `json:"limits"`
}

// CriterionInfo is a criterion of the kader as applied.
type CriterionInfo struct {
	Name           string   `json:"name"`
	Label          string   `json:"label"`
	Unit           string   `json:"unit"`
	HigherIsBetter bool     `json:"higher_is_better"`
	Weight         float64  `json:"weight"`
	Limit          *float64 `json:"limit"`
	Method         string   `json:"method"`
}

// StrategyAssessment is one strategy under the kader.
type StrategyAssessment struct {
	Name           string `json:"name"`
	Label          string `json:"label"`
	Feasible       bool   `json:"feasible"`
	Excluded       bool   `json:"excluded"`
	ExcludedReason string `json:"excluded_reason,omitempty"`
	Required       bool   `json:"required"`
	// Values has one entry per criterion, in the order of Criteria.
	Values []Value `json:"values"`
	// Total is the weighted score, 0-100; null when not scored
	// (infeasible or excluded).
	Total *float64 `json:"total"`
	// PassesLimits is true when no limit is failed; Failed names the
	// criteria whose limit is failed.
	PassesLimits bool     `json:"passes_limits"`
	Failed       []string `json:"failed"`
	// Rank by Total among the scored strategies (1 best), 0 when not
	// scored; NationalRank by national cost among the feasible ones.
	Rank         int `json:"rank"`
	NationalRank int `json:"national_rank"`
	// NationalCost is the strategy's national cost, EUR per year; null
	// when infeasible.
	NationalCost *float64 `json:"national_cost_eur_per_year"`
	// Sentence is the plain-Dutch verdict.
	Sentence string `json:"sentence"`
}

// Value is one strategy's figure on one criterion.
type Value struct {
	Criterion string   `json:"criterion"`
	Value     *float64 `json:"value"`
	Score     *float64 `json:"score"`
	Pass      *bool    `json:"pass"`
	// NotApplicable says why there is no value.
	NotApplicable string `json:"not_applicable,omitempty"`
}

// Assess applies k to the scan result res.
func (k *Kader) Assess(res *wijkanalyse.Result, c Context) (*Assessment, error) {
	p := c.Params
	if p == nil {
		p = kosten.Defaults()
	}
	a := &Assessment{File: k.File, ScoringRule: ScoringRule, Excluded: k.Excluded, Required: k.Required,
		NationalBest: res.BestStrategy, Notes: []string{}, Criteria: []CriterionInfo{}}
	if len(res.Strategies) == 0 || res.Strategies[0].Name != string(wijkanalyse.OptionGasBoiler) {
		return nil, fmt.Errorf("kader: the result has no gas reference strategy first")
	}
	for _, cr := range k.Criteria {
		d, _ := Def(cr.Name)
		ci := CriterionInfo{Name: d.Name, Label: d.Label, Unit: d.Unit, HigherIsBetter: d.HigherIsBetter, Weight: cr.Weight, Method: d.Method}
		if cr.HasLimit {
			l := cr.Limit
			ci.Limit = &l
		}
		a.Criteria = append(a.Criteria, ci)
	}
	m, err := measure(res, c, p)
	if err != nil {
		return nil, err
	}
	excluded := map[string]string{}
	for _, e := range k.Excluded {
		excluded[e.Strategy] = e.Reason
	}
	required := map[string]bool{}
	for _, r := range k.Required {
		required[r] = true
	}
	label := func(s string) string {
		if l := c.Labels[s]; l != "" {
			return l
		}
		return s
	}
	// National ranks among the feasible strategies.
	var feas []int
	for i, st := range res.Strategies[1:] {
		if st.Feasible {
			feas = append(feas, i)
		}
	}
	sort.SliceStable(feas, func(x, y int) bool {
		return res.Strategies[1+feas[x]].NationalCostEURPerYear.Value < res.Strategies[1+feas[y]].NationalCostEURPerYear.Value
	})
	natRank := map[int]int{}
	for r, i := range feas {
		natRank[i] = r + 1
	}
	a.Strategies = make([]StrategyAssessment, len(res.Strategies)-1)
	for i, st := range res.Strategies[1:] {
		sa := &a.Strategies[i]
		sa.Name, sa.Label, sa.Feasible, sa.Required = st.Name, label(st.Name), st.Feasible, required[st.Name]
		sa.NationalRank = natRank[i]
		if v := st.NationalCostEURPerYear.Value; st.Feasible && !math.IsNaN(v) {
			sa.NationalCost = &v
		}
		if r, ok := excluded[st.Name]; ok {
			sa.Excluded, sa.ExcludedReason = true, r
		}
		sa.Failed = []string{}
		sa.PassesLimits = true
		for _, cr := range k.Criteria {
			v := m[i][cr.Name]
			val := Value{Criterion: cr.Name}
			if !st.Feasible {
				val.NotApplicable = "strategie niet haalbaar"
			} else if v.na != "" {
				val.NotApplicable = v.na
			} else {
				x := v.v
				val.Value = &x
				if cr.HasLimit {
					d, _ := Def(cr.Name)
					ok := x <= cr.Limit+1e-9*math.Abs(cr.Limit)
					if d.HigherIsBetter {
						ok = x >= cr.Limit-1e-9*math.Abs(cr.Limit)
					}
					val.Pass = &ok
					if !ok {
						sa.PassesLimits = false
						sa.Failed = append(sa.Failed, cr.Name)
					}
				}
			}
			sa.Values = append(sa.Values, val)
		}
	}
	// Scores among the strategies in play.
	inPlay := func(sa *StrategyAssessment) bool { return sa.Feasible && !sa.Excluded }
	for ci, cr := range k.Criteria {
		d, _ := Def(cr.Name)
		lo, hi := math.Inf(1), math.Inf(-1)
		for i := range a.Strategies {
			sa := &a.Strategies[i]
			if v := sa.Values[ci].Value; inPlay(sa) && v != nil {
				lo, hi = math.Min(lo, *v), math.Max(hi, *v)
			}
		}
		for i := range a.Strategies {
			sa := &a.Strategies[i]
			v := sa.Values[ci].Value
			if !inPlay(sa) || v == nil {
				continue
			}
			s := 100.0
			if hi > lo {
				s = 100 * (hi - *v) / (hi - lo)
				if d.HigherIsBetter {
					s = 100 * (*v - lo) / (hi - lo)
				}
			}
			sa.Values[ci].Score = &s
		}
	}
	var scored []int
	for i := range a.Strategies {
		sa := &a.Strategies[i]
		if !inPlay(sa) {
			continue
		}
		var sum, wsum float64
		for ci, cr := range k.Criteria {
			if s := sa.Values[ci].Score; s != nil {
				sum += cr.Weight * *s
				wsum += cr.Weight
			}
		}
		t := 0.0
		if wsum > 0 {
			t = sum / wsum
		}
		t = math.Round(t*100) / 100
		sa.Total = &t
		scored = append(scored, i)
	}
	better := func(x, y int) bool {
		sx, sy := &a.Strategies[x], &a.Strategies[y]
		if *sx.Total != *sy.Total {
			return *sx.Total > *sy.Total
		}
		return sx.NationalRank < sy.NationalRank
	}
	sort.SliceStable(scored, func(x, y int) bool { return better(scored[x], scored[y]) })
	for r, i := range scored {
		a.Strategies[i].Rank = r + 1
	}
	for _, i := range scored {
		sa := &a.Strategies[i]
		if sa.PassesLimits && (len(required) == 0 || sa.Required) {
			a.Preferred = sa.Name
			break
		}
	}
	for i := range a.Strategies {
		a.Strategies[i].Sentence = sentence(&a.Strategies[i], k, a)
	}
	a.Explanation = explain(a, k, res, label)
	for _, cr := range k.Criteria {
		na := 0
		why := ""
		for i := range a.Strategies {
			sa := &a.Strategies[i]
			for _, v := range sa.Values {
				if v.Criterion == cr.Name && sa.Feasible && v.Value == nil {
					na++
					why = v.NotApplicable
				}
			}
		}
		if na > 0 {
			a.Notes = append(a.Notes, fmt.Sprintf("%s: voor %d strategieën niet te bepalen (%s); het criterium telt daar niet mee.", cr.Name, na, why))
		}
	}
	return a, nil
}

// sentence is the plain-Dutch verdict on one strategy.
func sentence(sa *StrategyAssessment, k *Kader, a *Assessment) string {
	switch {
	case !sa.Feasible:
		return sa.Label + " is hier niet haalbaar."
	case sa.Excluded:
		if sa.ExcludedReason != "" {
			return fmt.Sprintf("%s is door het kader uitgesloten: %s.", sa.Label, strings.TrimSuffix(sa.ExcludedReason, "."))
		}
		return sa.Label + " is door het kader uitgesloten."
	}
	score := fmt.Sprintf("totaalscore %s van 100", nl(*sa.Total, 0))
	var parts []string
	for ci, cr := range k.Criteria {
		if v := sa.Values[ci]; v.Pass != nil && !*v.Pass {
			parts = append(parts, failPhrase(cr, *v.Value))
		}
	}
	s := ""
	if len(parts) == 0 {
		if anyLimit(k) {
			s = fmt.Sprintf("%s voldoet aan alle criteria (%s).", sa.Label, score)
		} else {
			s = fmt.Sprintf("%s: %s; het kader stelt geen grenzen.", sa.Label, score)
		}
	} else {
		s = fmt.Sprintf("%s voldoet aan alle criteria behalve: %s (%s).", sa.Label, strings.Join(parts, "; "), score)
	}
	if len(k.Required) > 0 && !sa.Required {
		s += " Het kader vereist een andere richting."
	}
	if sa.Name == a.Preferred {
		s += " Dit is de voorkeursstrategie volgens het kader."
	}
	return s
}

func anyLimit(k *Kader) bool {
	for _, c := range k.Criteria {
		if c.HasLimit {
			return true
		}
	}
	return false
}

// failPhrase says how a value misses its limit, in Dutch.
func failPhrase(cr Criterion, v float64) string {
	d, _ := Def(cr.Name)
	if cr.Name == "enduser_vs_gas_pct" {
		more := "meer"
		if v < 0 {
			more = "minder"
		}
		return fmt.Sprintf("eindgebruiker betaalt %s %% %s dan bij aardgas (grens %s %%)", nl(math.Abs(v), 0), more, nl(cr.Limit, 0))
	}
	dec := 0
	if math.Abs(v) < 10 {
		dec = 1
	}
	return fmt.Sprintf("%s %s %s (grens %s %s)", d.Label, nl(v, dec), d.Unit, nl(cr.Limit, dec), d.Unit)
}

func explain(a *Assessment, k *Kader, res *wijkanalyse.Result, label func(string) string) string {
	nat := "geen strategie is haalbaar"
	if res.BestStrategy != "" {
		nat = label(res.BestStrategy) + " heeft de laagste nationale kosten"
	}
	if a.Preferred != "" {
		if a.Preferred == res.BestStrategy {
			return fmt.Sprintf("Volgens het kader heeft %s de voorkeur; dat is ook de strategie met de laagste nationale kosten.", label(a.Preferred))
		}
		return fmt.Sprintf("Volgens het kader heeft %s de voorkeur; zonder kader: %s.", label(a.Preferred), nat)
	}
	// Group the strategies by the limits they fail, so that "all fail the
	// residents' limit" reads as one line.
	var order []string
	groups := map[string][]string{}
	for i := range a.Strategies {
		sa := &a.Strategies[i]
		if !sa.Feasible || sa.Excluded || (len(k.Required) > 0 && !sa.Required) || len(sa.Failed) == 0 {
			continue
		}
		a.Blocked = append(a.Blocked, Blocked{Strategy: sa.Name, Limits: sa.Failed})
		var ls []string
		for _, f := range sa.Failed {
			d, _ := Def(f)
			ls = append(ls, d.Label)
		}
		key := strings.Join(ls, ", ")
		if _, ok := groups[key]; !ok {
			order = append(order, key)
		}
		groups[key] = append(groups[key], sa.Label)
	}
	var lines []string
	for _, key := range order {
		lines = append(lines, fmt.Sprintf("%s (%s)", key, strings.Join(groups[key], "; ")))
	}
	if len(lines) == 0 {
		return fmt.Sprintf("Geen strategie komt in aanmerking: alle haalbare strategieën zijn uitgesloten of niet vereist; %s.", nat)
	}
	return fmt.Sprintf("Geen strategie haalt alle grenzen van het kader. Niet gehaald: %s. Zonder kader: %s.", strings.Join(lines, "; "), nat)
}

// nl formats x with dec decimals, Dutch style (decimal comma, dots
// between thousands).
func nl(x float64, dec int) string {
	s := fmt.Sprintf("%.*f", dec, x)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	intPart, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	for i, r := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(r)
	}
	out := b.String()
	if frac != "" {
		out += "," + frac
	}
	if neg && strings.Trim(out, "0.,") != "" {
		out = "-" + out
	}
	return out
}
