package wijkanalyse

import (
	"github.com/paulmach/orb"

	"github.com/wijkwarmte/wijkwarmte/geodata"
	"github.com/wijkwarmte/wijkwarmte/kosten"
	"github.com/wijkwarmte/wijkwarmte/warmtenet"
)

// This file holds the types a scan takes and returns. They are a contract
// for the CLI (summary.json, buildings.parquet, report.html): fields are
// added, never renamed. Units are in the field names and doc comments:
// GJ = gigajoule per year unless said otherwise, kW = kilowatt, m = metre,
// m2 = square metre, EUR = euro (price year of the kosten parameters),
// t = tonne CO2 per year. Geometry is EPSG:28992 (RD New), metres.

// Input is everything a scan reads. Only Panden is required; every other
// slice may be empty, and the scan says in Result.Notes what it did without.
type Input struct {
	// Panden are the buildings, already read and validated by geodata
	// (standing, with a footprint, de-duplicated).
	Panden []geodata.Pand
	// Verblijfsobjecten are BAG units; they give dwellings, floor area and
	// gebruiksdoel per pand (joined by PandID, else by point in footprint).
	Verblijfsobjecten []geodata.Verblijfsobject
	// Addresses are address points; used to count dwellings per pand
	// (points inside the footprint) when verblijfsobjecten are absent.
	Addresses []geodata.Address
	// Labels are EP-Online registrations; the newest per verblijfsobject
	// wins. Matched by verblijfsobject id, else by pand id.
	Labels []geodata.EnergyLabel
	// Streets are road centrelines for routing the heat network. When
	// empty, the network length is estimated from the footprints.
	Streets []geodata.Street
	// Water are surface-water polygons (for aquathermie).
	Water []geodata.Area
	// Areas are buurt or wijk polygons to aggregate over. When empty, the
	// whole scan area is one aggregate.
	Areas []geodata.Area
	// Sources are known heat sources (residual heat, geothermal doublet,
	// ...). When empty, the network source is placed at the demand-weighted
	// centre of the connected buildings.
	Sources []Source
	// BuildingsReport is the geodata.Report of reading and validating the
	// panden; it is carried into Result.Input.
	BuildingsReport geodata.Report
	// StreetsReport is the geodata.Report of reading the streets.
	StreetsReport geodata.Report
	// LabelsReport is the geodata.Report of reading the EP-Online
	// export; its skips are carried into InputSummary.LabelsSkipped.
	LabelsReport geodata.Report
	// Works are planned street works (koppelkansen): a heat pipe laid in
	// the same trench pays net.works.trench_share less per metre when the
	// works' year lies within net.works.window years of eval.base_year.
	Works []geodata.Work
	// Existing are the pipes of an existing heat network: a street edge
	// along one (within net.existing.buffer metres, within
	// net.existing.max_angle degrees of its direction) is reused before new
	// pipe is laid, unless the pipe is too small for the load; pipe
	// farther than the buffer from every street becomes routing edges of
	// its own, joined to the streets where it comes within the buffer;
	// reused pipe loses heat at its own DN. nil: none.
	Existing []geodata.ExistingPipe
	// Rules are the planner's network rules: streets forbidden or
	// preferred (the router), panden required or excluded (the economic
	// expansion). nil: none.
	Rules *geodata.NetworkRules
	// AreasReport is the geodata.Report of reading the areas (records
	// read, skipped by reason, e.g. without geometry); carried into
	// InputSummary.AreasRead and AreasSkipped.
	AreasReport geodata.Report
	// CRS is the CRS of the source files as read (the working CRS is
	// always EPSG:28992); empty means EPSG:28992.
	CRS string
}

// Source is a heat source a network can start from.
type Source struct {
	Name string
	// Kind is "restwarmte", "geothermie", "teo" (aquathermie from surface
	// water), "twa" (from waste water), "wko" or "lt_restwarmte" (a 30 C
	// residual-heat source: S3c).
	Kind         string
	Point        orb.Point // EPSG:28992
	CapacityKW   float64   // thermal capacity, kW; 0 = unknown (unbounded)
	TemperatureC float64   // supply temperature, degrees Celsius; 0 = unknown
}

// Progress is called as a scan moves through its stages ("classify",
// "demand", "options", "expand", "aggregate") with the number of items
// done out of total (for "expand": rounds out of the maximum). It is called from the scanning goroutine only;
// it must return quickly.
type Progress func(stage string, done, total int)

// Options steer a scan. The zero value is valid: every zero field takes the
// default named in its comment (see doc.go for sources).
type Options struct {
	// Params are the cost and demand parameters (Vesta tables, prices);
	// nil means kosten.Defaults().
	Params *kosten.Params
	// Year is the calendar year the cost evaluation starts: kosten's
	// eval.base_year, so that the energy prices of years Year+s+1 ..
	// Year+e (the evaluation window, eval.start/eval.end) are levelised.
	// 0 keeps the parameter set's value (2020 in the defaults). Learning
	// curves are not applied.
	Year int
	// Progress, when non-nil, is told how the scan advances.
	Progress Progress
	// MaxServiceM is the longest service pipe from a building to the
	// street network, m; buildings farther away are unreachable. 0 means
	// 100 m (warmtenet.DefaultMaxServiceDistanceM).
	MaxServiceM float64
	// StreetMarginM: the streets are cut to the panden's bounding box grown
	// by this many metres (geodata.ClipStreets on geodata.StreetBound), so
	// a road that runs for kilometres outside the wijk keeps only its part
	// near it; the CLI's --street-margin. 0 means 250 m.
	StreetMarginM float64
	// RouteGap stops the Steiner search of every routing round once the
	// tree is certified within this fraction of the lower bound
	// (warmtenet.Options.SteinerGapTarget); 0 takes the solver's 0.2 %.
	// 0.005 halves a batch's routing time for networks certified within
	// 0.5 % (benchmarks/README.md, "warmtenet: the quality budget").
	RouteGap float64
	// RouteWork bounds the Steiner local search of every routing round
	// (warmtenet.Options.SteinerMaxWork). 0 takes the solver's default,
	// which gives a buurt-sized street graph a fixed allowance of about
	// 50 ms per tree for a few percent less trench. A national batch may set
	// it to a few times n + 2m of the street graph: on the demo, 400,000
	// makes the library scan about 3x faster for a network 2.6 % dearer
	// (benchmarks/README.md, wijkanalyse section).
	RouteWork int
	// WallGapM is the largest gap between two footprints that still counts
	// as a shared wall (BAG footprints of terraced houses often do not
	// touch exactly), m. 0 means 0.5 m (assumption: BAG measuring
	// tolerance is decimetres; a real gap between houses is wider).
	WallGapM float64
	// MinSharedWallM is the shortest shared boundary that counts as a
	// party wall, m (shorter contacts are corners or sheds). 0 means 2 m
	// (assumption: the buffer adds up to 2 × WallGapM = 1 m at a corner
	// touch; the narrowest Dutch terraced house is about 4 m deep).
	MinSharedWallM float64
	// WaterReachM is the largest distance from a building to a water body
	// of at least TEOMinWaterM2 for aquathermie (TEO), m. 0 means 1,000 m
	// (assumption of this package, the reach named in the project brief;
	// the transport pipe from the water is not priced, so the reach is
	// kept short. PBL Vesta MAIS allows 5,000 m, VestaDV
	// model/Kengetallen.dms L_max_TEObron, as does the CE Delft/Deltares
	// 2018 national TEO potential).
	WaterReachM float64
	// TEOMinWaterM2 is the smallest water body (area, m2) that counts as
	// a source for aquathermie. 0 means 1,000 m2 (assumption of this
	// package: a ditch 5 m wide over 200 m; the ponds and fountains below
	// that size hold too little water to take heat from).
	TEOMinWaterM2 float64
	// TEOYieldGJPerM2 is the heat a year that TEO can take from a square
	// metre of water surface (stored in a WKO in summer for the winter),
	// GJ/m2. 0 means 0.5 GJ/m2 (assumption of this package: the mean
	// global irradiance in the Netherlands is 116 W/m2, 3.7 GJ/m2 a year
	// (KNMI, Velds 1992), about two thirds of it in April-September when
	// TEO harvests; taking a fifth of that summer sun out of the water
	// gives 0.5 GJ/m2. Flowing water such as a river yields far more:
	// raise it when the water is known).
	TEOYieldGJPerM2 float64
	// GeothermalMinDwellingEq is the demand a geothermal doublet needs
	// within reach, in dwelling-equivalents. 0 means 4,000 (assumption
	// of this package: a doublet of about 10-15 MW thermal at 4,000-5,000
	// full-load hours yields 150,000-250,000 GJ a year, the demand of some
	// 4,000-6,000 dwelling-equivalents at 40 GJ each).
	GeothermalMinDwellingEq float64
	// MaxExpansionRounds bounds the prune-and-reroute loop of the
	// economic expansion. 0 means 10 (a bound only; the loop usually
	// ends after 2-3 rounds, see expansion.go).
	MaxExpansionRounds int
	// Workers is the number of goroutines for the per-building stages;
	// 0 means 1 (the scan is fast; the CLI may raise it).
	Workers int
}

// Result is the outcome of a scan.
type Result struct {
	// CRS of every geometry in the Result: always "EPSG:28992".
	CRS string
	// Year is the base year of the cost evaluation used (see Options.Year).
	Year int
	// Input says what was read and used.
	Input InputSummary
	// Buildings has one entry per pand in Input.Panden, in input order.
	Buildings []Building
	// Stock aggregates the buildings of the whole scan area.
	Stock Stock
	// Network is the heat network of the best network option after
	// economic expansion (see expansion.go).
	Network NetworkSummary
	// NetworkLT is the same connected buildings routed again at the LT
	// design temperatures (50/30 C), on which warmtenet_lt and
	// aquathermie are priced; zero when the network was estimated or is
	// empty. Network itself is routed at 70/40 C.
	NetworkLT NetworkSummary
	// Strategies are the whole-area strategies with their indicators, in a
	// fixed order (gas_boiler reference first).
	Strategies []Strategy
	// BestStrategy is the Name of the feasible strategy with the lowest
	// national cost per year (Value); "" when none is feasible.
	BestStrategy string
	// Areas are the per-buurt or per-wijk aggregates; one entry covering
	// the scan area when Input.Areas is empty. When areas are given and
	// some panden lie in none of them, a last entry (Outside, Name
	// OutsideAreas) holds those, and Notes say how many.
	Areas []AreaSummary
	// Dropped lists the buildings the economic expansion removed from the
	// network, with the reason, in the order they were dropped.
	Dropped []Drop
	// Notes are plain Dutch sentences about what the scan assumed or did
	// without ("geen straten: de lengte van het warmtenet is geschat uit
	// de panden ...").
	Notes []string
}

// InputSummary carries the reading reports and input counts.
type InputSummary struct {
	BuildingsRead     int            // records read (Report.Read; len(Panden) when no report)
	BuildingsUsed     int            // panden scanned
	Skipped           map[string]int // reason -> records skipped by the readers
	Repaired          map[string]int // reason -> records repaired by the readers
	StreetsRead       int            // street records read
	StreetsUsed       int            // street pieces handed to routing
	CRS               string         // CRS of the inputs as read
	Verblijfsobjecten int            // verblijfsobjecten given
	Addresses         int            // address points given
	Labels            int            // EP-Online registrations given
	LabelsMatched     int            // buildings with at least one EP-Online label
	LabelsSkipped     map[string]int // reason -> EP-Online registrations not used (LabelsReport)
	// AreasRead is the number of area records read (AreasReport.Read;
	// len(Input.Areas) when no report), AreasUsed the areas aggregated,
	// AreasSkipped the areas not aggregated by reason (the reader's skips
	// and "no polygon"). All zero when no areas were given.
	AreasRead    int
	AreasUsed    int
	AreasSkipped map[string]int
	Report       geodata.Report // the buildings report as handed in
}

// Building is the outcome for one pand.
type Building struct {
	ID        string      // 16-digit BAG pand id
	Footprint orb.Polygon // EPSG:28992
	Centroid  orb.Point   // EPSG:28992
	// FootprintM2 is the footprint area, m2.
	FootprintM2 float64
	// Bouwjaar as recorded (may be 0 or a placeholder such as 9999).
	Bouwjaar int
	// Status and Gebruiksdoel as recorded in the input (BAG pandstatus,
	// gebruiksdoelen), kept so that the outputs read back as input.
	Status       string
	Gebruiksdoel []string
	// BuildingType is the source's building tag (OSM building=*), as read.
	BuildingType string
	// Era is the Vesta construction-year class; EraUnknown when the
	// bouwjaar is missing or implausible.
	Era Era
	// Use is woning, utiliteit or bijgebouw (no heated unit).
	Use Use
	// UtilityType is the Vesta utility type (Kantoor, Winkel, ...) for
	// Use == UseUtiliteit, else "".
	UtilityType string
	// Woningtype is the dwelling type for Use == UseWoning, else
	// TypeNone.
	Woningtype Woningtype
	// TypeReason says in Dutch why the woningtype was chosen
	// ("1 woning, 2 gedeelde muren (16,0 m samen)").
	TypeReason string
	// TypeSource says what decided the woningtype: TypeFromEPOnline,
	// TypeFromWalls, TypeFromWallsComb or TypeFromDwellings ("" for a
	// building that is not a woning).
	TypeSource string
	// PartyWalls is the number of neighbours sharing at least
	// Options.MinSharedWallM of boundary; SharedWallM the total shared
	// length with them, m.
	PartyWalls  int
	SharedWallM float64
	// Storeys above ground where known (source or estimated), 0 unknown.
	Storeys int
	// Dwellings is the number of dwellings (verblijfsobjecten with
	// woonfunctie, else address points, else 1 for a house).
	Dwellings int
	// DwellingsSource says where Dwellings came from:
	// "verblijfsobjecten", "aantal_verblijfsobjecten", "addresses",
	// "floor area / 75 m2", "footprint" (BAG panden without any dwelling
	// data, see doc.go), "assumed" or "none".
	DwellingsSource string
	// FloorAreaM2 is the usable floor area (gebruiksoppervlakte), m2.
	FloorAreaM2 float64
	// FloorAreaSource: "bag" (verblijfsobjecten or pand), "ep-online" or
	// "footprint" (footprint x storeys x 0.8).
	FloorAreaSource string
	// DwellingEquivalents: dwellings + utility floor area / 130 m2.
	DwellingEquivalents float64
	// Label is the energy label class ("A+++" .. "G"); for several
	// dwellings the most common one; "" for a bijgebouw.
	Label string
	// LabelSource is where the label came from.
	LabelSource LabelSource
	// LabelsEPOnline is the number of dwellings/units with an EP-Online
	// label (the rest use the default).
	LabelsEPOnline int
	// SpaceHeatGJ and TapWaterGJ are the annual demand of the whole
	// building, GJ per year (Vesta fits, clamped at zero).
	SpaceHeatGJ float64
	TapWaterGJ  float64
	// PeakKW is the design heat load of the building, kW.
	PeakKW float64
	// GasM3 is the natural gas the reference HR boiler burns for
	// SpaceHeatGJ and TapWaterGJ, m3 per year (boiler efficiencies
	// perf.hr_boiler.*, gas.energy_content from kosten).
	GasM3 float64
	// Suitability says at which supply temperature the building can be
	// heated, as it is and after insulation.
	Suitability Suitability
	// Options has one entry per OptionKind, in the order of OptionKinds.
	Options []Option
	// Best is, for a Connected building, the network option of the mixed
	// strategy (the expansion keeps it on the network by its marginal
	// cost, so it carries its share of the network even when all-electric
	// would be cheaper for it alone); otherwise the feasible sustainable
	// option with the lowest national cost per year (Value), the gas
	// boiler when nothing else is feasible; "" for a bijgebouw. See
	// options.go.
	Best OptionKind
	// Connected is true when the building is on the routed network after
	// economic expansion.
	Connected bool
	// DroppedReason says in Dutch why a building is not on the network
	// ("" when connected or never a candidate): "niet bereikbaar: ..."
	// or "ronde N: ..." (dropped by the economic expansion).
	DroppedReason string
}

// Temperatures says whether a building can be heated at a supply
// temperature.
type Temperatures struct {
	C70 bool // 70 C (MT)
	C50 bool // 50 C (LT)
	C40 bool // 40 C (LT, low)
}

// Suitability is the temperature suitability as is, after insulation to
// label D and after insulation to label B.
type Suitability struct {
	AsIs   Temperatures
	AfterD Temperatures
	AfterB Temperatures
}

// Band is a value with the ends of Vesta's min/max band (kosten.Band over
// plain numbers: Value, Min, Max). Units are those of the field that holds
// it.
type Band = kosten.Band[float64]

// Parts is a yearly cost split by component, indexed by kosten.Part:
// insulation, installations in the building, heat network, heat source,
// electricity and gas grid (annualised investments), then O&M, energy and,
// in the end-user view, fixed charges and the connection fee (see
// kosten.Part). EUR per year; the parts add up to the cost they split,
// value and both ends (bands add end to end, as kosten sums them).
type Parts [kosten.NumParts]Band

// Sum adds the parts.
func (ps *Parts) Sum() Band { return kosten.SumBands(ps[:]...) }

// Option is one heat option for one building.
type Option struct {
	Kind OptionKind
	// Feasible false means not available: every band and part of the
	// option is NaN (writers write null or an empty cell) and Score is 0.
	Feasible bool
	// Reason says in Dutch why the option is or is not feasible ("geen
	// water van minstens 1.000 m² binnen 1.000 m").
	Reason string
	// National is the national (societal) cost, EUR per year (annualised
	// investment + O&M + energy at social discount rate, excl. taxes).
	National Band
	// EndUser is the cost to the occupants, EUR per year for the whole
	// building (incl. taxes, tariffs, own investment annualised).
	EndUser Band
	// Company is the heat company's cost, EUR per year, for network
	// options (0 for individual options): its investments annualised at
	// discount.heat_company, O&M, production energy and heat purchase.
	Company Band
	// CompanyRevenue is what the heat company earns from this building,
	// EUR per year (connection fee annualised, vastrecht, heat sales).
	CompanyRevenue Band
	// CO2 is the emission, t CO2 per year.
	CO2 Band
	// NationalParts splits National by component, EndUserParts splits
	// EndUser (EUR per year for the whole building).
	NationalParts, EndUserParts Parts
	// Score is 0-100: 100 for the cheapest feasible option (national
	// view), falling with cost; 0 when infeasible.
	Score float64
}

// NetworkSummary is the heat network of a scan.
type NetworkSummary struct {
	// Streets counts what building the street graph of the routed network
	// did (pieces, nodes, edges, crossings, duplicates and zero-length
	// pieces removed, snapped ends), and Components are that graph's
	// connected components with whether the network serves them. Both are
	// the router's own (warmtenet.Network.Streets and .Components); zero
	// when the network was estimated from the footprints.
	Streets    warmtenet.StreetStats
	Components []warmtenet.ComponentUse
	// Option is the network option routed (warmtenet_mt, warmtenet_lt,
	// aquathermie or geothermie); "" when no network was routed.
	Option OptionKind
	// Routed is true when routed over street geometry, false when
	// estimated from the footprints.
	Routed bool
	// Terminals is the number of buildings offered to the network in the
	// first round; Connected the number on it at the end; Unreachable the
	// number that could not be reached (too far from any street, or on a
	// street component without the source).
	Terminals   int
	Connected   int
	Unreachable int
	// TrenchM is the length of distribution pipe trench, m; ServiceM the
	// total length of service pipes to buildings, m.
	TrenchM  float64
	ServiceM float64
	// PeakKW is the simultaneous peak load at the source, kW.
	PeakKW float64
	// DemandGJ is the heat delivered to connected buildings, GJ per year;
	// HeatLossGJ the network heat loss, GJ per year.
	DemandGJ   float64
	HeatLossGJ float64
	// HeatLoss is the heat-loss band the costs use (kosten.NetworkLosses):
	// Min the routed pipes' steady-state loss (the sum of the segments'
	// HeatLossGJ), Value Hestia's loss per connection, Max Vesta's high
	// share of the heat fed in. HeatLossGJ is HeatLoss.Value once Scan is
	// done; HeatLossShare is HeatLoss / (DemandGJ + HeatLoss), per end.
	HeatLoss      Band
	HeatLossShare Band
	// Aansluitingen is the number of connections of the connected
	// buildings (their dwellings, one for a building without).
	Aansluitingen float64
	// TransportM and TransportCostEUR are the straight length and the
	// investment of the transport pipe from an assumed restwarmte source
	// (source.assumed.distance x omwegfactor, kosten.TransportPipe) that
	// warmtenet_mt carries besides CostEUR; 0 when a restwarmte source
	// was given.
	TransportM       float64
	TransportCostEUR Band
	// CostEUR is the investment in trench pipes and service pipes, EUR.
	CostEUR Band
	// Rounds is the number of expansion rounds run.
	Rounds int
	// Source is where the network is fed, EPSG:28992.
	Source orb.Point
	// Segments are the pipe pieces (empty when estimated from footprints).
	Segments []Segment
	// SteinerWeight, SteinerLowerBound and SteinerGap certify the routed
	// tree (warmtenet.Network): in the edge prices of the routing round
	// that found it, euro, the tree weighs SteinerWeight and no tree over
	// the same streets connecting the same buildings weighs less than
	// SteinerLowerBound; SteinerGap = SteinerWeight / SteinerLowerBound -
	// 1, a fraction. Meaningful only when Routed (NaN when the router
	// solved nothing; zero when the network was estimated or is empty).
	SteinerWeight, SteinerLowerBound, SteinerGap float64
	// WorksSharedM is the trench that shares a dig with planned works
	// (Input.Works within the window), m; WorksSaving the investment that
	// saves (CostEUR is already net of it), EUR, and
	// WorksSavingEURPerYear its national yearly cost (annuity and O&M of
	// network pipes). Works lists every work given, in input order, with
	// what the network shares with it.
	WorksSharedM          float64
	WorksSaving           Band
	WorksSavingEURPerYear float64
	Works                 []WorkUse
	// Rules says what Input.Rules did; nil without rules.
	Rules *RulesSummary
	// Existing says what Input.Existing offered and what the network
	// reused of it; nil without an existing network.
	Existing *ExistingSummary
}

// ExistingSummary is what an existing heat network (Input.Existing) did
// to the routed network: Pipes given, their length OfferedM, m; MatchedM
// the length of routable street that runs along them, m; OffStreetM the
// length of existing pipe away from the streets added to the routing
// network as edges of its own (joined to the streets at its ends, in
// OffStreetPieces edges), m; UnmatchedIDs the pipes along no routable
// street and with nothing added off the streets (joined to no street, or
// in a street component without a source). ReusedM is the network's
// length laid in existing pipe, m (OffStreetReusedM of it off the
// streets), and Saving what new pipe and trench there would have cost at
// the sized DN (CostEUR is already net of it), EUR, SavingEURPerYear that
// as a national yearly cost. TooSmallM (OffStreetTooSmallM of it off the
// streets) and TooSmallSegments are the network's length and segments on
// an existing pipe whose DN is below the DN the load needs: priced as
// new pipe. HeatLossExtraGJ is what the reused length loses at the
// existing DN beyond what it would lose at the sized DN, GJ per year
// (NetworkSummary.HeatLoss.Min includes it). DesignSupplyC is the design
// supply temperature the network was routed at, C, and BelowDesignIDs
// (a warning, not used in the routing) the pipes the network reuses whose
// temperature is given (geodata.ExistingPipe.TemperatureC) and lies below
// it: a pipe laid for a lower temperature (flexible plastic pipe is
// rated for less than steel) may not carry the new network's supply; its
// rating is not known here.
type ExistingSummary struct {
	Pipes              int
	OfferedM           float64
	MatchedM           float64
	OffStreetM         float64
	OffStreetPieces    int
	UnmatchedIDs       []string
	ReusedM            float64
	OffStreetReusedM   float64
	Saving             Band
	SavingEURPerYear   float64
	TooSmallM          float64
	OffStreetTooSmallM float64
	TooSmallSegments   int
	HeatLossExtraGJ    float64
	DesignSupplyC      float64
	BelowDesignIDs     []string
}

// WorkUse is one planned work and what the routed network shares with it.
type WorkUse struct {
	ID       string
	Name     string
	Kind     geodata.WorkKind
	Year     int
	InWindow bool // its year lies within net.works.window of the base year
	// SharedM is the network's trench along it, m; SavingEUR what sharing
	// the trench saves on the investment, EUR; SavingEURPerYear that as a
	// national yearly cost.
	SharedM          float64
	SavingEUR        float64
	SavingEURPerYear float64
}

// Segment is one pipe piece of the network.
type Segment struct {
	Line    orb.LineString // EPSG:28992
	LengthM float64        // m
	PeakKW  float64        // downstream peak, kW
	DN      int            // nominal diameter, mm
	Service bool           // true for a service pipe to one building
	CostEUR float64        // investment, EUR
	// HeatLossGJ is the heat loss of the pipe pair, GJ per year.
	HeatLossGJ float64
	// Kind is "street", "service", "source" (the source's link) or
	// "offstreet" (existing pipe away from the streets, Input.Existing).
	Kind string
	// BuildingID is the BAG pand id a service pipe serves, else "".
	BuildingID string
	// Buildings is the number of buildings downstream.
	Buildings int
	// Class is the road class of the street the pipe runs along ("" for
	// service pipes).
	Class string
	// Overloaded is true when even the largest catalogue DN exceeds the
	// pressure-gradient limit at this segment's load.
	Overloaded bool
	// WorksM is the part of the segment's length in a trench shared with
	// planned works, m; WorksSavingEUR what that saves on CostEUR, EUR;
	// Work the index in Input.Works of the work holding most of it (-1
	// when WorksM is 0).
	WorksM         float64
	WorksSavingEUR float64
	Work           int
	// ExistingM is the part of a street segment along an existing pipe
	// (Input.Existing), m; ExistingID that pipe's id and ExistingDN its
	// DN ("" and 0 when ExistingM is 0). ExistingTooSmall: that DN is
	// below DN, so the segment is priced as new pipe; otherwise
	// ExistingSavingEUR is what new pipe on ExistingM would have cost,
	// EUR (CostEUR is already net of it).
	ExistingM         float64
	ExistingID        string
	ExistingDN        int
	ExistingTooSmall  bool
	ExistingSavingEUR float64
	// ExistingOffStreet: the segment is existing pipe away from the
	// streets (Kind "offstreet"), ExistingM all of it. ExistingExtraLossGJ
	// is what the reused length loses at ExistingDN beyond what it would
	// lose at DN, GJ per year (HeatLossGJ includes it).
	ExistingOffStreet   bool
	ExistingExtraLossGJ float64
}

// Drop records a building removed by the economic expansion.
type Drop struct {
	ID     string // BAG pand id
	Round  int    // expansion round, from 1
	Reason string
}

// Strategy is one whole-area strategy with Startanalyse-style indicators.
// Every indicator is a Band (Value, Min, Max). An infeasible strategy
// (Feasible false: no heated building, or no heated building can take
// the option) has no figures: every indicator band and part is NaN
// (writers write null or an empty cell); Buildings, Dwellings and
// DwellingEquivalents still count the area's heated buildings.
type Strategy struct {
	// Name is an OptionKind, or "mixed": the buildings on the
	// economically expanded network take its network option (one
	// network, as routed for them), the others their best individual
	// option (Building.Best).
	Name     string
	Feasible bool
	Reason   string
	// Buildings and Dwellings covered, DwellingEquivalents likewise.
	Buildings           int
	Dwellings           int
	DwellingEquivalents float64
	// NationalCostEURPerYear is the national cost over the area, EUR per
	// year, relative to nothing (the gas reference has its own).
	NationalCostEURPerYear Band
	// ExtraNationalCostEURPerYear is NationalCostEURPerYear minus the gas
	// reference's, EUR per year.
	ExtraNationalCostEURPerYear Band
	// EnduserCostEURPerYearPerDwelling is the end-user cost per dwelling,
	// EUR per year: the end-user costs of the woningen (each woning pand
	// its dwellings' share, dwellings / dwelling-equivalents, so a shop
	// in it does not count) divided by the number of dwellings. Utility
	// is not in it; see EnduserCostEURPerYearPerDwellingEquivalent.
	EnduserCostEURPerYearPerDwelling Band
	// EnduserCostEURPerYearPerDwellingEquivalent is the end-user cost of
	// every heated building (woningen and utility) per
	// dwelling-equivalent, EUR per year.
	EnduserCostEURPerYearPerDwellingEquivalent Band
	// CO2AvoidedTPerYear is the CO2 avoided against the gas reference, t
	// per year.
	CO2AvoidedTPerYear Band
	// EURPerTCO2 is the extra national cost per tonne CO2 avoided, EUR/t;
	// 0 when nothing is avoided.
	EURPerTCO2 Band `json:"eur_per_t_co2"`
	// CostEURPerDwellingEquivalent is the national cost per
	// dwelling-equivalent, EUR per year.
	CostEURPerDwellingEquivalent Band
	// ExtraCostEURPerDwellingEquivalent is ExtraNationalCostEURPerYear per
	// dwelling-equivalent, EUR per year (Startanalyse H18).
	ExtraCostEURPerDwellingEquivalent Band
	// NationalCostParts splits NationalCostEURPerYear by component (the
	// sum of the buildings' Option.NationalParts), EUR per year.
	NationalCostParts Parts
	// EnduserCostPartsPerDwelling splits EnduserCostEURPerYearPerDwelling
	// by component, EUR per year per dwelling.
	EnduserCostPartsPerDwelling Parts
	// EnduserCostPartsPerDwellingEquivalent splits
	// EnduserCostEURPerYearPerDwellingEquivalent by component, EUR per
	// year per dwelling-equivalent.
	EnduserCostPartsPerDwellingEquivalent Parts
	// NetworkOption is the network option of the strategy: its Name for
	// a network strategy; for "mixed" the option the buildings on the
	// network take (see Building.Best); "" otherwise.
	NetworkOption OptionKind
}

// Stock counts and sums a set of buildings. Each map has one unit, named
// in its comment: the By* maps count dwellings (of woningen only), the
// UtilityM2By* maps sum utility floor area, ByUse counts panden.
type Stock struct {
	Buildings     int            // panden of every use
	ByUse         map[string]int // Use -> panden
	ByEra         map[string]int // Era label -> dwellings (woningen only)
	ByType        map[string]int // Woningtype -> dwellings (woningen only)
	ByLabel       map[string]int // label -> dwellings (woningen only)
	ByLabelSource map[string]int // LabelSource -> dwellings (woningen only)
	// ByTypeSource counts woning panden by Building.TypeSource: how often
	// EP-Online's Pand_gebouwtype, the party walls (also for EP-Online's
	// combined value) or the dwellings and storeys decided the woningtype.
	ByTypeSource map[string]int
	// UtilityPanden is the number of utility panden; UtilityFloorAreaM2
	// their usable floor area, m2. UtilityM2ByType (Vesta utility type:
	// Kantoor, Winkel, ...), UtilityM2ByEra and UtilityM2ByLabel split
	// that floor area, m2.
	UtilityPanden      int
	UtilityFloorAreaM2 float64
	UtilityM2ByType    map[string]float64
	UtilityM2ByEra     map[string]float64
	UtilityM2ByLabel   map[string]float64
	// Bijgebouwen is the number of unheated panden (sheds, garages,
	// annexes); they count in Buildings and ByUse only.
	Bijgebouwen         int
	Dwellings           int
	DwellingEquivalents float64
	FloorAreaM2         float64 // usable floor area, m2
	SpaceHeatGJ         float64 // GJ per year
	TapWaterGJ          float64 // GJ per year
	HeatDemandGJ        float64 // space heat + tap water, GJ per year
	// HeatDemandWoningenGJ and HeatDemandUtiliteitGJ split HeatDemandGJ
	// by use: panden of dwellings (a shop below flats included) and
	// utility panden, GJ per year.
	HeatDemandWoningenGJ  float64
	HeatDemandUtiliteitGJ float64
	PeakKW                float64 // sum of building peaks, kW
	// MeanDemandGJPerDwelling is (space heat + tap water) of dwellings
	// divided by the number of dwellings, GJ per year.
	MeanDemandGJPerDwelling float64
	// GasM3 is the reference gas use, m3 per year; MeanGasM3PerDwelling
	// that of the dwellings per dwelling.
	GasM3                float64
	MeanGasM3PerDwelling float64
	dwellingGasM3        float64

	dwellingHeatGJ float64 // running sum behind MeanDemandGJPerDwelling
}

// AreaSummary aggregates the buildings of one buurt or wijk (by
// centroid) or of the whole scan area.
type AreaSummary struct {
	Code string
	Name string // OutsideAreas for the panden outside every given area
	Kind geodata.AreaKind
	// Outside is true for the summary of the panden whose centroid lies
	// in none of the given areas (Name OutsideAreas, AreaHa 0: unknown).
	Outside bool
	Stock   Stock
	// AreaHa is the land area, hectare (polygon area; for the scan area
	// the convex hull of the footprints).
	AreaHa float64
	// HeatDensityGJPerHa is Stock.HeatDemandGJ / AreaHa.
	HeatDensityGJPerHa float64
	// TrenchM is the network trench length inside the area, m, and
	// GJPerMTrench the connected demand per metre of it (0 without trench).
	TrenchM      float64
	GJPerMTrench float64
	Strategies   []Strategy
	BestStrategy string
}
