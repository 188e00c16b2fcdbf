package wijkanalyse

import (
	"fmt"

	"github.com/wijkwarmte/wijkwarmte/geodata"
	"github.com/wijkwarmte/wijkwarmte/warmtenet"
)

// An existing heat network (Input.Existing). The router reuses the street
// edges that run along an existing pipe (within net.existing.buffer
// metres, within net.existing.max_angle degrees of its direction) before
// it lays new pipe: that share of an edge costs nothing and weighs nothing
// in the routing, before the solve; existing pipe farther than the buffer
// from every street becomes edges of its own, joined to the streets where
// it comes within the buffer (warmtenet/offstreet.go). Where the sized
// pipe exceeds the existing DN the pipe is too small and the length is
// priced as new pipe (warmtenet/existing.go). The reused length loses
// heat at the existing DN.

// existingNote says in Dutch what an existing network given to the scan
// does, with the base parameters' tolerance.
func existingNote(ps []geodata.ExistingPipe, pr *pricer) string {
	m := 0.0
	for _, p := range ps {
		m += p.LengthM
	}
	return fmt.Sprintf("bestaand warmtenet: %d leidingen, %s m opgegeven; een straat waar een bestaande leiding langs loopt (binnen %s m van de straatas, in dezelfde richting: binnen %s graden) wordt hergebruikt zonder nieuwe sleuf en leiding, en een bestaande leiding die verder van elke straat ligt (door een park, over een binnenterrein) wordt een eigen verbinding tussen de straten waar ze binnen die afstand komt, tenzij de bestaande diameter te klein is voor de last: dan wordt daar een nieuwe leiding gerekend; hergebruikte leiding verliest warmte als de bestaande diameter",
		len(ps), thousands(m), decimal(pr.v("net.existing.buffer"), -1), decimal(pr.v("net.existing.max_angle"), -1))
}

// existingSummary turns the router's ExistingUse into the summary, the
// unmatched pipes by id; saving is the band of the segments' savings.
// supplyC is the design supply temperature the network was routed at, C,
// and reused the ids of the pipes it reuses: those whose temperature is
// given and lies below supplyC are listed (BelowDesignIDs).
func existingSummary(u *warmtenet.ExistingUse, ps []geodata.ExistingPipe, saving Band, pr *pricer, supplyC float64, reused map[string]bool) *ExistingSummary {
	if u == nil {
		return nil
	}
	s := &ExistingSummary{Pipes: u.Pipes, OfferedM: u.OfferedM, MatchedM: u.MatchedM, UnmatchedIDs: []string{},
		OffStreetM: u.OffStreetM, OffStreetPieces: u.OffStreetPieces,
		ReusedM: u.ReusedM, OffStreetReusedM: u.OffStreetReusedM, Saving: saving, SavingEURPerYear: pr.pipeYear(saving),
		TooSmallM: u.TooSmallM, OffStreetTooSmallM: u.OffStreetTooSmallM, TooSmallSegments: u.TooSmallSegments,
		HeatLossExtraGJ: u.HeatLossExtraGJ}
	for _, i := range u.Unmatched {
		if i >= 0 && i < len(ps) {
			s.UnmatchedIDs = append(s.UnmatchedIDs, ps[i].ID)
		}
	}
	s.DesignSupplyC, s.BelowDesignIDs = supplyC, []string{}
	seen := map[string]bool{}
	for _, p := range ps {
		// NaN (not given) compares false
		if reused[p.ID] && !seen[p.ID] && p.TemperatureC < supplyC {
			seen[p.ID] = true
			s.BelowDesignIDs = append(s.BelowDesignIDs, p.ID)
		}
	}
	return s
}
