package scan

import (
	"math"
	"strconv"
	"strings"

	"github.com/wijkwarmte/wijkwarmte/adres"
	"github.com/wijkwarmte/wijkwarmte/internal/report"
	"github.com/wijkwarmte/wijkwarmte/wijkanalyse"
)

// pandInfos fills, for the report's interactive map, what a click on a
// pand shows, from the per-dwelling answers of ix (the same answers
// answers.json holds and `wijkwarmte adres` prints): BAG id, bouwjaar,
// type, label and its explanation, the end-user cost of the best option
// and of staying on gas per dwelling, what must be done in the home,
// the network status, and the pand's addresses as adres assigned them.
// bs are the report's buildings, in the order of ix's panden.
func pandInfos(ix *adres.Index, bs []report.Building) {
	n := min(ix.Len(), len(bs))
	infos := make([]report.PandInfo, n)
	at := make(map[string]int, n)
	for i := range n {
		a := &ix.Pand(i).Answer
		in := &infos[i]
		*in = report.PandInfo{
			ID: a.PandID, Bouwjaar: a.Bouwjaar, Type: pandType(a), Dwellings: a.Dwellings, Unit: a.Unit,
			LabelNote: a.LabelExplanation, Works: a.Works, Note: a.Network.Reason,
		}
		in.BestEUR, in.BestMinEUR, in.BestMaxEUR, in.GasEUR = math.NaN(), math.NaN(), math.NaN(), math.NaN()
		for _, o := range a.Options {
			if o.Best && o.EndUserEURPerYear.Applies() {
				in.BestEUR, in.BestMinEUR, in.BestMaxEUR = o.EndUserEURPerYear.Value, o.EndUserEURPerYear.Min, o.EndUserEURPerYear.Max
			}
			if o.Kind == string(wijkanalyse.OptionGasBoiler) && o.EndUserEURPerYear.Applies() {
				in.GasEUR = o.EndUserEURPerYear.Value
			}
		}
		if _, dup := at[a.PandID]; !dup {
			at[a.PandID] = i
		}
		bs[i].Info = in
	}
	for _, ad := range ix.Addresses() {
		i, ok := at[ad.PandID]
		if !ok {
			continue
		}
		nr := strconv.Itoa(ad.Huisnummer)
		if ad.Toevoeging != "" {
			nr += "-" + ad.Toevoeging
		}
		infos[i].Addresses = append(infos[i].Addresses, report.Address{Postcode: ad.Postcode, Huisnummer: nr, Street: ad.Street})
	}
}

// pandType is the woningtype, the utility type or the use, in Dutch.
func pandType(a *adres.Answer) string {
	switch {
	case a.Use == string(wijkanalyse.UseWoning) && a.Woningtype != "":
		return a.Woningtype
	case a.Use == string(wijkanalyse.UseUtiliteit) && a.UtilityType != "":
		return "utiliteit (" + strings.ToLower(a.UtilityType) + ")"
	case a.Use == string(wijkanalyse.UseBijgebouw):
		return "onverwarmd bijgebouw"
	}
	return a.Use
}
