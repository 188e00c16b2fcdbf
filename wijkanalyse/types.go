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
)

// OptionKinds lists the options in the order of Building.Options.
var OptionKinds = []OptionKind{
	OptionGasBoiler, OptionAllElectric, OptionWarmtenetMT, OptionWarmtenetLT,
	OptionAquathermie, OptionGeothermie,
}

// Network reports whether the option needs a heat network.
func (k OptionKind) Network() bool {
	switch k {
	case OptionWarmtenetMT, OptionWarmtenetLT, OptionAquathermie, OptionGeothermie:
		return true
	}
	return false
}
