package adres

import (
	"errors"
	"fmt"
	"github.com/wijkwarmte/wijkwarmte/kosten"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"

	"github.com/wijkwarmte/wijkwarmte/geodata"
	"github.com/wijkwarmte/wijkwarmte/wijkanalyse"
)

// NearM is how far a point may lie outside every footprint and still be
// answered for the nearest pand, m. Assumption of this package: OSM and
// BAG address points of an entrance lie on or just outside the outline,
// a few metres at most; 15 m leaves room for a front garden without
// reaching across a street.
const NearM = 15.0

// Errors of a look-up. The error a look-up returns is one line in Dutch
// and English naming the query; errors.Is finds the kind.
var (
	// ErrNotFound: the pand id, address or point is not in the scan.
	ErrNotFound = errors.New("adres: not in the scanned area")
	// ErrAmbiguous: a postcode and huisnummer without toevoeging that
	// lie in several panden.
	ErrAmbiguous = errors.New("adres: ambiguous address")
	// ErrQuery: the query is neither a pand id, an address nor a point.
	ErrQuery = errors.New("adres: query not understood")
)

// lookupError is a look-up's error: its own line, and its kind for
// errors.Is.
type lookupError struct {
	msg  string
	kind error
}

func (e *lookupError) Error() string { return e.msg }
func (e *lookupError) Unwrap() error { return e.kind }

func lookupErr(kind error, format string, args ...any) error {
	return &lookupError{msg: fmt.Sprintf(format, args...), kind: kind}
}

// Address is an address point of the scan.
type Address struct {
	Postcode   string `json:"postcode"`   // "2628RC": four digits, two capitals
	Huisnummer int    `json:"huisnummer"` // 33
	Toevoeging string `json:"toevoeging"` // letters and digits in capitals, "" none ("A", "1", "BIS")
	Street     string `json:"street,omitempty"`
	City       string `json:"city,omitempty"`
	// PointRD is the address point, EPSG:28992 metres.
	PointRD [2]float64 `json:"point_rd"`
	// PandID is the pand the address belongs to: the one its source
	// names, else the one whose footprint contains the point, else the
	// nearest within NearM; "" when none.
	PandID string `json:"pand_id"`
	// InFootprint is true when the point lies in that pand's footprint.
	InFootprint bool `json:"in_footprint"`
	// Label is this dwelling's own EP-Online registration, matched by
	// its verblijfsobject id or its postcode and house number
	// (wijkanalyse.DwellingLabels), with its registration date
	// (YYYY-MM-DD); "" when the address has none (the pand's label then
	// stands for it).
	Label     string `json:"label,omitempty"`
	LabelDate string `json:"label_date,omitempty"`
}

// String is the address as the Dutch write it: "2628RC 33", "2628RC 33-A".
func (a Address) String() string {
	s := a.Postcode + " " + strconv.Itoa(a.Huisnummer)
	if a.Toevoeging != "" {
		s += "-" + a.Toevoeging
	}
	return s
}

// Pand is one pand of a scan as the look-up keeps it: its footprint and
// its answer (without an address).
type Pand struct {
	ID        string      `json:"pand_id"`
	Footprint orb.Polygon `json:"footprint_rd"` // EPSG:28992
	Answer    Answer      `json:"answer"`
}

type addrKey struct {
	postcode string
	number   int
}

// Index answers look-ups over one finished scan. Build it with FromResult
// or read it with Load or Read; it is safe for concurrent look-ups and
// never changes after that. Memory is O(panden + addresses).
type Index struct {
	// Wijk is the name of the scanned area; Year the base year of the
	// cost evaluation; NetworkOption the network option routed ("" none).
	Wijk          string
	Year          int
	NetworkOption string

	assumed []string // option kinds priced with an assumed heat source (MarkAssumedSources)
	panden  []Pand
	records []record // what WriteJSON writes
	byID    map[string]int32
	addrs   []Address
	byAddr  map[addrKey][]int32 // addresses of a postcode and number, input order
	fp      *geodata.FootprintIndex
	near    *nearGrid
	outside int // addresses in no pand
}

// FromResult builds the look-up of a scan: one answer per pand of res,
// and the address points addrs (the scan's Input.Addresses) assigned to
// panden as described at Address.PandID. Addresses without postcode or
// huisnummer are kept for nothing and not counted; wijk names the area.
// O(n + m) for n panden and m addresses.
func FromResult(res *wijkanalyse.Result, addrs []geodata.Address, wijk string) *Index {
	return FromResultLabels(res, addrs, nil, wijk)
}

// FromResultLabels is FromResult with the EP-Online registrations the
// scan was given (wijkanalyse.Input.Labels): each address gets its own
// dwelling's label where there is one (Address.Label), and an answer by
// address tells that label rather than the pand's.
func FromResultLabels(res *wijkanalyse.Result, addrs []geodata.Address, labels []geodata.EnergyLabel, wijk string) *Index {
	var own *wijkanalyse.DwellingLabels
	if len(labels) > 0 {
		own = wijkanalyse.NewDwellingLabels(labels)
	}
	ix := &Index{Wijk: wijk, Year: res.Year, NetworkOption: string(res.Network.Option)}
	ix.panden = make([]Pand, len(res.Buildings))
	ix.records = make([]record, len(res.Buildings))
	for i := range res.Buildings {
		b := &res.Buildings[i]
		ix.records[i] = recordOf(b)
		ix.panden[i] = Pand{ID: b.ID, Footprint: b.Footprint, Answer: answerOf(b, res.Network.Option)}
	}
	ix.index()
	for _, a := range addrs {
		for _, n := range splitNumbers(a.Housenumber) {
			pc, ok := normalPostcode(a.Postcode)
			if !ok {
				continue
			}
			ad := Address{Postcode: pc, Huisnummer: n.number, Toevoeging: n.toevoeging, Street: a.Street, City: a.City,
				PointRD: [2]float64{a.Point[0], a.Point[1]}}
			if l, ok := own.For(a.VerblijfsobjectID, pc, strconv.Itoa(n.number)+n.toevoeging); ok {
				ad.Label = l.Klasse
				if !l.Opnamedatum.IsZero() {
					ad.LabelDate = l.Opnamedatum.Format(time.DateOnly)
				}
			}
			i := -1
			if id, err := geodata.NormalizePandID(a.PandID); err == nil {
				if j, ok := ix.byID[id]; ok {
					i = int(j)
					ad.InFootprint = planar.PolygonContains(ix.panden[i].Footprint, a.Point)
				}
			}
			if i < 0 {
				i = ix.fp.Locate(a.Point)
				ad.InFootprint = i >= 0
			}
			if i < 0 {
				i, _ = ix.near.nearest(ix.panden, a.Point)
			}
			if i >= 0 {
				ad.PandID = ix.panden[i].ID
			}
			ix.addrs = append(ix.addrs, ad)
		}
	}
	ix.indexAddresses()
	return ix
}

// index builds the id map and the spatial indexes of ix.panden.
func (ix *Index) index() {
	ix.byID = make(map[string]int32, len(ix.panden))
	ps := make([]geodata.Pand, len(ix.panden))
	for i, p := range ix.panden {
		if _, dup := ix.byID[p.ID]; !dup {
			ix.byID[p.ID] = int32(i)
		}
		ps[i].Footprint = p.Footprint
	}
	ix.fp = geodata.NewFootprintIndex(ps)
	ix.near = newNearGrid(ix.panden, NearM)
}

func (ix *Index) indexAddresses() {
	ix.byAddr = make(map[addrKey][]int32, len(ix.addrs))
	ix.outside = 0
	for i, a := range ix.addrs {
		k := addrKey{a.Postcode, a.Huisnummer}
		ix.byAddr[k] = append(ix.byAddr[k], int32(i))
		if a.PandID == "" {
			ix.outside++
		}
	}
}

// Len is the number of panden.
func (ix *Index) Len() int { return len(ix.panden) }

// Pand returns the i-th pand (0 <= i < Len), in the scan's order. The
// caller must not change it.
func (ix *Index) Pand(i int) *Pand { return &ix.panden[i] }

// Addresses returns the address points, in the scan's order. The caller
// must not change them.
func (ix *Index) Addresses() []Address { return ix.addrs }

// AddressesOutside is the number of address points in no pand (outside
// every footprint by more than NearM).
func (ix *Index) AddressesOutside() int { return ix.outside }

// ByPandID answers for the pand with the given id in any accepted form
// (16 digits, without leading zeros, with an "NL.IMBAG.Pand." prefix).
// The answer's slices are shared: read them, do not change them.
func (ix *Index) ByPandID(id string) (Answer, error) {
	norm, err := geodata.NormalizePandID(id)
	if err != nil {
		return Answer{}, lookupErr(ErrQuery, "%q is geen BAG-pandnummer (not a BAG pand id)", id)
	}
	i, ok := ix.byID[norm]
	if !ok {
		return Answer{}, lookupErr(ErrNotFound, "pand %s ligt niet in de doorgerekende wijk (not in the scanned area)", norm)
	}
	a := ix.panden[i].Answer
	a.Match = "pand " + norm
	return a, nil
}

// ByAddress answers for the pand of an address: postcode ("2628RC",
// "2628 rc"), huisnummer and toevoeging ("", "A", "-a", "1"). Without a
// toevoeging, an address whose every toevoeging lies in one pand answers
// for that pand; in several panden it is ErrAmbiguous, naming them. A
// toevoeging the scan does not have falls back to the number without
// one, when there is one, and Match says so.
func (ix *Index) ByAddress(postcode string, huisnummer int, toevoeging string) (Answer, error) {
	pc, ok := normalPostcode(postcode)
	if !ok {
		return Answer{}, lookupErr(ErrQuery, "%q is geen postcode (not a Dutch postcode: 4 digits, 2 letters)", postcode)
	}
	toev := normalToevoeging(toevoeging)
	asked := Address{Postcode: pc, Huisnummer: huisnummer, Toevoeging: toev}
	cands := ix.byAddr[addrKey{pc, huisnummer}]
	if len(cands) == 0 {
		return Answer{}, lookupErr(ErrNotFound, "adres %s ligt niet in de doorgerekende wijk (address not in the scanned area)", asked)
	}
	pick := func(want string) int {
		for _, c := range cands {
			if ix.addrs[c].Toevoeging == want && ix.addrs[c].PandID != "" {
				return int(c)
			}
		}
		return -1
	}
	note := ""
	k := pick(toev)
	if k < 0 && toev == "" {
		// every toevoeging of this number: one pand, or ambiguous
		var ids, toevs []string
		for _, c := range cands {
			a := ix.addrs[c]
			if a.PandID != "" && !slices.Contains(ids, a.PandID) {
				ids = append(ids, a.PandID)
			}
			toevs = append(toevs, a.String())
		}
		switch {
		case len(ids) == 1:
			k = int(cands[0])
			for _, c := range cands {
				if ix.addrs[c].PandID != "" {
					k = int(c)
					break
				}
			}
			note = fmt.Sprintf(" (zonder toevoeging; alle toevoegingen liggen in dit pand: %s)", strings.Join(toevs, ", "))
		case len(ids) > 1:
			return Answer{}, lookupErr(ErrAmbiguous, "adres %s ligt in %d panden; geef een toevoeging (ambiguous, give a suffix): %s", asked, len(ids), strings.Join(toevs, ", "))
		}
	}
	if k < 0 && toev != "" {
		if k = pick(""); k >= 0 {
			note = fmt.Sprintf(" (toevoeging %s staat niet in de gegevens; antwoord voor %s zonder toevoeging)", toev, ix.addrs[k])
		}
	}
	if k < 0 {
		return Answer{}, lookupErr(ErrNotFound, "adres %s ligt niet in een pand van de doorgerekende wijk (address in no scanned building)", asked)
	}
	ad := ix.addrs[k]
	a := ix.panden[ix.byID[ad.PandID]].Answer
	a.Address = &ad
	ix.dwellingLabel(&a, &ad)
	if ad.InFootprint {
		a.Match = "adres " + ad.String() + " ligt in dit pand" + note
	} else {
		a.Match = "adres " + ad.String() + " hoort bij dit pand (het dichtstbijzijnde pand)" + note
	}
	return a, nil
}

// dwellingLabel makes the answer for one address tell its dwelling's own
// EP-Online label, where it has one, beside the pand's.
// What must be done in the home follows the dwelling's label; the
// figures stay the dwelling's share of the pand's.
func (ix *Index) dwellingLabel(a *Answer, ad *Address) {
	if ad.Label == "" {
		if a.LabelSource == string(wijkanalyse.LabelMixed) {
			a.LabelExplanation += " Voor dit adres zelf staat geen label in EP-Online."
		}
		return
	}
	pand, source := a.Label, a.LabelSource
	a.Label, a.LabelSource = ad.Label, string(wijkanalyse.LabelEPOnline)
	when := ""
	if ad.LabelDate != "" {
		when = " op " + ad.LabelDate
	}
	a.LabelExplanation = fmt.Sprintf("Energielabel %s is voor deze woning%s geregistreerd in EP-Online.", ad.Label, when)
	switch {
	case a.Dwellings > 1 && (pand != ad.Label || source != string(wijkanalyse.LabelEPOnline)):
		a.LabelExplanation += fmt.Sprintf(" De kosten hieronder zijn het deel van deze woning in de cijfers van het pand; het pand rekent met label %s, het meest voorkomende label van zijn %d woningen.", pand, a.Dwellings)
	case pand == "A" && strings.HasPrefix(ad.Label, "A+"):
		a.LabelExplanation += " De berekening telt " + ad.Label + " als A (de kentallen kennen geen klassen boven A)."
	case pand != ad.Label:
		a.LabelExplanation += fmt.Sprintf(" Het pand rekent met label %s.", pand)
	}
	own, err := kosten.ParseLabel(ad.Label)
	if err != nil || string(own) == pand {
		return
	}
	b := ix.records[ix.byID[ad.PandID]].building()
	b.Label = string(own)
	for i := range a.Options {
		if o := &a.Options[i]; o.Feasible {
			o.Works = works(&b, wijkanalyse.OptionKind(o.Kind))
		}
	}
	if best := a.option(a.Best); best != nil {
		a.Works = best.Works
	}
}

// ByPoint answers for the pand whose footprint contains p (EPSG:28992;
// where footprints overlap, the first of the scan), else for the nearest
// pand within NearM.
func (ix *Index) ByPoint(p orb.Point) (Answer, error) {
	if i := ix.fp.Locate(p); i >= 0 {
		a := ix.panden[i].Answer
		a.Match = "punt ligt in dit pand"
		return a, nil
	}
	if i, d := ix.near.nearest(ix.panden, p); i >= 0 {
		a := ix.panden[i].Answer
		a.Match = fmt.Sprintf("punt ligt %.0f m van dit pand (het dichtstbijzijnde)", d)
		return a, nil
	}
	return Answer{}, lookupErr(ErrNotFound, "punt (%.1f, %.1f) ligt niet bij een pand van de doorgerekende wijk (no scanned building within %.0f m)", p[0], p[1], NearM)
}

// Find answers a free-text query: a pand id in any accepted form, an
// address ("2628RC 33", "2628 rc 33-A", "2628RC, 33 a") or a point "x y"
// or "x,y" in EPSG:28992 metres.
func (ix *Index) Find(q string) (Answer, error) {
	s := strings.TrimSpace(q)
	if s == "" {
		return Answer{}, lookupErr(ErrQuery, "lege zoekvraag (empty query)")
	}
	if pc, nr, toev, ok := ParseAddress(s); ok {
		return ix.ByAddress(pc, nr, toev)
	}
	if p, ok := parsePoint(s); ok {
		return ix.ByPoint(p)
	}
	if x, y, ok := parsePair(s); ok {
		lon, lat := x, y
		if x > 45 {
			lon, lat = y, x // "52.0 4.37": latitude first, as map sites copy it
		}
		if lon >= 3 && lon <= 7.5 && lat >= 50.6 && lat <= 53.7 {
			g, err := geodata.TransformToRD(orb.Point{lon, lat}, 4326)
			if err != nil {
				return Answer{}, lookupErr(ErrQuery, "%q: WGS84-punt (lengte %s, breedte %s) niet om te rekenen naar RD: %v", q, nlDecimal(lon), nlDecimal(lat), err)
			}
			rd := g.(orb.Point)
			a, err := ix.ByPoint(rd)
			if err != nil {
				return a, fmt.Errorf("WGS84-punt lengte %s, breedte %s (RD %.0f %.0f): %w", nlDecimal(lon), nlDecimal(lat), rd[0], rd[1], err)
			}
			a.Match = fmt.Sprintf("WGS84-punt lengte %s, breedte %s (RD %.0f %.0f): %s", nlDecimal(lon), nlDecimal(lat), rd[0], rd[1], a.Match)
			return a, nil
		}
		return Answer{}, lookupErr(ErrQuery, "%q is gelezen als twee getallen, maar is geen punt in Nederland: een punt is x en dan y in meter in RD (EPSG:28992), x van -7000 tot 300000 en y van 289000 tot 629000, zoals \"84945 446633\", of lengte en breedte in WGS84, zoals \"4.37 52.0\"", q)
	}
	if strings.HasPrefix(strings.ToUpper(s), "NL.IMBAG.") || isDigits(s) {
		return ix.ByPandID(s)
	}
	return Answer{}, lookupErr(ErrQuery, "%q is geen adres (postcode huisnummer), BAG-pandnummer of punt (x y) (not an address, pand id or point)", q)
}

// ParseAddress reads "2628RC 33", "2628 rc 33-A", "2628RC, 33 a" into
// postcode (normalised "2628RC"), huisnummer and toevoeging ("A").
func ParseAddress(s string) (postcode string, huisnummer int, toevoeging string, ok bool) {
	s = strings.TrimSpace(s)
	if len(s) < 7 {
		return "", 0, "", false
	}
	i := 0
	for i < len(s) && i < 4 && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i != 4 {
		return "", 0, "", false
	}
	rest := strings.TrimLeft(s[4:], " ")
	if len(rest) < 2 || !isLetter(rest[0]) || !isLetter(rest[1]) {
		return "", 0, "", false
	}
	postcode = strings.ToUpper(s[:4] + rest[:2])
	rest = strings.TrimLeft(rest[2:], " ,")
	if rest == "" || len(rest) == len(strings.TrimLeft(rest, "0123456789")) {
		return "", 0, "", false
	}
	n := len(rest) - len(strings.TrimLeft(rest, "0123456789"))
	huisnummer, err := strconv.Atoi(rest[:n])
	if err != nil || huisnummer <= 0 {
		return "", 0, "", false
	}
	toevoeging = normalToevoeging(rest[n:])
	if len(toevoeging) > 8 {
		return "", 0, "", false
	}
	return postcode, huisnummer, toevoeging, true
}

func isLetter(c byte) bool { return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' }

func isDigits(s string) bool {
	s = strings.ReplaceAll(s, " ", "")
	if s == "" {
		return false
	}
	for i := range len(s) {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func normalPostcode(s string) (string, bool) { return geodata.NormalizePostcode(s) }

// normalToevoeging keeps the letters and digits of a toevoeging, in
// capitals: "-a" -> "A", " bis" -> "BIS", "/1" -> "1".
func normalToevoeging(s string) string {
	var b strings.Builder
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToUpper(r))
		}
	}
	return b.String()
}

type numberPart struct {
	number     int
	toevoeging string
}

// splitNumbers reads an addr:housenumber ("33", "33A", "33-A", "33;35")
// into numbers with their toevoeging; nothing when it holds no number.
func splitNumbers(s string) []numberPart {
	var out []numberPart
	for _, part := range strings.FieldsFunc(s, func(r rune) bool { return r == ';' || r == ',' }) {
		part = strings.TrimSpace(part)
		n := len(part) - len(strings.TrimLeft(part, "0123456789"))
		if n == 0 {
			continue
		}
		v, err := strconv.Atoi(part[:n])
		if err != nil || v <= 0 {
			continue
		}
		out = append(out, numberPart{v, normalToevoeging(part[n:])})
	}
	return out
}

// parsePair reads two finite numbers ("0 0", "4.37, 52.0") that are not a
// BAG pand id written in two groups: each has a decimal point or sign, or
// at most 7 digits.
func parsePair(s string) (x, y float64, ok bool) {
	f := strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == ',' || r == ';' })
	if len(f) != 2 {
		return 0, 0, false
	}
	var v [2]float64
	for i, t := range f {
		n, err := strconv.ParseFloat(t, 64)
		if err != nil || math.IsNaN(n) || math.IsInf(n, 0) || (len(t) > 7 && !strings.ContainsAny(t, ".-+")) {
			return 0, 0, false
		}
		v[i] = n
	}
	return v[0], v[1], true
}

// nlDecimal writes v with a decimal comma and the digits it needs.
func nlDecimal(v float64) string {
	return strings.Replace(strconv.FormatFloat(v, 'f', -1, 64), ".", ",", 1)
}

// parsePoint reads "x y" or "x,y" (EPSG:28992 metres, within the RD
// domain of the Netherlands).
func parsePoint(s string) (orb.Point, bool) {
	f := strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == ',' || r == ';' })
	if len(f) != 2 {
		return orb.Point{}, false
	}
	x, err1 := strconv.ParseFloat(f[0], 64)
	y, err2 := strconv.ParseFloat(f[1], 64)
	// Written so that NaN, which ParseFloat reads, is outside too.
	if err1 != nil || err2 != nil || !(x >= -7000 && x <= 300000 && y >= 289000 && y <= 629000) {
		return orb.Point{}, false
	}
	return orb.Point{x, y}, true
}

// nearGrid lists, per square cell, the panden whose footprint box grown
// by the reach touches it, for the nearest-pand query.
type nearGrid struct {
	origin orb.Point
	cell   float64
	nx, ny int
	reach  float64
	cells  map[int][]int32
}

const nearCellM = 50.0

func newNearGrid(ps []Pand, reach float64) *nearGrid {
	g := &nearGrid{cell: nearCellM, reach: reach, cells: map[int][]int32{}}
	first := true
	var all orb.Bound
	for _, p := range ps {
		if len(p.Footprint) == 0 || len(p.Footprint[0]) == 0 {
			continue
		}
		b := p.Footprint.Bound()
		if first {
			all, first = b, false
		} else {
			all = all.Union(b)
		}
	}
	if first {
		return g
	}
	g.origin = orb.Point{all.Min[0] - reach, all.Min[1] - reach}
	g.nx = int((all.Max[0]-all.Min[0]+2*reach)/g.cell) + 1
	g.ny = int((all.Max[1]-all.Min[1]+2*reach)/g.cell) + 1
	for i, p := range ps {
		if len(p.Footprint) == 0 || len(p.Footprint[0]) == 0 {
			continue
		}
		b := p.Footprint.Bound()
		x0, y0 := g.cellOf(orb.Point{b.Min[0] - reach, b.Min[1] - reach})
		x1, y1 := g.cellOf(orb.Point{b.Max[0] + reach, b.Max[1] + reach})
		for y := y0; y <= y1; y++ {
			for x := x0; x <= x1; x++ {
				c := y*g.nx + x
				g.cells[c] = append(g.cells[c], int32(i))
			}
		}
	}
	return g
}

func (g *nearGrid) cellOf(p orb.Point) (int, int) {
	x := int((p[0] - g.origin[0]) / g.cell)
	y := int((p[1] - g.origin[1]) / g.cell)
	return min(max(x, 0), g.nx-1), min(max(y, 0), g.ny-1)
}

// nearest returns the pand nearest to p within the reach (distance to
// its outline; the first of the scan on a tie) and that distance, or -1.
func (g *nearGrid) nearest(ps []Pand, p orb.Point) (int, float64) {
	if g.nx == 0 || p[0] < g.origin[0] || p[1] < g.origin[1] ||
		p[0] > g.origin[0]+float64(g.nx)*g.cell || p[1] > g.origin[1]+float64(g.ny)*g.cell {
		return -1, 0
	}
	x, y := g.cellOf(p)
	best, bestD := -1, math.Inf(1)
	for _, i := range g.cells[y*g.nx+x] {
		d := planar.DistanceFrom(ps[i].Footprint, p)
		if d <= g.reach && d < bestD {
			best, bestD = int(i), d
		}
	}
	return best, bestD
}
