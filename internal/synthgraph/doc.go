// Package synthgraph generates street-like graphs for tests and benchmarks
// of the routing core: perturbed grids with a fraction of their edges
// removed, weighted by Euclidean length in metres. Generation is seeded and
// reproducible.
//
// Units: edge weights are metres (Block is the grid spacing, m). The
// graphs carry no coordinates, so no CRS.
package synthgraph
