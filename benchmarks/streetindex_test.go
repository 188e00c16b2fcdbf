package benchmarks

import (
	"context"
	"math"
	"testing"

	"github.com/twpayne/go-geos"

	"github.com/wijkwarmte/wijkwarmte/internal/netfixture"
	"github.com/wijkwarmte/wijkwarmte/warmtenet"
)

// BenchmarkStreetIndex measures nearest-street look-ups for every pand of
// the Delft demo (3,472 footprint centroids) against the edges of its
// street graph (1,684 OSM pieces noded into ~3,600 edges):
//
//   - grid: warmtenet.StreetIndex (pure-Go uniform grid, 25 m cells);
//   - geos-prepared: one GEOS prepared MultiLineString of all edges,
//     PreparedNearestPoints per building (GEOS caches an indexed facet
//     distance tree in the prepared geometry; it returns the point only,
//     not which edge, so it does less than grid);
//   - geos-brute: GEOS Distance from the point to every edge line, for
//     the first 100 buildings only (all would take seconds per op).
//
// ns/query is the metric to compare.
func BenchmarkStreetIndex(b *testing.B) {
	streets, buildings := netfixture.Delft(b)
	sg, err := warmtenet.NewStreetGraph(streets, warmtenet.StreetOptions{})
	if err != nil {
		b.Fatal(err)
	}
	b.Run("grid", func(b *testing.B) {
		idx := warmtenet.NewStreetIndex(sg)
		b.ReportAllocs()
		for b.Loop() {
			for _, bl := range buildings {
				if _, ok := idx.Nearest(bl.Point, math.Inf(1), nil); !ok {
					b.Fatal("no street")
				}
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(buildings)), "ns/query")
	})
	b.Run("grid-build", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			warmtenet.NewStreetIndex(sg)
		}
	})
	ctx := geos.NewContext()
	lines := make([]*geos.Geom, len(sg.Lines))
	for i, ls := range sg.Lines {
		cs := make([][]float64, len(ls))
		for k, p := range ls {
			cs[k] = []float64{p[0], p[1]}
		}
		lines[i] = ctx.NewLineString(cs)
	}
	b.Run("geos-prepared", func(b *testing.B) {
		clones := make([]*geos.Geom, len(lines))
		for i, l := range lines {
			clones[i] = l.Clone()
		}
		multi := ctx.NewCollection(geos.TypeIDMultiLineString, clones)
		prep := multi.Prepare()
		b.ReportAllocs()
		for b.Loop() {
			for _, bl := range buildings {
				pt := ctx.NewPoint([]float64{bl.Point[0], bl.Point[1]})
				cs := prep.NearestPoints(pt)
				if cs == nil {
					b.Fatal("no nearest point")
				}
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(buildings)), "ns/query")
	})
	b.Run("geos-brute", func(b *testing.B) {
		sample := buildings[:100]
		b.ReportAllocs()
		for b.Loop() {
			for _, bl := range sample {
				pt := ctx.NewPoint([]float64{bl.Point[0], bl.Point[1]})
				best := math.Inf(1)
				for _, l := range lines {
					best = math.Min(best, pt.Distance(l))
				}
				if math.IsInf(best, 1) {
					b.Fatal("no street")
				}
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(sample)), "ns/query")
	})
}

// BenchmarkStreetGraph measures noding the 1,684 Delft street pieces
// (crossings, snapping, dedupe, components).
func BenchmarkStreetGraph(b *testing.B) {
	streets, _ := netfixture.Delft(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := warmtenet.NewStreetGraph(streets, warmtenet.StreetOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRouteDelft measures warmtenet.Route end to end on the Delft
// demo: street graph, 3,472 terminals, source choice, the
// route-size-reprice rounds and the output segments.
func BenchmarkRouteDelft(b *testing.B) {
	streets, buildings := netfixture.Delft(b)
	opt := warmtenet.Options{Catalogue: netfixture.Catalogue(), PipeCost: netfixture.PipeCost}
	b.ReportAllocs()
	var net *warmtenet.Network
	for b.Loop() {
		var err error
		if net, err = warmtenet.Route(context.Background(), streets, buildings, opt); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(net.Iterations), "rounds")
	b.ReportMetric(float64(net.Totals.Connections), "connections")
}
