// Package benchmarks holds the benchmarks of wijkwarmte (go test -bench)
// and the tests that keep them honest: the routing core (Dijkstra, Steiner
// on SteinLib and street graphs of several sizes, the street index), the
// geodata readers (GeoPackage, GeoParquet, GeoJSON, OSM PBF), the kosten
// tables and a whole scan of the Delft demo. Fixtures are built once per
// process (sync.Once) in temporary directories that TestMain removes.
//
// Figures and the exact commands that produced them are in README.md, one
// section per area. Speed targets live here, never in timed unit tests.
// Sizes are counts of panden, nodes or edges; times are wall clock on the
// machine named in README.md.
package benchmarks
