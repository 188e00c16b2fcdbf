package wijkanalyse

import (
	"slices"

	"github.com/wijkwarmte/wijkwarmte/geodata"
)

// LabelSet indexes a national EP-Online export once, so that each area
// of a batch takes only the registrations its panden, verblijfsobjecten
// and addresses can match, instead of every area indexing the whole
// export again (which made a batch quadratic in the country's size).
type LabelSet struct {
	labels                []geodata.EnergyLabel
	byVBO, byPand, byAddr map[string][]int32
}

// NewLabelSet indexes ls by verblijfsobject id, pand id and address. It
// keeps ls (not a copy).
func NewLabelSet(ls []geodata.EnergyLabel) *LabelSet {
	x := &LabelSet{labels: ls, byVBO: map[string][]int32{}, byPand: map[string][]int32{}, byAddr: map[string][]int32{}}
	for i := range ls {
		l := &ls[i]
		if l.VerblijfsobjectID != "" {
			x.byVBO[l.VerblijfsobjectID] = append(x.byVBO[l.VerblijfsobjectID], int32(i))
		}
		if l.PandID != "" {
			x.byPand[l.PandID] = append(x.byPand[l.PandID], int32(i))
		}
		if l.Postcode != "" && l.Huisnummer != "" {
			k := addrKey(l.Postcode, l.Huisnummer+l.Toevoeging)
			x.byAddr[k] = append(x.byAddr[k], int32(i))
		}
	}
	return x
}

// For returns, in the export's order, the registrations a scan of in can
// use: those of its verblijfsobjecten, its panden and its addresses, and
// every other registration of a verblijfsobject among them (so that the
// newest registration per verblijfsobject is the one the whole export
// gives). A scan of in with For(in) as its labels gives the result a scan
// with the whole export gives.
func (x *LabelSet) For(in Input) []geodata.EnergyLabel {
	seen := map[int32]bool{}
	var idx []int32
	add := func(is []int32) {
		for _, i := range is {
			if !seen[i] {
				seen[i] = true
				idx = append(idx, i)
			}
		}
	}
	for i := range in.Verblijfsobjecten {
		add(x.byVBO[in.Verblijfsobjecten[i].ID])
	}
	for i := range in.Panden {
		add(x.byPand[in.Panden[i].ID])
	}
	for i := range in.Addresses {
		a := &in.Addresses[i]
		add(x.byAddr[addrKey(a.Postcode, a.Housenumber)])
		if a.VerblijfsobjectID != "" {
			add(x.byVBO[a.VerblijfsobjectID])
		}
	}
	for n := 0; n < len(idx); n++ { // closure over verblijfsobject ids
		if v := x.labels[idx[n]].VerblijfsobjectID; v != "" {
			add(x.byVBO[v])
		}
	}
	slices.Sort(idx)
	out := make([]geodata.EnergyLabel, len(idx))
	for i, j := range idx {
		out[i] = x.labels[j]
	}
	return out
}
