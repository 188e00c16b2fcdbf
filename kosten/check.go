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
		if !all(func(v float64) bool { return v >= 2000 && v <= 2100 && whole(v) }) {
			return fmt.Errorf("%w: the base year must be a whole year in 2000..2100", ErrParamFile)
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
	}
	if all(func(v float64) bool { return math.Abs(v) < 1e12 }) {
		return nil
	}
	return fmt.Errorf("%w: magnitude above 1e12", ErrParamFile)
}

// checkSet enforces relations between parameters.
func checkSet(p *Params) error {
	if s, e := p.band("eval.start"), p.band("eval.end"); s.Max >= e.Min {
		return fmt.Errorf("%w: eval.start (%g) must be before eval.end (%g)", ErrParamFile, s.Max, e.Min)
	}
	return nil
}
