// Package wijkanalyse orchestrates the scan of one wijk: it classifies every
// building (construction era, woningtype, use, dwellings, energy label,
// heat demand, peak load, temperature suitability), routes a heat network
// over the streets and expands it economically, prices every heat option
// per building in three views, and aggregates per buurt or wijk into
// strategies with Startanalyse-style indicators.
//
// The main entry point is Scan; Classify runs the classification alone.
// The input and output types are in result.go, documented field by field.
//
// # Units and CRS
//
// All geometry is EPSG:28992 (RD New), metres. Heat demand is GJ per
// year, loads kW, lengths m, floor areas m2 (gebruiksoppervlakte), land
// areas hectare, costs euro of the kosten price year (2018, excl. VAT
// unless a view includes it), emissions tonnes CO2 per year.
//
// # Construction era (era.go)
//
// The 11 classes of PBL's Vesta MAIS (20201202_Woningen_BAG.csv): voor
// 1930, 1930-1945, 1946-1964, 1965-1974, 1975-1991, 1992-1995, 1996-1999,
// 2000-2005, 2006-2010, 2011-2014, 2015-2020 (later years fall in the last
// class). A bouwjaar of 0, a placeholder (9999) or outside 1000..2030 is
// EraUnknown; demand then uses the 1965-1974 class and a note says how
// many buildings that concerns.
//
// # Use (use.go)
//
// With a BAG gebruiksdoel: any woonfunctie makes a woning; otherwise the
// first heated function gives the Vesta utility type (kantoorfunctie ->
// Kantoor, winkelfunctie -> Winkel, ..., overige gebruiksfunctie ->
// Overig). When verblijfsobjecten are given, a pand with none is a
// bijgebouw (shed, garage). Without gebruiksdoel (OSM) the building tag
// decides (house, apartments, terrace, ... -> woning; shed, garage, roof,
// construction, service, ... -> bijgebouw; office, retail, school,
// university, ... -> utiliteit); an untyped building (building=yes) is a
// woning when address points lie in it (at most 300 m2 of footprint per
// address; more is a large non-residential building: utiliteit Overig),
// utiliteit when it has none and a footprint of at least 200 m2, else a
// bijgebouw. A BAG pand (it has a status) without gebruiksdoel and with
// aantal_verblijfsobjecten 0 is a bijgebouw -- unless no pand of the
// input has any dwelling data (no verblijfsobjecten given, and no BAG
// pand with gebruiksdoel, aantal_verblijfsobjecten or floor area, as in a
// bare pand layer). Then, rather than a wijk of unheated sheds, every
// BAG pand is judged by its footprint: address points count dwellings as
// for an untyped OSM building; without them a footprint under 30 m2 is a
// bijgebouw and a larger one a woning with 1 dwelling up to 150 m2 of
// footprint (assumption: a Dutch single-family dwelling's footprint is
// 20-150 m2), else floor area (footprint × 2.5 storeys × 0.8) / 75 m2
// dwellings (DwellingsSource "footprint"). The first note of the result
// says so in capitals (GEEN WONINGGEGEVENS, NoDwellingData) with the counts. OpenStreetMap
// buildings (no BAG status) of which none has verblijfsobjecten,
// aantal_verblijfsobjecten, floor area or an address point get the same
// first note: their dwellings are invented from the building tag, the
// footprint and the levels (building=apartments: floor area / 75 m2).
//
// # Dwellings and floor area
//
// Dwellings: woon-verblijfsobjecten joined by pand id (else by point in
// footprint, geodata.FootprintIndex); else the pand's
// aantal_verblijfsobjecten less one per other gebruiksdoel; else the
// distinct address points in the footprint; else 1 (but a building that
// is a woning by its tag alone, without units or addresses, and has a
// footprint under 30 m2 is an allotment hut or cabin: bijgebouw). A building tagged
// apartments (or holding 2+ addresses) with known storeys and no BAG floor
// area whose floor area per counted flat exceeds 250 m2 is recounted as
// floor area / 75 m2 (OSM often maps one address per entrance).
// Floor area: the BAG area of the verblijfsobjecten (or of the pand); else
// footprint × storeys × 0.8 (net/gross), storeys from the source or 2.5
// for a house (2 storeys and an attic), 2 for utility, dwellings × 75 m2 /
// (0.8 × footprint) for flats. Dwelling-equivalents: dwellings + utility
// floor area / 130 m2 (PBL Startanalyse).
//
// # Woningtype (woningtype.go, walls.go, grid.go)
//
// Footprints go into a uniform grid over their bounding boxes (25 m
// cells); each footprint's neighbours are the boxes within the wall gap
// (Options.WallGapM, 0.5 m), so finding them is O(n·k), not O(n²). Only
// pairs of heated buildings with at least one single-dwelling side are
// measured (in pure Go, one worker goroutine per Options.Workers, with a
// true round buffer):
//
//	shared(a, b) = min(length(∂a ∩ buffer(b, gap)), length(∂b ∩ buffer(a, gap)))
//
// A party wall is a shared length of at least Options.MinSharedWallM (2 m;
// the buffer also catches up to gap metres of each perpendicular wall, so
// a corner touch stays below it). Sheds and garages never count.
//
//   - 2 or more dwellings: meergezins; laag up to 3 storeys, midden 4-5,
//     hoog 6 or more (storeys from the source, else estimated as
//     dwellings × 75 m2 / (0.8 × footprint), capped at max(2, ½·√footprint)
//     so that a small house with several addresses does not become a
//     tower).
//   - 1 dwelling and no party wall: vrijstaand; 2 or more party walls:
//     tussenwoning; 1 party wall: 2-onder-1-kap when the neighbour is a
//     single dwelling with exactly one party wall itself, else hoekwoning.
//
// # Energy label (label.go)
//
// Per unit the newest EP-Online registration, matched by verblijfsobject
// id, else postcode + house number of the address points in the pand,
// else a not yet matched unit registration of this pand id, else a label
// for the whole pand; otherwise Vesta's default label for woningtype × era
// (utility: for type × period). The building label is the most common of
// its units; LabelSource says ep-online, mixed or default.
//
// # Demand (demand.go)
//
// Space heat per dwelling: Vesta's linear fit a + b·m2 for type × era ×
// label (kosten.Params.SpaceHeat), evaluated as a whole and clamped at
// zero; tap water Vesta's Vww fit. Utility: Vesta's per-m2 figures
// (20201202_Utiliteiten_BAG.csv, embedded in vesta/ as an adapter until
// kosten covers utility). Peak: space heat over 1,800 full-load hours
// (assumption in the 1,500-2,000 h range Dutch heat-network studies use)
// plus tap water at its mean load.
//
// Temperature suitability by label: 70 C suits every label; 50 C needs
// label B or better; 40 C needs label A or better; after insulation the
// label is the better of the current one and D (resp. B).
//
// # Options and costs (options.go, costs.go)
//
// Per heated building: gas_boiler (reference), all_electric (insulate to
// B, air-water heat pump, LT emission system, 3x25 A, gas connection
// removed), warmtenet_mt (insulate to D; in-building pipes, afleverset,
// service pipe; residual heat), warmtenet_lt (insulate to B, LTAS, booster;
// WKO with a collective heat pump), aquathermie (as LT with a TEO source;
// needs a water body of at least Options.TEOMinWaterM2 within
// Options.WaterReachM, and enough water near the network to yield its
// source heat at Options.TEOYieldGJPerM2, nearest buildings first: see
// water.go), geothermie (MT with a
// doublet; needs Options.GeothermalMinDwellingEq dwelling-equivalents on
// the network). Dwellings are priced with kosten's builders (GasBoiler,
// HeatPump, HeatNetworkConnection) per dwelling, grouped by label;
// utility buildings are assembled here from the same kosten parameters
// (kosten has no utility builders). The collective part of a network
// (pipes per DN, substation, source, heat production) is kosten.Network
// over the routed network, allocated to the connected buildings by peak
// share; each also pays its own service pipe. Every option is evaluated
// with kosten's National, EndUser, Company and CO2, so the three views
// follow kosten (national 3 % without taxes, end user with taxes, tariffs
// and the owner's rate, heat company 6 %). Options.Year sets kosten's
// eval.base_year. Score: 100 × Best's national cost / this option's
// (capped at 100). Best: for a building on the network, the network
// option of the mixed strategy (see Aggregation): the expansion keeps a
// building by its marginal cost, so it carries its average share of the
// network even where that makes its network option dearer than
// all-electric; off the network, the cheapest feasible sustainable
// option; the gas boiler only when none is feasible. An infeasible option
// carries no figures: its bands and parts are NaN (outputs write null or
// an empty cell) and its Reason says why.
//
// Cost split: every option also carries its national and end-user cost
// by component (Option.NationalParts, EndUserParts: kosten's
// Breakdown.Parts, indexed by kosten.Part): insulation, installations in
// the building (boiler, heat pump, LTAS, booster, afleverset, in-building
// pipes), heat network (pipes, service pipe, substation, ongerief and
// project management per connection), heat source (incl. collective heat
// pump), electricity and gas grid, O&M, energy, and for the end user the
// fixed charges and the connection fee. The network's share of a
// building is split the same way, so the parts add up to the totals.
//
// # Network and economic expansion (network.go, expansion.go)
//
// With streets: warmtenet.Route (Steiner tree over the street graph, DN
// sized; each segment priced per metre by kosten.PipeCost at the load it
// carries: by default CE Delft 2022 as Hestia uses it). Without: a minimum
// spanning tree over the building centroids × Vesta's detour factor 1.25,
// priced with Vesta's pipe cost curve, 10 m of service pipe per building,
// and a note says so; its heat loss is estimated as
// net.estimate_loss_per_trench_metre (30.8 W/m at 70/40 C, measured on the
// routed Delft demo) over the trench all year, scaled for LT by the mean
// water temperature above the ground, with a note that it is an
// estimate. The network is
// routed at 70/40 C and expanded for the network option with the lowest
// total national cost in round 1 (priced on that MT routing); the
// buildings it connects are then routed once more at 50/30 C, and the LT
// options (warmtenet_lt, aquathermie) are priced on that routing (larger
// pipes for the smaller temperature difference, lower losses); MT and
// geothermie on the first. So every network option is priced on the
// buildings kept for the one option the network was expanded for, not on
// an expansion of its own, and mixed then equals that option whenever
// all-electric is the best option off the network; a note ("one
// network: ...") says so in plain words. Expansion: a building (or a branch) stays
// on the network only while its marginal network cost (the pipes serving
// only it, or only that branch) plus connection is below its all-electric
// option, national view per year — an exact dynamic programme on the
// routed tree; prune, re-route, repeat until a round drops nobody or at
// most 1 % of the members (then one final routing), at most
// Options.MaxExpansionRounds. Dropped buildings and reasons are in
// Result.Dropped.
//
// # Aggregation (aggregate.go)
//
// Per buurt/wijk polygon (by centroid; panden in no polygon go to a last
// summary OutsideAreas ("buiten de opgegeven gebieden"), with a note; areas without a polygon are
// skipped and counted in InputSummary) or for the scan area (convex hull
// of the footprints, hull.go): stock counts (one unit per map: ByEra,
// ByType, ByLabel count dwellings of woningen; UtilityM2By* sum utility
// floor area in m2; ByUse, UtilityPanden and Bijgebouwen count panden),
// demand, heat density (GJ/ha
// and GJ per metre of trench), and the strategies gas_boiler (reference),
// all_electric, each network option (feasible buildings take it, the
// others all-electric) and mixed: one network, as routed (and
// economically expanded) for the buildings on it, each of them taking the
// network option that is feasible for all of them and cheapest over them
// (Strategy.NetworkOption) and carrying its share, so that mixed holds the
// whole cost of that network; every other building its best individual
// option. Indicators: national cost per year, extra cost and CO2 avoided
// against the reference, euro per tonne CO2, end-user cost per dwelling
// (the woningen's end-user costs, each woning pand's dwelling share, over
// the dwellings), end-user cost per dwelling-equivalent (all heated
// buildings) and national cost per dwelling-equivalent.
// Strategy.NationalCostParts, EnduserCostPartsPerDwelling and
// EnduserCostPartsPerDwellingEquivalent split them by component (sums
// over the buildings, like the totals). A strategy is infeasible when the
// area has no heated building or no heated building in it can take the
// option; it then carries no figures (NaN). The best strategy is the
// feasible non-reference one with the lowest national cost.
package wijkanalyse
