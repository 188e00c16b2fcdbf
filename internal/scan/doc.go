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
// # Outputs
//
// network.parquet and network.geojson (one writer, rows.go) hold one row
// per pipe segment: segment, kind ("distribution" in the street,
// "service" to one pand, "source" for the source's link), dn, length_m,
// peak_kw (design load downstream), buildings (downstream),
// heat_loss_gj_per_year, cost_eur (investment) and building_id (the pand
// of a service pipe). buildings.parquet has one row per pand with its
// classification and, per option, <option>_feasible, _reason, _score,
// _national_eur_yr with _min and _max, _enduser_eur_yr with _min and _max,
// and _co2_t_yr; the numbers of an infeasible option are null.
// summary.json writes figures that are not available (infeasible
// strategies) as null, startanalyse.csv as empty cells, report.html as
// "niet haalbaar". Every file is written under a temporary name and
// renamed when all are complete, so a failed scan leaves the outputs of an
// earlier run as they were.
//
// # CRS and units
//
// Inputs in EPSG:4326 are transformed to EPSG:28992 by the geodata
// readers, which reject coordinates outside the Netherlands
// (geodata.CheckRD); input.crs in summary.json says what the buildings
// file was. Every output is EPSG:28992 (RD New), metres, and says so.
// Money is euro per year in the price year of the kosten parameters unless
// a name says otherwise.
//
// The command-line flags, progress bars and exit codes live in
// cmd/wijkwarmte; this package is internal so that the benchmarks can run
// the same job.
package scan
