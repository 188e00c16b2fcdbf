package wijkanalyse

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"sync"

	"github.com/wijkwarmte/wijkwarmte/kosten"
)

// Monte Carlo robustness: how often each strategy is the cheapest when the
// banded parameters move (kosten.Sampler: triangular draws, one factor per
// group, a seeded stream). A draw prices a Prepared scan again with the
// draw's parameters. Classification, the streets, the surface water and the
// routed trees are shared by all draws; demand and insulation costs, every
// building's options in the three views, the network's costs and the
// strategies are priced again. Two ways to treat the network:
//
//   - by default a draw prices the scan's network: the buildings the scan's
//     economic expansion connected, on the tree routed for them (taken from
//     the route cache, so a draw routes nothing). This asks how robust the
//     plan is: the network as it would be laid, under other prices.
//   - with DrawOptions.Reroute a draw runs the whole economic expansion
//     with its own prices (which buildings stay on the network depends on
//     them) and routes every member set that no earlier scan or draw
//     routed: a draw then costs about a scan's routing. This asks how often
//     a network would be the cheapest if it were planned under those prices.
//
// Trees are routed at the central prices of the scan (Prepared.Params) and
// re-priced per draw (see routeNetwork); the pipe group moves the cost of
// a tree, not its streets.

// Percentiles are the 5th, 50th and 95th percentiles of a figure over the
// draws in which it exists (linear interpolation between order statistics,
// Hyndman-Fan type 7); NaN (JSON null) when it exists in none.
type Percentiles struct {
	P5, P50, P95 float64
}

// MarshalJSON writes {"p5","p50","p95"}, NaN as null.
func (p Percentiles) MarshalJSON() ([]byte, error) {
	f := func(v float64) string {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return "null"
		}
		return strconv.FormatFloat(v, 'g', -1, 64)
	}
	return []byte(`{"p5":` + f(p.P5) + `,"p50":` + f(p.P50) + `,"p95":` + f(p.P95) + `}`), nil
}

// StrategyRobustness is one strategy over the draws.
type StrategyRobustness struct {
	Name string `json:"name"`
	// Wins is the number of draws in which the strategy is BestStrategy
	// (the feasible non-reference strategy with the lowest national cost);
	// WinShare is Wins / draws, 0 to 1.
	Wins     int     `json:"wins"`
	WinShare float64 `json:"win_share"`
	// FeasibleDraws counts the draws in which the strategy is feasible.
	FeasibleDraws int `json:"feasible_draws"`
	// National cost per year of the area, EUR/yr, and end-user cost per
	// dwelling, EUR/yr per dwelling.
	NationalCostEURPerYear           Percentiles `json:"national_cost_eur_per_year"`
	EnduserCostEURPerYearPerDwelling Percentiles `json:"enduser_cost_eur_per_year_per_dwelling"`
}

// AreaRobustness is the robustness of one area summary (a buurt or wijk
// of Input.Areas, or the scan area).
type AreaRobustness struct {
	Code       string               `json:"code"`
	Name       string               `json:"name"`
	Strategies []StrategyRobustness `json:"strategies"`
}

// Robustness summarises a set of draws.
type Robustness struct {
	Draws        int    `json:"draws"`
	Seed         uint64 `json:"seed"`
	Distribution string `json:"distribution"`
	// Routing is "scan_network" (draws price the scan's network) or
	// "reroute" (each draw expands and routes its own, DrawOptions.Reroute).
	Routing string `json:"routing"`
	// Groups are the sampler's groups (one factor each per draw).
	Groups []string `json:"groups"`
	// SampledParameters figures were drawn; HeldParameters (no band) kept
	// their value in every draw (kosten.Sampler.Held lists them).
	SampledParameters int `json:"sampled_parameters"`
	HeldParameters    int `json:"held_parameters"`
	// Strategies over the whole scan; Areas per area summary of the scan,
	// in the order of Result.Areas.
	Strategies []StrategyRobustness `json:"strategies"`
	Areas      []AreaRobustness     `json:"areas,omitempty"`
}

// DrawOutcome is what one draw leaves for the robustness summary: per area
// (index 0 the whole scan, then Result.Areas in order when areas were
// given) the best strategy
// and per strategy its national cost and end-user cost per dwelling (NaN
// when infeasible). Outcomes of different draws of one scan combine with
// Summarise in any order.
type DrawOutcome struct {
	Draw  int           `json:"draw"`
	Areas []AreaOutcome `json:"areas"`
}

// AreaOutcome is one area's part of a DrawOutcome.
type AreaOutcome struct {
	Code       string    `json:"code"`
	Name       string    `json:"name"`
	Best       string    `json:"best"`
	Strategies []string  `json:"strategies"`
	National   []float64 `json:"national"`
	EndUser    []float64 `json:"enduser"`
}

// Outcome reduces a scan result to a DrawOutcome with index i.
func Outcome(res *Result, i int) DrawOutcome {
	o := DrawOutcome{Draw: i, Areas: make([]AreaOutcome, 0, 1+len(res.Areas))}
	area := func(code, name, best string, sts []Strategy) AreaOutcome {
		a := AreaOutcome{Code: code, Name: name, Best: best,
			Strategies: make([]string, len(sts)), National: make([]float64, len(sts)), EndUser: make([]float64, len(sts))}
		for k, st := range sts {
			a.Strategies[k] = st.Name
			a.National[k], a.EndUser[k] = math.NaN(), math.NaN()
			if st.Feasible {
				a.National[k] = st.NationalCostEURPerYear.Value
				a.EndUser[k] = st.EnduserCostEURPerYearPerDwelling.Value
			}
		}
		return a
	}
	o.Areas = append(o.Areas, area("", "scan area", res.BestStrategy, res.Strategies))
	if len(res.Areas) == 1 && res.Areas[0].Code == "" && res.Areas[0].Name == "scan area" {
		return o // no areas given: the one summary is the whole scan
	}
	for _, a := range res.Areas {
		o.Areas = append(o.Areas, area(a.Code, a.Name, a.BestStrategy, a.Strategies))
	}
	return o
}

// DrawOptions say which draws to run and how.
type DrawOptions struct {
	// N draws (at least 1), numbered 0..N-1, of the stream Seed.
	N    int
	Seed uint64
	// Workers goroutines run draws (at least 1); the result does not
	// depend on it.
	Workers int
	// Reroute: each draw runs the economic expansion with its own prices
	// and routes its own network; without it a draw prices the scan's
	// network (see the top of robust.go).
	Reroute bool
}

// Draw prices the prepared scan with draw i of seed from sampler s (built
// over pp.Params()) and returns its outcome; reroute as in DrawOptions.
// Safe for concurrent use.
func (pp *Prepared) Draw(ctx context.Context, s *kosten.Sampler, seed uint64, i int, reroute bool) (DrawOutcome, error) {
	p, err := s.Draw(seed, i)
	if err != nil {
		return DrawOutcome{}, err
	}
	var pl *plan
	if !reroute {
		if pl, err = pp.scanPlan(ctx); err != nil {
			return DrawOutcome{}, err
		}
	}
	opt := pp.opt
	opt.Progress = nil
	res, err := pp.price(ctx, p, opt, pl, true)
	if err != nil {
		return DrawOutcome{}, fmt.Errorf("wijkanalyse: draw %d: %w", i, err)
	}
	return Outcome(&res, i), nil
}

// Draws runs the draws o asks for over pp and summarises them. The result
// depends only on pp, o.N, o.Seed and o.Reroute, not on o.Workers or
// timing.
func (pp *Prepared) Draws(ctx context.Context, o DrawOptions) (Robustness, error) {
	n, seed, workers := o.N, o.Seed, o.Workers
	if n < 1 {
		return Robustness{}, fmt.Errorf("%w: %d draws (need at least 1)", kosten.ErrDraws, n)
	}
	if !o.Reroute {
		if _, err := pp.scanPlan(ctx); err != nil {
			return Robustness{}, err
		}
	}
	s := kosten.NewSampler(pp.params)
	outs := make([]DrawOutcome, n)
	errs := make([]error, n)
	workers = max(1, min(workers, n))
	var wg sync.WaitGroup
	next := make(chan int)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				outs[i], errs[i] = pp.Draw(ctx, s, seed, i, o.Reroute)
			}
		}()
	}
	for i := range n {
		if ctx.Err() != nil {
			break
		}
		next <- i
	}
	close(next)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return Robustness{}, err
	}
	for _, err := range errs {
		if err != nil {
			return Robustness{}, err
		}
	}
	return Summarise(s, seed, o.Reroute, outs)
}

// Summarise combines the outcomes of draws of one scan (any order; each
// draw once; reroute as they were made) into a Robustness. It fails when the outcomes do not describe
// the same areas and strategies.
func Summarise(s *kosten.Sampler, seed uint64, reroute bool, outs []DrawOutcome) (Robustness, error) {
	outs = slices.Clone(outs)
	sort.Slice(outs, func(a, b int) bool { return outs[a].Draw < outs[b].Draw })
	r := Robustness{Draws: len(outs), Seed: seed, Distribution: "triangular (min, central, max); pairs of low/high rows symmetric on [low, high]; one factor per group and draw",
		Routing: "scan_network", Groups: s.Groups(), SampledParameters: len(s.Sampled()), HeldParameters: len(s.Held())}
	if reroute {
		r.Routing = "reroute"
	}
	if len(outs) == 0 {
		return r, nil
	}
	first := outs[0].Areas
	for _, o := range outs[1:] {
		if len(o.Areas) != len(first) {
			return Robustness{}, fmt.Errorf("wijkanalyse: draw %d has %d areas, draw %d %d", o.Draw, len(o.Areas), outs[0].Draw, len(first))
		}
		for a := range first {
			if o.Areas[a].Code != first[a].Code || !slices.Equal(o.Areas[a].Strategies, first[a].Strategies) {
				return Robustness{}, fmt.Errorf("wijkanalyse: draw %d: area %d differs from draw %d", o.Draw, a, outs[0].Draw)
			}
		}
	}
	for a := range first {
		sts := make([]StrategyRobustness, len(first[a].Strategies))
		for k, name := range first[a].Strategies {
			var nat, eu []float64
			wins := 0
			for _, o := range outs {
				ar := &o.Areas[a]
				if ar.Best == name {
					wins++
				}
				if !math.IsNaN(ar.National[k]) {
					nat = append(nat, ar.National[k])
				}
				if !math.IsNaN(ar.EndUser[k]) {
					eu = append(eu, ar.EndUser[k])
				}
			}
			sts[k] = StrategyRobustness{Name: name, Wins: wins, WinShare: float64(wins) / float64(len(outs)), FeasibleDraws: len(nat),
				NationalCostEURPerYear: percentiles(nat), EnduserCostEURPerYearPerDwelling: percentiles(eu)}
		}
		if a == 0 {
			r.Strategies = sts
			continue
		}
		r.Areas = append(r.Areas, AreaRobustness{Code: first[a].Code, Name: first[a].Name, Strategies: sts})
	}
	return r, nil
}

// percentiles sorts xs and returns its 5th, 50th and 95th percentiles.
func percentiles(xs []float64) Percentiles {
	if len(xs) == 0 {
		nan := math.NaN()
		return Percentiles{nan, nan, nan}
	}
	sort.Float64s(xs)
	return Percentiles{quantile(xs, 0.05), quantile(xs, 0.5), quantile(xs, 0.95)}
}

// quantile of sorted xs at q (type 7).
func quantile(xs []float64, q float64) float64 {
	h := q * float64(len(xs)-1)
	lo := int(math.Floor(h))
	if lo >= len(xs)-1 {
		return xs[len(xs)-1]
	}
	return xs[lo] + (h-float64(lo))*(xs[lo+1]-xs[lo])
}

// MarshalJSON of DrawOutcome's NaNs: AreaOutcome writes NaN as null.
func (a AreaOutcome) MarshalJSON() ([]byte, error) {
	type plainArea struct {
		Code       string     `json:"code"`
		Name       string     `json:"name"`
		Best       string     `json:"best"`
		Strategies []string   `json:"strategies"`
		National   []*float64 `json:"national"`
		EndUser    []*float64 `json:"enduser"`
	}
	ptrs := func(xs []float64) []*float64 {
		out := make([]*float64, len(xs))
		for i := range xs {
			if !math.IsNaN(xs[i]) && !math.IsInf(xs[i], 0) {
				out[i] = &xs[i]
			}
		}
		return out
	}
	return json.Marshal(plainArea{a.Code, a.Name, a.Best, a.Strategies, ptrs(a.National), ptrs(a.EndUser)})
}
