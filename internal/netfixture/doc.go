// Package netfixture holds test fixtures for warmtenet and the benchmarks:
// a pipe catalogue and prices with their source, and the Delft Wippolder
// demo streets and buildings from testdata/delft-wippolder.
package netfixture
