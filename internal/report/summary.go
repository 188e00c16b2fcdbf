package report

import (
	"encoding/json"
	"io"
	"reflect"

	"github.com/wijkwarmte/wijkwarmte/kader"
)

// Summary is summary.json. The keys listed in DESIGN.md ("input.*",
// "stock.*", "network.*", "strategies[]", "best_strategy") are a contract
// other programs rely on: extend this struct, never rename a key.
type Summary struct {
	Wijk         string     `json:"wijk"`
	Input        Input      `json:"input"`
	Stock        Stock      `json:"stock"`
	Network      Network    `json:"network"`
	Strategies   []Strategy `json:"strategies"`
	BestStrategy string     `json:"best_strategy"`

	// Extensions.
	Tool      string     `json:"tool"`
	Params    ParamsInfo `json:"params"`
	Year      int        `json:"year"`
	OutputCRS string     `json:"output_crs"`
	Outputs   []string   `json:"outputs"`
	Notes     []string   `json:"notes"`
	// TimingsMS and Generated are the only fields that differ between two
	// runs of the same input (how long it took, when it was made): every
	// other field, and every other output file, is byte-identical.
	TimingsMS map[string]float64 `json:"timings_ms"`
	Generated string             `json:"generated"` // RFC 3339, UTC
	Scenarios []Scenario         `json:"scenarios,omitempty"`
	// Robustness: Monte Carlo draws over the parameter bands (--draws).
	Robustness *Robustness `json:"robustness,omitempty"`
	// Assessment: the kader applied (--kader), with the preferred
	// strategy under assessment.preferred.
	Assessment *kader.Assessment `json:"assessment,omitempty"`
	// Kleinverbruik: the netbeheerders' kleinverbruik files set beside
	// the scan (--kleinverbruik), per year and per buurt.
	Kleinverbruik *Kleinverbruik `json:"kleinverbruik,omitempty"`
	// Areas are the per-buurt results (--areas), or one entry for the
	// whole scan area.
	Areas []AreaResult `json:"areas"`
}

// AreaResult is the outcome for one buurt (or the whole scan area).
type AreaResult struct {
	Code               string     `json:"code"`
	Name               string     `json:"name"`
	Kind               string     `json:"kind"`
	Panden             int        `json:"panden"`
	Dwellings          int        `json:"dwellings"`
	HeatDemandGJ       float64    `json:"heat_demand_gj"`
	AreaHa             float64    `json:"area_ha"`
	HeatDensityGJPerHa float64    `json:"heat_density_gj_per_ha"`
	TrenchM            float64    `json:"trench_m"`
	GJPerMTrench       float64    `json:"gj_per_m_trench"`
	BestStrategy       string     `json:"best_strategy"`
	Strategies         []Strategy `json:"strategies"`
	// Outside is true for the panden outside every given area.
	Outside bool `json:"outside_every_area,omitempty"`
}

// Input counts what was read and used.
type Input struct {
	BuildingsRead int            `json:"buildings_read"`
	BuildingsUsed int            `json:"buildings_used"`
	Skipped       map[string]int `json:"skipped"`
	StreetsRead   int            `json:"streets_read"`
	CRS           string         `json:"crs"`

	// Extensions.
	Files       map[string]string `json:"files"` // role -> file name
	Repaired    map[string]int    `json:"repaired,omitempty"`
	StreetsUsed int               `json:"streets_used"`
	LabelsRead  int               `json:"labels_read"`
	LabelsUsed  int               `json:"labels_matched"`
	// LabelsSkipped counts the EP-Online registrations not used, by
	// reason (duplicate_id: superseded by a newer one of the same id;
	// no_bag_id, no_energy_label). labels_read
	// is the registrations kept.
	LabelsSkipped map[string]int `json:"labels_skipped,omitempty"`
	AddressesRead int            `json:"addresses_read"`
	UnitsRead     int            `json:"verblijfsobjecten_read"`
	WaterAreas    int            `json:"water_areas"`
	Sources       int            `json:"sources"`
	// Areas (--areas): records read, areas aggregated, and the ones not
	// aggregated by reason.
	// PandenOutsideAreas (with a selection: scan --buurt, a buurt of a
	// batch) counts the panden read within the selection's bound whose
	// point on surface lies outside it: they belong to a neighbour and
	// are not in buildings_read.
	PandenOutsideAreas *int `json:"panden_outside_areas,omitempty"`

	AreasRead    int            `json:"areas_read"`
	AreasUsed    int            `json:"areas_used"`
	AreasSkipped map[string]int `json:"areas_skipped,omitempty"`
}

// Stock describes the building stock used. Each map has one unit: by_era,
// by_type and by_label count dwellings (of woningen only); the
// utility_m2_by_* maps sum utility floor area, m2; panden, utility_panden
// and bijgebouwen count panden.
type Stock struct {
	ByEra        map[string]int `json:"by_era"`   // era class -> dwellings
	ByType       map[string]int `json:"by_type"`  // woningtype -> dwellings
	ByLabel      map[string]int `json:"by_label"` // energy label -> dwellings
	Dwellings    int            `json:"dwellings"`
	FloorAreaM2  float64        `json:"floor_area_m2"`
	HeatDemandGJ float64        `json:"heat_demand_gj"` // per year

	// Extensions.
	Panden              int            `json:"panden"`
	DwellingEquivalents float64        `json:"dwelling_equivalents"`
	LabelSource         map[string]int `json:"label_source,omitempty"` // "ep-online", "default", "mixed" -> dwellings of woningen (wijkanalyse.Stock.ByLabelSource)
	// WoningtypeSource counts woning panden by what decided their
	// woningtype: "ep-online" (Pand_gebouwtype), "party walls",
	// "party walls (combined)" (EP-Online's "Twee-onder-een-kap /
	// rijwoning hoek"), "dwellings and storeys" (meergezins).
	WoningtypeSource   map[string]int     `json:"woningtype_source,omitempty"`
	DwellingsByEra     map[string]int     `json:"dwellings_by_era,omitempty"`
	DwellingsByType    map[string]int     `json:"dwellings_by_type,omitempty"`
	BestOption         map[string]int     `json:"best_option,omitempty"` // option -> panden
	UtilityPanden      int                `json:"utility_panden"`
	UtilityFloorAreaM2 float64            `json:"utility_floor_area_m2"`
	UtilityM2ByType    map[string]float64 `json:"utility_m2_by_type,omitempty"` // Vesta utility type -> m2
	UtilityM2ByEra     map[string]float64 `json:"utility_m2_by_era,omitempty"`
	UtilityM2ByLabel   map[string]float64 `json:"utility_m2_by_label,omitempty"`
	Bijgebouwen        int                `json:"bijgebouwen"` // unheated panden
	// HeatDemandWoningenGJ and HeatDemandUtiliteitGJ split heat_demand_gj
	// by use (GJ per year); HeatDemandGJPerDwelling is the woningen part
	// per dwelling (the headline figure; utility is not in it).
	HeatDemandWoningenGJ    float64 `json:"heat_demand_woningen_gj"`
	HeatDemandUtiliteitGJ   float64 `json:"heat_demand_utiliteit_gj"`
	HeatDemandGJPerDwelling float64 `json:"heat_demand_gj_per_dwelling"`
}

// Network summarises the routed heat network.
type Network struct {
	Terminals   int     `json:"terminals"`
	Connected   int     `json:"connected"`
	Unreachable int     `json:"unreachable"`
	TrenchM     float64 `json:"trench_m"`
	ServiceM    float64 `json:"service_m"`
	PeakKW      float64 `json:"peak_kw"`
	HeatLossGJ  float64 `json:"heat_loss_gj"` // per year
	CostEUR     float64 `json:"cost_eur"`     // investment

	// Extensions.
	// Dropped counts the buildings the economic expansion removed from
	// the network (wijkanalyse Result.Dropped); with Connected and
	// Unreachable it adds up to Terminals.
	Dropped int `json:"dropped"`
	// Option is the network option the routed network is for
	// (warmtenet_mt, warmtenet_lt, aquathermie or geothermie); "" when no
	// network was routed.
	Option string `json:"option"`
	// SupplyC and ReturnC are the design supply and return temperatures
	// the network was routed at, C (parameters net.design.mt.*); 0 when no
	// network was routed.
	SupplyC     float64            `json:"supply_c"`
	ReturnC     float64            `json:"return_c"`
	Segments    int                `json:"segments"`
	TrenchMByDN map[string]float64 `json:"trench_m_by_dn,omitempty"`
	Source      *SourceInfo        `json:"source,omitempty"`
	Solver      string             `json:"solver,omitempty"`
	StreetNodes int                `json:"street_nodes,omitempty"`
	StreetEdges int                `json:"street_edges,omitempty"`
	Components  int                `json:"street_components,omitempty"`
	StreetGraph *StreetGraph       `json:"street_graph,omitempty"`
	// The heat-loss band (wijkanalyse NetworkSummary.HeatLoss):
	// heat_loss_gj is its value; the min is the routed pipes'
	// steady-state loss (the sum over network.parquet's segments), the
	// max Vesta's high share of the heat fed in. Shares are of the heat
	// fed in (delivered + loss).
	HeatLossMinGJ    float64 `json:"heat_loss_gj_min"`
	HeatLossMaxGJ    float64 `json:"heat_loss_gj_max"`
	HeatLossShare    float64 `json:"heat_loss_share"`
	HeatLossShareMin float64 `json:"heat_loss_share_min"`
	HeatLossShareMax float64 `json:"heat_loss_share_max"`
	// TransportM and TransportCostEUR: the transport pipe of an assumed
	// restwarmte source (straight length, m; investment, EUR), which
	// warmtenet_mt carries besides cost_eur; 0 when a source was given.
	TransportM       float64 `json:"transport_m"`
	TransportCostEUR float64 `json:"transport_cost_eur"`
	// CostPerConnectionEUR is cost_eur per aansluiting (connected
	// dwellings, one per connected building without dwellings).
	CostPerConnectionEUR float64 `json:"cost_eur_per_connection"`
	// SteinerLowerBound and SteinerGapPct certify the routed tree: in the
	// edge prices of the routing round that found it (euro: length x
	// road-class factor x price per metre at the DN the edge was priced
	// at), no tree over these streets connecting the same buildings costs
	// less than steiner_lower_bound (Wong's dual ascent), and the tree is
	// within steiner_gap_pct % of it, so within that of the cheapest
	// possible tree. steiner_weight is the tree's own weight in those
	// prices. Null when the network was estimated without streets.
	SteinerWeight     *float64 `json:"steiner_weight"`
	SteinerLowerBound *float64 `json:"steiner_lower_bound"`
	SteinerGapPct     *float64 `json:"steiner_gap_pct"`
	// WorksSharedM and WorksSavingEURYr (with --works): the trench the
	// network shares with planned street works within the window of
	// years, m, and what that saves as a national yearly cost (annuity
	// and O&M of the pipes' investment saved), EUR per year; Works lists
	// every work given. Absent without --works.
	WorksSharedM     *float64 `json:"works_shared_m,omitempty"`
	WorksSavingEURYr *float64 `json:"works_saving_eur_yr,omitempty"`
	Works            []Work   `json:"works,omitempty"`
	// Rules (with --network-rules) says what the network rules did.
	Rules *NetworkRules `json:"rules,omitempty"`
	// Existing (with --existing-network) says what the existing heat
	// network offered and what the routed network reused of it.
	Existing *ExistingNetwork `json:"existing,omitempty"`
}

// ExistingNetwork is what --existing-network did. FeaturesRead counts
// the file's features within the scan's bound, Skipped those not used by
// reason; Pipes were used, OfferedM long, m. MatchedM is the routable
// street length that runs along them, m; UnmatchedFeatures (with their
// UnmatchedIDs) the pipes along no routable street. ReusedM is the
// network's street pipe laid in existing pipe, m; SavingEUR what new pipe
// and trench there would have cost at the sized DN (cost_eur is already
// net of it), EUR, and SavingEURYr that as a national yearly cost
// (annuity and O&M of network pipes), EUR per year. TooSmallM and
// TooSmallSegments are the network's length and segments along existing
// pipe whose DN is below the DN the load needs: priced as new pipe.
// OffStreetM is the existing pipe away from the streets added to the
// routing network as edges of its own, joined to the streets where it
// comes within buffer_m of them (OffStreetPieces edges, with their links
// to the streets), m; OffStreetReusedM and OffStreetTooSmallM the
// network's length on it reused and too small (included in ReusedM and
// TooSmallM), m. HeatLossExtraGJ is what the reused length loses at the
// existing DN beyond what it would lose at the sized DN, GJ per year
// (network.heat_loss_gj_min includes it).
type ExistingNetwork struct {
	File               string         `json:"file"`
	FeaturesRead       int            `json:"features_read"`
	Skipped            map[string]int `json:"skipped"`
	Pipes              int            `json:"pipes"`
	OfferedM           float64        `json:"offered_m"`
	MatchedM           float64        `json:"matched_m"`
	UnmatchedFeatures  int            `json:"unmatched_features"`
	UnmatchedIDs       []string       `json:"unmatched_ids"`
	ReusedM            float64        `json:"reused_m"`
	SavingEUR          float64        `json:"saving_eur"`
	SavingEURYr        float64        `json:"saving_eur_yr"`
	TooSmallM          float64        `json:"too_small_m"`
	TooSmallSegments   int            `json:"too_small_segments"`
	OffStreetM         float64        `json:"offstreet_m"`
	OffStreetPieces    int            `json:"offstreet_pieces"`
	OffStreetReusedM   float64        `json:"offstreet_reused_m"`
	OffStreetTooSmallM float64        `json:"offstreet_too_small_m"`
	HeatLossExtraGJ    float64        `json:"heat_loss_extra_gj"`
	// DesignSupplyC is the design supply temperature the network was
	// routed at, C; BelowDesignIDs (a warning) the reused pipes whose
	// given temperature lies below it: whether they can carry it is not
	// checked.
	DesignSupplyC  float64  `json:"design_supply_c"`
	BelowDesignIDs []string `json:"below_design_ids"`
	// BufferM is the distance within which a street runs along a pipe, m
	// (net.existing.buffer), MaxAngleDeg the largest angle between them,
	// degrees (net.existing.max_angle).
	BufferM     float64 `json:"buffer_m"`
	MaxAngleDeg float64 `json:"max_angle_deg"`
	// PipesUsed are the existing pipes the network runs along, in the
	// file's order.
	PipesUsed []ExistingPipeUse `json:"pipes_used"`
}

// ExistingPipeUse is one existing pipe the network runs along: its id and
// DN, the network's length reused in it and along it too small, m (of
// both, OffStreetM away from the streets), the investment reusing it
// saves, EUR, and what its reused length loses beyond the sized DN, GJ
// per year.
type ExistingPipeUse struct {
	ID              string  `json:"id"`
	DN              int     `json:"dn"`
	Year            int     `json:"year,omitempty"`
	Owner           string  `json:"owner,omitempty"`
	ReusedM         float64 `json:"reused_m"`
	TooSmallM       float64 `json:"too_small_m"`
	SavingEUR       float64 `json:"saving_eur"`
	OffStreetM      float64 `json:"offstreet_m"`
	HeatLossExtraGJ float64 `json:"heat_loss_extra_gj"`
	// TemperatureC is the supply temperature the pipe runs at as given,
	// C (absent when not given); BelowDesign: it lies below the network's
	// design_supply_c and the network reuses the pipe.
	TemperatureC *float64 `json:"temperature_c,omitempty"`
	BelowDesign  bool     `json:"below_design,omitempty"`
}

// NetworkRules is what --network-rules did: street metres forbidden
// (removed before routing) and preferred (re-weighted), street rules that
// matched no street (their line or feature), panden required (connected
// or not, with the reason) and excluded, and BAG ids of the rules that are
// not among the scan's panden.
type NetworkRules struct {
	File                       string         `json:"file"`
	ForbiddenEdges             int            `json:"forbidden_edges"`
	ForbiddenM                 float64        `json:"forbidden_m"`
	PreferredEdges             int            `json:"preferred_edges"`
	PreferredM                 float64        `json:"preferred_m"`
	StreetRulesUnmatched       []string       `json:"street_rules_unmatched"`
	BuildingsRequired          int            `json:"buildings_required"`
	BuildingsRequiredConnected int            `json:"buildings_required_connected"`
	RequiredNotConnected       []RequiredMiss `json:"required_not_connected"`
	BuildingsExcluded          int            `json:"buildings_excluded"`
	BAGIDsUnknown              int            `json:"bag_ids_unknown"`
	UnknownBAGIDs              []string       `json:"unknown_bag_ids"`
}

// RequiredMiss is a required pand that is not on the network.
type RequiredMiss struct {
	ID     string `json:"id"`
	Reason string `json:"reason"`
}

// Work is one planned street work (--works) and what the network shares
// with it.
type Work struct {
	ID        string  `json:"id"`
	Name      string  `json:"name,omitempty"`
	Kind      string  `json:"kind"`
	Year      int     `json:"year"`
	InWindow  bool    `json:"in_window"`  // within net.works.window years of the base year
	SharedM   float64 `json:"shared_m"`   // network trench along it, m
	SavingEUR float64 `json:"saving_eur"` // investment saved, EUR
	// SavingEURYr is SavingEUR as a national yearly cost, EUR per year.
	SavingEURYr float64 `json:"saving_eur_yr"`
}

// StreetGraph counts what building the street graph did with the street
// pieces: how many pieces went in, the graph's size, and what noding and
// snapping removed or joined (nothing is dropped without a count).
type StreetGraph struct {
	Pieces            int     `json:"pieces"`              // street pieces given
	Nodes             int     `json:"nodes"`               // graph nodes
	Edges             int     `json:"edges"`               // graph edges after noding
	Components        int     `json:"components"`          // connected parts
	LargestComponentM float64 `json:"largest_component_m"` // length of the largest part, m
	LengthM           float64 `json:"length_m"`            // total edge length, m
	Crossings         int     `json:"crossings"`           // segment pairs noded where they cross or touch
	DuplicatesRemoved int     `json:"duplicates_removed"`  // edges repeating another between the same nodes
	ZeroLengthRemoved int     `json:"zero_length_removed"` // pieces with fewer than two distinct points
	CollapsedRemoved  int     `json:"collapsed_removed"`   // pieces snapping reduced to a point
	SnappedEnds       int     `json:"snapped_ends"`        // street ends moved onto another street
	MaxSnapGapM       float64 `json:"max_snap_gap_m"`      // largest gap bridged by snapping, m
	SnapToleranceM    float64 `json:"snap_tolerance_m"`    // the snapping distance used, m
}

// SourceInfo is the heat source the network was routed from.
type SourceInfo struct {
	Name       string  `json:"name"`
	Kind       string  `json:"kind,omitempty"`
	X          float64 `json:"x"` // EPSG:28992
	Y          float64 `json:"y"`
	CapacityKW float64 `json:"capacity_kw,omitempty"`
	Assumed    bool    `json:"assumed"` // placed by wijkwarmte, not given by the user
	// Label says how the source is priced when it is assumed
	// ("aangenomen restwarmte"); empty for a given source.
	Label string `json:"label,omitempty"`
}

// Strategy holds the Startanalyse-style indicators of one strategy for the
// whole wijk. Min and Max hold the same keys as the strategy itself for
// the ends of the cost band.
type Strategy struct {
	Name                             string             `json:"name"`
	NationalCostEURPerYear           float64            `json:"national_cost_eur_per_year"`
	EnduserCostEURPerYearPerDwelling float64            `json:"enduser_cost_eur_per_year_per_dwelling"`
	CO2AvoidedTPerYear               float64            `json:"co2_avoided_t_per_year"`
	EURPerTCO2                       float64            `json:"eur_per_t_co2"`
	Min                              map[string]float64 `json:"min"`
	Max                              map[string]float64 `json:"max"`

	// Extensions.
	Label string `json:"label,omitempty"` // plain-Dutch name
	// PBLStrategy is the strategy's number in PBL's Startanalyse 2020
	// (S1a ... S5b); "" for the gas reference and wijkwarmte's own mix.
	PBLStrategy                  string  `json:"pbl_strategy,omitempty"`
	ExtraNationalCostEURPerYear  float64 `json:"extra_national_cost_eur_per_year"` // minus the gas reference
	NationalCostEURPerYearPerWEQ float64 `json:"national_cost_eur_per_year_per_weq"`
	Buildings                    int     `json:"buildings"` // panden covered
	Dwellings                    int     `json:"dwellings"`
	DwellingEquivalents          float64 `json:"dwelling_equivalents"`
	// ByBuildingGroup splits NationalCostEURPerYear by building group
	// (grondgebonden, meergezins, utiliteit), EUR per year.
	ByBuildingGroup map[string]float64 `json:"breakdown_eur_per_year,omitempty"`
	Feasible        bool               `json:"feasible"`
	Note            string             `json:"note,omitempty"`
	// Breakdown splits NationalCostEURPerYear by cost component, EUR per
	// year: insulation, installations, heat_network, heat_source, grid,
	// om, energy (wijkanalyse.Strategy.NationalCostParts; keys are
	// kosten.Part names). The parts add up to the national cost;
	// BreakdownMin and BreakdownMax hold the parts in the low- and
	// high-cost scenario and add up to min/max.national_cost_eur_per_year.
	Breakdown    map[string]float64 `json:"breakdown,omitempty"`
	BreakdownMin map[string]float64 `json:"breakdown_min,omitempty"`
	BreakdownMax map[string]float64 `json:"breakdown_max,omitempty"`
	// EnduserBreakdown splits EnduserCostEURPerYearPerDwelling by
	// component, EUR per year per dwelling: insulation,
	// installations, om, energy (the energy and heat bill incl. taxes),
	// fixed_charges (vastrecht, meettarief, fixed gas-grid charges),
	// connection_fee (aansluitbijdrage, annualised); they add up to the
	// end-user cost.
	EnduserBreakdown map[string]float64 `json:"enduser_breakdown_eur_per_year_per_dwelling,omitempty"`
	// EnduserBreakdownPerWEQ splits EnduserCostEURPerYearPerWEQ likewise.
	EnduserBreakdownPerWEQ map[string]float64 `json:"enduser_breakdown_eur_per_year_per_weq,omitempty"`
	// EnduserCostEURPerYearPerWEQ is the end-user cost of every heated
	// building (woningen and utility) per dwelling-equivalent, EUR per
	// year; enduser_cost_eur_per_year_per_dwelling counts the woningen's
	// dwellings only.
	EnduserCostEURPerYearPerWEQ float64 `json:"enduser_cost_eur_per_year_per_weq"`
	// NetworkOption is the network option of the strategy (for "mixed":
	// the one the buildings on the network take); empty otherwise.
	NetworkOption string `json:"network_option,omitempty"`
	// SourceLabel names how the heat source of a network strategy is
	// priced when no source was given ("aangenomen restwarmte").
	SourceLabel string `json:"source_label,omitempty"`
}

// ParamsInfo says which parameter set was used.
type ParamsInfo struct {
	Version   string   `json:"version"`
	File      string   `json:"file,omitempty"`      // --params file; "" for defaults
	Scenario  string   `json:"scenario,omitempty"`  // scenario of the main result
	Overrides []string `json:"overrides,omitempty"` // names overridden
	// Kentallen is the parameter profile (--kentallen): wijkwarmte,
	// vesta2020 or hestia2025; its rows are among Overrides.
	Kentallen string `json:"kentallen,omitempty"`
}

// Scenario is the result of one named parameter set.
type Scenario struct {
	Name         string     `json:"name"`
	BestStrategy string     `json:"best_strategy"`
	Overrides    []string   `json:"overrides"`
	Strategies   []Strategy `json:"strategies"`
}

// WriteJSON writes s as indented JSON. A NaN or infinite number (a value
// that is not available) is written as null, never as an error.
func (s *Summary) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(finiteJSON(reflect.ValueOf(s)))
}
