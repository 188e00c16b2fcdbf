package adres

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/wijkwarmte/wijkwarmte/kosten"
	"github.com/wijkwarmte/wijkwarmte/wijkanalyse"
)

// Answer is what a scan means for one dwelling (or, for a utility pand,
// for the whole pand): what the building is, the best heat option and
// why, the other options with their figures, and whether it is on the
// heat network. Every cost is per Unit (EUR per year, price year of the
// kosten parameters); a figure that does not apply (an infeasible
// option) is a Band with NaN ends, written as null, and the option's
// Reason says why.
type Answer struct {
	// PandID is the 16-digit BAG pand id.
	PandID string `json:"pand_id"`
	// Address is the address asked for; nil for a look-up by pand id or
	// by point.
	Address *Address `json:"address,omitempty"`
	// Match says in Dutch how the pand was found ("adres 2628RC 33 ligt
	// in dit pand", "punt ligt 4 m van dit pand").
	Match string `json:"match"`
	// Use is woning, utiliteit or bijgebouw (wijkanalyse.Use).
	Use string `json:"use"`
	// Woningtype (vrijstaand, 2-onder-1-kap, ... meergezins hoog) for a
	// woning, "" otherwise; WoningtypeReason says why (in the scan's
	// words); UtilityType the Vesta utility type for utiliteit.
	Woningtype       string `json:"woningtype"`
	WoningtypeReason string `json:"woningtype_reason"`
	UtilityType      string `json:"utility_type,omitempty"`
	// Bouwjaar as recorded (0: unknown or implausible, such as 9999); Bouwperiode the Vesta class
	// ("1946 - 1964", "onbekend").
	Bouwjaar    int    `json:"bouwjaar"`
	Bouwperiode string `json:"bouwperiode"`
	// Label is the energy label of the building (most common over its
	// units), LabelSource where it came from (ep-online, mixed, default)
	// and LabelExplanation the same in a Dutch sentence.
	Label            string `json:"label"`
	LabelSource      string `json:"label_source"`
	LabelExplanation string `json:"label_explanation"`
	// Dwellings in the pand and where that number came from.
	Dwellings       int    `json:"dwellings"`
	DwellingsSource string `json:"dwellings_source"`
	// Unit is what the figures are for: "woning" (one dwelling of the
	// pand) or "pand" (a utility pand as a whole, or a pand without
	// dwellings). Share is the fraction of the pand's building figures
	// one Unit carries: 1 / dwelling-equivalents for a dwelling, 1 for a
	// pand. UtilityShare is the fraction carried by the pand's non-
	// residential floor area (a shop below flats), so that Dwellings ×
	// Share + UtilityShare = 1 for a woning.
	Unit         string  `json:"unit"`
	Share        float64 `json:"share"`
	UtilityShare float64 `json:"utility_share"`
	// FloorAreaM2, HeatDemandGJ (space heat + tap water, GJ per year) and
	// GasM3 (reference gas use, m3 per year) per Unit.
	FloorAreaM2  float64 `json:"floor_area_m2"`
	HeatDemandGJ float64 `json:"heat_demand_gj"`
	GasM3        float64 `json:"gas_m3"`
	// Best is the best option's kind ("" for a bijgebouw), BestName its
	// Dutch name.
	Best     string `json:"best"`
	BestName string `json:"best_name"`
	// Why explains the best option in plain Dutch, sentence by sentence:
	// what was compared, what it costs per year with its band, against
	// staying on gas.
	Why []string `json:"why"`
	// Works lists in Dutch what must be done in the home for the best
	// option (insulate, low-temperature radiators, heat pump, ...).
	Works []string `json:"works"`
	// Options are every option of the scan, in wijkanalyse.OptionKinds
	// order, with their figures per Unit; none for a bijgebouw.
	Options []OptionAnswer `json:"options"`
	// Network says whether the pand is on the routed heat network, and
	// why not.
	Network NetworkAnswer `json:"network"`
	// CentroidRD is the footprint's centroid, EPSG:28992 metres.
	CentroidRD [2]float64 `json:"centroid_rd"`
}

// OptionAnswer is one heat option for one Unit.
type OptionAnswer struct {
	Kind string `json:"kind"`
	Name string `json:"name"` // Dutch
	// PBLStrategy is the Startanalyse 2020 number (S1a ... S5b); "" for
	// the gas reference.
	PBLStrategy string `json:"pbl_strategy,omitempty"`
	Feasible    bool   `json:"feasible"`
	// Best marks the best option.
	Best bool `json:"best"`
	// Reason says why the option is or is not feasible.
	Reason string `json:"reason"`
	// EndUserEURPerYear is what the occupant pays a year: energy,
	// maintenance, fixed charges and the own investment annualised, incl.
	// taxes. VersusGasEURPerYear is that minus the gas reference's
	// (negative: cheaper than staying on gas), low end against low end.
	EndUserEURPerYear   Band `json:"enduser_eur_per_year"`
	VersusGasEURPerYear Band `json:"versus_gas_eur_per_year"`
	// NationalEURPerYear is the cost to society (national view, excl.
	// taxes), EUR per year; CO2TPerYear the emission, tonne per year.
	NationalEURPerYear Band `json:"national_eur_per_year"`
	CO2TPerYear        Band `json:"co2_t_per_year"`
	// Score is 0-100 (100 the cheapest feasible option, national view).
	Score float64 `json:"score"`
	// Works is what the option asks of the home, in Dutch.
	Works []string `json:"works"`
	// SourceAssumed is true when the option's heat source was not given
	// but assumed (warmtenet MT without a restwarmte source, geothermie
	// without a doublet): its figures rest on that assumption.
	SourceAssumed bool `json:"source_assumed,omitempty"`
}

// AssumedSourceText says in Dutch that an option's figures rest on an
// assumed heat source (OptionAnswer.SourceAssumed).
const AssumedSourceText = "uitgaande van een aangenomen warmtebron"

// MarkAssumedSources marks the options of the given kinds, in every
// answer, as priced with an assumed heat source (see
// kader.AssumedSources), and adds to the Why of an answer whose best
// option is one of them a sentence saying so. WriteJSON keeps the kinds.
func (ix *Index) MarkAssumedSources(kinds []wijkanalyse.OptionKind) {
	ix.assumed = ix.assumed[:0]
	set := map[string]bool{}
	for _, k := range kinds {
		if !set[string(k)] {
			set[string(k)] = true
			ix.assumed = append(ix.assumed, string(k))
		}
	}
	if len(ix.assumed) == 0 {
		ix.assumed = nil
		return
	}
	for i := range ix.panden {
		markAssumed(&ix.panden[i].Answer, set)
	}
}

func markAssumed(a *Answer, set map[string]bool) {
	for i := range a.Options {
		o := &a.Options[i]
		if !set[o.Kind] || o.SourceAssumed {
			continue
		}
		o.SourceAssumed = true
		if o.Best {
			a.Why = append(a.Why, fmt.Sprintf("De bedragen van %s gaan uit van een aangenomen warmtebron (er is geen bron opgegeven); met de echte bron kan de uitkomst anders zijn.", o.Name))
		}
	}
}

// NetworkAnswer says whether a pand is on the heat network.
type NetworkAnswer struct {
	Connected bool `json:"connected"`
	// Option is the network option the routed network is for
	// (warmtenet_mt, geothermie, ...); "" when no network was routed.
	Option string `json:"option"`
	// Reason says in Dutch why the pand is on the network or not.
	Reason string `json:"reason"`
}

// Band is a figure with the ends of its band (kosten.Band): Value the
// central estimate, Min and Max the low and high ends. A band that does
// not apply has NaN ends and is written as null.
type Band struct {
	Value, Min, Max float64
}

// Applies reports whether the band holds figures (not NaN).
func (b Band) Applies() bool {
	return !math.IsNaN(b.Value) && !math.IsNaN(b.Min) && !math.IsNaN(b.Max)
}

// Finite reports whether all three figures are finite numbers.
func (b Band) Finite() bool {
	for _, x := range [3]float64{b.Value, b.Min, b.Max} {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return false
		}
	}
	return true
}

var notApplicable = Band{math.NaN(), math.NaN(), math.NaN()}

// MarshalJSON writes {"value":v,"min":a,"max":b}, or null when the band
// does not apply (any figure NaN or infinite).
func (b Band) MarshalJSON() ([]byte, error) {
	if !b.Finite() {
		return []byte("null"), nil
	}
	var buf []byte
	buf = append(buf, `{"value":`...)
	buf = strconv.AppendFloat(buf, b.Value, 'f', -1, 64)
	buf = append(buf, `,"min":`...)
	buf = strconv.AppendFloat(buf, b.Min, 'f', -1, 64)
	buf = append(buf, `,"max":`...)
	buf = strconv.AppendFloat(buf, b.Max, 'f', -1, 64)
	return append(buf, '}'), nil
}

// UnmarshalJSON reads what MarshalJSON writes; null gives a band that
// does not apply.
func (b *Band) UnmarshalJSON(raw []byte) error {
	if bytes.Equal(bytes.TrimSpace(raw), []byte("null")) {
		*b = notApplicable
		return nil
	}
	var v struct{ Value, Min, Max *float64 }
	if err := json.Unmarshal(raw, &v); err != nil {
		return err
	}
	if v.Value == nil || v.Min == nil || v.Max == nil {
		return fmt.Errorf("adres: band %s lacks value, min or max", raw)
	}
	*b = Band{*v.Value, *v.Min, *v.Max}
	return nil
}

func bandOf(b wijkanalyse.Band, f float64) Band {
	if math.IsNaN(b.Value) {
		return notApplicable
	}
	s := b.Scale(f)
	return Band{s.Value, s.Min, s.Max}
}

// sub is b - c scenario by scenario (kosten.Band.Sub).
func sub(b, c Band) Band {
	if !b.Applies() || !c.Applies() {
		return notApplicable
	}
	d := kosten.Band[float64]{Value: b.Value, Min: b.Min, Max: b.Max}.Sub(kosten.Band[float64]{Value: c.Value, Min: c.Min, Max: c.Max})
	return Band{d.Value, d.Min, d.Max}
}

// shares returns the Unit, the share of the building one Unit carries and
// the utility share (see Answer.Unit).
func shares(b *wijkanalyse.Building) (unit string, share, utility float64) {
	if b.Use != wijkanalyse.UseWoning || b.Dwellings <= 0 {
		return "pand", 1, 0
	}
	eq := b.DwellingEquivalents
	if eq < float64(b.Dwellings) {
		eq = float64(b.Dwellings)
	}
	share = 1 / eq
	return "woning", share, 1 - float64(b.Dwellings)*share
}

// answerOf builds the answer for one dwelling of b (or b as a whole, see
// shares). network is the network option the scan routed ("" none).
func answerOf(b *wijkanalyse.Building, network wijkanalyse.OptionKind) Answer {
	unit, share, util := shares(b)
	a := Answer{
		PandID: b.ID, Use: string(b.Use), Woningtype: string(b.Woningtype), WoningtypeReason: b.TypeReason,
		UtilityType: b.UtilityType, Bouwjaar: b.Bouwjaar, Bouwperiode: b.Era.String(),
		Label: b.Label, LabelSource: string(b.LabelSource), LabelExplanation: labelExplanation(b),
		Dwellings: b.Dwellings, DwellingsSource: b.DwellingsSource,
		Unit: unit, Share: share, UtilityShare: util,
		FloorAreaM2:  b.FloorAreaM2 * share,
		HeatDemandGJ: (b.SpaceHeatGJ + b.TapWaterGJ) * share,
		GasM3:        b.GasM3 * share,
		Best:         string(b.Best),
		CentroidRD:   [2]float64{b.Centroid[0], b.Centroid[1]},
		Why:          []string{},
		Works:        []string{},
		Options:      []OptionAnswer{},
	}
	if b.Era == wijkanalyse.EraUnknown {
		a.Bouwjaar = 0
	}
	if b.Best != "" {
		a.BestName = wijkanalyse.DisplayName(string(b.Best))
	}
	var gas Band
	for _, o := range b.Options {
		if o.Kind == wijkanalyse.OptionGasBoiler {
			gas = bandOf(o.EndUser, share)
		}
	}
	for _, o := range b.Options {
		if b.Use == wijkanalyse.UseBijgebouw {
			break // no option applies: Why says so
		}
		oa := OptionAnswer{
			Kind: string(o.Kind), Name: wijkanalyse.DisplayName(string(o.Kind)), PBLStrategy: o.Kind.PBLStrategy(),
			Feasible: o.Feasible, Best: o.Kind == b.Best, Reason: o.Reason,
			EndUserEURPerYear:  bandOf(o.EndUser, share),
			NationalEURPerYear: bandOf(o.National, share),
			CO2TPerYear:        bandOf(o.CO2, share),
			Score:              o.Score,
			Works:              []string{},
		}
		if !o.Feasible {
			oa.EndUserEURPerYear, oa.NationalEURPerYear, oa.CO2TPerYear = notApplicable, notApplicable, notApplicable
		}
		oa.VersusGasEURPerYear = sub(oa.EndUserEURPerYear, gas)
		if o.Feasible {
			oa.Works = works(b, o.Kind)
		}
		a.Options = append(a.Options, oa)
	}
	a.Network = networkAnswer(b, network)
	if best := a.option(a.Best); best != nil {
		a.Works = best.Works
		a.Why = why(b, &a, best, network)
	} else if b.Use == wijkanalyse.UseBijgebouw {
		a.Why = []string{"Dit pand is een bijgebouw zonder verwarmde ruimte (schuur, garage, berging): er is geen warmte-optie voor doorgerekend."}
	}
	return a
}

// option returns the answer's option of the given kind, nil when absent.
func (a *Answer) option(kind string) *OptionAnswer {
	for i := range a.Options {
		if a.Options[i].Kind == kind {
			return &a.Options[i]
		}
	}
	return nil
}

func labelExplanation(b *wijkanalyse.Building) string {
	switch b.LabelSource {
	case wijkanalyse.LabelEPOnline:
		return fmt.Sprintf("Energielabel %s is geregistreerd in EP-Online.", b.Label)
	case wijkanalyse.LabelMixed:
		return fmt.Sprintf("Energielabel %s: %d van de %d woningen hebben een geregistreerd label in EP-Online, de andere het gebruikelijke label voor dit woningtype en deze bouwperiode.", b.Label, b.LabelsEPOnline, max(b.Dwellings, 1))
	case wijkanalyse.LabelDefault:
		return fmt.Sprintf("Er is geen label geregistreerd; %s is het gebruikelijke label voor dit type en deze bouwperiode (PBL Vesta MAIS). Een eigen label kan de uitkomst veranderen.", b.Label)
	}
	return "Geen energielabel: het pand heeft geen verwarmde ruimte."
}

// works lists what an option asks of the home b, in Dutch.
func works(b *wijkanalyse.Building, kind wijkanalyse.OptionKind) []string {
	label, _ := kosten.ParseLabel(b.Label)
	insulate := func(to kosten.Label) string {
		if label != "" && label.Rank() >= to.Rank() {
			return fmt.Sprintf("Isoleren is niet nodig: het label is al %s, de optie vraagt label %s of beter.", b.Label, to)
		}
		return fmt.Sprintf("Isoleren van label %s naar label %s (dak, gevel, vloer, glas: wat nog ontbreekt).", orUnknown(b.Label), to)
	}
	home := "de woning"
	if b.Use != wijkanalyse.UseWoning {
		home = "het pand"
	}
	ltRadiators := func() string {
		if b.Suitability.AsIs.C50 {
			return capital(home) + " is nu al met 50 °C te verwarmen: de radiatoren kunnen blijven."
		}
		return "Lagetemperatuurverwarming: grotere radiatoren, convectoren of vloerverwarming, want met 50 °C wordt " + home + " zoals het nu is niet warm genoeg."
	}
	switch kind {
	case wijkanalyse.OptionGasBoiler:
		return []string{"Niets: de HR-ketel op aardgas blijft (dit is de vergelijking, geen aardgasvrije optie)."}
	case wijkanalyse.OptionAllElectric:
		return []string{insulate(kosten.LabelB), "Een lucht-water-warmtepomp in plaats van de cv-ketel, met een boilervat voor warm water.", ltRadiators(),
			"Een zwaardere elektriciteitsaansluiting (3x25 A); de gasaansluiting wordt verwijderd (koken op inductie)."}
	case wijkanalyse.OptionAllElectricGround:
		return []string{insulate(kosten.LabelB), "Een bodemwarmtepomp met een bodemlus (boring) in plaats van de cv-ketel.", ltRadiators(),
			"Een zwaardere elektriciteitsaansluiting (3x25 A); de gasaansluiting wordt verwijderd (koken op inductie)."}
	case wijkanalyse.OptionWarmtenetMT, wijkanalyse.OptionGeothermie:
		return []string{insulate(kosten.LabelD), "Een afleverset van het warmtenet in plaats van de cv-ketel, en een aansluitleiding naar de straat.",
			"De radiatoren kunnen blijven: het net levert 70 °C.", "De gasaansluiting wordt verwijderd (koken op inductie)."}
	case wijkanalyse.OptionWarmtenetLT, wijkanalyse.OptionAquathermie, wijkanalyse.OptionWarmtenetLTBron:
		return []string{insulate(kosten.LabelB), "Een afleverset van het warmtenet en een booster (kleine warmtepomp) voor warm tapwater, met een aansluitleiding naar de straat.",
			ltRadiators(), "De gasaansluiting wordt verwijderd (koken op inductie)."}
	case wijkanalyse.OptionGroenGasHybrid, wijkanalyse.OptionWaterstofHybrid:
		return []string{"Een hybride warmtepomp naast de ketel; het gasnet blijft, met groengas of waterstof."}
	case wijkanalyse.OptionGroenGasBoiler, wijkanalyse.OptionWaterstofBoiler:
		return []string{"Een ketel voor groengas of waterstof; het gasnet blijft."}
	}
	return []string{}
}

func orUnknown(s string) string {
	if s == "" {
		return "onbekend"
	}
	return s
}

func networkAnswer(b *wijkanalyse.Building, network wijkanalyse.OptionKind) NetworkAnswer {
	n := NetworkAnswer{Connected: b.Connected, Option: string(network)}
	switch {
	case network == "":
		n.Reason = "Er is voor deze wijk geen warmtenet doorgerekend."
	case b.Connected:
		n.Reason = fmt.Sprintf("Dit pand ligt aan het doorgerekende warmtenet (%s).", wijkanalyse.DisplayName(string(network)))
	case b.Use == wijkanalyse.UseBijgebouw:
		n.Reason = "Niet aangesloten: een bijgebouw zonder verwarmde ruimte."
	case b.DroppedReason != "":
		n.Reason = "Niet aangesloten: " + b.DroppedReason + "."
	default:
		n.Reason = "Niet aangesloten op het doorgerekende warmtenet."
	}
	return n
}

// why explains the best option in plain Dutch.
func why(b *wijkanalyse.Building, a *Answer, best *OptionAnswer, network wijkanalyse.OptionKind) []string {
	var out []string
	var compared []string
	var second *OptionAnswer // the cheapest feasible sustainable option besides best, national view
	for i, o := range a.Options {
		if o.Feasible && o.Kind != string(wijkanalyse.OptionGasBoiler) && !wijkanalyse.OptionKind(o.Kind).GasGrid() {
			compared = append(compared, o.Name)
			if o.Kind != best.Kind && (second == nil || o.NationalEURPerYear.Value < second.NationalEURPerYear.Value) {
				second = &a.Options[i]
			}
		}
	}
	who := "deze woning"
	if a.Unit == "pand" {
		who = "dit pand"
	}
	if len(compared) > 0 {
		out = append(out, fmt.Sprintf("Vergeleken zijn de %d aardgasvrije opties die voor %s haalbaar zijn: %s. Groengas en waterstof tellen niet mee, omdat de wijk niet beslist over de levering ervan.", len(compared), who, strings.Join(compared, "; ")))
	}
	switch {
	case best.Kind == string(wijkanalyse.OptionGasBoiler):
		out = append(out, fmt.Sprintf("Voor %s is geen aardgasvrije optie haalbaar doorgerekend; de HR-ketel op aardgas blijft de uitkomst.", who))
	case b.Connected:
		out = append(out, fmt.Sprintf("%s ligt aan het warmtenet dat voor de wijk is doorgerekend. Dat net is gekozen op de laagste kosten voor de samenleving over alle aangesloten gebouwen samen; dit pand blijft erop omdat de leidingen die alleen voor dit pand nodig zijn plus de aansluiting goedkoper zijn dan een eigen warmtepomp.", capital(who)))
	default:
		s := fmt.Sprintf("%s heeft van deze opties de laagste kosten voor de samenleving (nationale kosten, zonder belastingen): %s per jaar", best.Name, euro(best.NationalEURPerYear.Value))
		if second != nil {
			s += fmt.Sprintf("; de volgende, %s, kost %s per jaar", second.Name, euro(second.NationalEURPerYear.Value))
		}
		out = append(out, s+".")
	}
	var own *OptionAnswer // the cheapest feasible individual (no network, no gas grid) option
	for i, o := range a.Options {
		k := wijkanalyse.OptionKind(o.Kind)
		if o.Feasible && k != wijkanalyse.OptionGasBoiler && !k.GasGrid() && !k.Network() && (own == nil || o.NationalEURPerYear.Value < own.NationalEURPerYear.Value) {
			own = &a.Options[i]
		}
	}
	if b.Connected && own != nil && best.NationalEURPerYear.Applies() {
		out = append(out, fmt.Sprintf("Voor de samenleving kost het warmtenet voor %s %s per jaar, met een deel van de leidingen van het hele net; %s zou %s per jaar kosten.",
			who, euro(best.NationalEURPerYear.Value), own.Name, euro(own.NationalEURPerYear.Value)))
	}
	if e := best.EndUserEURPerYear; e.Applies() {
		payer := "u als bewoner" // a utility pand's answer is for whoever uses the whole pand
		if a.Unit == "pand" {
			payer = "u als gebruiker van het pand"
		}
		out = append(out, fmt.Sprintf("Voor %s kost %s naar schatting %s per jaar (%s): energie, onderhoud, vaste lasten en de eigen investering over de jaren verdeeld, inclusief belastingen.",
			payer, best.Name, euro(e.Value), bandText(e)))
	}
	if gas := a.option(string(wijkanalyse.OptionGasBoiler)); gas != nil && gas.EndUserEURPerYear.Applies() && best.Kind != gas.Kind {
		d := best.VersusGasEURPerYear
		verb := "meer"
		if d.Value < 0 {
			verb = "minder"
		}
		out = append(out, fmt.Sprintf("Blijven op aardgas kost %s per jaar; %s is dus %s per jaar %s (%s).",
			euro(gas.EndUserEURPerYear.Value), best.Name, strings.TrimPrefix(euro(math.Abs(d.Value)), "-"), verb, bandText(d)))
	}
	if network != "" && !b.Connected && b.DroppedReason != "" {
		out = append(out, "Niet aan het warmtenet: "+b.DroppedReason+".")
	}
	if a.Unit == "woning" && a.Dwellings > 1 {
		out = append(out, fmt.Sprintf("Het pand heeft %d woningen; de bedragen zijn per woning (het deel van het pand dat bij één woning hoort).", a.Dwellings))
	}
	return out
}

func capital(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// euro formats a whole amount in euro the Dutch way: "€ 1.234", "-€ 56".
func euro(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "n.v.t."
	}
	s := strconv.FormatFloat(math.Abs(math.Round(v)), 'f', 0, 64)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "." + s[i:]
	}
	if math.Round(v) < 0 {
		return "-€ " + s
	}
	return "€ " + s
}

func signedEuro(v float64) string {
	if math.Round(v) > 0 {
		return "+" + euro(v)
	}
	return euro(v)
}

// bandText is "bandbreedte € a tot € b", or "zonder bandbreedte" when
// both ends round to the same euro (a fixed tariff).
func bandText(b Band) string {
	if math.Round(b.Min) == math.Round(b.Max) {
		return "zonder bandbreedte"
	}
	return "bandbreedte " + euro(b.Min) + " tot " + euro(b.Max)
}
