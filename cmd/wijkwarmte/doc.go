// Command wijkwarmte runs a wijkanalyse for the Dutch heat transition: it
// reads buildings, labels and streets, classifies the building stock, routes
// a heat network and prices every heat option.
//
// Usage:
//
//	wijkwarmte <command> [flags] [args]
//
// Commands (each in its own file, registered in init):
//
//	scan     scan one wijk (or the embedded Delft demo with no input flags) and
//	         write summary.json, buildings.parquet, network.parquet,
//	         network.geojson, startanalyse.csv and report.html into --out
//	inspect  detect a file's format and CRS and count what the readers make of
//	         it (JSON on stdout)
//	params   print the cost parameter table (defaults and overrides) as CSV
//	steiner  solve a SteinLib .stp Steiner tree instance, print JSON
//
// Run "wijkwarmte help" for the list of commands and "wijkwarmte <command>
// -h" for the flags of one. Exit status: 0 ok, 1 bad input or failed run
// (one line on stderr naming the file, layer, feature and BAG id where
// known), 2 usage error.
//
// Units and CRS: every output geometry is EPSG:28992 (RD New, metres);
// GeoJSON and GeoParquet outputs say so in their CRS member and metadata.
// Money is euro in the price year of the parameter table, energy GJ per
// year, power kW, CO2 tonnes per year. Input in WGS 84 (RFC 7946 GeoJSON,
// EPSG:4326 GeoPackage layers, CRS84 GeoParquet, OSM) is transformed with
// PROJ; input.crs in summary.json says what the buildings file was.
package main
