package warmtenet

// Unshared returns a copy of n without the routing problem it was set up
// from, so that a route started from it (Options.StartFrom) attaches its
// buildings and chooses its source itself: the unshared path.
func Unshared(n *Network) *Network {
	c := *n
	c.inst = nil
	return &c
}

// SharesNetwork reports whether a and b were routed over the same
// routing network (one attach between them).
func SharesNetwork(a, b *Network) bool {
	return a.inst != nil && b.inst != nil && a.inst.nw == b.inst.nw
}

// WithRoundHook returns o with a hook that sees each routing round's
// graph, terminals, tree weight and lower bound after its solve.
func WithRoundHook(o Options, f func(g *Graph, terms []int32, weight, lowerBound float64)) Options {
	o.roundHook = f
	return o
}
