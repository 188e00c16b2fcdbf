// Package warmtenet routes a heat network over street geometry and sizes
// its pipes.
//
// A street graph is built from lines in EPSG:28992 (metres); buildings are
// joined to their nearest street point as leaves; a Steiner tree heuristic
// (steiner.go) connects them at minimum cost; pipes are sized by downstream
// peak load (sizing.go). Lengths are metres, loads kW, heat losses GJ per
// year, costs euro. warmtenet returns quantities; it prices them only
// through a per-metre cost function handed in by the caller (see kosten).
package warmtenet
