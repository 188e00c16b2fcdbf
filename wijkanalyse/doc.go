// Package wijkanalyse orchestrates the scan of one wijk: it classifies every
// building (construction era, woningtype, use, energy label, heat demand,
// peak load, temperature suitability), scores every heat option per
// building, routes and economically expands a heat network, and aggregates
// per buurt or wijk into Startanalyse-style strategy indicators.
//
// The main entry point is Scan. Its input and output types are in
// result.go and are documented field by field.
//
// # Units and CRS
//
// All geometry is EPSG:28992 (RD New), metres. Heat demand is GJ per year,
// loads kW, lengths m, areas m2 (hectare where named), costs euro in the
// price year of the kosten parameters, emissions tonnes CO2 per year.
package wijkanalyse
