package kader

import (
	"slices"
	"strings"
)

// CriterionDef describes one criterion a kader may name.
type CriterionDef struct {
	// Name is the canonical name; Alias the Dutch one a file may use.
	Name, Alias string
	// Label is the Dutch description for the report, Unit its unit.
	Label, Unit string
	// HigherIsBetter: more is better (CO2 avoided, robustness); else less
	// is better and a limit is a maximum.
	HigherIsBetter bool
	// Method says in Dutch how the value is computed and where it falls
	// short.
	Method string
}

// Criteria are the criteria a kader may name, in the order the report
// shows them.
var Criteria = []CriterionDef{
	{Name: "national_cost_per_t_co2", Alias: "kosten_per_ton_co2", Label: "nationale kosten per vermeden ton CO2", Unit: "EUR/t",
		Method: "de extra nationale kosten per jaar ten opzichte van de referentie (aardgas, HR-ketel), gedeeld door de vermeden CO2-uitstoot per jaar (Startanalyse-indicator); niet te bepalen als er niets wordt vermeden"},
	{Name: "national_cost_per_weq", Alias: "kosten_per_woningequivalent", Label: "nationale kosten per woningequivalent", Unit: "EUR/jaar",
		Method: "de nationale kosten per jaar gedeeld door het aantal woningequivalenten (1 woning of 130 m2 utiliteit)"},
	{Name: "enduser_vs_gas_pct", Alias: "eindgebruiker_vs_aardgas", Label: "eindgebruikerskosten per woning ten opzichte van aardgas", Unit: "%",
		Method: "de jaarlijkse kosten per woning voor de bewoner (energie, vastrecht, eigen investeringen geannuïteerd, inclusief belastingen) gedeeld door die bij aardgas, min 1, in procenten; een grens van 0 is het principe 'niet meer dan anders'"},
	{Name: "affordability_pct", Alias: "betaalbaarheid", Label: "woningen met warmtekosten boven de betaalbaarheidsgrens", Unit: "% van de woningen",
		Method: "het aandeel woningen waarvan de jaarlijkse warmtekosten voor de bewoner hoger zijn dan kader.affordability.income_share (10 %) van het gemiddelde gestandaardiseerde inkomen van de huishoudens in de buurt (CBS-kerncijfer gemiddeld_gestandaardiseerd_inkomen_van_huishoudens uit het --areas-bestand, in 1.000 euro). Grenzen van de methode: elk huishouden krijgt het buurtgemiddelde, dus huishoudens onder het gemiddelde (waar energiearmoede zit) worden niet apart gezien, en het gestandaardiseerde inkomen is gecorrigeerd voor de grootte van het huishouden; zonder inkomensgegevens is het criterium niet te bepalen"},
	{Name: "co2_avoided_pct", Alias: "co2_reductie", Label: "vermeden CO2-uitstoot", Unit: "% van aardgas", HigherIsBetter: true,
		Method: "de vermeden CO2-uitstoot per jaar als aandeel van de uitstoot bij aardgas (HR-ketel) in hetzelfde gebied"},
	{Name: "insulation_to_b_pct", Alias: "isolatie_naar_b", Label: "woningen die naar label B geïsoleerd moeten worden", Unit: "% van de woningen",
		Method: "het aandeel woningen dat in de strategie een optie krijgt die label B vraagt (all-electric, warmtenet LT, aquathermie) en nu een slechter label heeft (per pand het meest voorkomende label): de impact in de woningen"},
	{Name: "trench_m_per_dwelling", Alias: "sleuf_m_per_woning", Label: "sleuflengte warmtenet per aangesloten woning", Unit: "m/woning",
		Method: "de lengte van de gerouteerde warmtenetsleuf (straatleidingen, zonder huisaansluitingen) gedeeld door het aantal woningen in de aangesloten panden; 0 voor een strategie zonder warmtenet: de ruimtelijke impact in de straat"},
	{Name: "streets_opened", Alias: "straatdelen_open", Label: "straatdelen opengebroken", Unit: "stuks",
		Method: "het aantal leidingstukken van het gerouteerde warmtenet langs de straat (een straatdeel tussen twee kruisingen of aftakkingen); 0 zonder warmtenet; niet te bepalen als het net alleen geschat is (geen straten)"},
	{Name: "space_m2", Alias: "ruimtebeslag", Label: "ruimtebeslag boven de grond", Unit: "m2",
		Method: "buitenunits van lucht-warmtepompen (space.outdoor_unit_m2 per woning, één per utiliteitspand), wijkwarmtestations (space.substation_m2_per_mw van de gelijktijdige piek), de collectieve installatie van een LT-net of aquathermie (space.lt_plant_m2_per_mw) en een geothermielocatie (space.geothermal_site_m2); kentallen in kosten/params.csv, eigen schattingen van wijkwarmte die een gemeente door eigen ontwerpcijfers vervangt (--params)"},
	{Name: "assumed_source_pct", Alias: "bronafhankelijkheid", Label: "woningen afhankelijk van een aangenomen warmtebron", Unit: "% van de woningen",
		Method: "het aandeel woningen dat in de strategie warmte krijgt van een bron die niet is opgegeven maar aangenomen (restwarmte voor warmtenet MT zonder --sources van soort restwarmte; geothermie zonder opgegeven doublet)"},
	{Name: "win_share_pct", Alias: "robuustheid", Label: "doorrekeningen waarin de strategie het goedkoopst is", Unit: "% van de doorrekeningen", HigherIsBetter: true,
		Method: "het aandeel van de Monte-Carlo-doorrekeningen (--draws) waarin de strategie de laagste nationale kosten heeft; niet te bepalen zonder --draws"},
}

// CriterionNames lists the canonical criterion names.
func CriterionNames() []string {
	out := make([]string, len(Criteria))
	for i, c := range Criteria {
		out[i] = c.Name
	}
	return out
}

func lookupCriterion(s string) (CriterionDef, bool) {
	l := strings.ToLower(s)
	i := slices.IndexFunc(Criteria, func(c CriterionDef) bool { return c.Name == l || c.Alias == l })
	if i < 0 {
		return CriterionDef{}, false
	}
	return Criteria[i], true
}

// Def returns the definition of the named criterion (canonical name).
func Def(name string) (CriterionDef, bool) { return lookupCriterion(name) }
