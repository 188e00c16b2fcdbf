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
// woning when address points lie in it, utiliteit when it has none and a
// footprint of at least 200 m2, else a bijgebouw.
//
// # Dwellings and floor area
//
// Dwellings: woon-verblijfsobjecten joined by pand id (else by point in
// footprint); else the pand's aantal_verblijfsobjecten less one per other
// gebruiksdoel; else the distinct address points in the footprint; else 1.
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
// pairs of heated buildings with at least one single-dwelling side reach
// GEOS (one context per worker goroutine), which measures
//
//	shared(a, b) = min(length(∂a ∩ buffer(b, gap)), length(∂b ∩ buffer(a, gap)))
//
// A party wall is a shared length of at least Options.MinSharedWallM (2 m;
// the buffer also catches up to gap metres of each perpendicular wall, so
// a corner touch stays below it). Sheds and garages never count.
//
//   - 2 or more dwellings: meergezins; laag up to 3 storeys, midden 4-5,
//     hoog 6 or more (storeys from the source, else estimated from the
//     dwellings as above).
//   - 1 dwelling and no party wall: vrijstaand; 2 or more party walls:
//     tussenwoning; 1 party wall: 2-onder-1-kap when the neighbour is a
//     single dwelling with exactly one party wall itself, else hoekwoning.
//
// # Energy label (label.go)
//
// Per unit the newest EP-Online registration, matched by verblijfsobject
// id, else postcode + house number of the address points in the pand, else
// the pand id; otherwise Vesta's default label for woningtype × era
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
// B, air-water heat pump, LT radiators, 3x25 A, gas connection removed),
// warmtenet_mt (insulate to D; in-building pipes, afleverset, network
// share, substations, residual-heat source with gas peak boilers for
// 20 % of the heat), warmtenet_lt (insulate to B, LTAS, booster, WKO and
// collective heat pump), aquathermie (as LT with a TEO source; needs
// surface water within Options.WaterReachM), geothermie (MT network with a
// doublet; needs Options.GeothermalMinDwellingEq dwelling-equivalents on
// the network). Every figure is a kosten parameter named in costs.go; the
// views are national (3 %, no taxes), end user (5.5 %, incl. taxes and
// heat tariffs) and heat company (6 %). Energy prices are those of
// Options.Year; learning curves are not applied. Score: 100 × cheapest
// feasible national cost / this option's. Best: the cheapest feasible.
//
// # Network and economic expansion (network.go, expansion.go)
//
// With streets: warmtenet.Route (Steiner tree over the street graph, DN
// sized, priced per metre by kosten.PipeCostPerMetre). Without: a minimum
// spanning tree over the building centroids × Vesta's detour factor 1.25,
// priced with Vesta's pipe cost curve, 10 m of service pipe per building,
// and a note says so. Network cost is allocated by peak share plus each
// building's own service pipe. Expansion: a building stays on the network
// only while its marginal network cost (the pipes serving it alone) plus
// connection is below its all-electric option; prune, re-route, repeat
// until stable (at most Options.MaxExpansionRounds). Dropped buildings and
// reasons are in Result.Dropped.
//
// # Aggregation (aggregate.go)
//
// Per buurt/wijk polygon (by centroid) or for the scan area (convex hull
// of the footprints): stock counts, demand, heat density (GJ/ha and GJ per
// metre of trench), and the strategies gas_boiler (reference),
// all_electric, each network option (feasible buildings take it, the
// others all-electric) and mixed (each building its best), with national
// cost per year, extra cost and CO2 avoided against the reference, euro
// per tonne CO2, end-user cost and national cost per dwelling-equivalent.
// The best strategy is the feasible non-reference one with the lowest
// national cost.
package wijkanalyse
