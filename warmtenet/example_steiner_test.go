package warmtenet_test

import (
	"fmt"

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
