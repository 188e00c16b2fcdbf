package warmtenet_test

import (
	"fmt"
	"slices"

	"github.com/wijkwarmte/wijkwarmte/warmtenet"
)

// A street corner: three buildings (terminals 0, 1, 2) joined more cheaply
// through the junction 3 than along the direct links.
func ExampleSteiner_Tree() {
	u := []int32{0, 1, 2, 0, 1, 0}
	v := []int32{3, 3, 3, 1, 2, 2}
	w := []float64{10, 10, 10, 18, 18, 18} // metres
	g, err := warmtenet.NewGraph(4, u, v, w)
	if err != nil {
		fmt.Println(err)
		return
	}
	s := warmtenet.NewSteiner()
	edges, length, err := s.Tree(nil, g, []int32{0, 1, 2})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%d edges, %.0f m\n", len(edges), length)
	// Output: 3 edges, 30 m
}

// The same corner solved exactly: ExactTree returns the optimal tree's
// edges, here the three to the junction.
func ExampleExactTree() {
	u := []int32{0, 1, 2, 0, 1, 0}
	v := []int32{3, 3, 3, 1, 2, 2}
	w := []float64{10, 10, 10, 18, 18, 18} // metres
	g, err := warmtenet.NewGraph(4, u, v, w)
	if err != nil {
		fmt.Println(err)
		return
	}
	edges, length, err := warmtenet.ExactTree(nil, g, []int32{0, 1, 2})
	if err != nil {
		fmt.Println(err)
		return
	}
	slices.Sort(edges)
	fmt.Println(edges, length)
	// Output: [0 1 2] 30
}

// Tree reduces the instance before its search: on a path of four nodes
// with terminals at the ends, the two inner nodes are replaced by one edge
// and the remaining two terminals merged, so nothing is left to search.
func ExampleSteiner_Tree_reduction() {
	g, err := warmtenet.NewGraph(4, []int32{0, 1, 2}, []int32{1, 2, 3}, []float64{5, 7, 9})
	if err != nil {
		fmt.Println(err)
		return
	}
	s := warmtenet.NewSteiner()
	edges, length, err := s.Tree(nil, g, []int32{0, 3})
	if err != nil {
		fmt.Println(err)
		return
	}
	r := s.Reduction
	fmt.Printf("%d edges, %.0f m; %d nodes / %d edges -> %d / %d, gap %v\n",
		len(edges), length, r.Nodes, r.Edges, r.ReducedNodes, r.ReducedEdges, s.Gap)
	// Output: 3 edges, 21 m; 4 nodes / 3 edges -> 1 / 0, gap 0
}
