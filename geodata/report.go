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
	// SkipBouwjaarNotAYear: the bouwjaar field holds text that is not a
	// whole number ("abc", "1923.5"): a data error, counted and not used.
	// (An empty bouwjaar, or 9999, is kept and counted under
	// RepairBouwjaarImplausible.)
	SkipBouwjaarNotAYear = "bouwjaar_not_a_year"
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

// MergeReports joins the report of a reader (every record it saw, and the
// ones it skipped itself) with the report of the Validator and Dedup that
// took the records the reader handed on: Read is the reader's (the
// validator's when the reader does not count), Used the validator's, and
// Skipped and Repaired the sum of both.
func MergeReports(reader, valid Report) Report {
	out := Report{Read: reader.Read, Used: valid.Used}
	if reader.Read == 0 {
		out.Read = valid.Read
	}
	for _, r := range []Report{reader, valid} {
		for k, n := range r.Skipped {
			if out.Skipped == nil {
				out.Skipped = map[string]int{}
			}
			out.Skipped[k] += n
		}
		for k, n := range r.Repaired {
			if out.Repaired == nil {
				out.Repaired = map[string]int{}
			}
			out.Repaired[k] += n
		}
	}
	return out
}
