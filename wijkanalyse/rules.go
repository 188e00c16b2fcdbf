package wijkanalyse

import (
	"fmt"
	"strings"

	"github.com/wijkwarmte/wijkwarmte/geodata"
)

// Network rules (Input.Rules, scan --network-rules). Street rules go to
// the router, which removes forbidden streets and re-weights preferred
// ones before the solve. Building rules act on the economic expansion: an
// excluded pand is never offered to the network; a required pand is
// offered even when it would be pruned, and the pruning keeps every pipe
// on its way to the source (the exact best subtree under that
// constraint). A required pand the router cannot reach stays off the
// network, with its reason.

// RulesSummary says what the network rules did.
type RulesSummary struct {
	File string
	// Street rules: edges and metres of street removed (forbidden) or
	// re-weighted (preferred) in the routed graph, and the rules that
	// matched no street ("line 4", "feature 2").
	ForbiddenEdges   int
	ForbiddenM       float64
	PreferredEdges   int
	PreferredM       float64
	StreetsUnmatched []string
	// Building rules: panden required, of them connected, and those not
	// connected with the reason; panden excluded; BAG ids of the rules
	// that are not among the scan's panden (counted, not used).
	Required             int
	RequiredConnected    int
	RequiredNotConnected []RuleMiss
	Excluded             int
	UnknownIDs           []string
}

// RuleMiss is a required pand that is not on the network, and why.
type RuleMiss struct {
	ID     string
	Reason string
}

// ruleSet is the building rules matched to the buildings of a scan.
type ruleSet struct {
	required, excluded []bool   // per building index
	why                []string // per building index: the rule's place and reason
	unknown            []string // pand ids of rules that match no building
}

// matchRules matches the building rules of nr to bs; nil when there are
// none.
func matchRules(nr *geodata.NetworkRules, bs []Building) *ruleSet {
	if nr == nil || len(nr.Buildings) == 0 {
		return nil
	}
	idx := make(map[string]int, len(bs))
	for i := range bs {
		idx[bs[i].ID] = i
	}
	rs := &ruleSet{required: make([]bool, len(bs)), excluded: make([]bool, len(bs)), why: make([]string, len(bs))}
	for _, r := range nr.Buildings {
		i, ok := idx[r.PandID]
		if !ok {
			rs.unknown = append(rs.unknown, r.PandID)
			continue
		}
		switch r.Kind {
		case geodata.RuleRequired:
			rs.required[i] = true
		case geodata.RuleExcluded:
			rs.excluded[i] = true
		}
		rs.why[i] = r.Where
		if r.Reason != "" {
			rs.why[i] += ": " + r.Reason
		}
	}
	return rs
}

// reasonExcluded starts the DroppedReason of an excluded pand.
const reasonExcluded = "uitgesloten door de netwerkregels"

func (rs *ruleSet) isExcluded(i int) bool { return rs != nil && rs.excluded[i] }

func (rs *ruleSet) requiredFlags() []bool {
	if rs == nil {
		return nil
	}
	return rs.required
}

// rulesSummary fills the summary of the rules after the scan.
func rulesSummary(nr *geodata.NetworkRules, rs *ruleSet, net *netResult, bs []Building) *RulesSummary {
	if nr == nil {
		return nil
	}
	s := &RulesSummary{File: nr.File}
	if net != nil && net.net != nil {
		u := net.net.Rules
		s.ForbiddenEdges, s.ForbiddenM, s.PreferredEdges, s.PreferredM = u.ForbiddenEdges, u.ForbiddenM, u.PreferredEdges, u.PreferredM
		for _, k := range u.Unmatched {
			if k >= 0 && k < len(nr.Streets) {
				s.StreetsUnmatched = append(s.StreetsUnmatched, nr.Streets[k].Where)
			}
		}
	}
	if rs == nil {
		return s
	}
	s.UnknownIDs = rs.unknown
	for i := range bs {
		switch {
		case rs.required[i]:
			s.Required++
			if bs[i].Connected {
				s.RequiredConnected++
				continue
			}
			why := bs[i].DroppedReason
			if why == "" {
				why = "geen warmtevraag (bijgebouw of zonder verwarming)"
			}
			s.RequiredNotConnected = append(s.RequiredNotConnected, RuleMiss{ID: bs[i].ID, Reason: why})
		case rs.excluded[i]:
			s.Excluded++
		}
	}
	return s
}

// rulesNote says in Dutch what the rules did.
func rulesNote(s *RulesSummary) string {
	if s == nil {
		return ""
	}
	var parts []string
	if s.ForbiddenEdges > 0 || s.PreferredEdges > 0 || len(s.StreetsUnmatched) > 0 {
		parts = append(parts, fmt.Sprintf("%s m straat verboden voor het warmtenet, %s m straat met een voorkeursfactor", thousands(s.ForbiddenM), thousands(s.PreferredM)))
	}
	if n := len(s.StreetsUnmatched); n > 0 {
		parts = append(parts, fmt.Sprintf("%d straatregel(s) zonder straat in het stratennet (%s)", n, strings.Join(s.StreetsUnmatched, ", ")))
	}
	if s.Required > 0 || s.Excluded > 0 {
		parts = append(parts, fmt.Sprintf("%d panden verplicht aangesloten (%d aan het net), %d uitgesloten", s.Required, s.RequiredConnected, s.Excluded))
	}
	if n := len(s.UnknownIDs); n > 0 {
		parts = append(parts, fmt.Sprintf("%d BAG-id's uit de regels staan niet tussen de panden van deze scan en zijn niet gebruikt", n))
	}
	if len(parts) == 0 {
		return "netwerkregels (" + s.File + "): geen regels"
	}
	return "netwerkregels (" + s.File + "): " + strings.Join(parts, "; ")
}
