package warmtenet

import (
	"errors"
	"math"
	"testing"

	"github.com/paulmach/orb"

	"github.com/wijkwarmte/wijkwarmte/geodata"
)

func street(id string, pts ...float64) geodata.Street {
	var ls orb.LineString
	for i := 0; i+1 < len(pts); i += 2 {
		ls = append(ls, orb.Point{pts[i], pts[i+1]})
	}
	return geodata.Street{ID: id, Class: "residential", Line: ls}
}

func TestNewStreetGraph(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		streets    []geodata.Street
		tol        float64
		nodes      int
		edges      int
		components int
		lengthM    float64
		check      func(t *testing.T, sg *StreetGraph)
	}{
		{
			name:    "T crossing noded",
			streets: []geodata.Street{street("a", 0, 0, 10, 0), street("b", 5, 0, 5, 5)},
			nodes:   4, edges: 3, components: 1, lengthM: 15,
		},
		{
			name:    "X crossing without shared vertex",
			streets: []geodata.Street{street("a", 0, 0, 10, 0), street("b", 5, -5, 5, 5)},
			nodes:   5, edges: 4, components: 1, lengthM: 20,
			check: func(t *testing.T, sg *StreetGraph) {
				if sg.Stats.Crossings != 1 {
					t.Errorf("crossings = %d, want 1", sg.Stats.Crossings)
				}
			},
		},
		{
			name:    "crossing at interior vertices of both lines",
			streets: []geodata.Street{street("a", 0, 0, 5, 0, 10, 0), street("b", 5, -5, 5, 0, 5, 5)},
			nodes:   5, edges: 4, components: 1, lengthM: 20,
		},
		{
			name:    "ends 0.6 m apart snapped at 1 m",
			streets: []geodata.Street{street("a", 0, 0, 10, 0), street("b", 10.6, 0, 20, 0)},
			tol:     1, nodes: 3, edges: 2, components: 1,
			check: func(t *testing.T, sg *StreetGraph) {
				if sg.Stats.SnappedEnds == 0 || math.Abs(sg.Stats.MaxSnapGapM-0.6) > 1e-9 {
					t.Errorf("snapped %d ends, max gap %v; want a 0.6 m gap bridged", sg.Stats.SnappedEnds, sg.Stats.MaxSnapGapM)
				}
			},
		},
		{
			name:    "ends 0.6 m apart not snapped at 0.5 m",
			streets: []geodata.Street{street("a", 0, 0, 10, 0), street("b", 10.6, 0, 20, 0)},
			tol:     0.5, nodes: 4, edges: 2, components: 2, lengthM: 19.4,
		},
		{
			name:    "near-miss T end snapped onto the other line",
			streets: []geodata.Street{street("a", 0, 0, 10, 0), street("b", 5, 0.7, 5, 5)},
			tol:     1, nodes: 4, edges: 3, components: 1, lengthM: 15,
			check: func(t *testing.T, sg *StreetGraph) {
				for _, p := range sg.Nodes {
					if p == (orb.Point{5, 0}) {
						return
					}
				}
				t.Errorf("no node at (5, 0): %v", sg.Nodes)
			},
		},
		{
			name:    "duplicate line removed",
			streets: []geodata.Street{street("a", 0, 0, 10, 0), street("a2", 10, 0, 0, 0), street("b", 10, 0, 10, 10)},
			nodes:   3, edges: 2, components: 1, lengthM: 20,
			check: func(t *testing.T, sg *StreetGraph) {
				if sg.Stats.Duplicates != 1 || sg.Stats.DuplicateM != 10 {
					t.Errorf("duplicates %d (%v m), want 1 (10 m)", sg.Stats.Duplicates, sg.Stats.DuplicateM)
				}
			},
		},
		{
			name:    "partial collinear overlap removed once",
			streets: []geodata.Street{street("a", 0, 0, 10, 0), street("b", 5, 0, 15, 0)},
			nodes:   4, edges: 3, components: 1, lengthM: 15,
		},
		{
			name:    "zero-length piece removed",
			streets: []geodata.Street{street("a", 0, 0, 10, 0), street("z", 3, 3, 3, 3), street("one", 7, 7)},
			nodes:   2, edges: 1, components: 1, lengthM: 10,
			check: func(t *testing.T, sg *StreetGraph) {
				if sg.Stats.ZeroLength != 2 || len(sg.Stats.RemovedStreets) != 2 || sg.Stats.RemovedStreets[0] != "z" {
					t.Errorf("zero-length %d %v, want 2 [z one]", sg.Stats.ZeroLength, sg.Stats.RemovedStreets)
				}
			},
		},
		{
			name:    "two components reported",
			streets: []geodata.Street{street("a", 0, 0, 10, 0), street("b", 10, 0, 10, 10), street("c", 100, 100, 103, 100)},
			nodes:   5, edges: 3, components: 2, lengthM: 23,
			check: func(t *testing.T, sg *StreetGraph) {
				want := []Component{{ID: 0, Nodes: 3, Edges: 2, LengthM: 20}, {ID: 1, Nodes: 2, Edges: 1, LengthM: 3}}
				for i, c := range want {
					if sg.Components[i] != c {
						t.Errorf("component %d = %+v, want %+v", i, sg.Components[i], c)
					}
				}
			},
		},
		{
			name:    "closed loop split",
			streets: []geodata.Street{street("ring", 0, 0, 10, 0, 10, 10, 0, 10, 0, 0)},
			nodes:   2, edges: 2, components: 1, lengthM: 40,
		},
		{
			name:    "short piece collapsed by snapping",
			streets: []geodata.Street{street("a", 0, 0, 10, 0), street("s", 10.2, 0.1, 10.5, 0.1)},
			tol:     1, nodes: 2, edges: 1, components: 1,
			check: func(t *testing.T, sg *StreetGraph) {
				if sg.Stats.Collapsed != 1 {
					t.Errorf("collapsed = %d, want 1", sg.Stats.Collapsed)
				}
				// a's end may move onto the short piece (0.22 m away).
				if l := sg.Stats.TotalLengthM; l < 10 || l > 10.25 {
					t.Errorf("total length %v m, want 10-10.25", l)
				}
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			sg, err := NewStreetGraph(tc.streets, StreetOptions{SnapToleranceM: tc.tol})
			if err != nil {
				t.Fatal(err)
			}
			g := sg.Graph
			if g.NumNodes() != tc.nodes || g.NumEdges() != tc.edges || len(sg.Components) != tc.components {
				t.Errorf("got %d nodes, %d edges, %d components; want %d, %d, %d\nnodes %v\nlines %v",
					g.NumNodes(), g.NumEdges(), len(sg.Components), tc.nodes, tc.edges, tc.components, sg.Nodes, sg.Lines)
			}
			if tc.lengthM > 0 && math.Abs(sg.Stats.TotalLengthM-tc.lengthM) > 1e-9 {
				t.Errorf("total length %v m, want %v", sg.Stats.TotalLengthM, tc.lengthM)
			}
			for e, ls := range sg.Lines {
				if ls[0] != sg.Nodes[g.EdgeU[e]] || ls[len(ls)-1] != sg.Nodes[g.EdgeV[e]] {
					t.Errorf("edge %d geometry %v does not run from node %v to %v", e, ls, sg.Nodes[g.EdgeU[e]], sg.Nodes[g.EdgeV[e]])
				}
				if math.Abs(lineLength(ls)-g.Weight[e]) > 1e-9 {
					t.Errorf("edge %d weight %v, geometry length %v", e, g.Weight[e], lineLength(ls))
				}
			}
			if tc.check != nil {
				tc.check(t, sg)
			}
		})
	}
}

func TestNewStreetGraphBadCoordinate(t *testing.T) {
	t.Parallel()
	_, err := NewStreetGraph([]geodata.Street{street("ok", 0, 0, 1, 1), street("w42", 0, 0, math.NaN(), 1)}, StreetOptions{})
	var fe *geodata.FeatureError
	if !errors.Is(err, ErrBadStreet) || !errors.As(err, &fe) || fe.Feature != 1 || fe.ID != "w42" {
		t.Fatalf("err = %v, want ErrBadStreet at feature 1 (w42)", err)
	}
}

func TestStreetIndexMatchesBruteForce(t *testing.T) {
	t.Parallel()
	var streets []geodata.Street
	// A 10 x 10 block grid with 37 m blocks and some diagonals.
	for i := 0; i <= 10; i++ {
		f := float64(i) * 37
		streets = append(streets, street("h", 0, f, 370, f), street("v", f, 0, f, 370))
	}
	streets = append(streets, street("d", 0, 0, 370, 370), street("d2", 5, 360, 200, 10))
	sg, err := NewStreetGraph(streets, StreetOptions{})
	if err != nil {
		t.Fatal(err)
	}
	idx := NewStreetIndex(sg)
	for i := 0; i < 500; i++ {
		// deterministic pseudo-random points, some outside the grid
		p := orb.Point{math.Mod(float64(i)*97.31, 500) - 60, math.Mod(float64(i)*53.77, 480) - 50}
		hit, ok := idx.Nearest(p, math.Inf(1), nil)
		if !ok {
			t.Fatalf("no hit for %v", p)
		}
		best := math.Inf(1)
		for _, ls := range sg.Lines {
			for k := 0; k+1 < len(ls); k++ {
				d, _ := segDist2(p, ls[k][0], ls[k][1], ls[k+1][0], ls[k+1][1])
				best = math.Min(best, math.Sqrt(d))
			}
		}
		if math.Abs(hit.DistM-best) > 1e-9 || math.Abs(dist(p, hit.Point)-best) > 1e-9 {
			t.Fatalf("point %v: index %v m, brute force %v m", p, hit.DistM, best)
		}
		if math.Abs(dist(pointAlong(sg.Lines[hit.Edge], hit.AlongM), hit.Point)) > 1e-6 {
			t.Fatalf("point %v: AlongM %v does not lead to %v", p, hit.AlongM, hit.Point)
		}
	}
	if _, ok := idx.Nearest(orb.Point{-500, -500}, 10, nil); ok {
		t.Errorf("hit beyond maxDist")
	}
}
