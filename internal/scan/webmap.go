package scan

import (
	"math"
	"strings"

	"github.com/wijkwarmte/wijkwarmte/geodata"
	"github.com/wijkwarmte/wijkwarmte/internal/report"
	"github.com/wijkwarmte/wijkwarmte/wijkanalyse"
)

// pandInfos fills, for the report's interactive map, what a click on a
// pand shows: its BAG id, bouwjaar, type, label source, the end-user cost
// of its best option and of staying on gas, why it is not on the
// network, and its addresses (by pand id, else the footprint holding the
// point, as the classification joins them).
func pandInfos(res *wijkanalyse.Result, panden []geodata.Pand, addrs []geodata.Address, bs []report.Building) {
	byID := make(map[string]int, len(res.Buildings))
	for i := range res.Buildings {
		byID[res.Buildings[i].ID] = i
	}
	infos := make([]report.PandInfo, len(res.Buildings))
	for i := range res.Buildings {
		b := &res.Buildings[i]
		in := &infos[i]
		*in = report.PandInfo{
			ID: b.ID, Bouwjaar: b.Bouwjaar, Type: pandType(b), Dwellings: b.Dwellings,
			LabelSource: words[string(b.LabelSource)],
			BestEUR:     math.NaN(), GasEUR: math.NaN(),
			Note: networkNote(b),
		}
		for _, o := range b.Options {
			if !o.Feasible {
				continue
			}
			if o.Kind == b.Best {
				in.BestEUR = o.EndUser.Value
			}
			if o.Kind == wijkanalyse.OptionGasBoiler {
				in.GasEUR = o.EndUser.Value
			}
		}
		if bs[i].Info == nil {
			bs[i].Info = in
		}
	}
	// Addresses: the footprint index is over the input panden; map its
	// answer to the building by id.
	var fx *geodata.FootprintIndex
	for _, a := range addrs {
		i, ok := byID[a.PandID]
		if !ok {
			if fx == nil {
				fx = geodata.NewFootprintIndex(panden)
			}
			k := fx.Locate(a.Point)
			if k < 0 {
				continue
			}
			if i, ok = byID[panden[k].ID]; !ok {
				continue
			}
		}
		infos[i].Addresses = append(infos[i].Addresses, report.Address{Postcode: a.Postcode, Huisnummer: a.Housenumber, Street: a.Street})
	}
}

// pandType is the woningtype, the utility type or the use, in Dutch.
func pandType(b *wijkanalyse.Building) string {
	switch {
	case b.Use == wijkanalyse.UseWoning && b.Woningtype != wijkanalyse.TypeNone:
		return string(b.Woningtype)
	case b.Use == wijkanalyse.UseUtiliteit && b.UtilityType != "":
		return "utiliteit (" + strings.ToLower(b.UtilityType) + ")"
	case b.Use == wijkanalyse.UseBijgebouw:
		return "onverwarmd bijgebouw"
	}
	return string(b.Use)
}

// networkNote says in Dutch why a pand is not on the network.
func networkNote(b *wijkanalyse.Building) string {
	r := b.DroppedReason
	switch {
	case b.Connected || r == "":
		return ""
	case strings.HasPrefix(r, "unreachable"):
		return "niet bereikbaar over het stratennet"
	case strings.HasPrefix(r, "round "):
		return "afgevallen bij de economische uitbreiding: aansluiten kost meer dan de beste eigen optie"
	}
	return "niet aangesloten door de router"
}
