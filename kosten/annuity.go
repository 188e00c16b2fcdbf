package kosten

import "math"

// Annuity is the plain annuity factor r / (1 - (1+r)^-n): the equal payment
// at the end of each of n years that repays 1 euro borrowed now at rate r.
// Rate 0 gives 1/n. It panics if n < 1 (a programming error).
func Annuity(rate float64, years int) float64 {
	if years < 1 {
		panic("kosten: Annuity needs at least one year")
	}
	if rate == 0 {
		return 1 / float64(years)
	}
	return rate / (1 - math.Pow(1+rate, -float64(years)))
}

// NcwAnnuity is Vesta's NcwSchema annuity factor 1 / [(d^-s - d^-e) / r]
// with d = 1 + r: the equal payment in each of the years s+1..e whose
// present value is 1 euro now. (d^-s - d^-e)/r is the sum of d^-t over
// t = s+1..e. Rate 0 gives 1/(e-s). It panics unless 0 <= s < e.
func NcwAnnuity(rate float64, s, e int) float64 {
	if s < 0 || e <= s {
		panic("kosten: NcwAnnuity needs 0 <= s < e")
	}
	if rate == 0 {
		return 1 / float64(e-s)
	}
	d := 1 + rate
	return rate / (math.Pow(d, -float64(s)) - math.Pow(d, -float64(e)))
}

// Discount is the present value factor (1+r)^-t of an amount paid in year t.
func Discount(rate float64, t int) float64 { return math.Pow(1+rate, -float64(t)) }

// Annualise turns an investment into its equivalent yearly cost at rate:
// with a lifetime (years >= 1) the plain annuity over the lifetime, so an
// asset that wears out within the evaluation period is in effect replaced
// at the same cost; with lifetime 0 (a one-off cost that buys no asset:
// project management, removal of a gas connection, a connection fee) Vesta's
// NcwSchema factor over the evaluation years s+1..e.
func Annualise(k Band[Euro], rate float64, lifetime, s, e int) Band[EuroPerYear] {
	var f float64
	if lifetime >= 1 {
		f = Annuity(rate, lifetime)
	} else {
		f = NcwAnnuity(rate, s, e)
	}
	return Convert[EuroPerYear](k, f)
}

// Levelise returns the equal yearly amount over the evaluation years s+1..e
// whose present value at rate equals that of flow(t), t = s+1..e:
// NcwAnnuity(r,s,e) * sum of flow(t)*(1+r)^-t. A constant flow comes back
// unchanged. It is how energy costs that change from year to year (price
// paths) become one yearly figure.
func Levelise(rate float64, s, e int, flow func(t int) float64) float64 {
	pv := 0.0
	for t := s + 1; t <= e; t++ {
		pv += flow(t) * Discount(rate, t)
	}
	return pv * NcwAnnuity(rate, s, e)
}
