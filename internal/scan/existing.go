package scan

import (
	"io"
	"maps"
	"math"
	"slices"

	"github.com/paulmach/orb"

	"github.com/wijkwarmte/wijkwarmte/geodata"
	"github.com/wijkwarmte/wijkwarmte/internal/report"
	"github.com/wijkwarmte/wijkwarmte/wijkanalyse"
)

// readExisting reads the pipes of an existing heat network
// (geodata.Source.ExistingPipes) and the report of reading them.
func readExisting(ss *geodata.Sources, path, layer string, bound *orb.Bound) ([]geodata.ExistingPipe, geodata.Report, error) {
	var rep geodata.Report
	s, err := open(ss, path, bound)
	if err != nil {
		return nil, rep, err
	}
	defer s.Close()
	ps, err := s.ExistingPipes(layer, &rep)
	return ps, rep, err
}

// existingSegmentRow is segmentRow with the columns of an existing heat
// network (--existing-network); the network outputs take it only when
// one was given, so that without the flag they stay as they were.
type existingSegmentRow struct {
	Segment    int32   `parquet:"segment"`
	Kind       string  `parquet:"kind"`
	DN         int32   `parquet:"dn"`
	LengthM    float64 `parquet:"length_m"`
	PeakKW     float64 `parquet:"peak_kw"`
	Buildings  int32   `parquet:"buildings"`
	HeatLossGJ float64 `parquet:"heat_loss_gj_per_year"`
	CostEUR    float64 `parquet:"cost_eur"`
	BuildingID string  `parquet:"building_id"`
	RoadClass  string  `parquet:"road_class"`
	Overloaded bool    `parquet:"overloaded"`
	WorksM     float64 `parquet:"works_m"`
	WorksID    string  `parquet:"works_id"`
	// ExistingM is the length of the segment along an existing pipe, m;
	// ExistingID and ExistingDN that pipe's id and DN ("" and 0 for none);
	// ExistingTooSmall: that DN is below the segment's dn, so the length
	// is priced as new pipe; ExistingSavingEUR what reusing it saves on
	// the investment, EUR (cost_eur is already net of it).
	// ExistingOffStreet: the segment is existing pipe away from the
	// streets (a distribution pipe across a park or a courtyard, with its
	// links to the streets), existing_m all of it; ExistingExtraLossGJ
	// what the reused length loses at existing_dn beyond what it would
	// lose at dn, GJ per year (heat_loss_gj_per_year includes it).
	ExistingM           float64      `parquet:"existing_m"`
	ExistingID          string       `parquet:"existing_id"`
	ExistingDN          int32        `parquet:"existing_dn"`
	ExistingTooSmall    bool         `parquet:"existing_too_small"`
	ExistingSavingEUR   float64      `parquet:"existing_saving_eur"`
	ExistingOffStreet   bool         `parquet:"existing_offstreet"`
	ExistingExtraLossGJ float64      `parquet:"existing_extra_loss_gj_per_year"`
	BBox                geodata.BBox `parquet:"bbox"`
	Geometry            []byte       `parquet:"geometry"`
	line                orb.LineString
}

func existingSegmentRows(res *wijkanalyse.Result) []existingSegmentRow {
	rows := segmentRows(res)
	out := make([]existingSegmentRow, len(rows))
	for i, r := range rows {
		sg := &res.Network.Segments[i]
		out[i] = existingSegmentRow{Segment: r.Segment, Kind: r.Kind, DN: r.DN, LengthM: r.LengthM, PeakKW: r.PeakKW,
			Buildings: r.Buildings, HeatLossGJ: r.HeatLossGJ, CostEUR: r.CostEUR, BuildingID: r.BuildingID,
			RoadClass: r.RoadClass, Overloaded: r.Overloaded, WorksM: r.WorksM, WorksID: r.WorksID, line: r.line}
		if sg.ExistingM > 0 {
			out[i].ExistingM, out[i].ExistingID, out[i].ExistingDN = finite(sg.ExistingM), sg.ExistingID, int32(sg.ExistingDN)
			out[i].ExistingTooSmall, out[i].ExistingSavingEUR = sg.ExistingTooSmall, finite(sg.ExistingSavingEUR)
			out[i].ExistingOffStreet, out[i].ExistingExtraLossGJ = sg.ExistingOffStreet, finite(sg.ExistingExtraLossGJ)
		}
	}
	return out
}

// withExisting reports whether the network outputs carry the existing
// network's columns.
func withExisting(res *wijkanalyse.Result) bool { return res.Network.Existing != nil }

func writeExistingNetworkParquet(w io.Writer, res *wijkanalyse.Result) error {
	return geodata.WriteGeoParquet(w, "geometry", existingSegmentRows(res), func(r *existingSegmentRow) orb.Geometry { return r.line })
}

// existingOut is summary.json's network.existing: what was read, and what
// the routed network (Result.Network.Existing; nil when the network was
// estimated without streets) did with it.
func existingOut(c *Config, run *scanRun) *report.ExistingNetwork {
	rep := run.existingRep
	out := &report.ExistingNetwork{File: c.ExistingNetwork, FeaturesRead: rep.Read, Skipped: map[string]int{}, UnmatchedIDs: []string{}, BelowDesignIDs: []string{}}
	maps.Copy(out.Skipped, rep.Skipped)
	for _, p := range run.in.Existing {
		out.Pipes++
		out.OfferedM += p.LengthM
	}
	if e := run.res.Network.Existing; e != nil {
		out.MatchedM, out.ReusedM, out.TooSmallM, out.TooSmallSegments = e.MatchedM, e.ReusedM, e.TooSmallM, e.TooSmallSegments
		out.OffStreetM, out.OffStreetPieces, out.OffStreetReusedM, out.OffStreetTooSmallM = e.OffStreetM, e.OffStreetPieces, e.OffStreetReusedM, e.OffStreetTooSmallM
		out.HeatLossExtraGJ = finite(e.HeatLossExtraGJ)
		out.DesignSupplyC = e.DesignSupplyC
		out.BelowDesignIDs = append(out.BelowDesignIDs, e.BelowDesignIDs...)
		out.SavingEUR, out.SavingEURYr = finite(e.Saving.Value), finite(e.SavingEURPerYear)
		out.UnmatchedIDs = append(out.UnmatchedIDs, e.UnmatchedIDs...)
	} else {
		for _, p := range run.in.Existing {
			out.UnmatchedIDs = append(out.UnmatchedIDs, p.ID)
		}
	}
	out.UnmatchedFeatures = len(out.UnmatchedIDs)
	out.BufferM, out.MaxAngleDeg = paramValue(run.params, "net.existing.buffer"), paramValue(run.params, "net.existing.max_angle")
	out.PipesUsed = []report.ExistingPipeUse{}
	at := map[string]int{}
	for _, p := range run.in.Existing {
		if _, ok := at[p.ID]; !ok {
			at[p.ID] = len(out.PipesUsed)
			u := report.ExistingPipeUse{ID: p.ID, DN: p.DN, Year: p.Year, Owner: p.Owner}
			if !math.IsNaN(p.TemperatureC) {
				c := p.TemperatureC
				u.TemperatureC = &c
				u.BelowDesign = slices.Contains(out.BelowDesignIDs, p.ID)
			}
			out.PipesUsed = append(out.PipesUsed, u)
		}
	}
	used := make([]bool, len(out.PipesUsed))
	for _, sg := range run.res.Network.Segments {
		i, ok := at[sg.ExistingID]
		if sg.ExistingM <= 0 || !ok {
			continue
		}
		used[i] = true
		u := &out.PipesUsed[i]
		if sg.ExistingTooSmall {
			u.TooSmallM += sg.ExistingM
		} else {
			u.ReusedM += sg.ExistingM
			u.SavingEUR += finite(sg.ExistingSavingEUR)
			u.HeatLossExtraGJ += finite(sg.ExistingExtraLossGJ)
		}
		if sg.ExistingOffStreet {
			u.OffStreetM += sg.ExistingM
		}
	}
	kept := out.PipesUsed[:0]
	for i, u := range out.PipesUsed {
		if used[i] {
			kept = append(kept, u)
		}
	}
	out.PipesUsed = kept
	return out
}
