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

// BAG object type codes, digits 5-6 of an id (Catalogus BAG 2018,
// "objectidentificatie"; e.g. pand 0503100000000296, ligplaats
// 0797020000056894, standplaats 0797030000056834).
const (
	BAGTypeVerblijfsobject  = "01"
	BAGTypeLigplaats        = "02"
	BAGTypeStandplaats      = "03"
	BAGTypePand             = "10"
	BAGTypeNummeraanduiding = "20"
	BAGTypeOpenbareRuimte   = "30"
)

// BAGType returns the object type code of a normalised (16-digit) BAG id.
func BAGType(id string) string {
	if len(id) != bagIDLen {
		return ""
	}
	return id[4:6]
}

// NormalizePandID is NormalizeBAGID for a pand: the id must also carry
// the pand object type code 10 ("0503100000000296"), so a short number
// such as "12345", which pads to 0000000000012345, or a verblijfsobject id
// is not taken for a pand id.
func NormalizePandID(s string) (string, error) {
	id, err := NormalizeBAGID(s)
	if err != nil {
		return "", err
	}
	if t := BAGType(id); t != BAGTypePand {
		return "", fmt.Errorf("geodata: BAG id %q has object type %s, not %s (pand)", s, t, BAGTypePand)
	}
	return id, nil
}

// NormalizeBAGID returns the 16-digit form of a BAG object id: it strips an
// "NL.IMBAG.Pand." (or Verblijfsobject, Nummeraanduiding, Ligplaats,
// Standplaats) prefix and spaces, and left-pads with zeros, so
// "503100000000296" and "NL.IMBAG.Pand.0503100000000296" both give
// "0503100000000296". An empty id, one with non-digits or one of more than
// 16 digits is an error, and so is one that is not a plausible BAG id
// after padding: gemeentecode 0000, or an object type code (digits 5-6)
// other than 01, 02, 03, 10, 20 or 30. O(len(s)); safe for concurrent use.
func NormalizeBAGID(s string) (string, error) {
	if isBAGID(s) {
		return s, nil // already normalised: no allocation
	}
	return normalizeBAGIDBytes([]byte(s))
}

// isBAGID reports whether s is exactly 16 digits with a plausible
// gemeentecode and object type.
func isBAGID(s string) bool {
	if len(s) != bagIDLen {
		return false
	}
	for i := range len(s) {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return plausibleBAGID(s)
}

// plausibleBAGID reports whether a 16-digit id has a gemeentecode other
// than 0000 and a known object type code.
func plausibleBAGID(s string) bool {
	if s[:4] == "0000" {
		return false
	}
	switch s[4:6] {
	case BAGTypeVerblijfsobject, BAGTypeLigplaats, BAGTypeStandplaats, BAGTypePand, BAGTypeNummeraanduiding, BAGTypeOpenbareRuimte:
		return true
	}
	return false
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
	if !plausibleBAGID(string(out[:])) {
		return "", fmt.Errorf("geodata: BAG id %q is not a plausible BAG id (16 digits: gemeentecode, object type 01/02/03/10/20/30, serial number)", raw)
	}
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
