// Package scan runs the whole "wijkwarmte scan" job for one wijk: it opens
// the input files by their format (geodata readers), validates and
// de-duplicates the panden, cuts the streets to the buildings' area, runs
// wijkanalyse.Scan (once, and once per scenario of a scenario file) and
// writes the outputs: summary.json, buildings.parquet and network.parquet
// (GeoParquet 1.1), network.geojson (and buildings.geojson), a
// Startanalyse-style CSV and report.html (package report).
//
// With no input file it scans the embedded demo wijk (package demo).
//
// # CRS and units
//
// Inputs in EPSG:4326 are transformed to EPSG:28992 by the geodata
// readers; every output is EPSG:28992 (RD New), metres, and says so.
// Money is euro per year in the price year of the kosten parameters unless
// a name says otherwise.
//
// The command-line flags, progress bars and exit codes live in
// cmd/wijkwarmte; this package is internal so that the benchmarks can run
// the same job.
package scan
