package geodata

import (
	"bytes"
	"fmt"
	"time"
)

// BAG id prefixes as they appear in PDOK / IMBAG exports and in OSM
// ref:bag values.
var bagIDPrefixes = [][]byte{
	[]byte("NL.IMBAG.Pand."),
	[]byte("NL.IMBAG.Verblijfsobject."),
	[]byte("NL.IMBAG.Nummeraanduiding."),
	[]byte("NL.IMBAG.Ligplaats."),
	[]byte("NL.IMBAG.Standplaats."),
}

// bagIDLen is the length of a BAG object id: 4 digits gemeentecode, 2
// digits object type, 10 digits serial number.
const bagIDLen = 16

// NormalizeBAGID returns the 16-digit form of a BAG object id: it strips an
// "NL.IMBAG.Pand." (or Verblijfsobject, Nummeraanduiding, Ligplaats,
// Standplaats) prefix and spaces, and left-pads with zeros, so
// "503100000000296" and "NL.IMBAG.Pand.0503100000000296" both give
// "0503100000000296". An empty id, one with non-digits or one of more than
// 16 digits is an error. O(len(s)); safe for concurrent use.
func NormalizeBAGID(s string) (string, error) {
	if isBAGID(s) {
		return s, nil // already normalised: no allocation
	}
	return normalizeBAGIDBytes([]byte(s))
}

// isBAGID reports whether s is exactly 16 digits.
func isBAGID(s string) bool {
	if len(s) != bagIDLen {
		return false
	}
	for i := range len(s) {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// normalizeBAGIDBytes is NormalizeBAGID on bytes; it allocates only the
// result.
func normalizeBAGIDBytes(raw []byte) (string, error) {
	s := bytes.TrimSpace(raw)
	for _, p := range bagIDPrefixes {
		if len(s) >= len(p) && bytes.EqualFold(s[:len(p)], p) {
			s = bytes.TrimSpace(s[len(p):])
			break
		}
	}
	var buf [bagIDLen]byte
	n := 0
	for _, c := range s {
		switch {
		case c == ' ':
			continue
		case c < '0' || c > '9':
			return "", fmt.Errorf("geodata: BAG id %q has a non-digit %q", raw, c)
		case n == bagIDLen:
			return "", fmt.Errorf("geodata: BAG id %q has more than %d digits", raw, bagIDLen)
		}
		buf[n] = c
		n++
	}
	if n == 0 {
		return "", fmt.Errorf("geodata: empty BAG id %q", raw)
	}
	var out [bagIDLen]byte
	pad := bagIDLen - n
	for i := range pad {
		out[i] = '0'
	}
	copy(out[pad:], buf[:n])
	return string(out[:]), nil
}

// Plausible construction years: BAG records oorspronkelijk bouwjaar from
// the year 1000 (old churches and castles carry years such as 1005); 9999
// is the BAG placeholder for unknown, 0 means absent. Up to five years
// ahead is accepted for panden registered with a planned year (status
// "Bouw gestart").
const (
	minPlausibleBouwjaar = 1000
	bouwjaarFutureYears  = 5
)

// PlausibleBouwjaar reports whether y is a construction year to derive a
// construction era from: 1000 <= y <= current year + 5. The 9999
// placeholder and 0 are not plausible.
func PlausibleBouwjaar(y int) bool {
	return y >= minPlausibleBouwjaar && y <= time.Now().Year()+bouwjaarFutureYears
}
