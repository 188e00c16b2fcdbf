package wijkanalyse

import "maps"

// displayNames are the plain-Dutch names of the options and strategies,
// as the report, the CSV and the per-address answers show them. Every
// name of a PBL strategy starts with its Startanalyse 2020 number (S1a
// ... S5b) and holds no other digit 1-5 before it, because PBL's scripts
// take the strategy number from the name with the pattern [1-5]; the
// reference and the mix hold no such digit at all.
var displayNames = map[string]string{
	string(OptionGasBoiler):         "Referentie: aardgas, HR-ketel",
	string(OptionAllElectric):       "S1a All-electric, lucht-water-warmtepomp",
	string(OptionAllElectricGround): "S1b All-electric, bodemwarmtepomp",
	string(OptionWarmtenetMT):       "S2a Warmtenet MT, restwarmte (70 °C)",
	string(OptionGeothermie):        "S2b Warmtenet MT, geothermie (70 °C)",
	string(OptionWarmtenetLT):       "S3a Warmtenet LT, WKO (50 °C)",
	string(OptionAquathermie):       "S3b Warmtenet LT, aquathermie TEO (50 °C)",
	string(OptionWarmtenetLTBron):   "S3c Warmtenet LT, LT-restwarmte (50 °C)",
	string(OptionGroenGasHybrid):    "S4a Groengas, hybride warmtepomp",
	string(OptionGroenGasBoiler):    "S4b Groengas, HR-ketel",
	string(OptionWaterstofHybrid):   "S5a Waterstof, hybride warmtepomp",
	string(OptionWaterstofBoiler):   "S5b Waterstof, ketel",
	StrategyMixed:                   "Mix: warmtenet + individueel (eigen variant, geen PBL-strategie)",
}

// DisplayName is the plain-Dutch name of an option or strategy name
// ("warmtenet_mt" -> "S2a Warmtenet MT, restwarmte (70 °C)"); an unknown
// name is returned as it is.
func DisplayName(name string) string {
	if l, ok := displayNames[name]; ok {
		return l
	}
	return name
}

// DisplayNames returns every name DisplayName knows, as a fresh map
// (option or strategy name -> Dutch name).
func DisplayNames() map[string]string { return maps.Clone(displayNames) }
