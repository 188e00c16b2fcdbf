package wijkanalyse

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"

	"github.com/wijkwarmte/wijkwarmte/geodata"
)

// Option rules (see doc.go):
//
//   - gas_boiler: the reference, always feasible for a heated building.
//   - all_electric: always feasible (insulation to label B makes every
//     building fit for a 50 C heat pump).
//   - warmtenet_mt: feasible when the building is on the network (70 C
//     suits every label; insulation to D is priced).
//   - warmtenet_lt: on the network; insulation to B, LTAS and a booster
//     for tap water are priced (50 C needs label B).
//   - aquathermie: an LT network fed by thermal energy from surface water
//     (TEO); needs a water body of at least Options.TEOMinWaterM2 within
//     Options.WaterReachM of the building, and enough such water near the
//     network to yield the heat its collective heat pump takes from the
//     source (water.go).
//   - geothermie: an MT network fed by a doublet; needs at least
//     Options.GeothermalMinDwellingEq dwelling-equivalents on the network.
//
// Score: 100 × (the cheapest feasible sustainable option's national cost
// / this option's), capped at 100 (the gas reference can score 100 when
// it is cheaper than every sustainable option), 0 when infeasible.
//
// Best: for a building on the network (Connected), the network option of
// the mixed strategy (mixedNetwork: the network option feasible for every
// connected building with the lowest national cost over them). The
// economic expansion keeps a building on the network when its marginal
// network cost plus connection is below all-electric; its average share
// may still be above, and then Best is dearer for that building than
// all-electric, but leaving would not save the network its share (the
// shared pipes stay), so the building carries it. Off the network: the
// feasible sustainable option with the lowest national cost (Value); the
// gas boiler only when no sustainable option is feasible.
//
// Not available: an infeasible option (and every option of a bijgebouw)
// carries no figures: its bands and parts are NaN, Score 0, and Reason
// says why. Writers must write null or an empty cell for them.

// waterDistance returns, per building, the distance (m) from its centroid
// to the nearest surface-water polygon within reach, +Inf when none.
func waterDistance(bs []Building, water []geodata.Area, reach float64) []float64 {
	out := make([]float64, len(bs))
	for i := range out {
		out[i] = math.Inf(1)
	}
	if len(water) == 0 {
		return out
	}
	bounds := make([]orb.Bound, len(water))
	for k, w := range water {
		bounds[k] = w.Geometry.Bound()
	}
	for i := range bs {
		p := bs[i].Centroid
		q := expand(orb.Bound{Min: p, Max: p}, reach)
		for k, w := range water {
			if !bounds[k].Intersects(q) {
				continue
			}
			for _, poly := range w.Geometry {
				d := 0.0
				if !planar.PolygonContains(poly, p) {
					d = math.Inf(1)
					for _, r := range poly {
						d = min(d, planar.DistanceFrom(orb.LineString(r), p))
					}
				}
				out[i] = min(out[i], d)
			}
		}
	}
	return out
}

// evalOptions sets Options, Best and Score of every building: the
// building side of each option (sides, from buildingSides) plus, for the
// network options, the building's service pipe and its peak share of the
// collective network (netViews per option kind, from networkViews).
//
// nr is the expanded (MT) network: it decides who is connected. nets maps
// each network option to the routing it is priced on (the LT options may
// have their own, at LT design temperatures); a building missing from
// that routing is priced on nr's service pipe and peak share.
//
// water is each building's distance to the nearest water body that counts
// for aquathermie (see water.go), haveWater whether any water was given,
// aqBlock[i] the reason the water near the network cannot carry building
// i ("" when it can; nil for all).
func evalOptions(bs []Building, sides [][nSides]views, nr *netResult, nets map[OptionKind]*netResult, netViews map[OptionKind]views, water []float64, haveWater bool, aqBlock []string, opt Options, pr *pricer) {
	var dwEq float64
	for i := range bs {
		if nr.connected[i] {
			dwEq += bs[i].DwellingEquivalents
		}
	}
	// The reasons that do not depend on the building, written once per
	// scan rather than once per building.
	noWaterWhy := fmt.Sprintf("geen water van minstens %s m² binnen %s m", thousands(opt.TEOMinWaterM2), thousands(opt.WaterReachM))
	geoOnWhy := fmt.Sprintf("%s woningequivalenten aan het net", thousands(dwEq))
	geoLowWhy := fmt.Sprintf("vraag binnen bereik (%s woningequivalenten) onder het minimum voor geothermie van %s", thousands(dwEq), thousands(opt.GeothermalMinDwellingEq))
	// One block for every building's options (each building's slice
	// capped at its own part, so an append cannot reach the next).
	no := len(OptionKinds)
	block := make([]Option, len(bs)*no)
	for i := range bs {
		b := &bs[i]
		b.Options = block[i*no : (i+1)*no : (i+1)*no]
		b.Best = ""
		for k, kind := range OptionKinds {
			b.Options[k].Kind = kind
		}
		if b.Use == UseBijgebouw {
			for k := range b.Options {
				b.Options[k].Reason = "geen verwarmde ruimte"
			}
			continue
		}
		set := func(kind OptionKind, feasible bool, reason string) {
			v := sides[i][sideOf(kind)]
			if kind.Network() && nr.connected[i] {
				on := nr
				if n := nets[kind]; n != nil && n.connected[i] {
					on = n
				}
				sv := pr.serviceViews(on.service[i])
				v.addIn(&sv)
				if on.peakSum > 0 {
					nv := netViews[kind]
					v.addScaled(&nv, b.PeakKW/on.peakSum)
				}
			}
			o := &b.Options[optionIndex(kind)]
			o.Feasible, o.Reason = feasible, reason
			o.National, o.EndUser, o.Company, o.CompanyRevenue, o.CO2 = v.national, v.enduser, v.company, v.revenue, v.co2
			o.NationalParts, o.EndUserParts = v.natParts, v.euParts
		}
		set(OptionGasBoiler, true, "referentie: HR-ketel op aardgas")
		set(OptionAllElectric, true, "isoleren tot label B, lucht-water-warmtepomp, lagetemperatuurverwarming")
		set(OptionAllElectricGround, true, "isoleren tot label B, bodemwarmtepomp, lagetemperatuurverwarming")
		set(OptionGroenGasHybrid, true, "hybride warmtepomp en HR-ketel op groengas via het gasnet")
		set(OptionGroenGasBoiler, true, "HR-ketel op groengas via het gasnet")
		set(OptionWaterstofHybrid, true, "hybride warmtepomp en waterstofketel op een omgebouwd gasnet")
		set(OptionWaterstofBoiler, true, "waterstofketel op een omgebouwd gasnet")
		netReason := ""
		switch {
		case nr.connected[i]:
		case nr.unreachable[i] != "":
			netReason = "niet bereikbaar voor het warmtenet: " + nr.unreachable[i]
		case b.DroppedReason != "":
			netReason = b.DroppedReason
		default:
			netReason = "niet aangesloten op het warmtenet"
		}
		on := netReason == ""
		mtWhy, ltWhy := "warmtenet van 70 °C, isoleren tot label D", "warmtenet van 50 °C, isoleren tot label B, booster voor warm tapwater"
		if !on {
			mtWhy, ltWhy = netReason, netReason
		}
		set(OptionWarmtenetMT, on, mtWhy)
		set(OptionWarmtenetLT, on, ltWhy)
		switch {
		case !on:
			set(OptionWarmtenetLTBron, false, netReason)
		case !pr.ltSource:
			set(OptionWarmtenetLTBron, false, "geen bron van lagetemperatuur-restwarmte opgegeven (--sources met soort lt_restwarmte)")
		default:
			set(OptionWarmtenetLTBron, true, "warmtenet van 50 °C op restwarmte van 30 °C met een collectieve warmtepomp, isoleren tot label B, booster voor warm tapwater")
		}
		var aq bool
		var aqWhy string
		switch {
		case !haveWater:
			aq, aqWhy = false, "geen gegevens over oppervlaktewater"
		case water[i] > opt.WaterReachM:
			aq, aqWhy = false, noWaterWhy
		case !on:
			aq, aqWhy = false, netReason
		case aqBlock != nil && aqBlock[i] != "":
			aq, aqWhy = false, aqBlock[i]
		default:
			aq, aqWhy = true, fmt.Sprintf("oppervlaktewater op %.0f m; LT-warmtenet met TEO en een collectieve warmtepomp", water[i])
		}
		set(OptionAquathermie, aq, aqWhy)
		geo, geoWhy := on, geoOnWhy
		switch {
		case !on:
			geo, geoWhy = false, netReason
		case dwEq < opt.GeothermalMinDwellingEq:
			geo, geoWhy = false, geoLowWhy
		}
		set(OptionGeothermie, geo, geoWhy)

	}
	mixed := mixedNetwork(bs, nr.connected)
	for i := range bs {
		b := &bs[i]
		if b.Use == UseBijgebouw {
			for k := range b.Options {
				b.Options[k].clear()
			}
			continue
		}
		// Best: on the network, the network option of the expanded
		// network (mixed): the expansion kept the building because its
		// marginal cost is below all-electric, so it stays and carries
		// its share even when that share makes the option dearer than
		// all-electric. Off the network: the cheapest feasible
		// sustainable option; the gas boiler only when nothing else is
		// feasible.
		low := -1 // cheapest feasible sustainable option, for the score
		for k, o := range b.Options {
			if o.Kind != OptionGasBoiler && !o.Kind.GasGrid() && o.Feasible && (low < 0 || o.National.Value < b.Options[low].National.Value) {
				low = k
			}
		}
		best := low
		switch {
		case nr.connected[i] && mixed != "":
			best = optionIndex(mixed)
		case best < 0:
			best = optionIndex(OptionGasBoiler)
			low = best
		}
		b.Best = b.Options[best].Kind
		lowCost := b.Options[low].National.Value
		for k := range b.Options {
			o := &b.Options[k]
			switch {
			case !o.Feasible:
				o.Score = 0
				o.clear()
			case o.National.Value <= 0 || lowCost <= 0:
				o.Score = 100
			default:
				o.Score = min(100, math.Round(1000*lowCost/o.National.Value)/10)
			}
		}
	}
}

// mixedNetwork returns the network option the connected buildings take in
// the mixed strategy: of the network options feasible for every connected
// building, the one with the lowest national cost summed over them (each
// carries its service pipe and its peak share of that option's network,
// so the sum is the network's whole cost plus their building sides). ""
// when nobody is connected.
func mixedNetwork(bs []Building, connected []bool) OptionKind {
	best, bestCost := OptionKind(""), math.Inf(1)
	for _, kind := range OptionKinds {
		if !kind.Network() {
			continue
		}
		k := optionIndex(kind)
		total, n, ok := 0.0, 0, true
		for i := range bs {
			if !connected[i] || len(bs[i].Options) == 0 {
				continue
			}
			n++
			if o := &bs[i].Options[k]; o.Feasible {
				total += o.National.Value
			} else {
				ok = false
				break
			}
		}
		if ok && n > 0 && total < bestCost {
			best, bestCost = kind, total
		}
	}
	return best
}

// nan is the not-available band: an infeasible option or strategy has no
// figures.
var nan = Band{Value: math.NaN(), Min: math.NaN(), Max: math.NaN()}

// clear marks an option's figures not available (NaN), as for an
// infeasible option.
func (o *Option) clear() {
	o.National, o.EndUser, o.Company, o.CompanyRevenue, o.CO2 = nan, nan, nan, nan, nan
	for k := range o.NationalParts {
		o.NationalParts[k], o.EndUserParts[k] = nan, nan
	}
}

func optionIndex(k OptionKind) int {
	for i, o := range OptionKinds {
		if o == k {
			return i
		}
	}
	panic("wijkanalyse: unknown option " + string(k))
}

// thousands formats a whole number the Dutch way, with a dot every three
// digits (the notes and reasons are Dutch).
func thousands(v float64) string {
	s := fmt.Sprintf("%.0f", v)
	neg := s[0] == '-'
	if neg {
		s = s[1:]
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "." + s[i:]
	}
	if neg {
		s = "-" + s
	}
	return s
}

// decimal formats v with dec decimals and a decimal comma, the Dutch way
// ("0,50"); the whole part has no separators.
func decimal(v float64, dec int) string {
	return strings.Replace(strconv.FormatFloat(v, 'f', dec, 64), ".", ",", 1)
}
