package warmtenet

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"sync"
)

// ErrCatalogue reports an unusable pipe catalogue.
var ErrCatalogue = errors.New("warmtenet: bad pipe catalogue")

// Pipe is one size of a pre-insulated supply+return pipe pair.
type Pipe struct {
	DN             int     // nominal diameter, mm
	InnerDiameterM float64 // inner diameter of one pipe, m
	// U1 and U2 are the heat-loss coefficients of the pair as MESIDO uses
	// them (W per metre per kelvin): U1 of one pipe to the ground, U2 the
	// coupling between supply and return. U2 may be 0.
	U1, U2 float64
}

// Catalogue is a list of pipe sizes, smallest first (NewCatalogue sorts
// and checks it). The caller fills it, e.g. from the MESIDO EDR Steel-S1
// table in reference/kengetallen.md.
type Catalogue []Pipe

// NewCatalogue returns the pipes sorted by inner diameter after checking
// that every diameter is positive, every DN distinct and the loss
// coefficients non-negative with U2 < U1.
func NewCatalogue(pipes []Pipe) (Catalogue, error) {
	if len(pipes) == 0 {
		return nil, fmt.Errorf("%w: no pipes", ErrCatalogue)
	}
	c := slices.Clone(pipes)
	slices.SortFunc(c, func(a, b Pipe) int {
		switch {
		case a.InnerDiameterM < b.InnerDiameterM:
			return -1
		case a.InnerDiameterM > b.InnerDiameterM:
			return 1
		}
		return 0
	})
	seen := map[int]bool{}
	for _, p := range c {
		if !(p.InnerDiameterM > 0) || p.InnerDiameterM > 5 {
			return nil, fmt.Errorf("%w: DN%d has inner diameter %v m", ErrCatalogue, p.DN, p.InnerDiameterM)
		}
		if !(p.U1 >= 0) || !(p.U2 >= 0) || (p.U1 > 0 && p.U2 >= p.U1) {
			return nil, fmt.Errorf("%w: DN%d has loss coefficients u1=%v u2=%v W/m/K", ErrCatalogue, p.DN, p.U1, p.U2)
		}
		if seen[p.DN] {
			return nil, fmt.Errorf("%w: DN%d listed twice", ErrCatalogue, p.DN)
		}
		seen[p.DN] = true
	}
	return c, nil
}

// Design constants for sizing. Water properties at district-heating
// temperatures as in reference/kengetallen.md ("water density about 975
// kg/m3 and heat capacity 4.18 kJ/(kg K)"); the kinematic viscosity is that
// of water at about 50 C (dynamic viscosity 0.547 mPa s, IAPWS-2008 / any
// steam table, over 988 kg/m3). Roughness 0.01 mm and the 250 Pa/m limit
// are topotherm's (topotherm/settings.py, MIT).
const (
	WaterDensityKgM3  = 975.0
	WaterHeatCapKJKgK = 4.18
	WaterViscosityM2S = 0.55e-6
	PipeRoughnessM    = 0.01e-3
	DefaultMaxPaPerM  = 250.0
	// Design temperatures, C: the defaults of MESIDO's predecessor
	// rtc-tools-heat-network (src/rtctools_heat_network/modelica/WarmingUp/
	// HeatNetwork/QTH/Pipe.mo: T_supply 75, T_return 45, T_g 10).
	DefaultSupplyC        = 75.0
	DefaultReturnC        = 45.0
	DefaultGroundC        = 10.0
	secondsPerYear        = 8760 * 3600.0
	joulePerGJ            = 1e9
	simultaneityBase      = 0.62 // THERMOS diversity: f(n) = 0.62 + 0.38/n
	simultaneityPerBuildg = 0.38
)

// Simultaneity returns the simultaneity (diversity) factor for n
// buildings downstream: f(n) = 0.62 + 0.38/n, the curve THERMOS uses
// (cse-bristol/110-thermos-ui, diversity defaults); f(1) = 1. n <= 0
// gives 0.
func Simultaneity(n int) float64 {
	if n <= 0 {
		return 0
	}
	return simultaneityBase + simultaneityPerBuildg/float64(n)
}

// PressureGradient returns the friction pressure gradient in Pa/m of one
// pipe of inner diameter d metres carrying heat power kW at a temperature
// difference dT kelvin between supply and return: mass flow P/(cp dT),
// Darcy-Weisbach with the Swamee-Jain friction factor (64/Re when
// laminar, Re < 2300).
func PressureGradient(kW, d, dT float64) float64 {
	if kW <= 0 {
		return 0
	}
	m := kW / (WaterHeatCapKJKgK * dT)                // kg/s
	v := m / WaterDensityKgM3 / (math.Pi * d * d / 4) // m/s
	re := v * d / WaterViscosityM2S
	var f float64
	if re < 2300 {
		f = 64 / re
	} else {
		l := math.Log10(PipeRoughnessM/(3.7*d) + 5.74/math.Pow(re, 0.9))
		f = 0.25 / (l * l)
	}
	return f * WaterDensityKgM3 * v * v / (2 * d)
}

// sizer picks pipe sizes: capKW[i] is the largest load catalogue pipe i
// carries within the pressure-gradient limit.
type sizer struct {
	cat      Catalogue
	capKW    []float64
	lossWm   []float64 // heat loss of the pair per metre, W/m
	dT       float64
	maxPaPer float64
}

// newSizer precomputes each pipe's capacity by bisection on the load
// (PressureGradient rises monotonically with load).
func newSizer(cat Catalogue, supplyC, returnC, groundC, maxPaPerM float64) (*sizer, error) {
	dT := supplyC - returnC
	if !(dT > 0) {
		return nil, fmt.Errorf("%w: supply %v C not above return %v C", ErrOptions, supplyC, returnC)
	}
	if !(maxPaPerM > 0) {
		return nil, fmt.Errorf("%w: pressure gradient limit %v Pa/m", ErrOptions, maxPaPerM)
	}
	s := &sizer{cat: cat, dT: dT, maxPaPer: maxPaPerM}
	for _, p := range cat {
		s.capKW = append(s.capKW, pipeCapacityKW(p.InnerDiameterM, dT, maxPaPerM))
		s.lossWm = append(s.lossWm, PairLossWPerM(p, supplyC, returnC, groundC))
	}
	return s, nil
}

// capacityKey is what a pipe's capacity depends on: inner diameter, m,
// temperature difference, K, and pressure-gradient limit, Pa/m.
type capacityKey struct{ d, dT, maxPaPerM float64 }

// capacities memoises pipeCapacityKW: every route sizes the same few
// catalogues (a scan's MT and LT designs), and the bisection, 100
// pressure gradients per pipe, was 3 % of a batch's CPU
// (benchmarks/README.md, "What changed: routing work shared within a
// buurt"). At most maxCapacities entries are kept; beyond, capacities
// are computed and not kept.
var capacities struct {
	sync.RWMutex
	m map[capacityKey]float64
}

const maxCapacities = 4096

// pipeCapacityKW returns the largest load a pipe of inner diameter d (m)
// carries at temperature difference dT (K) within the pressure-gradient
// limit maxPaPerM (Pa/m): bisection on the load (PressureGradient rises
// monotonically with it). The same arguments give the same bits, from
// the memo or computed.
func pipeCapacityKW(d, dT, maxPaPerM float64) float64 {
	k := capacityKey{d, dT, maxPaPerM}
	capacities.RLock()
	c, ok := capacities.m[k]
	capacities.RUnlock()
	if ok {
		return c
	}
	lo, hi := 0.0, 1.0
	for PressureGradient(hi, d, dT) <= maxPaPerM {
		hi *= 2
	}
	for range 100 {
		mid := (lo + hi) / 2
		if PressureGradient(mid, d, dT) <= maxPaPerM {
			lo = mid
		} else {
			hi = mid
		}
	}
	capacities.Lock()
	if capacities.m == nil {
		capacities.m = map[capacityKey]float64{}
	}
	if len(capacities.m) < maxCapacities {
		capacities.m[k] = lo
	}
	capacities.Unlock()
	return lo
}

// pick returns the index of the smallest pipe that carries kW, and false
// when even the largest cannot (the largest is returned).
func (s *sizer) pick(kW float64) (int, bool) {
	for i, c := range s.capKW {
		if kW <= c {
			return i, true
		}
	}
	return len(s.capKW) - 1, false
}

// lossAtDN returns the heat loss of a pair of nominal diameter dn per
// metre, W/m, at the sizer's temperatures: that of the catalogue pipe of
// that DN, else interpolated linearly in DN between the catalogue pipes
// of the nearest DN below and above, else (beyond the catalogue's
// smallest or largest DN) the nearest end pipe's scaled by the ratio of
// the DNs (a pair's loss grows about in proportion to its size at the
// large end of the Steel-S1 series: DN800 0.77, DN1000 0.96, DN1200
// 1.15 W/m/K). An assumption of wijkwarmte for an existing pipe's DN that
// the catalogue lacks.
func (s *sizer) lossAtDN(dn int) float64 {
	lo, hi := -1, -1
	for i, p := range s.cat {
		switch {
		case p.DN == dn:
			return s.lossWm[i]
		case p.DN < dn && (lo < 0 || p.DN > s.cat[lo].DN):
			lo = i
		case p.DN > dn && (hi < 0 || p.DN < s.cat[hi].DN):
			hi = i
		}
	}
	switch {
	case lo < 0:
		return s.lossWm[hi] * float64(dn) / float64(s.cat[hi].DN)
	case hi < 0:
		return s.lossWm[lo] * float64(dn) / float64(s.cat[lo].DN)
	}
	a, b := float64(s.cat[lo].DN), float64(s.cat[hi].DN)
	t := (float64(dn) - a) / (b - a)
	return s.lossWm[lo] + t*(s.lossWm[hi]-s.lossWm[lo])
}

// PairLossWPerM returns the steady heat loss in W per metre of trench of a
// supply+return pair buried in ground at groundC: supply loses
// (U1-U2)(Ts-Tg) + U2(Ts-Tr), return (U1-U2)(Tr-Tg) - U2(Ts-Tr), so the
// pair loses (U1-U2)(Ts+Tr-2Tg) (the formula of MESIDO's predecessor
// rtc-tools-heat-network, QTH/Pipe.mo). Temperatures in C.
func PairLossWPerM(p Pipe, supplyC, returnC, groundC float64) float64 {
	return (p.U1 - p.U2) * (supplyC + returnC - 2*groundC)
}

// LossGJPerYear converts a continuous loss of w watts into GJ per year
// (8760 h).
func LossGJPerYear(w float64) float64 { return w * secondsPerYear / joulePerGJ }
