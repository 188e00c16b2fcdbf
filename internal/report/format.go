package report

import (
	"math"
	"strconv"
	"strings"
)

// nl formats x in Dutch notation with dec decimals: 1234567.891 with dec 1
// gives "1.234.567,9". NaN and infinities give "–".
func nl(x float64, dec int) string {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return "–"
	}
	s := strconv.FormatFloat(math.Abs(x), 'f', dec, 64)
	intPart, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	if x < 0 && strings.Trim(s, "0.") != "" {
		b.WriteByte('-')
	}
	for i, c := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(c)
	}
	if frac != "" {
		b.WriteByte(',')
		b.WriteString(frac)
	}
	return b.String()
}

// nlAuto formats x with as many decimals as a reader needs: none from 100
// up, one from 10, two below.
func nlAuto(x float64) string {
	a := math.Abs(x)
	switch {
	case a >= 100 || a == 0:
		return nl(x, 0)
	case a >= 10:
		return nl(x, 1)
	default:
		return nl(x, 2)
	}
}

// euroShort formats an amount of euro for axis labels: "€ 1,2 mln",
// "€ 350 k", "€ 12".
func euroShort(x float64) string {
	a := math.Abs(x)
	switch {
	case a >= 1e9:
		return "€ " + nlTrim(x/1e9) + " mld"
	case a >= 1e6:
		return "€ " + nlTrim(x/1e6) + " mln"
	case a >= 1e4:
		return "€ " + nl(x/1e3, 0) + " k"
	default:
		return "€ " + nl(x, 0)
	}
}

// nlTrim formats with up to one decimal and drops ",0".
func nlTrim(x float64) string {
	return strings.TrimSuffix(nl(x, 1), ",0")
}

// niceStep returns a round tick step (1, 2 or 5 times a power of ten) that
// divides span into about n intervals.
func niceStep(span float64, n int) float64 {
	if span <= 0 || n <= 0 {
		return 1
	}
	raw := span / float64(n)
	p := math.Pow(10, math.Floor(math.Log10(raw)))
	switch f := raw / p; {
	case f <= 1:
		return p
	case f <= 2:
		return 2 * p
	case f <= 5:
		return 5 * p
	default:
		return 10 * p
	}
}

// unitWords are the English words of the parameter units (kosten.Param.Unit)
// in Dutch, for the report's parameter table; symbols (EUR, kW, m3) and
// "asl" (aansluiting) stay as they are.
var unitWords = map[string]string{
	"yr": "jaar", "year": "jaar", "h": "uur", "fraction": "fractie", "ratio": "verhouding",
	"bool": "ja/nee", "index": "index",
}

// unitNL writes a parameter unit in Dutch: "EUR/yr/asl" -> "EUR/jaar/asl",
// "fraction" -> "fractie", "h/yr" -> "uur/jaar". The unit stays a key of
// the parameter file; only the report shows it in Dutch.
func unitNL(u string) string {
	parts := strings.Split(u, "/")
	for i, p := range parts {
		if w, ok := unitWords[p]; ok {
			parts[i] = w
		}
	}
	return strings.Join(parts, "/")
}
