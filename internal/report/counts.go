package report

import "fmt"

// countRow is one line of the report's count of the panden: the number
// and what it means.
type countRow struct {
	Label   string
	N       int
	Meaning string
	Indent  bool // a part of the line above
}

// countsView is the count of the panden, from all analysed down to those
// on the network, with the sums that tie them together.
type countsView struct {
	Rows []countRow
	// Sums says in words how the counts add up, or which do not.
	Sums []string
}

// counts builds the count of the panden from the summary: analysed =
// bijgebouwen + heated (woningen + utility), heated = offered to the
// network; offered = connected + dropped by the economic expansion +
// unreachable.
func counts(s *Summary) *countsView {
	used, bij, util := s.Input.BuildingsUsed, s.Stock.Bijgebouwen, s.Stock.UtilityPanden
	heated := used - bij
	woning := heated - util
	n := s.Network
	v := &countsView{Rows: []countRow{
		{Label: "Panden geanalyseerd", N: used, Meaning: "alle panden in gebruik uit de invoer; gesloopte, niet gerealiseerde en dubbele panden zijn bij het inlezen overgeslagen en staan bij Invoer"},
		{Label: "Bijgebouwen", N: bij, Indent: true, Meaning: "geen verwarmde ruimte (schuur, garage, berging): er is geen warmte-optie voor doorgerekend"},
		{Label: "Verwarmde panden", N: heated, Indent: true, Meaning: fmt.Sprintf("%s woonpanden en %s utiliteitspanden: voor elk zijn alle warmte-opties doorgerekend", nl(float64(woning), 0), nl(float64(util), 0))},
		{Label: "Aangeboden aan het warmtenet (eindpunten)", N: n.Terminals, Meaning: "de verwarmde panden waarvoor in de eerste ronde een aansluiting op het warmtenet is gezocht"},
		{Label: "Aangesloten op het warmtenet", N: n.Connected, Indent: true, Meaning: "op het net na de economische uitbreiding; zij nemen de optie van het net"},
		{Label: "Afgevallen bij de economische uitbreiding", N: n.Dropped, Indent: true, Meaning: "aansluiten kost hier meer dan all-electric: de leidingen die alleen voor dit pand (of deze tak) nodig zijn plus de aansluiting, nationale kosten per jaar; deze panden nemen hun beste eigen optie"},
		{Label: "Niet bereikbaar", N: n.Unreachable, Indent: true, Meaning: "geen straat binnen bereik van een aansluitleiding, of alleen een straat die niet met de bron verbonden is"},
	}}
	if heated == n.Terminals {
		v.Sums = append(v.Sums, fmt.Sprintf("%s bijgebouwen + %s verwarmde panden = %s panden; alle verwarmde panden zijn aan het net aangeboden.",
			nl(float64(bij), 0), nl(float64(heated), 0), nl(float64(used), 0)))
	} else {
		v.Sums = append(v.Sums, fmt.Sprintf("%s bijgebouwen + %s verwarmde panden = %s panden; %s van de verwarmde panden zijn aan het net aangeboden.",
			nl(float64(bij), 0), nl(float64(heated), 0), nl(float64(used), 0), nl(float64(n.Terminals), 0)))
	}
	if sum := n.Connected + n.Dropped + n.Unreachable; sum == n.Terminals {
		v.Sums = append(v.Sums, fmt.Sprintf("%s aangesloten + %s afgevallen + %s niet bereikbaar = %s aangeboden panden.",
			nl(float64(n.Connected), 0), nl(float64(n.Dropped), 0), nl(float64(n.Unreachable), 0), nl(float64(n.Terminals), 0)))
	} else {
		v.Sums = append(v.Sums, fmt.Sprintf("Let op: %s aangesloten + %s afgevallen + %s niet bereikbaar = %s, niet de %s aangeboden panden; het verschil zijn panden die de routering niet aansloot zonder reden.",
			nl(float64(n.Connected), 0), nl(float64(n.Dropped), 0), nl(float64(n.Unreachable), 0), nl(float64(sum), 0), nl(float64(n.Terminals), 0)))
	}
	return v
}
