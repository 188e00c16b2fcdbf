package wijkanalyse

// Use is what a pand is used for.
type Use string

// Uses.
const (
	UseWoning    Use = "woning"    // at least one dwelling (woonfunctie)
	UseUtiliteit Use = "utiliteit" // heated non-residential use only
	UseBijgebouw Use = "bijgebouw" // no heated unit: shed, garage, roof, ...
)

// Woningtype is the dwelling type of a residential pand, as Vesta
// distinguishes them, with meergezins split into laag / midden / hoog.
type Woningtype string

// Woningtypes. TypeNone is used for utility and bijgebouw.
const (
	TypeNone             Woningtype = ""
	TypeVrijstaand       Woningtype = "vrijstaand"
	TypeTweeOnderEenKap  Woningtype = "2-onder-1-kap"
	TypeHoekwoning       Woningtype = "hoekwoning"
	TypeTussenwoning     Woningtype = "tussenwoning"
	TypeMeergezinsLaag   Woningtype = "meergezins laag"
	TypeMeergezinsMidden Woningtype = "meergezins midden"
	TypeMeergezinsHoog   Woningtype = "meergezins hoog"
)

// Woningtypes lists the types in display order.
var Woningtypes = []Woningtype{
	TypeVrijstaand, TypeTweeOnderEenKap, TypeHoekwoning, TypeTussenwoning,
	TypeMeergezinsLaag, TypeMeergezinsMidden, TypeMeergezinsHoog,
}

// Grondgebonden reports whether t is a single-family (ground-bound) type.
func (t Woningtype) Grondgebonden() bool {
	switch t {
	case TypeVrijstaand, TypeTweeOnderEenKap, TypeHoekwoning, TypeTussenwoning:
		return true
	}
	return false
}

// LabelSource says where a building's energy label came from.
type LabelSource string

// Label sources.
const (
	LabelNone     LabelSource = ""          // bijgebouw: no label
	LabelEPOnline LabelSource = "ep-online" // registered label (all units)
	LabelMixed    LabelSource = "mixed"     // some units registered, others default
	LabelDefault  LabelSource = "default"   // Vesta default for type x era
)

// OptionKind names a heat option.
type OptionKind string

// Heat options.
const (
	OptionGasBoiler   OptionKind = "gas_boiler"   // reference: HR boiler on natural gas
	OptionAllElectric OptionKind = "all_electric" // heat pump, insulate to label B
	OptionWarmtenetMT OptionKind = "warmtenet_mt" // 70 C network, insulate to D
	OptionWarmtenetLT OptionKind = "warmtenet_lt" // 50 C network, insulate to B, booster
	OptionAquathermie OptionKind = "aquathermie"  // LT network fed by TEO + collective heat pump
	OptionGeothermie  OptionKind = "geothermie"   // MT network fed by a geothermal doublet

	// PBL Startanalyse 2020 strategies besides the above.
	OptionAllElectricGround OptionKind = "all_electric_ground" // S1b: ground-source heat pump, insulate to label B
	OptionGroenGasHybrid    OptionKind = "groengas_hybrid"     // S4a: hybrid heat pump + HR boiler on green gas
	OptionGroenGasBoiler    OptionKind = "groengas_boiler"     // S4b: HR boiler on green gas
	OptionWaterstofHybrid   OptionKind = "waterstof_hybrid"    // S5a: hybrid heat pump + hydrogen boiler
	OptionWaterstofBoiler   OptionKind = "waterstof_boiler"    // S5b: hydrogen boiler
	OptionWarmtenetLTBron   OptionKind = "warmtenet_lt_bron"   // S3c: 50 C network fed by a given 30 C residual-heat source + collective heat pump
)

// OptionKinds lists the options in the order of Building.Options.
var OptionKinds = []OptionKind{
	OptionGasBoiler, OptionAllElectric, OptionWarmtenetMT, OptionWarmtenetLT,
	OptionAquathermie, OptionGeothermie,
	OptionAllElectricGround, OptionGroenGasHybrid, OptionGroenGasBoiler, OptionWaterstofHybrid, OptionWaterstofBoiler,
	OptionWarmtenetLTBron,
}

// GasGrid reports whether the option keeps the gas grid for green gas
// or hydrogen (PBL strategies S4 and S5). These are whole-area
// strategies that depend on a gas supply the wijk does not decide on, so
// they never become a building's Best (and do not set the score's
// cheapest option); the strategies still price them for every building.
func (k OptionKind) GasGrid() bool {
	switch k {
	case OptionGroenGasHybrid, OptionGroenGasBoiler, OptionWaterstofHybrid, OptionWaterstofBoiler:
		return true
	}
	return false
}

// PBLStrategy is the strategy number of PBL's Startanalyse 2020 an
// option belongs to (S1a air-water heat pump, S1b ground-source heat
// pump, S2a/S2b MT network on restwarmte/geothermie, S3a/S3b LT network
// on WKO/TEO, S3c LT network on a 30 C residual-heat source, S4a/S4b green gas hybrid/boiler, S5a/S5b hydrogen
// hybrid/boiler); "" for the gas reference.
func (k OptionKind) PBLStrategy() string {
	return pblStrategy[k]
}

var pblStrategy = map[OptionKind]string{
	OptionAllElectric: "S1a", OptionAllElectricGround: "S1b",
	OptionWarmtenetMT: "S2a", OptionGeothermie: "S2b",
	OptionWarmtenetLT: "S3a", OptionAquathermie: "S3b", OptionWarmtenetLTBron: "S3c",
	OptionGroenGasHybrid: "S4a", OptionGroenGasBoiler: "S4b",
	OptionWaterstofHybrid: "S5a", OptionWaterstofBoiler: "S5b",
}

// Network reports whether the option needs a heat network.
func (k OptionKind) Network() bool {
	switch k {
	case OptionWarmtenetMT, OptionWarmtenetLT, OptionAquathermie, OptionGeothermie, OptionWarmtenetLTBron:
		return true
	}
	return false
}
