package wijkanalyse

import (
	"context"
	"fmt"
	"math"

	"github.com/wijkwarmte/wijkwarmte/geodata"
)

// reasonUnreachable starts the DroppedReason of a building the network
// cannot reach (the scan counts them by it).
const reasonUnreachable = "niet bereikbaar: "

// Economic expansion (see doc.go). Round 1 offers every heated building
// with demand to the network. The network option to expand is the
// feasible one with the lowest total national cost over the buildings
// round 1 connects (geothermie needs its minimum of dwelling-equivalents,
// aquathermie surface water near every building it serves). Then, each
// round:
//
//  1. route the current members;
//  2. prune the tree (prune): a building, or a whole branch, leaves the
//     network when its marginal network cost plus connection — the network
//     option priced with the pipes that serve only it (or only that branch)
//     — is above its best individual sustainable option (all-electric),
//     national view, per year;
//  3. record every dropped building with the round and the figures.
//
// Repeat until a round drops nobody, or drops at most 1 % of the members
// (then the remaining members are routed once more and that network is
// the result), or MaxExpansionRounds is reached. Re-routing matters
// because the Steiner tree of the remaining members can take other
// streets; after the first round's large cut, later rounds drop a few
// buildings each, so the 1 % rule saves several routings for a change
// of well under 1 % in the network. Each round is O(routing + tree size).
//
// The rounds route draft trees (the solver's one-pass budget, FastWork,
// no lower bound) until they converge by the rules above; then the kept
// members are routed with the full quality budget and pruned once more on
// that tree. If that round drops nobody its network is the result; if it
// drops a few (at most 1 %), the rest is routed once more with the full
// budget; if it drops more, the rounds go on with the full budget. So the
// result is always a full-budget tree with its certificate, pruned on a
// full-budget tree, while the first large cuts are decided on drafts: the
// full budget in every round was most of a batch's CPU time
// (benchmarks/README.md, "batch: a synthetic country").
// smallCutDivisor: a round that drops at most members/smallCutDivisor
// buildings ends the expansion (1 %).
const smallCutDivisor = 100

func expandNetwork(ctx context.Context, streets []geodata.Street, in *Input, bs []Building, ds []demandFacts,
	sides [][nSides]views, water []float64, opt Options, pr *pricer, rc *routeCache, rs *ruleSet) (*netResult, OptionKind, []Drop, int, error) {
	var members []int
	for i := range bs {
		if rs.isExcluded(i) {
			bs[i].DroppedReason = reasonExcluded + " (" + rs.why[i] + ")"
			continue
		}
		if bs[i].Use != UseBijgebouw && bs[i].SpaceHeatGJ+bs[i].TapWaterGJ > 0 {
			members = append(members, i)
		}
	}
	var drops []Drop
	var kind OptionKind
	var nr *netResult
	round := 0
	draft := true
	for round < opt.MaxExpansionRounds {
		round++
		opt.progress("expand", round-1, opt.MaxExpansionRounds)
		var err error
		// A full-budget round warm-starts from the round before it
		// (warmtenet.Options.StartFrom); drafts start cold.
		var start *netResult
		if !draft {
			start = nr
		}
		nr, err = routeNetwork(ctx, streets, in.Sources, bs, members, designMT, draft, start, opt, pr, rc)
		if err != nil {
			return nil, "", nil, 0, err
		}
		if err := pr.err; err != nil {
			return nil, "", nil, 0, err
		}
		if round == 1 {
			kind = chooseKind(bs, ds, sides, nr, water, opt, pr)
		}
		cut := prune(nr, bs, sides, pr.networkViews(kind, nr, bs, ds, false), kind, pr, rs.requiredFlags())
		var keep []int
		for _, i := range members {
			b := &bs[i]
			if why, ok := nr.unreachable[i]; ok {
				b.DroppedReason = reasonUnreachable + why
				continue
			}
			if !nr.connected[i] {
				b.DroppedReason = "niet aangesloten door de routering"
				continue
			}
			if why, ok := cut[i]; ok {
				b.DroppedReason = fmt.Sprintf("ronde %d: %s", round, why)
				drops = append(drops, Drop{ID: b.ID, Round: round, Reason: b.DroppedReason})
				continue
			}
			b.DroppedReason = ""
			keep = append(keep, i)
		}
		none := len(keep) == len(members)
		small := len(members)-len(keep) <= len(members)/smallCutDivisor
		members = keep
		if len(members) == 0 {
			nr, _ = routeNetwork(ctx, streets, in.Sources, bs, nil, designMT, false, nil, opt, pr, rc)
			break
		}
		if draft && (none || small) && round < opt.MaxExpansionRounds {
			// The drafts converged: the next round routes with the full
			// budget and prunes once more.
			draft = false
			continue
		}
		if none && !draft {
			break // a full-budget round that drops nobody is the result
		}
		if none || small || round == opt.MaxExpansionRounds {
			// Converged (or out of rounds): route the kept set once more,
			// with the full budget, so the network matches its members.
			if nr, err = routeNetwork(ctx, streets, in.Sources, bs, members, designMT, false, nr, opt, pr, rc); err != nil {
				return nil, "", nil, 0, err
			}
			break
		}
	}
	opt.progress("expand", opt.MaxExpansionRounds, opt.MaxExpansionRounds)
	return nr, kind, drops, round, nil
}

// chooseKind returns the network option with the lowest national cost
// summed over the connected buildings (building sides, service pipes and
// the collective network).
func chooseKind(bs []Building, ds []demandFacts, sides [][nSides]views, nr *netResult, water []float64, opt Options, pr *pricer) OptionKind {
	var dwEq float64
	allWater := true
	for i := range bs {
		if nr.connected[i] {
			dwEq += bs[i].DwellingEquivalents
			allWater = allWater && water[i] <= opt.WaterReachM
		}
	}
	best, bestCost := OptionWarmtenetMT, math.Inf(1)
	for _, kind := range []OptionKind{OptionWarmtenetMT, OptionWarmtenetLT, OptionAquathermie, OptionGeothermie, OptionWarmtenetLTBron} {
		if kind == OptionAquathermie && !allWater || kind == OptionGeothermie && dwEq < opt.GeothermalMinDwellingEq || kind == OptionWarmtenetLTBron && !pr.ltSource {
			continue
		}
		total := pr.networkViews(kind, nr, bs, ds, true).national.Value
		for i := range bs {
			if nr.connected[i] {
				total += sides[i][sideOf(kind)].national.Value + pr.pipeYear(nr.service[i])
			}
		}
		if total < bestCost {
			best, bestCost = kind, total
		}
	}
	return best
}

// prune decides, on the routed tree, which buildings leave the network.
// It is a post-order dynamic programme: the gain of a pipe is the sum of
// the gains of the kept pipes below it, plus, for a service pipe, its
// building's all-electric cost minus its network cost without pipes, less
// the pipe's own annualised cost and O&M. The building's network cost
// without pipes is its building side plus its peak share of the
// collective part priced without trench (substation, source, heat). A pipe with a negative gain is
// cut with everything below it (its gain then counts as 0 upstream). On a
// fixed tree this is the exact best subtree for the given costs
// (Vesta-like yearly national costs). A subtree holding a required
// building (required[b], network rules) is never cut: its gain, negative
// or not, counts upstream, which keeps the exact best subtree under that
// constraint. required may be nil. O(nodes).
func prune(nr *netResult, bs []Building, sides [][nSides]views, collective views, kind OptionKind, pr *pricer, required []bool) map[int]string {
	n := len(nr.tree)
	if n == 0 {
		return nil
	}
	pipeYear := pr.pipeYear
	perKW := 0.0
	if nr.peakSum > 0 {
		perKW = collective.national.Value / nr.peakSum
	}
	first := make([]int, n)
	next := make([]int, n)
	for k := range first {
		first[k] = -1
	}
	var roots []int
	for k, nd := range nr.tree {
		if nd.parent < 0 {
			roots = append(roots, k)
			continue
		}
		next[k] = first[nd.parent]
		first[nd.parent] = k
	}
	gain := make([]float64, n)
	count := make([]int, n)
	forced := make([]bool, n)   // the kept subtree holds a required building
	pipes := make([]float64, n) // yearly pipe cost of the kept subtree
	// For a subtree serving one building: that building and its yearly
	// network cost without pipes and all-electric cost (for the reason).
	lone := make([]int, n)
	loneNet := make([]float64, n)
	loneIndiv := make([]float64, n)
	cut := map[int]string{}
	var mark func(k int, why string)
	mark = func(k int, why string) {
		stack := []int{k}
		for len(stack) > 0 {
			u := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if b := nr.tree[u].building; b >= 0 {
				if _, done := cut[b]; !done {
					cut[b] = why
				}
			}
			for c := first[u]; c >= 0; c = next[c] {
				stack = append(stack, c)
			}
		}
	}
	// Iterative post-order over each root.
	type frame struct{ node, child int }
	for _, r := range roots {
		stack := []frame{{r, first[r]}}
		for len(stack) > 0 {
			f := &stack[len(stack)-1]
			if f.child >= 0 {
				c := f.child
				f.child = next[c]
				stack = append(stack, frame{c, first[c]})
				continue
			}
			u := f.node
			stack = stack[:len(stack)-1]
			nd := nr.tree[u]
			g, cnt, py := 0.0, 0, pipeYear(nd.cost)
			lb, lnet, lind := -1, 0.0, 0.0
			must := false
			for c := first[u]; c >= 0; c = next[c] {
				if count[c] == 0 {
					continue // cut below: that pipe will not be built
				}
				must = must || forced[c]
				g += gain[c]
				cnt += count[c]
				py += pipes[c]
				lb, lnet, lind = lone[c], loneNet[c], loneIndiv[c]
			}
			if b := nd.building; b >= 0 {
				must = must || required != nil && required[b]
				lb = b
				lnet = sides[b][sideOf(kind)].national.Value + perKW*bs[b].PeakKW
				lind = individual(&sides[b])
				g += lind - lnet
				cnt++
			}
			if cnt != 1 {
				lb = -1
			}
			g -= pipeYear(nd.cost)
			switch {
			case cnt == 0:
				// A pipe to nobody is not built: no cost upstream.
				g, py = 0, 0
			case g < 0 && !must:
				why := fmt.Sprintf("de tak naar %d gebouwen kost via het warmtenet %s euro per jaar meer dan all-electric", cnt, thousands(-g))
				if lb >= 0 {
					why = fmt.Sprintf("de leidingen alleen voor dit pand plus de aansluiting kosten %s euro per jaar, meer dan all-electric met %s euro per jaar", thousands(lnet+py), thousands(lind))
				}
				mark(u, why)
				g, cnt, py = 0, 0, 0
			}
			lone[u], loneNet[u], loneIndiv[u] = lb, lnet, lind
			gain[u], count[u], pipes[u], forced[u] = g, cnt, py, must
		}
	}
	return cut
}

// individual is a building's cheapest all-electric national cost per
// year: the air-water (S1a) or the ground-source heat pump (S1b), the
// alternative the expansion weighs a network connection against.
func individual(v *[nSides]views) float64 {
	return min(v[sideElectric].national.Value, v[sideGround].national.Value)
}
