package kosten

import (
	"fmt"
	"math"
	"strings"
)

// checkParam enforces the ranges the calculations rely on, so that an
// override cannot make a formula divide by zero or loop backwards.
func checkParam(p Param) error {
	ends := [...]float64{p.Value, p.Min, p.Max}
	all := func(ok func(float64) bool) bool {
		for _, v := range ends {
			if !ok(v) {
				return false
			}
		}
		return true
	}
	whole := func(v float64) bool { return v == math.Trunc(v) }
	n := p.Name
	switch {
	case strings.HasPrefix(n, "discount."):
		if !all(func(v float64) bool { return v >= 0 && v < 1 }) {
			return fmt.Errorf("%w: a discount rate must lie in [0, 1)", ErrParamFile)
		}
	case n == "eval.start" || n == "eval.end":
		if !all(func(v float64) bool { return v >= 0 && v <= 100 && whole(v) }) {
			return fmt.Errorf("%w: an evaluation year must be a whole number of years in 0..100", ErrParamFile)
		}
	case n == "eval.base_year":
		if !all(func(v float64) bool { return v >= 2000 && v <= LastPriceYear && whole(v) }) {
			return fmt.Errorf("%w: the base year must be a whole year in 2000..%d (the KEV 2019 price paths end in %d)", ErrParamFile, LastPriceYear, LastPriceYear)
		}
	case strings.HasSuffix(n, ".lifetime") || strings.HasPrefix(n, "life."):
		if !all(func(v float64) bool { return v >= 1 && v <= 100 && whole(v) }) {
			return fmt.Errorf("%w: a lifetime must be a whole number of years in 1..100", ErrParamFile)
		}
	case strings.HasPrefix(n, "perf.") || n == "gas.energy_content" || n == "dwelling_equivalent.utility_m2" ||
		n == "hn.substation.os_size" || n == "grid.elec.ms_room_capacity":
		if !all(func(v float64) bool { return v > 0 }) {
			return fmt.Errorf("%w: must be positive", ErrParamFile)
		}
	case n == "tax.vat" || n == "tax.vat_building" || strings.HasPrefix(n, "om.") || strings.HasSuffix(n, ".om"):
		if !all(func(v float64) bool { return v >= 0 && v <= 10 }) {
			return fmt.Errorf("%w: a rate must lie in [0, 10]", ErrParamFile)
		}
	case n == "source.main_capacity_share" || n == "source.main_volume_share":
		if !all(func(v float64) bool { return v > 0 && v <= 1 }) {
			return fmt.Errorf("%w: a share of the main source must lie in (0, 1]", ErrParamFile)
		}
	case n == "net.works.trench_share":
		if !all(func(v float64) bool { return v >= 0 && v < 1 }) {
			return fmt.Errorf("%w: the share of the trench price planned works save must lie in [0, 1)", ErrParamFile)
		}
	case n == "net.works.window":
		if !all(func(v float64) bool { return v >= 0 && v <= 100 && whole(v) }) {
			return fmt.Errorf("%w: the window of years for planned works must be a whole number of years in 0..100", ErrParamFile)
		}
	case n == "net.existing.buffer":
		if !all(func(v float64) bool { return v > 0 && v <= 50 }) {
			return fmt.Errorf("%w: the distance within which a street runs along an existing pipe must lie in (0, 50] m", ErrParamFile)
		}
	case n == "net.existing.max_angle":
		if !all(func(v float64) bool { return v > 0 && v < 90 }) {
			return fmt.Errorf("%w: the largest angle between a street and an existing pipe along it must lie in (0, 90) degrees", ErrParamFile)
		}
	case p.Unit == "C":
		if !all(func(v float64) bool { return v >= -30 && v <= 200 }) {
			return fmt.Errorf("%w: a temperature must lie in -30..200 C", ErrParamFile)
		}
	case strings.HasPrefix(n, "scan.") || strings.HasPrefix(n, "net.") || strings.HasPrefix(n, "source.peak_boiler.efficiency"):
		if !all(func(v float64) bool { return v > 0 }) {
			return fmt.Errorf("%w: must be positive", ErrParamFile)
		}
	}
	if !all(func(v float64) bool { return math.Abs(v) < 1e12 }) {
		return fmt.Errorf("%w: magnitude above 1e12", ErrParamFile)
	}
	// Lower bounds for every other number: money, energy prices, CO2
	// factors, shares and physical quantities are never negative. The
	// Vesta dwelling table (woning.*) is exempt: its linear fits have
	// negative intercepts that only make sense as a whole (a + b*m2).
	if !strings.HasPrefix(n, "woning.") && p.Unit != "C" && !all(func(v float64) bool { return v >= 0 }) {
		return fmt.Errorf("%w: must not be negative", ErrParamFile)
	}
	if p.Unit == "fraction" && !all(func(v float64) bool { return v <= 1 }) {
		return fmt.Errorf("%w: a fraction must lie in [0, 1]", ErrParamFile)
	}
	return nil
}

// checkSet enforces relations between parameters.
func checkSet(p *Params) error {
	s, e := p.band(pEvalStart), p.band(pEvalEnd)
	if s.Max >= e.Min {
		return fmt.Errorf("%w: eval.start (%g) must be before eval.end (%g)", ErrParamFile, s.Max, e.Min)
	}
	if b := p.band(pEvalBaseYear); b.Min+s.Min+1 < FirstPriceYear {
		return fmt.Errorf("%w: eval.base_year %g: the first evaluation year %g lies before the price paths start (%d)", ErrParamFile, b.Min, b.Min+s.Min+1, FirstPriceYear)
	}
	for _, t := range [...]string{"mt", "lt"} {
		sup, ret := p.bandNamed("net.design."+t+".supply"), p.bandNamed("net.design."+t+".return")
		if ret.Max >= sup.Min {
			return fmt.Errorf("%w: net.design.%s.return (%g C) must be below net.design.%s.supply (%g C)", ErrParamFile, t, ret.Max, t, sup.Min)
		}
		if g := p.band(pNetGroundTemperature); g.Max >= ret.Min {
			return fmt.Errorf("%w: net.ground_temperature (%g C) must be below net.design.%s.return (%g C)", ErrParamFile, g.Max, t, ret.Min)
		}
	}
	return nil
}
