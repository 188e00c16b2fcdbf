package kosten

// Part is one component of a yearly cost, in the spirit of the split PBL's
// Startanalyse and Vesta MAIS report: the annualised investments by what
// they buy (building measures, installations in the building, heat
// network, heat source, electricity and gas grid), then operation and
// maintenance of all of them, energy, and (end-user view only) the fixed
// charges and the connection fee. Every Investment names its Part; the
// Parts of a Breakdown add up to its Total.
type Part int

// Parts of a yearly cost. PartOther .. PartGrid are the parts an
// Investment can be for (see Part.Capital).
const (
	// PartOther holds investments whose Part was left at its zero value;
	// every builder in this package sets one, so it is 0 unless a caller
	// assembles investments without.
	PartOther Part = iota
	// PartInsulation: insulation to the target label (building measures).
	PartInsulation
	// PartInstallation: installations in the building: gas boiler, heat
	// pumps (individual, hybrid, LT booster), LT emission system, and for
	// a heat network the afleverset and the in-building pipework.
	PartInstallation
	// PartNetwork: the heat network: distribution pipes, service pipes,
	// substations, and the connection's ongeriefsvergoeding and project
	// management (costs of connecting a building to the network).
	PartNetwork
	// PartSource: the heat source: restwarmte or AVI connection,
	// geothermal doublet, WKO or TEO plant, collective heat pump.
	PartSource
	// PartGrid: electricity grid (3x25 A connection upgrade, MS rooms, LS
	// cable) and gas grid (removing connections and mains).
	PartGrid
	// PartOM: yearly operation and maintenance of every investment.
	PartOM
	// PartEnergy: gas and electricity of the end users and the heat
	// company's production energy and heat purchases. National view:
	// commodity + CO2 + network prices; end-user view: consumer prices
	// with taxes, plus the heat bought at tariff.heat.price incl. VAT.
	PartEnergy
	// PartFixedCharges (end-user view): vastrecht and meettarief of a heat
	// network and the fixed gas-grid charges of gas connections kept,
	// incl. VAT.
	PartFixedCharges
	// PartConnectionFee (end-user view): the aansluitbijdrage incl. VAT,
	// annualised at the owner's rate.
	PartConnectionFee
	// NumParts is the number of parts.
	NumParts
)

var partNames = [NumParts]string{
	PartOther:         "other",
	PartInsulation:    "insulation",
	PartInstallation:  "installations",
	PartNetwork:       "heat_network",
	PartSource:        "heat_source",
	PartGrid:          "grid",
	PartOM:            "om",
	PartEnergy:        "energy",
	PartFixedCharges:  "fixed_charges",
	PartConnectionFee: "connection_fee",
}

// String returns the part's key (snake_case English, as used in
// summary.json): "insulation", "installations", "heat_network", ...
func (p Part) String() string {
	if p < 0 || p >= NumParts {
		return "unknown"
	}
	return partNames[p]
}

// Capital reports whether p is a part an Investment can be for
// (PartOther .. PartGrid).
func (p Part) Capital() bool { return p >= PartOther && p <= PartGrid }

// Parts is a yearly cost split by Part, indexed by Part.
type Parts [NumParts]Band[EuroPerYear]

// Sum adds the parts (ends added to ends, as SumBands does).
func (ps *Parts) Sum() Band[EuroPerYear] { return SumBands(ps[:]...) }
