package benchmarks

import (
	"math"
	"testing"

	"github.com/wijkwarmte/wijkwarmte/internal/netfixture"
	"github.com/wijkwarmte/wijkwarmte/warmtenet"
)

// delftSteiner builds the Delft Wippolder street graph with
// warmtenet.NewStreetGraph and takes as terminals the node of its largest
// component nearest to each building (duplicates removed): the routing
// core's input on a real street network, without the service-pipe edges
// that warmtenet.Route adds.
func delftSteiner(b testing.TB) (*warmtenet.Graph, []int32) {
	streets, buildings := netfixture.Delft(b)
	sg, err := warmtenet.NewStreetGraph(streets, warmtenet.StreetOptions{})
	if err != nil {
		b.Fatal(err)
	}
	// A uniform grid of the component's nodes, cell 50 m, for the nearest
	// node of each building.
	const cell = 50.0
	type key struct{ x, y int }
	grid := map[key][]int32{}
	for v, p := range sg.Nodes {
		if sg.NodeComp[v] == 0 {
			k := key{int(math.Floor(p[0] / cell)), int(math.Floor(p[1] / cell))}
			grid[k] = append(grid[k], int32(v))
		}
	}
	seen := map[int32]bool{}
	var terms []int32
	for _, bld := range buildings {
		kx, ky := int(math.Floor(bld.Point[0]/cell)), int(math.Floor(bld.Point[1]/cell))
		best, bd := int32(-1), math.Inf(1)
		for r := 0; r < 20 && best < 0; r++ {
			for dx := -r - 1; dx <= r+1; dx++ {
				for dy := -r - 1; dy <= r+1; dy++ {
					for _, v := range grid[key{kx + dx, ky + dy}] {
						p := sg.Nodes[v]
						if d := math.Hypot(p[0]-bld.Point[0], p[1]-bld.Point[1]); d < bd {
							best, bd = v, d
						}
					}
				}
			}
		}
		if best >= 0 && !seen[best] {
			seen[best] = true
			terms = append(terms, best)
		}
	}
	return sg.Graph, terms
}

// BenchmarkSteinerDelft solves the Steiner tree of the Delft demo street
// graph (see delftSteiner) and alternates it with one multi-source
// Dijkstra from the same terminals, reporting CPU times and their ratio
// like BenchmarkSteinerVsDijkstra, and the tree length in metres with and
// without the local search.
func BenchmarkSteinerDelft(b *testing.B) {
	g, terms := delftSteiner(b)
	mehl := warmtenet.NewSteiner()
	mehl.NoLocalSearch = true
	_, wm, err := mehl.Tree(nil, g, terms)
	if err != nil {
		b.Fatal(err)
	}
	for _, budget := range steinerBudgets {
		b.Run(budget.name, func(b *testing.B) {
			s := warmtenet.NewSteiner()
			s.MaxWork = budget.work(g.NumNodes(), g.NumEdges())
			benchVsDijkstra(b, s, g, terms)
			b.ReportMetric(float64(g.NumNodes()), "nodes")
			b.ReportMetric(float64(g.NumEdges()), "edges")
			b.ReportMetric(float64(len(terms)), "terminals")
			b.ReportMetric(wm, "mehlhorn-m")
		})
	}
}

// BenchmarkDijkstraDelft times one multi-source Dijkstra on the Delft
// graph, rotating through termRotation's terminal sets and repeating the
// full set (see BenchmarkDijkstra).
func BenchmarkDijkstraDelft(b *testing.B) {
	g, terms := delftSteiner(b)
	b.Run("rotate", func(b *testing.B) { benchDijkstra(b, g, termRotation(terms)) })
	b.Run("repeat", func(b *testing.B) { benchDijkstra(b, g, [][]int32{terms}) })
}
