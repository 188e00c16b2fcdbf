package geodata

import (
	"fmt"
	"math"
	"strings"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
	"github.com/twpayne/go-geos"
)

// Repair reasons of the Validator (keys of Report.Repaired).
const (
	RepairMadeValid            = "made_valid"             // GEOS MakeValid changed the footprint
	RepairMultipartLargestKept = "multipart_largest_kept" // MakeValid gave several polygons; the largest is kept
	RepairBouwjaarImplausible  = "bouwjaar_implausible"   // kept, but PlausibleBouwjaar is false (9999, 0, 1005 is fine)
	RepairRingClosed           = "ring_closed"            // an unclosed ring was closed
	// RepairStatusUnknown: the pand has no status (no status column, as in
	// OSM, or an empty value) and is taken as standing.
	RepairStatusUnknown = "status_unknown_taken_as_standing"
)

// repairReasons are the Validator's repair reasons; a record's bit i
// (Pand.repaired) stands for repairReasons[i].
var repairReasons = [...]string{RepairMadeValid, RepairMultipartLargestKept, RepairBouwjaarImplausible, RepairRingClosed, RepairStatusUnknown}

func repairBit(reason string) uint8 {
	for i, r := range repairReasons {
		if r == reason {
			return 1 << i
		}
	}
	panic("geodata: unknown repair reason " + reason)
}

// notStanding lists the BAG pand statuses of buildings that do not stand
// (compared case-insensitively): demolished, never built, only permitted,
// or registered in error. Every other status is kept, including
// "Sloopvergunning verleend" (a demolition permit: the building still
// stands), "Bouw gestart" (it is being built), "Pand buiten gebruik" and
// "Verbouwing pand" (they stand), and an empty status (sources without
// one, such as OSM).
var notStanding = []string{
	"Pand gesloopt",
	"Niet gerealiseerd pand",
	"Bouwvergunning verleend",
	"Pand ten onrechte opgevoerd",
}

// Standing reports whether a BAG pand status stands for a building that
// stands (see the list above).
func Standing(status string) bool {
	for _, s := range notStanding {
		if strings.EqualFold(status, s) {
			return false
		}
	}
	return true
}

// Validator checks and repairs panden one at a time and counts what it did
// in Report: Read == Used + sum(Skipped) over every pand passed to Pand.
// In order it skips a pand without a usable BAG id (SkipNoID), with a
// status that does not stand (SkipNotStanding, see Standing), or without a
// footprint (SkipNoGeometry); normalises the id to 16 digits; closes
// unclosed rings; repairs an invalid footprint with GEOS MakeValid, keeping
// holes and, when the result has several polygons, the largest
// (SkipBadGeometry when none is left); and counts an implausible bouwjaar
// under Repair without changing it.
//
// Validity is first checked in pure Go for hole-free rings of up to 64
// vertices (no self-intersection, robust orientation tests; anything close
// to degenerate goes on to GEOS), so GEOS is only called for polygons with
// holes, long rings and those that fail. A Validator holds one GEOS context
// and is not safe for concurrent use: give each goroutine its own. Its
// memory does not grow with the number of panden; see Dedup for duplicate
// ids.
type Validator struct {
	Report  Report
	ctx     *geos.Context
	wkb     []byte
	pending uint8 // repairs of the pand being validated, counted when it is used
}

// NewValidator returns a Validator with its own GEOS context.
func NewValidator() *Validator { return &Validator{ctx: geos.NewContext()} }

// Pand validates and repairs p in place and reports whether to use it. A
// skipped pand is counted under its reason and left partly normalised.
//
// Repairs are counted only for a pand that is used, so Report.Repaired
// never counts a record that is skipped (a ring closed, then no polygon
// left) or, through Dedup, discarded as a duplicate.
func (v *Validator) Pand(p *Pand) bool {
	v.Report.Read++
	v.pending = 0
	id, err := NormalizePandID(p.ID)
	if err != nil {
		v.Report.Skip(SkipNoID)
		return false
	}
	p.ID = id
	if !Standing(p.Status) {
		v.Report.Skip(SkipNotStanding)
		return false
	}
	statusUnknown := strings.TrimSpace(p.Status) == ""
	poly, reason := v.footprint(p.Footprint)
	if reason != "" {
		v.Report.Skip(reason)
		return false
	}
	p.Footprint = poly
	if !PlausibleBouwjaar(p.Bouwjaar) {
		v.repair(RepairBouwjaarImplausible)
	}
	if statusUnknown {
		v.repair(RepairStatusUnknown)
	}
	p.repaired = v.pending
	for i, r := range repairReasons {
		if v.pending&(1<<i) != 0 {
			v.Report.Repair(r)
		}
	}
	v.Report.Used++
	return true
}

// repair notes a repair of the pand being validated.
func (v *Validator) repair(reason string) { v.pending |= repairBit(reason) }

// footprint returns a valid footprint for poly or a skip reason.
func (v *Validator) footprint(poly orb.Polygon) (orb.Polygon, string) {
	if len(poly) == 0 || len(poly[0]) == 0 {
		return nil, SkipNoGeometry
	}
	// Close open rings and drop holes that are not rings; a shell that is
	// no ring leaves nothing to repair.
	closed := false
	for i, r := range poly {
		if len(r) > 0 && r[0] != r[len(r)-1] {
			if !closed {
				poly = append(orb.Polygon(nil), poly...)
				closed = true
			}
			poly[i] = append(append(orb.Ring(nil), r...), r[0])
		}
	}
	if closed {
		v.repair(RepairRingClosed)
	}
	if len(poly[0]) < 4 {
		return nil, SkipBadGeometry
	}
	if len(poly) == 1 && simpleRing(poly[0]) {
		return poly, ""
	}
	v.wkb = AppendWKB(v.wkb[:0], poly)
	g, err := v.ctx.NewGeomFromWKB(v.wkb)
	if err != nil {
		return nil, SkipBadGeometry
	}
	if g.IsValid() {
		return poly, ""
	}
	fixed, parts, err := v.makeValid(g)
	if err != nil || fixed == nil {
		return nil, SkipBadGeometry
	}
	v.repair(RepairMadeValid)
	if parts > 1 {
		v.repair(RepairMultipartLargestKept)
	}
	return fixed, ""
}

// makeValid runs GEOS MakeValid and returns the largest polygon of the
// result and the number of polygons it had.
func (v *Validator) makeValid(g *geos.Geom) (orb.Polygon, int, error) {
	mv := g.MakeValid()
	if mv == nil {
		return nil, 0, fmt.Errorf("%w: MakeValid failed", ErrGeometry)
	}
	out, err := DecodeWKB(mv.ToWKB())
	if err != nil {
		return nil, 0, err
	}
	var polys orb.MultiPolygon
	var collect func(orb.Geometry)
	collect = func(g orb.Geometry) {
		switch g := g.(type) {
		case orb.Polygon:
			if planar.Area(g) > 0 {
				polys = append(polys, g)
			}
		case orb.MultiPolygon:
			for _, p := range g {
				collect(p)
			}
		case orb.Collection:
			for _, c := range g {
				collect(c)
			}
		}
	}
	collect(out)
	if len(polys) == 0 {
		return nil, 0, nil
	}
	return largestPolygon(polys), len(polys), nil
}

// maxFastRing is the longest ring checked in pure Go (O(n^2) pair test).
const maxFastRing = 64

// simpleRing reports whether a closed ring of at least 4 points is surely
// simple and non-degenerate: no repeated consecutive points, no two
// non-adjacent edges touching, no adjacent edges folding back, non-zero
// area. It answers false when unsure (near-collinear configurations,
// long rings), leaving the decision to GEOS; it never answers true for an
// invalid ring.
func simpleRing(r orb.Ring) bool {
	n := len(r) - 1 // number of edges
	if n < 3 || n > maxFastRing {
		return false
	}
	// Tolerance for the orientation predicate: results within eps of zero
	// count as unsure. Its rounding error is about edge length x ulp(max
	// coordinate), below 1e-7 m2 for RD coordinates (< 6e5 m) and edges up
	// to 1 km; eps = 1e-9 x max coordinate (5e-4 m2 in RD) is far above.
	var scale float64
	for _, p := range r {
		scale = max(scale, math.Abs(p[0]), math.Abs(p[1]))
	}
	eps := scale * 1e-9
	for i := range n {
		if r[i] == r[i+1] {
			return false
		}
	}
	for i := range n {
		a, b := r[i], r[i+1]
		for j := i + 1; j < n; j++ {
			c, d := r[j], r[j+1]
			adjacent := j == i+1 || (i == 0 && j == n-1)
			if !boxesOverlap(a, b, c, d) {
				continue
			}
			if adjacent {
				// They share one vertex, so they can meet elsewhere only
				// when the other vertex of the second edge lies on the
				// first edge's line (a fold-back); straight runs are left
				// to GEOS too.
				other := d
				if j != i+1 {
					other = c
				}
				if math.Abs(orient(a, b, other)) <= eps {
					return false
				}
				continue
			}
			o1, o2 := orient(a, b, c), orient(a, b, d)
			o3, o4 := orient(c, d, a), orient(c, d, b)
			if math.Abs(o1) <= eps || math.Abs(o2) <= eps || math.Abs(o3) <= eps || math.Abs(o4) <= eps {
				return false // touching or nearly so: unsure
			}
			if (o1 > 0) != (o2 > 0) && (o3 > 0) != (o4 > 0) {
				return false // proper crossing
			}
		}
	}
	return ringArea2(r) != 0
}

// ringArea2 returns twice the signed area of a closed ring (shoelace),
// relative to its first point for precision.
func ringArea2(r orb.Ring) float64 {
	var s float64
	o := r[0]
	for i := 1; i+1 < len(r); i++ {
		s += (r[i][0]-o[0])*(r[i+1][1]-o[1]) - (r[i+1][0]-o[0])*(r[i][1]-o[1])
	}
	return s
}

func orient(a, b, c orb.Point) float64 {
	return (b[0]-a[0])*(c[1]-a[1]) - (b[1]-a[1])*(c[0]-a[0])
}

// boxesOverlap reports whether the bounding boxes of segments ab and cd
// touch or overlap.
func boxesOverlap(a, b, c, d orb.Point) bool {
	return max(a[0], b[0]) >= min(c[0], d[0]) && max(c[0], d[0]) >= min(a[0], b[0]) &&
		max(a[1], b[1]) >= min(c[1], d[1]) && max(c[1], d[1]) >= min(a[1], b[1])
}

// Dedup keeps one pand per BAG id: the newest by Registered when both
// records have a date, else the one added later. Each replaced or
// discarded record moves one count from Used to Skipped[SkipDuplicateID]
// in the Report it shares with the Validator, so Read == Used +
// sum(Skipped) still holds, and takes back the record's repairs from
// Report.Repaired, so that it counts only records used.
//
// Dedup is the one step whose memory grows with the input: it keeps every
// distinct id and its pand until Panden is called (O(distinct ids)). Run it
// per gemeente or buurt when streaming the whole country. Not safe for
// concurrent use.
type Dedup struct {
	rep    *Report
	index  map[string]int
	panden []Pand
}

// NewDedup returns a Dedup that counts into rep, which must be the Report
// that counted the added panden as Used: &Validator.Report of the
// Validator that passed them. (A reader's Report has Used 0; giving it
// here would drive its Used negative.)
func NewDedup(rep *Report) *Dedup {
	if rep == nil {
		rep = &Report{}
	}
	return &Dedup{rep: rep, index: map[string]int{}}
}

// Add keeps p unless a newer record of its id is already kept. O(1)
// amortised; keeps p.
func (d *Dedup) Add(p Pand) {
	i, ok := d.index[p.ID]
	if !ok {
		d.index[p.ID] = len(d.panden)
		d.panden = append(d.panden, p)
		return
	}
	d.rep.Used--
	d.rep.Skip(SkipDuplicateID)
	old := d.panden[i]
	if !old.Registered.IsZero() && !p.Registered.IsZero() && old.Registered.After(p.Registered) {
		d.unrepair(p) // the kept record is newer
		return
	}
	d.unrepair(old)
	d.panden[i] = p
}

// unrepair takes the repairs of a discarded record back from the Report.
func (d *Dedup) unrepair(p Pand) {
	for i, r := range repairReasons {
		if p.repaired&(1<<i) == 0 || d.rep.Repaired[r] == 0 {
			continue
		}
		if d.rep.Repaired[r]--; d.rep.Repaired[r] == 0 {
			delete(d.rep.Repaired, r)
		}
	}
}

// Len returns the number of distinct ids kept.
func (d *Dedup) Len() int { return len(d.panden) }

// Panden returns the kept panden in the order their ids were first seen.
// The slice is the Dedup's own; Add must not be called after.
func (d *Dedup) Panden() []Pand { return d.panden }

// ValidatePanden runs panden that a reader returned whole (and counted in
// read) through a Validator and a Dedup, and returns the panden kept with
// the merged report (see MergeReports). It modifies panden in place. For a
// stream, use a Validator and a Dedup directly.
func ValidatePanden(panden []Pand, read Report) ([]Pand, Report) {
	v := NewValidator()
	d := NewDedup(&v.Report)
	for i := range panden {
		if v.Pand(&panden[i]) {
			d.Add(panden[i])
		}
	}
	return d.Panden(), MergeReports(read, v.Report)
}
