package kosten

import "math"

// Band is a value with the ends of its uncertainty band: Value is the central
// estimate (Vesta's 50/50 mix of its min and max variants unless a parameter
// says otherwise), Min and Max the low and high ends. Every cost in this
// package is a Band; a figure without a band has Min == Value == Max.
//
// Arithmetic keeps Min <= Value <= Max: sums add ends, products multiply the
// corners and take the extremes. Ends are treated as fully correlated (all
// low together, all high together), as Vesta does with its min/max switch;
// the band is therefore the spread between the two scenarios, not a
// statistical interval.
type Band[T ~float64] struct {
	Value, Min, Max T
}

// Point is a band without spread.
func Point[T ~float64](v T) Band[T] { return Band[T]{v, v, v} }

// Span returns the band with the given ends and value (min+max)/2, ordering
// the ends if needed.
func Span[T ~float64](a, b T) Band[T] {
	if a > b {
		a, b = b, a
	}
	return Band[T]{(a + b) / 2, a, b}
}

// Add returns b + c.
func (b Band[T]) Add(c Band[T]) Band[T] {
	return Band[T]{b.Value + c.Value, b.Min + c.Min, b.Max + c.Max}
}

// Sub returns b - c scenario by scenario (low minus low, high minus high,
// the ends ordered afterwards), consistent with fully correlated ends: the
// extra cost of an option over its reference in the low-cost world and in
// the high-cost world.
func (b Band[T]) Sub(c Band[T]) Band[T] {
	return ordered(b.Value-c.Value, b.Min-c.Min, b.Max-c.Max)
}

// ordered builds a band from a value and two scenario ends in any order,
// widening the band to hold the value if needed.
func ordered[T ~float64](v, a, b T) Band[T] {
	if a > b {
		a, b = b, a
	}
	return Band[T]{v, min(a, v), max(b, v)}
}

// Scale returns f*b, swapping the ends if f < 0.
func (b Band[T]) Scale(f float64) Band[T] {
	r := Band[T]{T(float64(b.Value) * f), T(float64(b.Min) * f), T(float64(b.Max) * f)}
	if r.Min > r.Max {
		r.Min, r.Max = r.Max, r.Min
	}
	return r
}

// ClampMin raises every end below lo to lo (used for linear fits whose
// intercepts can make small buildings negative).
func (b Band[T]) ClampMin(lo T) Band[T] {
	return Band[T]{max(b.Value, lo), max(b.Min, lo), max(b.Max, lo)}
}

// Valid reports whether Min <= Value <= Max and no end is NaN or infinite.
func (b Band[T]) Valid() bool {
	for _, v := range [...]T{b.Value, b.Min, b.Max} {
		if math.IsNaN(float64(v)) || math.IsInf(float64(v), 0) {
			return false
		}
	}
	return b.Min <= b.Value && b.Value <= b.Max
}

// Mul multiplies two bands of plain numbers corner by corner.
func Mul(a, b Band[float64]) Band[float64] {
	c := [...]float64{a.Min * b.Min, a.Min * b.Max, a.Max * b.Min, a.Max * b.Max}
	lo, hi := c[0], c[0]
	for _, v := range c[1:] {
		lo, hi = min(lo, v), max(hi, v)
	}
	return Band[float64]{a.Value * b.Value, lo, hi}
}

// Convert changes the unit of a band by the factor f: Convert[Euro](perMetre, 12.5)
// is the cost of 12.5 m at a per-metre band. It is the one place where a band
// changes unit, so call it from named functions that say why.
func Convert[U, T ~float64](b Band[T], f float64) Band[U] {
	s := b.Scale(f)
	return Band[U]{U(s.Value), U(s.Min), U(s.Max)}
}

// SumBands adds bands of one unit.
func SumBands[T ~float64](bs ...Band[T]) Band[T] {
	var s Band[T]
	for _, b := range bs {
		s = s.Add(b)
	}
	return s
}
