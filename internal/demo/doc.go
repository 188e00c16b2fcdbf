// Package demo holds the demo wijk that "wijkwarmte scan" analyses when it
// is given no input: an OpenStreetMap extract of Delft (TU Delft campus,
// Wippolder and Voorhof-Noord), with BAG-imported building footprints
// (ref:bag, start_date), highways and address nodes.
//
// The data is © OpenStreetMap contributors, licensed under the Open
// Database License (ODbL) 1.0; see README.md in this directory for the
// exact source and how it was cut.
//
// Coordinates in the file are EPSG:4326 (OSM); readers transform them to
// the working CRS EPSG:28992.
package demo
