package demo

import (
	_ "embed"

	"github.com/paulmach/orb"
)

//go:embed delft-wippolder.osm.pbf
var pbf []byte

// Name is the short name of the demo wijk, as reports show it.
const Name = "Delft, Wippolder (demo, OpenStreetMap)"

// FileName is the name under which the demo extract appears in messages
// and reports; it is not a path on disk.
const FileName = "demo:delft-wippolder.osm.pbf"

// Attribution is the credit line the ODbL asks for wherever the data or a
// product of it is shown.
const Attribution = "Data © OpenStreetMap contributors, ODbL 1.0"

// Box is the box the extract was cut with (osmium extract -b, EPSG:4326,
// orb order lon,lat). Ways crossing it are complete ("smart" strategy), so
// some roads run well outside it: a caller should restrict streets to the
// area of the buildings it uses.
var Box = orb.Bound{Min: orb.Point{4.355, 51.995}, Max: orb.Point{4.386, 52.005}}

// PBF returns the OSM PBF extract. The slice is shared: do not modify it.
func PBF() []byte { return pbf }
