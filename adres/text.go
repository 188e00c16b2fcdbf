package adres

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// WriteText writes the answer as plain Dutch text for a terminal: the
// pand with its 16-digit BAG id, what it is, the best option with its
// cost per year and band against staying on gas, why, what must be done,
// the other options and the network.
func (a *Answer) WriteText(w io.Writer) error {
	bw := bufio.NewWriter(w)
	p := func(format string, args ...any) { fmt.Fprintf(bw, format, args...) }
	p("Pand %s (BAG-pandnummer)", a.PandID)
	if a.Address != nil {
		p(", adres %s", a.Address)
		if place := strings.TrimSpace(strings.Join(nonEmpty(a.Address.Street, a.Address.City), ", ")); place != "" {
			p(" (%s)", place)
		}
	}
	p("\n  %s\n", a.Match)
	for _, l := range a.facts() {
		p("  %s: %s\n", l[0], l[1])
	}
	if a.Best == "" {
		for _, s := range a.Why {
			p("\n%s\n", s)
		}
		return bw.Flush()
	}
	best := a.option(a.Best)
	p("\nBeste optie: %s", a.BestName)
	if best != nil && best.SourceAssumed {
		p(", %s", AssumedSourceText)
	}
	p("\n")
	if best != nil && best.EndUserEURPerYear.Applies() {
		p("  Kosten voor u: %s per jaar (%s), per %s\n", euro(best.EndUserEURPerYear.Value), bandText(best.EndUserEURPerYear), a.Unit)
		if gas := a.option("gas_boiler"); gas != nil && best.Kind != gas.Kind && gas.EndUserEURPerYear.Applies() {
			p("  Aardgas (blijven zoals nu): %s per jaar; verschil %s per jaar\n", euro(gas.EndUserEURPerYear.Value), signedEuro(best.VersusGasEURPerYear.Value))
		}
	}
	p("\nWaarom:\n")
	for _, s := range a.Why {
		p("  - %s\n", s)
	}
	if a.Use == "woning" {
		p("\nWat er in de woning moet gebeuren:\n")
	} else {
		p("\nWat er in het pand moet gebeuren:\n")
	}
	for _, s := range a.Works {
		p("  - %s\n", s)
	}
	p("\nAlle opties (euro per jaar per %s, bewoner; verschil met aardgas):\n", a.Unit)
	for _, o := range a.Options {
		mark := " "
		if o.Best {
			mark = "*"
		}
		if !o.Feasible {
			p(" %s %-45s niet haalbaar: %s\n", mark, o.Name, o.Reason)
			continue
		}
		p(" %s %-45s %9s (%s tot %s)  %s", mark, o.Name, euro(o.EndUserEURPerYear.Value), euro(o.EndUserEURPerYear.Min), euro(o.EndUserEURPerYear.Max), signedEuro(o.VersusGasEURPerYear.Value))
		if o.SourceAssumed {
			p("  (%s)", AssumedSourceText)
		}
		p("\n")
	}
	p("\nWarmtenet: %s\n", a.Network.Reason)
	return bw.Flush()
}

// facts are the answer's description of the building, label and value.
func (a *Answer) facts() [][2]string {
	var out [][2]string
	kind := a.Use
	switch {
	case a.Woningtype != "":
		kind = a.Woningtype
	case a.UtilityType != "":
		kind = a.Use + " (" + a.UtilityType + ")"
	}
	out = append(out, [2]string{"Type", kind})
	if a.Bouwjaar > 0 {
		out = append(out, [2]string{"Bouwjaar", fmt.Sprintf("%d (%s)", a.Bouwjaar, a.periodText())})
	} else {
		out = append(out, [2]string{"Bouwjaar", "onbekend"})
	}
	if a.Label != "" {
		out = append(out, [2]string{"Energielabel", a.LabelExplanation})
	}
	if a.Use == "woning" {
		out = append(out, [2]string{"Woningen in het pand", fmt.Sprintf("%d", a.Dwellings)})
	}
	if a.Use != "bijgebouw" {
		out = append(out, [2]string{"Per " + a.Unit, fmt.Sprintf("%s m² vloeroppervlak, warmtevraag %s GJ per jaar, nu %s m³ aardgas per jaar",
			nlNumber(a.FloorAreaM2), nlNumber(a.HeatDemandGJ), nlNumber(a.GasM3))})
	}
	return out
}

// periodText names the Vesta class the bouwjaar is counted in: "bouwperiode
// 1965 - 1974", and for a bouwjaar after the newest class's last year
// (2024 in "2015 - 2020", see wijkanalyse.EraOf) "gerekend als bouwperiode
// 2015 - 2020, de nieuwste van Vesta MAIS".
func (a *Answer) periodText() string {
	p := a.Bouwperiode
	if len(p) >= 4 {
		if last, err := strconv.Atoi(p[len(p)-4:]); err == nil && strings.Contains(p, " - ") && a.Bouwjaar > last {
			return "gerekend als bouwperiode " + p + ", de nieuwste van Vesta MAIS"
		}
	}
	return "bouwperiode " + p
}

func nonEmpty(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

// nlNumber is a whole number with a dot every three digits.
func nlNumber(v float64) string { return strings.TrimPrefix(euro(v), "€ ") }
