package geodata

import (
	"maps"
	"slices"
)

// Reasons under which a record is skipped or changed. They are the keys of
// Report.Skipped and Report.Repaired and appear as such in summary.json.
const (
	SkipNotStanding  = "status_not_standing"   // gesloopt, niet gerealiseerd, vergunning, ten onrechte
	SkipNoGeometry   = "no_geometry"           // empty or missing footprint
	SkipBadGeometry  = "geometry_unrepairable" // MakeValid gave no polygon
	SkipDuplicateID  = "duplicate_id"          // an older record of an id seen again
	SkipNoID         = "no_bag_id"             // no usable BAG id
	SkipNotAPolygon  = "not_a_polygon"         // a point or line where a footprint was expected
	SkipNotABuilding = "not_a_building"        // e.g. OSM building=no
)

// Report counts what a reader and validator did with the records they saw.
// Nothing is dropped without a count: Read == Used + sum(Skipped).
type Report struct {
	Read     int            // records read from the source
	Used     int            // records handed on
	Skipped  map[string]int // reason -> records not handed on
	Repaired map[string]int // reason -> records handed on after a repair or with a caveat
}

// Skip counts one record as skipped under reason.
func (r *Report) Skip(reason string) {
	if r.Skipped == nil {
		r.Skipped = map[string]int{}
	}
	r.Skipped[reason]++
}

// Repair counts one used record as changed under reason.
func (r *Report) Repair(reason string) {
	if r.Repaired == nil {
		r.Repaired = map[string]int{}
	}
	r.Repaired[reason]++
}

// SkippedTotal returns the number of skipped records.
func (r *Report) SkippedTotal() int {
	n := 0
	for _, c := range r.Skipped {
		n += c
	}
	return n
}

// Reasons returns the skip reasons in sorted order.
func (r *Report) Reasons() []string { return slices.Sorted(maps.Keys(r.Skipped)) }
