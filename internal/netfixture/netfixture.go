package netfixture

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"testing"

	"github.com/paulmach/orb/planar"

	"github.com/wijkwarmte/wijkwarmte/geodata"
	"github.com/wijkwarmte/wijkwarmte/warmtenet"
)

// steelS1 is the MESIDO EDR catalogue, series Steel-S1 (data source
// "Logstor Product Catalogue Version 2020.03"; MESIDO
// src/mesido/esdl/_edr_pipes.json at commit 3ab9258c, LGPL-3.0), as
// tabulated in reference/kengetallen.md: DN, inner diameter m, u_1 and
// u_2 W/m/K, combined investment and installation cost EUR per metre of
// trench for the pair.
var steelS1 = []struct {
	dn     int
	d      float64
	u1, u2 float64
	eur    float64
}{
	{20, 0.0217, 0.1426, 0.00364, 696.3},
	{25, 0.0285, 0.1760, 0.00554, 709.3},
	{32, 0.0372, 0.1796, 0.00535, 727.9},
	{40, 0.0431, 0.2084, 0.00719, 749.7},
	{50, 0.0545, 0.2340, 0.00861, 778.0},
	{65, 0.0703, 0.2784, 0.01162, 822.4},
	{80, 0.0825, 0.2869, 0.01164, 869.4},
	{100, 0.1071, 0.2996, 0.01144, 936.1},
	{125, 0.1325, 0.3507, 0.01479, 1026.9},
	{150, 0.1603, 0.4210, 0.02016, 1126.4},
	{200, 0.2101, 0.4577, 0.02099, 1355.3},
	{250, 0.263, 0.4357, 0.01650, 1630.7},
	{300, 0.3127, 0.5051, 0.02058, 1962.1},
	{350, 0.3444, 0.4881, 0.01793, 2360.9},
	{400, 0.3938, 0.5168, 0.01861, 2840.6},
	{450, 0.4444, 0.5157, 0.01707, 3417.9},
	{500, 0.4954, 0.4959, 0.01448, 4112.5},
	{600, 0.5958, 0.6135, 0.02027, 5953.9},
}

// Catalogue returns the Steel-S1 catalogue DN20-DN600.
func Catalogue() warmtenet.Catalogue {
	var c []warmtenet.Pipe
	for _, p := range steelS1 {
		c = append(c, warmtenet.Pipe{DN: p.dn, InnerDiameterM: p.d, U1: p.u1, U2: p.u2})
	}
	cat, err := warmtenet.NewCatalogue(c)
	if err != nil {
		panic(err) // the table above is a programming constant
	}
	return cat
}

// PipeCost returns the Steel-S1 price per metre of trench (EUR, EDR price
// level, installation included) of a DN in the table; it panics on
// another DN, which would be a test bug.
func PipeCost(dn int) float64 {
	for _, p := range steelS1 {
		if p.dn == dn {
			return p.eur
		}
	}
	panic("netfixture: no price for this DN")
}

// Dir returns testdata/delft-wippolder of the repository.
func Dir() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "testdata", "delft-wippolder")
}

// PeakWPerM2 is the load proxy of the demo buildings, W per m2 of floor
// area (footprint x storeys, 1 storey when unknown). It is a test figure
// only -- a round design heat load for older Dutch dwellings -- so that
// the demo routes carry plausible loads; wijkanalyse computes real ones.
const PeakWPerM2 = 50.0

type delft struct {
	streets   []geodata.Street
	buildings []warmtenet.Building
	err       error
}

var (
	once sync.Once
	demo delft
)

// Delft returns the demo streets (streets_in_bbox_rd_approx.geojson) and
// one Building per pand (buildings_rd_approx.geojson) at its footprint
// centroid with PeakKW from PeakWPerM2; the caller must not modify them.
// It skips tb when the files are missing and fails it on a read error.
func Delft(tb testing.TB) ([]geodata.Street, []warmtenet.Building) {
	tb.Helper()
	once.Do(func() { demo = load(Dir()) })
	if errors.Is(demo.err, os.ErrNotExist) {
		tb.Skipf("Delft demo data missing: %v", demo.err)
	}
	if demo.err != nil {
		tb.Fatal(demo.err)
	}
	return demo.streets, demo.buildings
}

func load(dir string) delft {
	var d delft
	f, err := os.Open(filepath.Join(dir, "streets_in_bbox_rd_approx.geojson"))
	if err != nil {
		return delft{err: err}
	}
	defer f.Close()
	d.streets, err = geodata.ReadGeoJSONStreets(f, f.Name(), &geodata.Report{})
	if err != nil {
		return delft{err: err}
	}
	bf, err := os.Open(filepath.Join(dir, "buildings_rd_approx.geojson"))
	if err != nil {
		return delft{err: err}
	}
	defer bf.Close()
	g, err := geodata.NewGeoJSONReader(bf, bf.Name())
	if err != nil {
		return delft{err: err}
	}
	pr := geodata.GeoJSONPanden(g, &geodata.Report{})
	defer pr.Close()
	buf := make([]geodata.Pand, 256)
	for {
		n, err := pr.Read(buf)
		for _, p := range buf[:n] {
			c, area := planar.CentroidArea(p.Footprint)
			levels := max(p.Levels, 1)
			id := p.ID
			if id == "" { // 30 OSM buildings carry no ref:bag
				id = fmt.Sprintf("osm-building-%d", len(d.buildings))
			}
			d.buildings = append(d.buildings, warmtenet.Building{
				ID:     id,
				Point:  c,
				PeakKW: area * float64(levels) * PeakWPerM2 / 1000,
			})
		}
		if err == io.EOF {
			return d
		}
		if err != nil {
			return delft{err: err}
		}
	}
}
