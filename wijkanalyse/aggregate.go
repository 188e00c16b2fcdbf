package wijkanalyse

import (
	"fmt"
	"math"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"

	"github.com/wijkwarmte/wijkwarmte/geodata"
	"github.com/wijkwarmte/wijkwarmte/kosten"
)

// Strategy names besides the option kinds.
const StrategyMixed = "mixed"

// StrategyNames lists the whole-area strategies in the order of
// Result.Strategies (the gas reference first).
var StrategyNames = []string{string(OptionGasBoiler), string(OptionAllElectric), string(OptionWarmtenetMT),
	string(OptionWarmtenetLT), string(OptionAquathermie), string(OptionGeothermie), StrategyMixed,
	string(OptionAllElectricGround), string(OptionGroenGasHybrid), string(OptionGroenGasBoiler),
	string(OptionWaterstofHybrid), string(OptionWaterstofBoiler), string(OptionWarmtenetLTBron)}

// StrategyOption returns the option building b takes under the named
// strategy, as the strategy's figures count it: under "mixed" its Best;
// under an option strategy that option where it is feasible for b and
// all-electric where it is not. It returns nil for a building without
// options (a bijgebouw) or an unknown strategy name.
func (b *Building) StrategyOption(strategy string) *Option {
	if b.Use == UseBijgebouw || len(b.Options) == 0 {
		return nil
	}
	if strategy == StrategyMixed {
		if b.Best == "" {
			return nil
		}
		return &b.Options[optionIndex(b.Best)]
	}
	i := -1
	for k, o := range OptionKinds {
		if string(o) == strategy {
			i = k
		}
	}
	if i < 0 || i >= len(b.Options) {
		return nil
	}
	if o := &b.Options[i]; o.Feasible {
		return o
	}
	return &b.Options[optionIndex(OptionAllElectric)]
}

// strategies computes the whole-area strategies over the buildings idx
// (indexes into bs). A network strategy gives the network option to every
// building for which it is feasible and all-electric to the others;
// "mixed" gives every building its Best: the buildings on the network
// the mixed network option (one network, as routed for them: each
// carries its share), the others their best individual option. Indicators
// follow the Startanalyse: national cost per year, extra national cost
// and CO2 avoided against the gas reference, euro per tonne CO2 avoided,
// end-user cost per dwelling (dwellings' end-user costs / dwellings) and
// per dwelling-equivalent (all buildings), national cost per
// dwelling-equivalent.
//
// Feasibility: a strategy is infeasible when the area has no heated
// building, or (network options) when no heated building in it can take
// the option; an infeasible strategy carries no figures (every band and
// part NaN). The best strategy is the feasible non-reference strategy
// with the lowest national cost.
func strategies(bs []Building, idx []int) ([]Strategy, string) {
	names := StrategyNames
	out := make([]Strategy, len(names))
	for s, name := range names {
		st := &out[s]
		st.Name = name
		var co2, euDw Band
		var euDwParts Parts
		onOption, heated, onNet := 0, 0, 0
		reason := ""
		for _, i := range idx {
			b := &bs[i]
			if b.Use == UseBijgebouw || len(b.Options) == 0 {
				continue
			}
			heated++
			var o *Option
			switch name {
			case StrategyMixed:
				o = &b.Options[optionIndex(b.Best)]
				if b.Best.Network() {
					onNet++
					st.NetworkOption = b.Best
				}
			default:
				o = &b.Options[optionIndex(OptionKind(name))]
				if !o.Feasible {
					if reason == "" {
						reason = o.Reason
					}
					o = &b.Options[optionIndex(OptionAllElectric)]
				} else {
					onOption++
				}
			}
			st.Buildings++
			st.Dwellings += b.Dwellings
			st.DwellingEquivalents += b.DwellingEquivalents
			st.NationalCostEURPerYear = st.NationalCostEURPerYear.Add(o.National)
			st.EnduserCostEURPerYearPerDwellingEquivalent = st.EnduserCostEURPerYearPerDwellingEquivalent.Add(o.EndUser)
			st.EnduserCostPartsPerDwellingEquivalent.addIn(&o.EndUserParts)
			if b.Use == UseWoning && b.Dwellings > 0 && b.DwellingEquivalents > 0 {
				// The dwellings' share of a woning pand (a shop below
				// flats counts in dwelling-equivalents, not here).
				f := float64(b.Dwellings) / b.DwellingEquivalents
				euDw = euDw.Add(o.EndUser.Scale(f))
				euDwParts.addScaled(&o.EndUserParts, f)
			}
			st.NationalCostParts.addIn(&o.NationalParts)
			co2 = co2.Add(o.CO2)
		}
		if OptionKind(name).Network() {
			st.NetworkOption = OptionKind(name)
		}
		switch {
		case heated == 0:
			st.Reason = "no heated buildings"
		case name == StrategyMixed && onNet > 0:
			st.Feasible = true
			st.Reason = fmt.Sprintf("%d of %d buildings on the %s network as routed for them, the others their best individual option", onNet, heated, st.NetworkOption)
		case name == StrategyMixed:
			st.Feasible, st.Reason = true, "no building on the network: every building its best individual option"
		case onOption == 0:
			st.Reason = "no building can take it: " + reason
		case onOption < heated:
			st.Feasible = true
			st.Reason = fmt.Sprintf("%d of %d buildings; the others all-electric", onOption, heated)
		default:
			st.Feasible, st.Reason = true, fmt.Sprintf("all %d buildings", heated)
		}
		if st.Dwellings > 0 {
			st.EnduserCostEURPerYearPerDwelling = euDw.Scale(1 / float64(st.Dwellings))
			st.EnduserCostPartsPerDwelling = euDwParts.scale(1 / float64(st.Dwellings))
		}
		if st.DwellingEquivalents > 0 {
			st.EnduserCostEURPerYearPerDwellingEquivalent = st.EnduserCostEURPerYearPerDwellingEquivalent.Scale(1 / st.DwellingEquivalents)
			st.EnduserCostPartsPerDwellingEquivalent = st.EnduserCostPartsPerDwellingEquivalent.scale(1 / st.DwellingEquivalents)
			st.CostEURPerDwellingEquivalent = st.NationalCostEURPerYear.Scale(1 / st.DwellingEquivalents)
		}
		st.CO2AvoidedTPerYear = co2 // the emission for now; turned into "avoided" below
	}
	ref := out[0]
	best, bestCost := "", math.Inf(1)
	for s := range out {
		st := &out[s]
		emission := st.CO2AvoidedTPerYear
		st.CO2AvoidedTPerYear = ref.CO2AvoidedTPerYear.Sub(emission)
		st.ExtraNationalCostEURPerYear = st.NationalCostEURPerYear.Sub(ref.NationalCostEURPerYear)
		if st.DwellingEquivalents > 0 {
			st.ExtraCostEURPerDwellingEquivalent = st.ExtraNationalCostEURPerYear.Scale(1 / st.DwellingEquivalents)
		}
		if av := st.CO2AvoidedTPerYear.Value; av > 0 {
			st.EURPerTCO2 = st.ExtraNationalCostEURPerYear.Scale(1 / av)
		} else {
			// No CO2 avoided (the reference itself, or a strategy that emits
			// more): euro per ton is not defined, not zero.
			nan := math.NaN()
			st.EURPerTCO2 = kosten.Band[float64]{Value: nan, Min: nan, Max: nan}
		}
		if s > 0 && st.Feasible && st.NationalCostEURPerYear.Value < bestCost {
			best, bestCost = st.Name, st.NationalCostEURPerYear.Value
		}
	}
	// The reference's own "avoided" is zero by definition.
	out[0].CO2AvoidedTPerYear = kosten.Band[float64]{}
	for s := range out {
		if !out[s].Feasible {
			out[s].clear()
		}
	}
	return out, best
}

// clear marks every figure of an infeasible strategy not available (NaN);
// the counts of buildings and dwellings stay.
func (st *Strategy) clear() {
	for _, b := range []*Band{&st.NationalCostEURPerYear, &st.ExtraNationalCostEURPerYear, &st.EnduserCostEURPerYearPerDwelling,
		&st.EnduserCostEURPerYearPerDwellingEquivalent, &st.CO2AvoidedTPerYear, &st.EURPerTCO2,
		&st.CostEURPerDwellingEquivalent, &st.ExtraCostEURPerDwellingEquivalent} {
		*b = nan
	}
	for k := range st.NationalCostParts {
		st.NationalCostParts[k], st.EnduserCostPartsPerDwelling[k], st.EnduserCostPartsPerDwellingEquivalent[k] = nan, nan, nan
	}
}

// OutsideAreas is the Name of the AreaSummary that holds the panden
// whose centroid lies in none of the given areas.
const OutsideAreas = "buiten de opgegeven gebieden"

// areaResult is what aggregate returns: the summaries, notes for
// Result.Notes, and the counts for InputSummary.
type areaResult struct {
	areas   []AreaSummary
	notes   []string
	used    int            // areas aggregated
	skipped map[string]int // reason -> areas given but not aggregated
}

// aggregate builds the per-area summaries: per given buurt/wijk polygon
// (a building belongs to every area holding its centroid), or one summary
// for the whole scan area (its land area is the convex hull of the
// footprints). An area without any polygon is skipped and counted. When
// areas are given and some panden lie in none of them, a last summary
// named OutsideAreas (Outside true, land area unknown: 0) holds them and
// a note says how many; nothing is lost silently.
func aggregate(bs []Building, areas []geodata.Area, nr *netResult, ai *areaIndex) areaResult {
	if len(areas) == 0 {
		all := make([]int, len(bs))
		for i := range bs {
			all[i] = i
		}
		return areaResult{areas: []AreaSummary{summarise("", "scan area", "", bs, all, ai.hullHa, nr, func(p orb.Point) bool { return true })}}
	}
	var r areaResult
	r.areas = make([]AreaSummary, 0, len(areas)+1)
	for k, a := range areas {
		g := a.Geometry
		if ai.idx[k] == nil && (len(g) == 0 || planar.Area(g) == 0) {
			if r.skipped == nil {
				r.skipped = map[string]int{}
			}
			r.skipped["no polygon"]++
			continue
		}
		r.used++
		bound := g.Bound()
		in := func(p orb.Point) bool { return bound.Contains(p) && planar.MultiPolygonContains(g, p) }
		r.areas = append(r.areas, summarise(a.Code, a.Name, a.Kind, bs, ai.idx[k], math.Abs(planar.Area(g))/1e4, nr, in))
	}
	if n := r.skipped["no polygon"]; n > 0 {
		r.notes = append(r.notes, fmt.Sprintf("%d van de %d gebieden hebben geen vlak en zijn overgeslagen", n, len(areas)))
	}
	if outside := ai.outside; len(outside) > 0 {
		nowhere := func(p orb.Point) bool {
			for _, a := range areas {
				if len(a.Geometry) > 0 && a.Geometry.Bound().Contains(p) && planar.MultiPolygonContains(a.Geometry, p) {
					return false
				}
			}
			return true
		}
		sum := summarise("", OutsideAreas, "", bs, outside, 0, nr, nowhere)
		sum.Outside = true
		r.areas = append(r.areas, sum)
		note := fmt.Sprintf("%d van de %d panden liggen (met hun middelpunt) buiten elk opgegeven gebied; ze zijn opgeteld onder %q", len(outside), len(bs), OutsideAreas)
		if len(outside) == 1 {
			note = fmt.Sprintf("1 van de %d panden ligt (met zijn middelpunt) buiten elk opgegeven gebied; het is opgeteld onder %q", len(bs), OutsideAreas)
		}
		if len(outside) == len(bs) {
			in, all := fmt.Sprintf("een van de %d opgegeven gebieden", r.used), fmt.Sprintf("alle %d zijn", len(bs))
			if r.used == 1 {
				in = "het opgegeven gebied"
			}
			if len(bs) == 1 {
				all = "het is"
			}
			note = fmt.Sprintf("geen enkel pand ligt in %s (controleer of de gebieden de panden bedekken en hetzelfde coördinatenstelsel hebben); %s opgeteld onder %q", in, all, OutsideAreas)
		}
		r.notes = append(r.notes, note)
	}
	return r
}

// areaIndex is what aggregate needs that prices do not change: which
// buildings lie in each area (by centroid; nil for an area without a
// polygon, a non-nil empty list for one that holds none), the buildings
// outside every area, and, without areas, the land area of the convex
// hull of the footprints, ha.
type areaIndex struct {
	hullHa  float64
	idx     [][]int
	outside []int
}

// AreaMembers lists, per area, the buildings (indices into bs) whose
// centroid lies in its polygon: the rule of the per-area summaries
// (Result.Areas). An area without a polygon gets nil, one that holds no
// building an empty list.
func AreaMembers(bs []Building, areas []geodata.Area) [][]int {
	if len(areas) == 0 {
		return nil
	}
	return indexAreas(bs, areas).idx
}

func indexAreas(bs []Building, areas []geodata.Area) *areaIndex {
	ai := &areaIndex{}
	if len(areas) == 0 {
		var pts []orb.Point
		for i := range bs {
			if len(bs[i].Footprint) > 0 {
				pts = append(pts, bs[i].Footprint[0]...)
			}
		}
		ai.hullHa = math.Abs(planar.Area(convexHull(pts))) / 1e4
		return ai
	}
	ai.idx = make([][]int, len(areas))
	inSome := make([]bool, len(bs))
	for k, a := range areas {
		g := a.Geometry
		if len(g) == 0 || planar.Area(g) == 0 {
			continue
		}
		bound := g.Bound()
		idx := []int{}
		for i := range bs {
			if p := bs[i].Centroid; bound.Contains(p) && planar.MultiPolygonContains(g, p) {
				idx = append(idx, i)
				inSome[i] = true
			}
		}
		ai.idx[k] = idx
	}
	for i := range bs {
		if !inSome[i] {
			ai.outside = append(ai.outside, i)
		}
	}
	return ai
}

// count sets the area counts of an InputSummary: AreasRead from the
// reader's report (given areas when there is none), AreasUsed, and
// AreasSkipped by reason (the reader's skips and those of aggregate).
func (r areaResult) count(s *InputSummary, given int, rep geodata.Report) {
	s.AreasRead = rep.Read
	if s.AreasRead == 0 {
		s.AreasRead = given
	}
	s.AreasUsed = r.used
	for why, n := range rep.Skipped {
		if s.AreasSkipped == nil {
			s.AreasSkipped = map[string]int{}
		}
		s.AreasSkipped[why] += n
	}
	for why, n := range r.skipped {
		if s.AreasSkipped == nil {
			s.AreasSkipped = map[string]int{}
		}
		s.AreasSkipped[why] += n
	}
}

func summarise(code, name string, kind geodata.AreaKind, bs []Building, idx []int, ha float64, nr *netResult, in func(orb.Point) bool) AreaSummary {
	s := AreaSummary{Code: code, Name: name, Kind: kind, AreaHa: ha}
	var connectedGJ float64
	for _, i := range idx {
		s.Stock.add(&bs[i])
		if bs[i].Connected {
			connectedGJ += bs[i].SpaceHeatGJ + bs[i].TapWaterGJ
		}
	}
	if ha > 0 {
		s.HeatDensityGJPerHa = s.Stock.HeatDemandGJ / ha
	}
	if nr != nil {
		if nr.routed {
			for _, seg := range nr.summary.Segments {
				if !seg.Service && len(seg.Line) > 0 && in(seg.Line[len(seg.Line)/2]) {
					s.TrenchM += seg.LengthM
				}
			}
		} else if nr.summary.DemandGJ > 0 {
			s.TrenchM = nr.summary.TrenchM * connectedGJ / nr.summary.DemandGJ
		}
	}
	if s.TrenchM > 0 {
		s.GJPerMTrench = connectedGJ / s.TrenchM
	}
	s.Strategies, s.BestStrategy = strategies(bs, idx)
	return s
}
