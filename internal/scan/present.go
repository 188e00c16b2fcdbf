package scan

import (
	"fmt"
	"math"
	"slices"

	"github.com/paulmach/orb"

	"github.com/wijkwarmte/wijkwarmte/geodata"
	"github.com/wijkwarmte/wijkwarmte/internal/report"
	"github.com/wijkwarmte/wijkwarmte/kosten"
	"github.com/wijkwarmte/wijkwarmte/wijkanalyse"
)

// This file turns a wijkanalyse.Result into the plain data of the report
// package: the summary.json struct and the report page. Names shown to
// people are Dutch; keys in files are the wijkanalyse names.

// strategyLabel is the plain-Dutch name of a strategy or option
// (wijkanalyse.DisplayName).
func strategyLabel(name string) string { return wijkanalyse.DisplayName(name) }

// Colours. Eras: ColorBrewer Spectral (11 classes), old = red, new = blue.
var eraColors = []string{"#9e0142", "#d53e4f", "#f46d43", "#fdae61", "#fee08b", "#e6f598",
	"#abdda4", "#66c2a5", "#3288bd", "#5e4fa2", "#2d1a6b"}

func eraClasses() []report.Class {
	out := make([]report.Class, 0, len(wijkanalyse.Eras)+1)
	for i, e := range wijkanalyse.Eras {
		out = append(out, report.Class{Key: e.String(), Label: e.String(), Color: eraColors[i%len(eraColors)]})
	}
	return append(out, report.Class{Key: wijkanalyse.EraUnknown.String(), Label: "onbekend bouwjaar", Color: "#bdbdbd"})
}

// labelClasses follow the colours of the Dutch/EU energy label.
func labelClasses() []report.Class {
	return []report.Class{
		{Key: "A++++", Color: "#00622f"}, {Key: "A+++", Color: "#00753a"}, {Key: "A++", Color: "#008a43"},
		{Key: "A+", Color: "#009a4a"}, {Key: "A", Color: "#00a651"}, {Key: "B", Color: "#4cb848"},
		{Key: "C", Color: "#bfd730"}, {Key: "D", Color: "#fff200"}, {Key: "E", Color: "#fdb913"},
		{Key: "F", Color: "#f37021"}, {Key: "G", Color: "#ed1c24"},
		{Key: "", Label: "geen (onverwarmd bijgebouw)", Color: "#e4e1da"},
	}
}

func optionClasses() []report.Class {
	colors := map[wijkanalyse.OptionKind]string{
		wijkanalyse.OptionGasBoiler:   "#a89f91",
		wijkanalyse.OptionAllElectric: "#1f78b4",
		wijkanalyse.OptionWarmtenetMT: "#e31a1c",
		wijkanalyse.OptionWarmtenetLT: "#fb9a99",
		wijkanalyse.OptionAquathermie: "#17becf",
		wijkanalyse.OptionGeothermie:  "#ff7f00",

		wijkanalyse.OptionAllElectricGround: "#6a3d9a",
		wijkanalyse.OptionGroenGasHybrid:    "#33a02c",
		wijkanalyse.OptionGroenGasBoiler:    "#b2df8a",
		wijkanalyse.OptionWaterstofHybrid:   "#b15928",
		wijkanalyse.OptionWaterstofBoiler:   "#ffff99",
		wijkanalyse.OptionWarmtenetLTBron:   "#cab2d6",
	}
	var out []report.Class
	for _, k := range wijkanalyse.OptionKinds {
		out = append(out, report.Class{Key: string(k), Label: strategyLabel(string(k)), Color: colors[k]})
	}
	return append(out, report.Class{Key: "", Label: "geen (onverwarmd bijgebouw)", Color: "#e4e1da"})
}

func typeClasses() []report.Class {
	colors := []string{"#1b9e77", "#66a61e", "#a6d854", "#e6ab02", "#7570b3", "#9e7bb5", "#542788"}
	var out []report.Class
	for i, t := range wijkanalyse.Woningtypes {
		out = append(out, report.Class{Key: string(t), Color: colors[i%len(colors)]})
	}
	// Unheated bijgebouwen are left out of the stock chart (see StockNote).
	return append(out, report.Class{Key: string(wijkanalyse.UseUtiliteit), Color: "#d95f02"})
}

// typeKey is the stock-chart type of a building: its woningtype, or its use.
func typeKey(b *wijkanalyse.Building) string {
	if b.Use == wijkanalyse.UseWoning && b.Woningtype != wijkanalyse.TypeNone {
		return string(b.Woningtype)
	}
	return string(b.Use)
}

// bandKeys are the indicator keys of a strategy that carry a band; Min and
// Max in summary.json hold them.
func bandMaps(st *wijkanalyse.Strategy) (lo, hi map[string]float64) {
	lo, hi = map[string]float64{}, map[string]float64{}
	put := func(key string, b wijkanalyse.Band) {
		lo[key], hi[key] = b.Min, b.Max
	}
	put("national_cost_eur_per_year", st.NationalCostEURPerYear)
	put("extra_national_cost_eur_per_year", st.ExtraNationalCostEURPerYear)
	put("enduser_cost_eur_per_year_per_dwelling", st.EnduserCostEURPerYearPerDwelling)
	put("enduser_cost_eur_per_year_per_weq", st.EnduserCostEURPerYearPerDwellingEquivalent)
	put("co2_avoided_t_per_year", st.CO2AvoidedTPerYear)
	put("eur_per_t_co2", st.EURPerTCO2)
	put("national_cost_eur_per_year_per_weq", st.CostEURPerDwellingEquivalent)
	return lo, hi
}

// finite maps NaN and infinities to 0, for quantities that are zero when
// undefined (network lengths, densities). Costs of infeasible options and
// strategies stay NaN: not available, written as null (summary.json,
// GeoJSON), an empty cell (CSV) or "niet haalbaar" (report).
func finite(x float64) float64 {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return 0
	}
	return x
}

func strategies(res *wijkanalyse.Result) []report.Strategy { return strategyList(res.Strategies) }

func strategyList(list []wijkanalyse.Strategy) []report.Strategy {
	out := make([]report.Strategy, 0, len(list))
	for i := range list {
		st := &list[i]
		lo, hi := bandMaps(st)
		out = append(out, report.Strategy{
			Name:                             st.Name,
			NationalCostEURPerYear:           st.NationalCostEURPerYear.Value,
			EnduserCostEURPerYearPerDwelling: st.EnduserCostEURPerYearPerDwelling.Value,
			CO2AvoidedTPerYear:               st.CO2AvoidedTPerYear.Value,
			EURPerTCO2:                       st.EURPerTCO2.Value,
			Min:                              lo,
			Max:                              hi,
			Label:                            strategyLabel(st.Name),
			PBLStrategy:                      wijkanalyse.OptionKind(st.Name).PBLStrategy(),
			ExtraNationalCostEURPerYear:      st.ExtraNationalCostEURPerYear.Value,
			NationalCostEURPerYearPerWEQ:     st.CostEURPerDwellingEquivalent.Value,
			EnduserCostEURPerYearPerWEQ:      st.EnduserCostEURPerYearPerDwellingEquivalent.Value,
			Buildings:                        st.Buildings,
			Dwellings:                        st.Dwellings,
			DwellingEquivalents:              st.DwellingEquivalents,
			Feasible:                         st.Feasible,
			Note:                             st.Reason,
			NetworkOption:                    string(st.NetworkOption),
		})
		r := &out[len(out)-1]
		if !st.Feasible {
			continue // no figures: the breakdowns stay absent
		}
		r.Breakdown, r.BreakdownMin, r.BreakdownMax = partMaps(&st.NationalCostParts, nationalParts)
		r.EnduserBreakdown, _, _ = partMaps(&st.EnduserCostPartsPerDwelling, enduserParts)
		r.EnduserBreakdownPerWEQ, _, _ = partMaps(&st.EnduserCostPartsPerDwellingEquivalent, enduserParts)
	}
	return out
}

// nationalParts and enduserParts are the cost components always listed
// in a strategy's breakdown (the national view has no tariffs; the end
// user pays no network, source or grid investment directly). Any other
// part is listed only when it is not zero.
var (
	nationalParts = []kosten.Part{kosten.PartInsulation, kosten.PartInstallation, kosten.PartNetwork, kosten.PartSource, kosten.PartGrid, kosten.PartOM, kosten.PartEnergy}
	enduserParts  = []kosten.Part{kosten.PartInsulation, kosten.PartInstallation, kosten.PartOM, kosten.PartEnergy, kosten.PartFixedCharges, kosten.PartConnectionFee}
)

// partMaps turns a cost split into summary.json maps keyed by part name:
// the values and the low and high ends. The maps hold every part in
// always and every other part that is not zero, so they add up to the
// split's total.
func partMaps(ps *wijkanalyse.Parts, always []kosten.Part) (v, lo, hi map[string]float64) {
	v, lo, hi = map[string]float64{}, map[string]float64{}, map[string]float64{}
	for k := range kosten.NumParts {
		b := ps[k]
		if b == (wijkanalyse.Band{}) && !slices.Contains(always, k) {
			continue
		}
		v[k.String()], lo[k.String()], hi[k.String()] = b.Value, b.Min, b.Max
	}
	return v, lo, hi
}

// summaryOf fills the summary.json struct from a scan result. The caller
// adds the run's extensions (files, params, timings, outputs).
func summaryOf(res *wijkanalyse.Result, wijk string) *report.Summary {
	s := &report.Summary{
		Wijk: wijk,
		Input: report.Input{
			BuildingsRead: res.Input.BuildingsRead,
			BuildingsUsed: res.Input.BuildingsUsed,
			Skipped:       nonNil(res.Input.Skipped),
			StreetsRead:   res.Input.StreetsRead,
			CRS:           orDefault(res.Input.CRS, "EPSG:28992"),
			Repaired:      res.Input.Repaired,
			StreetsUsed:   res.Input.StreetsUsed,
			LabelsRead:    res.Input.Labels,
			LabelsUsed:    res.Input.LabelsMatched,
			LabelsSkipped: res.Input.LabelsSkipped,
			AddressesRead: res.Input.Addresses,
			UnitsRead:     res.Input.Verblijfsobjecten,
			AreasRead:     res.Input.AreasRead,
			AreasUsed:     res.Input.AreasUsed,
			AreasSkipped:  res.Input.AreasSkipped,
		},
		Stock: report.Stock{
			ByEra:               nonNil(res.Stock.ByEra),
			ByType:              nonNil(res.Stock.ByType),
			ByLabel:             nonNil(res.Stock.ByLabel),
			Dwellings:           res.Stock.Dwellings,
			FloorAreaM2:         res.Stock.FloorAreaM2,
			HeatDemandGJ:        res.Stock.HeatDemandGJ,
			Panden:              res.Stock.Buildings,
			DwellingEquivalents: res.Stock.DwellingEquivalents,
			LabelSource:         res.Stock.ByLabelSource,
			WoningtypeSource:    res.Stock.ByTypeSource,
			BestOption:          map[string]int{},
			UtilityPanden:       res.Stock.UtilityPanden,
			UtilityFloorAreaM2:  res.Stock.UtilityFloorAreaM2,
			UtilityM2ByType:     res.Stock.UtilityM2ByType,
			UtilityM2ByEra:      res.Stock.UtilityM2ByEra,
			UtilityM2ByLabel:    res.Stock.UtilityM2ByLabel,
			Bijgebouwen:         res.Stock.Bijgebouwen,

			HeatDemandWoningenGJ:    res.Stock.HeatDemandWoningenGJ,
			HeatDemandUtiliteitGJ:   res.Stock.HeatDemandUtiliteitGJ,
			HeatDemandGJPerDwelling: res.Stock.MeanDemandGJPerDwelling,
		},
		Network: report.Network{
			Terminals:   res.Network.Terminals,
			Connected:   res.Network.Connected,
			Unreachable: res.Network.Unreachable,
			Dropped:     len(res.Dropped),
			Option:      string(res.Network.Option),
			TrenchM:     res.Network.TrenchM,
			ServiceM:    res.Network.ServiceM,
			PeakKW:      res.Network.PeakKW,
			HeatLossGJ:  res.Network.HeatLossGJ,
			CostEUR:     res.Network.CostEUR.Value,

			HeatLossMinGJ:    res.Network.HeatLoss.Min,
			HeatLossMaxGJ:    res.Network.HeatLoss.Max,
			HeatLossShare:    res.Network.HeatLossShare.Value,
			HeatLossShareMin: res.Network.HeatLossShare.Min,
			HeatLossShareMax: res.Network.HeatLossShare.Max,
			TransportM:       res.Network.TransportM,
			TransportCostEUR: res.Network.TransportCostEUR.Value,
			Segments:         len(res.Network.Segments),
			TrenchMByDN:      map[string]float64{},
		},
		Strategies:   strategies(res),
		BestStrategy: res.BestStrategy,
		Year:         res.Year,
		OutputCRS:    orDefault(res.CRS, "EPSG:28992"),
		Notes:        slices.Clone(res.Notes),
		TimingsMS:    map[string]float64{},
	}
	for i := range res.Buildings {
		if k := res.Buildings[i].Best; k != "" {
			s.Stock.BestOption[string(k)]++
		}
	}
	if res.Network.Aansluitingen > 0 {
		s.Network.CostPerConnectionEUR = res.Network.CostEUR.Value / res.Network.Aansluitingen
	}
	if n := &res.Network; n.Routed && !math.IsNaN(n.SteinerGap) && !math.IsInf(n.SteinerGap, 0) {
		w, lb, gap := n.SteinerWeight, n.SteinerLowerBound, 100*n.SteinerGap
		s.Network.SteinerWeight, s.Network.SteinerLowerBound, s.Network.SteinerGapPct = &w, &lb, &gap
	}
	for _, sg := range res.Network.Segments {
		if !sg.Service {
			s.Network.TrenchMByDN[fmt.Sprintf("DN%d", sg.DN)] += sg.LengthM
		}
	}
	for _, a := range res.Areas {
		name := a.Name
		if len(res.Areas) == 1 && a.Code == "" {
			name = wijk
		}
		s.Areas = append(s.Areas, report.AreaResult{
			Code: a.Code, Name: name, Kind: string(a.Kind), Panden: a.Stock.Buildings, Dwellings: a.Stock.Dwellings,
			HeatDemandGJ: a.Stock.HeatDemandGJ, AreaHa: a.AreaHa, HeatDensityGJPerHa: finite(a.HeatDensityGJPerHa),
			TrenchM: a.TrenchM, GJPerMTrench: finite(a.GJPerMTrench), BestStrategy: a.BestStrategy,
			Strategies: strategyList(a.Strategies), Outside: a.Outside,
		})
	}
	// A network that lost every building in the economic expansion has
	// no feed point (its Source is the zero point, off the coast of
	// France): no source in summary.json and none on the maps, whose
	// extent would otherwise run to it.
	if res.Network.Option != "" && res.Network.Connected > 0 {
		s.Network.Source = &report.SourceInfo{
			Name: "bron " + strategyLabel(string(res.Network.Option)),
			Kind: string(res.Network.Option),
			X:    res.Network.Source[0], Y: res.Network.Source[1],
		}
	}
	return s
}

func nonNil(m map[string]int) map[string]int {
	if m == nil {
		return map[string]int{}
	}
	return m
}

func orDefault(s, d string) string {
	if s == "" {
		return d
	}
	return s
}

// pageOf fills the report page from a result; streets and water are the
// base layers of the maps.
func pageOf(res *wijkanalyse.Result, s *report.Summary, streets []orb.LineString, water []orb.MultiPolygon) *report.Page {
	p := &report.Page{
		Summary:       s,
		Streets:       streets,
		Water:         water,
		EraClasses:    eraClasses(),
		TypeClasses:   typeClasses(),
		LabelClasses:  labelClasses(),
		OptionClasses: optionClasses(),
		Indicators:    indicatorTexts,
	}
	p.Buildings = make([]report.Building, len(res.Buildings))
	for i := range res.Buildings {
		b := &res.Buildings[i]
		p.Buildings[i] = report.Building{
			Footprint: b.Footprint,
			Era:       b.Era.String(),
			Type:      typeKey(b),
			Label:     b.Label,
			Best:      string(b.Best),
			Connected: b.Connected,
		}
	}
	p.CostParts = costParts
	p.CostGroups = costGroups
	if n := s.Stock.Panden - heated(res); n > 0 {
		p.StockNote = fmt.Sprintf("Niet getoond: %s onverwarmde bijgebouwen (schuren, garages, bergingen).", nlInt(n))
	}
	breakdowns(res, s.Strategies)
	p.Words = words
	for _, sg := range res.Network.Segments {
		p.Pipes = append(p.Pipes, report.Pipe{Line: sg.Line, DN: sg.DN, Service: sg.Service, Works: sg.WorksM > 0,
			Existing: sg.ExistingM > 0 && !sg.ExistingTooSmall, ExistingTooSmall: sg.ExistingTooSmall})
	}
	if s.Network.Source != nil {
		p.Sources = []report.Marker{{Point: res.Network.Source, Name: "warmtebron"}}
	}
	if res.Network.Option != "" && !res.Network.Routed {
		p.NetworkCaption = "Zonder stratenbestand is de lengte van het warmtenet geschat uit de ligging van de panden (minimaal opspannende boom maal een omwegfactor); er is dus geen tracé getekend."
	}
	return p
}

// indicatorTexts explain the indicators in plain Dutch.
var indicatorTexts = []report.Explanation{
	{Term: "Nationale kosten (euro per jaar)", Text: "Alle kosten die Nederland als geheel maakt voor de warmte van deze wijk, " +
		"ongeacht wie ze betaalt: investeringen in isolatie, installaties en warmtenet (omgerekend naar een bedrag per jaar), " +
		"onderhoud en energie. Belastingen en subsidies tellen niet mee, omdat die geld alleen verschuiven. " +
		"Dit is het getal waarmee strategieën eerlijk te vergelijken zijn; het is ook de maat van de Startanalyse van PBL."},
	{Term: "Nationale meerkosten", Text: "De nationale kosten van een strategie min die van de referentie: blijven stoken op aardgas met een HR-ketel. " +
		"Een negatief bedrag betekent dat de strategie goedkoper is dan aardgas."},
	{Term: "Euro per ton vermeden CO₂", Text: "De nationale meerkosten gedeeld door de CO₂-uitstoot die de strategie per jaar voorkomt ten opzichte van aardgas. " +
		"Hoe lager, hoe goedkoper de klimaatwinst."},
	{Term: "Woningequivalent (WEQ)", Text: "Een maat om woningen en andere gebouwen samen te tellen: één woning, of 130 m² vloeroppervlak van een kantoor, winkel, school en dergelijke."},
	{Term: "Kosten voor de eindgebruiker (per woning per jaar)", Text: "Wat een bewoner gemiddeld per jaar betaalt voor warmte en de eigen maatregelen: " +
		"energierekening, vastrecht, aansluitbijdrage en eigen investeringen (omgerekend naar een bedrag per jaar), inclusief btw en energiebelasting."},
	{Term: "Bandbreedte (min–max)", Text: "Kostenkentallen zijn onzeker. Elke berekening is ook gedaan met de lage en de hoge kentallen uit Vesta MAIS; " +
		"de streep in de grafiek laat zien tussen welke waarden het resultaat kan liggen."},
	{Term: "Tracélengte en aansluitleidingen", Text: "De lengte van de sleuf waarin de hoofdleidingen van het warmtenet langs de straten liggen, " +
		"en de lengte van de leidingen van de straat naar de panden. Het tracé volgt het echte stratennet."},
	{Term: "Piekvermogen", Text: "Het grootste vermogen dat de warmtebron op een koude dag moet leveren. Omdat niet alle woningen tegelijk maximaal stoken, " +
		"is dit minder dan de som van alle woningen (gelijktijdigheid)."},
	{Term: "Warmteverlies", Text: "Warmte die onderweg door de leidingen in de grond verloren gaat, in gigajoule (GJ) per jaar."},
	{Term: "Energielabel", Text: "Het geregistreerde label uit EP-Online als dat er is; anders het gebruikelijke label voor dit woningtype en deze bouwperiode (Vesta MAIS). " +
		"Bij panden met meerdere woningen staat het meest voorkomende label op de kaart."},
}

// costParts are the cost components of a strategy's breakdown, in
// stacking order, with plain-Dutch labels.
var costParts = []report.Class{
	{Key: kosten.PartInsulation.String(), Label: "isolatie", Color: "#4daf4a"},
	{Key: kosten.PartInstallation.String(), Label: "installaties in de woning", Color: "#377eb8"},
	{Key: kosten.PartNetwork.String(), Label: "warmtenet", Color: "#e41a1c"},
	{Key: kosten.PartSource.String(), Label: "warmtebron", Color: "#ff7f00"},
	{Key: kosten.PartGrid.String(), Label: "elektriciteitsnet/gasnet", Color: "#984ea3"},
	{Key: kosten.PartOM.String(), Label: "onderhoud", Color: "#a65628"},
	{Key: kosten.PartEnergy.String(), Label: "energie", Color: "#f2c14e"},
	{Key: kosten.PartFixedCharges.String(), Label: "vastrecht en vaste netkosten", Color: "#8c8c8c"},
	{Key: kosten.PartConnectionFee.String(), Label: "aansluitbijdrage", Color: "#f781bf"},
	{Key: kosten.PartOther.String(), Label: "overig", Color: "#cccccc"},
}

// costGroups are the building groups the cost breakdown splits into.
var costGroups = []report.Class{
	{Key: "grondgebonden", Label: "grondgebonden woningen", Color: "#66a61e"},
	{Key: "meergezins", Label: "meergezinswoningen", Color: "#7570b3"},
	{Key: "utiliteit", Label: "utiliteit", Color: "#d95f02"},
}

func costGroup(b *wijkanalyse.Building) string {
	switch {
	case b.Use == wijkanalyse.UseUtiliteit:
		return "utiliteit"
	case b.Woningtype.Grondgebonden():
		return "grondgebonden"
	default:
		return "meergezins"
	}
}

// breakdowns fills Strategy.ByBuildingGroup: the national cost per year of each
// strategy split by building group. It follows how wijkanalyse sums a
// strategy: every heated building with its option in the strategy, or
// all-electric where that option is not feasible; in "mixed" every
// building its best option. TestScanDemoSummary checks that the parts add
// up to the strategy's total.
func breakdowns(res *wijkanalyse.Result, sts []report.Strategy) {
	for si := range sts {
		st := &sts[si]
		parts := map[string]float64{}
		for i := range res.Buildings {
			b := &res.Buildings[i]
			if b.Use == wijkanalyse.UseBijgebouw || len(b.Options) == 0 {
				continue
			}
			kind := wijkanalyse.OptionKind(st.Name)
			if st.Name == wijkanalyse.StrategyMixed {
				kind = b.Best
			}
			o := option(b, kind)
			if o == nil {
				continue
			}
			if !o.Feasible && st.Name != wijkanalyse.StrategyMixed {
				o = option(b, wijkanalyse.OptionAllElectric)
			}
			if o != nil {
				parts[costGroup(b)] += finite(o.National.Value)
			}
		}
		if st.Feasible {
			st.ByBuildingGroup = parts
		}
	}
}

func option(b *wijkanalyse.Building, k wijkanalyse.OptionKind) *wijkanalyse.Option {
	for i := range b.Options {
		if b.Options[i].Kind == k {
			return &b.Options[i]
		}
	}
	return nil
}

// words are Dutch words for the keys of the summary: the skip and repair
// reasons of geodata, label sources and input file roles.
var words = map[string]string{
	string(wijkanalyse.LabelEPOnline):  "geregistreerd label (EP-Online)",
	string(wijkanalyse.LabelMixed):     "deels geregistreerd",
	string(wijkanalyse.LabelDefault):   "standaardlabel bij type en bouwperiode (Vesta MAIS)",
	"buildings":                        "gebouwen (panden)",
	"verblijfsobjecten":                "verblijfsobjecten",
	"addresses":                        "adressen",
	"labels":                           "energielabels",
	"streets":                          "straten",
	"water":                            "oppervlaktewater",
	"areas":                            "buurten",
	"sources":                          "warmtebronnen",
	"works":                            "geplande werken",
	"existing_network":                 "bestaand warmtenet",
	"network_rules":                    "netregels",
	geodata.SkipNotStanding:            "status: staat niet (meer) (gesloopt, niet gerealiseerd, vergunning)",
	geodata.SkipNoGeometry:             "geen geometrie",
	geodata.SkipBadGeometry:            "geometrie niet te herstellen",
	geodata.SkipDuplicateID:            "dubbel BAG-id (oudere registratie vervalt)",
	geodata.SkipNoID:                   "geen (geldig) BAG-id",
	geodata.SkipNotAPolygon:            "geen vlak (punt of lijn)",
	geodata.SkipNotABuilding:           "geen gebouw (building=no)",
	geodata.SkipMissingNodes:           "OSM: punten ontbreken in het extract",
	geodata.SkipUnclosedBuilding:       "OSM: gebouwomtrek niet gesloten",
	geodata.SkipOSMRingsUnclosed:       "OSM: multipolygoon sluit niet",
	geodata.SkipOSMBuildingGroup:       "OSM: type=building-relatie (omtrek al als gebouw gelezen)",
	geodata.RepairMadeValid:            "geometrie hersteld (MakeValid)",
	geodata.RepairMultipartLargestKept: "meerdelig: grootste deel behouden",
	geodata.RepairBouwjaarImplausible:  "bouwjaar onwaarschijnlijk (bv. 9999): bouwperiode onbekend",
	geodata.RepairRingClosed:           "ring gesloten",
	geodata.RepairLargestPart:          "multipolygoon: grootste deel behouden",
	geodata.RepairStatusUnknown:        "geen BAG-status (zoals bij OSM): als staand pand genomen",
	geodata.RepairNoStatusColumn:       "geen statuskolom: als staand pand genomen",
	geodata.RepairNoUseColumn:          "geen kolom gebruiksdoel",
	geodata.SkipOSMWaterwayLine:        "OSM: waterloop als lijn (zonder breedte)",
	geodata.SkipBouwjaarNotAYear:       "bouwjaar is geen jaartal",
	geodata.SkipNotAPoint:              "geen punt",
	geodata.SkipNotALine:               "geen lijn",
	geodata.SkipNoLabel:                "registratie zonder energieklasse",
	geodata.SkipExistingOutOfService:   "buiten gebruik volgens het bestand (status)",
	geodata.SkipExistingNoLength:       "lijn zonder lengte",
	geodata.SkipOtherProduct:           "product is geen gas of elektriciteit",
	geodata.SkipOtherCountry:           "landcode is niet NL",
}

func heated(res *wijkanalyse.Result) int {
	n := 0
	for i := range res.Buildings {
		if res.Buildings[i].Use != wijkanalyse.UseBijgebouw {
			n++
		}
	}
	return n
}

// nlInt writes n with Dutch thousands separators.
func nlInt(n int) string {
	s := fmt.Sprint(n)
	var b []byte
	for i := range len(s) {
		if i > 0 && (len(s)-i)%3 == 0 && s[i-1] != '-' {
			b = append(b, '.')
		}
		b = append(b, s[i])
	}
	return string(b)
}

// LabelClasses are the energy labels, best first, with the colours of the
// Dutch/EU label (for other pages that chart labels: the dashboard).
func LabelClasses() []report.Class { return labelClasses() }

// OptionClasses are the heat options with their Dutch names and colours.
func OptionClasses() []report.Class { return optionClasses() }
