package wijkanalyse

import (
	"slices"
	"strings"

	"github.com/wijkwarmte/wijkwarmte/geodata"
	"github.com/wijkwarmte/wijkwarmte/kosten"
)

// Label rules: every dwelling (or, for utility, the whole pand) gets the
// newest EP-Online registration found for it, matched in this order:
//
//  1. by verblijfsobject id (when verblijfsobjecten were given),
//  2. by postcode + house number (+ addition) of the address points in the
//     footprint,
//  3. a unit registration whose pand id is this pand's, not yet matched
//     to another unit (in verblijfsobject id order);
//  4. by pand id (a label registered for the whole pand).
//
// Units without a registration get the Vesta default label for woningtype
// x era (kosten.Params.DefaultLabel; utility: the default of the Vesta
// utility table). The building's Label is the most common label of its
// units (ties: the worse one); LabelSource is ep-online when every unit
// has a registration, mixed when some have, default when none has.

// labelIndex holds the newest registration per key.
type labelIndex struct {
	byVBO, byAddr, byPand map[string]*geodata.EnergyLabel
	// inPand lists the unit registrations (with a verblijfsobject id) by
	// their pand id, for units that match neither by id nor by address.
	inPand map[string][]*geodata.EnergyLabel
}

func newLabelIndex(ls []geodata.EnergyLabel) *labelIndex {
	x := &labelIndex{map[string]*geodata.EnergyLabel{}, map[string]*geodata.EnergyLabel{}, map[string]*geodata.EnergyLabel{}, map[string][]*geodata.EnergyLabel{}}
	put := func(m map[string]*geodata.EnergyLabel, k string, l *geodata.EnergyLabel) {
		if k == "" {
			return
		}
		if old, ok := m[k]; !ok || !l.Opnamedatum.Before(old.Opnamedatum) {
			m[k] = l
		}
	}
	for i := range ls {
		l := &ls[i]
		if _, err := kosten.ParseLabel(l.Klasse); err != nil {
			continue
		}
		put(x.byVBO, l.VerblijfsobjectID, l)
		if l.Postcode != "" && l.Huisnummer != "" {
			put(x.byAddr, addrKey(l.Postcode, l.Huisnummer+l.Toevoeging), l)
		}
		if l.VerblijfsobjectID == "" {
			put(x.byPand, l.PandID, l)
		}
	}
	// Unit registrations per pand: the newest per verblijfsobject only.
	for _, l := range x.byVBO {
		if l.PandID != "" {
			x.inPand[l.PandID] = append(x.inPand[l.PandID], l)
		}
	}
	for _, ls := range x.inPand {
		slices.SortFunc(ls, func(a, b *geodata.EnergyLabel) int { return strings.Compare(a.VerblijfsobjectID, b.VerblijfsobjectID) })
	}
	return x
}

// addrKey normalises postcode and house number with addition ("2628 cd",
// "12-A" -> "2628CD|12A").
func addrKey(postcode, number string) string {
	clean := func(s string) string {
		var b strings.Builder
		for _, r := range strings.ToUpper(s) {
			if (r >= '0' && r <= '9') || (r >= 'A' && r <= 'Z') {
				b.WriteRune(r)
			}
		}
		return b.String()
	}
	return clean(postcode) + "|" + clean(number)
}

// unitLabels returns the EP-Online label of each unit of building i that
// has one, "" for the others; units are the woon verblijfsobjecten, else
// the distinct address points, else the building itself.
func (x *labelIndex) unitLabels(in *Input, b *Building, f *facts) []string {
	rs := x.unitRecords(in, b, f)
	out := make([]string, len(rs))
	for i, r := range rs {
		if r != nil {
			out[i] = r.Klasse
		}
	}
	return out
}

// unitRecords is unitLabels with the registrations themselves (nil for a
// unit without one).
func (x *labelIndex) unitRecords(in *Input, b *Building, f *facts) []*geodata.EnergyLabel {
	n := max(1, b.Dwellings)
	if b.Use == UseUtiliteit {
		n = 1
	}
	out := make([]*geodata.EnergyLabel, 0, n)
	used := map[*geodata.EnergyLabel]bool{}
	add := func(l *geodata.EnergyLabel) {
		if len(out) >= n {
			return
		}
		if l != nil {
			used[l] = true
		}
		out = append(out, l)
	}
	switch {
	case len(f.vbos) > 0 && len(x.byVBO) > 0:
		for _, k := range f.vbos {
			v := in.Verblijfsobjecten[k]
			if b.Use == UseWoning && !hasWoon(v.Gebruiksdoel) {
				continue
			}
			add(x.byVBO[v.ID])
		}
	case len(f.addrs) > 0 && len(x.byAddr) > 0:
		seen := map[string]bool{}
		for _, k := range f.addrs {
			a := in.Addresses[k]
			key := addrKey(a.Postcode, a.Housenumber)
			if seen[key] {
				continue
			}
			seen[key] = true
			add(x.byAddr[key])
		}
	}
	for len(out) < n {
		out = append(out, nil)
	}
	// Unit registrations of this pand not matched to a unit yet.
	rest := x.inPand[b.ID]
	for i := range out {
		for out[i] == nil && len(rest) > 0 {
			if l := rest[0]; !used[l] {
				used[l] = true
				out[i] = l
			}
			rest = rest[1:]
		}
	}
	if pand := x.byPand[b.ID]; pand != nil {
		for i := range out {
			if out[i] == nil {
				out[i] = pand
			}
		}
	}
	return out
}

// modeLabel returns the most common label (ties: the worse one).
func modeLabel(ls []kosten.Label) kosten.Label {
	count := make([]int, len(kosten.Labels))
	for _, l := range ls {
		if r := l.Rank(); r >= 0 {
			count[r]++
		}
	}
	best := -1
	for r, c := range count {
		if c > 0 && (best < 0 || c > count[best]) {
			best = r // strictly more: ties keep the worse (lower rank)
		}
	}
	if best < 0 {
		return ""
	}
	return kosten.Labels[best]
}

// Woningtype sources (Building.TypeSource).
const (
	TypeFromEPOnline  = "ep-online"              // the registered Pand_gebouwtype
	TypeFromWalls     = "party walls"            // no usable registration
	TypeFromWallsComb = "party walls (combined)" // EP-Online's combined "Twee-onder-een-kap / rijwoning hoek"
	TypeFromDwellings = "dwellings and storeys"  // a pand of several dwellings (meergezins)
)

// epOnlineType maps an EP-Online Pand_gebouwtype of a ground-bound
// dwelling to a woningtype; combined is true for the value
// "Twee-onder-een-kap / rijwoning hoek" (either type), and ok is false
// for every other value (flats, empty, unknown).
func epOnlineType(s string) (t Woningtype, combined, ok bool) {
	k := strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '/':
			return r
		}
		return -1
	}, strings.ToLower(s))
	switch {
	case strings.Contains(k, "/"):
		return TypeNone, true, false
	case k == "tussenwoning" || k == "rijwoningtussen":
		return TypeTussenwoning, false, true
	case k == "hoekwoning" || k == "rijwoninghoek":
		return TypeHoekwoning, false, true
	case k == "tweeondereenkapwoning" || k == "2onder1kapwoning" || k == "tweeondereenkap" || k == "2onder1kap":
		return TypeTweeOnderEenKap, false, true
	case k == "vrijstaandewoning" || k == "vrijstaand":
		return TypeVrijstaand, false, true
	}
	return TypeNone, false, false
}

// registeredType returns the Pand_gebouwtype most of building b's unit
// registrations give ("" when none has one; ties: the first in unit
// order).
func (x *labelIndex) registeredType(in *Input, b *Building, f *facts) string {
	count := map[string]int{}
	best := ""
	for _, r := range x.unitRecords(in, b, f) {
		if r == nil || strings.TrimSpace(r.Gebouwtype) == "" {
			continue
		}
		g := strings.TrimSpace(r.Gebouwtype)
		count[g]++
		if best == "" || count[g] > count[best] {
			best = g
		}
	}
	return best
}

// DwellingLabels finds the EP-Online registration of one dwelling (an
// address, or a verblijfsobject) by rules 1 and 2 above: the newest
// registration of its verblijfsobject id, else of its postcode and house
// number (with addition). Registrations for a whole pand (rule 4) and
// unit registrations matched by pand only (rule 3) are not a dwelling's
// own: a building's label covers them.
type DwellingLabels struct{ x *labelIndex }

// NewDwellingLabels indexes ls (the registrations a scan was given).
func NewDwellingLabels(ls []geodata.EnergyLabel) *DwellingLabels {
	return &DwellingLabels{newLabelIndex(ls)}
}

// For returns the registration of the dwelling with verblijfsobject id
// vboID ("" when unknown) at postcode and huisnummer (with its
// toevoeging, "33", "33-A", "33A"), and whether there is one.
func (d *DwellingLabels) For(vboID, postcode, huisnummer string) (geodata.EnergyLabel, bool) {
	if d == nil {
		return geodata.EnergyLabel{}, false
	}
	if l := d.x.byVBO[vboID]; vboID != "" && l != nil {
		return *l, true
	}
	if l := d.x.byAddr[addrKey(postcode, huisnummer)]; postcode != "" && l != nil {
		return *l, true
	}
	return geodata.EnergyLabel{}, false
}
