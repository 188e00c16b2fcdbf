package warmtenet

import (
	"math"
	"slices"

	"github.com/paulmach/orb"

	"github.com/wijkwarmte/wijkwarmte/geodata"
)

// Existing pipe away from the streets (Options.Existing). A point of an
// existing pipe lies on the streets when a street edge of a served
// component is within ExistingBufferM of it, in any direction (a pipe
// along the street is matched to it by existingCover, a pipe crossing it
// meets it there); the rest of the pipe, sampled every coverStepM, is off
// the streets: across a park, through a courtyard, behind a row of houses
// farther than the buffer from the street. Each stretch off the streets
// (a run) joins the street graph at an end where the pipe comes back
// within the buffer: a straight link from the run's end to the nearest
// street point, where the street edge is split (attach), so that the run
// and its links, together the pipe's course from street to street, become
// edges of the routing network before the solve. The end of a pipe line
// joins a street only when the street lies within the buffer of it. Runs
// that meet (an end on another run, within the snap tolerance: a branch
// of the pipe network in the park), and runs that cross (two pipes drawn
// across each other without a vertex where they cross, runCrossings),
// share a node there, so a pipe network off the streets is routed as one.
// Pieces that lead nowhere (a dead end in the park: an end that joins
// neither a street nor another piece) are dropped, repeatedly, since a tree never uses them; their pipe counts as
// unmatched when nothing else of it is used.
//
// The edges are priced like the reused share of a street edge: nothing
// (no trench, no new pipe) while the existing DN is not below the pipe
// the edge is priced or sized at, so they weigh nothing in the routing;
// a piece too small for its load is priced as new pipe in a new trench
// along the same course (road-class factor 1, no works discount). The
// solver and its certificate are unchanged: the edges are ordinary
// non-negative edges of the graph it solves, and the dual-ascent bound
// holds for any such graph.

// offNode is a node of the existing pipe off the streets: a run's end that
// joins the street (onStreet, at hit) or a junction of runs.
type offNode struct {
	p        orb.Point
	onStreet bool
	hit      StreetHit
	pipe     int32 // the pipe of the link to the street
}

// offPiece is one edge of existing pipe off the streets, between two
// offNodes, its line from u to v.
type offPiece struct {
	u, v   int32
	pipe   int32
	line   orb.LineString
	length float64
}

// offStreet is the existing pipe off the streets that Route adds to the
// routing network.
type offStreet struct {
	nodes  []offNode
	pieces []offPiece
}

// equal reports whether o and x add the same nodes and pieces.
func (o *offStreet) equal(x *offStreet) bool {
	if o == nil || x == nil {
		return o == x
	}
	return slices.Equal(o.nodes, x.nodes) && slices.EqualFunc(o.pieces, x.pieces, func(a, b offPiece) bool {
		return a.u == b.u && a.v == b.v && a.pipe == b.pipe && a.length == b.length && slices.Equal(a.line, b.line)
	})
}

// offRun is a stretch of one pipe line off the streets: from a to b
// along ls; inner{A,B} tell whether that end lies where the pipe comes
// back to the streets (not the line's own end).
type offRun struct {
	pipe           int32
	line           orb.LineString // the run itself
	length         float64
	innerA, innerB bool
}

// offStreetPieces finds the existing pipe off the street edges that keep
// accepts (the served components) and how it joins them. idx indexes the
// street graph, buf is the match tolerance (ExistingBufferM), tol the
// distance within which run ends meet (the snap tolerance). O(pipe length
// / coverStepM nearest-street queries + runs² + the runs' crossing
// segment pairs).
func offStreetPieces(sg *StreetGraph, idx *StreetIndex, keep func(int32) bool, pipes []geodata.ExistingPipe, buf, tol float64) *offStreet {
	tol = max(tol, splitTolM)
	var bound orb.Bound
	first := true
	for e := range sg.Graph.EdgeU {
		if !keep(int32(e)) {
			continue
		}
		if b := sg.Lines[e].Bound(); first {
			bound, first = b, false
		} else {
			bound = bound.Union(b)
		}
	}
	if first {
		return nil
	}
	bound = bound.Pad(buf)
	var runs []offRun
	var near []bool
	addLine := func(ls orb.LineString, pipe int32) {
		if len(ls) < 2 || !ls.Bound().Intersects(bound) {
			return
		}
		l := lineLength(ls)
		if !(l > 0) {
			return
		}
		n := max(1, int(math.Ceil(l/coverStepM)))
		step := l / float64(n)
		near = slices.Grow(near[:0], n)[:n]
		for j := range near {
			_, near[j] = idx.Nearest(pointAlong(ls, (float64(j)+0.5)*step), buf, keep)
		}
		for j := 0; j < n; {
			if near[j] {
				j++
				continue
			}
			k := j
			for k < n && !near[k] {
				k++
			}
			a, b := float64(j)*step, float64(k)*step
			if k == n {
				b = l
			}
			runs = append(runs, offRun{pipe: pipe, line: subLine(ls, a, b), length: b - a, innerA: j > 0, innerB: k < n})
			j = k
		}
	}
	pipeLines(pipes, addLine)
	if len(runs) == 0 {
		return nil
	}

	// Cut each run where another run's end lies on it (a branch) and
	// where it crosses another run or itself (runCrossings).
	type end struct {
		p     orb.Point
		run   int
		inner bool
	}
	var ends []end
	for r, x := range runs {
		ends = append(ends, end{x.line[0], r, x.innerA}, end{x.line[len(x.line)-1], r, x.innerB})
	}
	var pieces []offPiece
	var pts []orb.Point // piece ends, two per piece
	var endOf []int     // per piece end: the run end it is (-1: a cut)
	cross := runCrossings(runs, tol)
	for r, x := range runs {
		cuts := append([]float64{0, x.length}, cross[r]...)
		for _, q := range ends {
			if q.run == r {
				continue
			}
			if d, at := projectOnLine(x.line, q.p); d <= tol && at > tol && at < x.length-tol {
				cuts = append(cuts, at)
			}
		}
		slices.Sort(cuts)
		cuts = slices.CompactFunc(cuts, func(a, b float64) bool { return math.Abs(b-a) <= splitTolM })
		cuts[len(cuts)-1] = x.length
		for k := 0; k+1 < len(cuts); k++ {
			ls := subLine(x.line, cuts[k], cuts[k+1])
			pieces = append(pieces, offPiece{pipe: x.pipe, line: ls, length: cuts[k+1] - cuts[k]})
			pts = append(pts, ls[0], ls[len(ls)-1])
			ea, eb := -1, -1
			if k == 0 {
				ea = 2 * r
			}
			if k+2 == len(cuts) {
				eb = 2*r + 1
			}
			endOf = append(endOf, ea, eb)
		}
	}

	// Nodes: piece ends within tol of one another are one node (the
	// first one's point); a node joins the street at the nearest street
	// point of its run ends (within the buffer of a line's own end, within
	// the buffer and a sampling step of a run's inner end).
	type cell struct{ i, j int64 }
	grid := map[cell][]int32{}
	cellOf := func(p orb.Point) cell {
		return cell{int64(math.Floor(p[0] / tol)), int64(math.Floor(p[1] / tol))}
	}
	var nodes []offNode
	nodeOf := make([]int32, len(pts))
	for k, p := range pts {
		c := cellOf(p)
		found := int32(-1)
		for di := int64(-1); di <= 1 && found < 0; di++ {
			for dj := int64(-1); dj <= 1 && found < 0; dj++ {
				for _, v := range grid[cell{c.i + di, c.j + dj}] {
					if dist(nodes[v].p, p) <= tol {
						found = v
						break
					}
				}
			}
		}
		if found < 0 {
			found = int32(len(nodes))
			nodes = append(nodes, offNode{p: p, pipe: -1})
			grid[c] = append(grid[c], found)
		}
		nodeOf[k] = found
		if endOf[k] < 0 {
			continue
		}
		q := ends[endOf[k]]
		reach := buf
		if q.inner {
			reach += coverStepM
		}
		if h, ok := idx.Nearest(q.p, reach, keep); ok {
			nd := &nodes[found]
			if !nd.onStreet || h.DistM < nd.hit.DistM {
				nd.onStreet, nd.hit, nd.pipe = true, h, runs[q.run].pipe
			}
		}
	}
	for i := range pieces {
		pieces[i].u, pieces[i].v = nodeOf[2*i], nodeOf[2*i+1]
	}

	// Drop loops and, repeatedly, the pieces at a node that joins nothing
	// else.
	alive := make([]bool, len(pieces))
	deg := make([]int, len(nodes))
	at := make([][]int32, len(nodes))
	for i, pc := range pieces {
		if pc.u == pc.v || !(pc.length > 0) {
			continue
		}
		alive[i] = true
		deg[pc.u]++
		deg[pc.v]++
		at[pc.u], at[pc.v] = append(at[pc.u], int32(i)), append(at[pc.v], int32(i))
	}
	var queue []int32
	for v := range nodes {
		if deg[v] == 1 && !nodes[v].onStreet {
			queue = append(queue, int32(v))
		}
	}
	for len(queue) > 0 {
		v := queue[0]
		queue = queue[1:]
		for _, i := range at[v] {
			if !alive[i] {
				continue
			}
			alive[i] = false
			for _, w := range [2]int32{pieces[i].u, pieces[i].v} {
				deg[w]--
				if w != v && deg[w] == 1 && !nodes[w].onStreet {
					queue = append(queue, w)
				}
			}
		}
	}

	// Keep the nodes still used, in order, and the pieces alive.
	out := &offStreet{}
	renum := make([]int32, len(nodes))
	for v := range nodes {
		renum[v] = -1
		if deg[v] > 0 {
			renum[v] = int32(len(out.nodes))
			out.nodes = append(out.nodes, nodes[v])
		}
	}
	for i, pc := range pieces {
		if !alive[i] {
			continue
		}
		pc.u, pc.v = renum[pc.u], renum[pc.v]
		pc.line = slices.Clone(pc.line)
		pc.line[0], pc.line[len(pc.line)-1] = out.nodes[pc.u].p, out.nodes[pc.v].p
		out.pieces = append(out.pieces, pc)
	}
	if len(out.pieces) == 0 {
		return nil
	}
	return out
}

// runCrossings returns, per run, the distances along it at which it
// crosses or touches another run, or itself away from its own vertices
// (two pipes drawn across each other, with no vertex where they cross):
// the runs are cut there, so the pieces on either side meet in one node
// and the pipes are routed as joined. Only points that lie inside a run
// (beyond tol from its ends) are returned: a crossing at a run's end is
// a branch, which the ends' cuts find. Collinear overlaps are left out
// (no single point). O(runs² + crossing segment pairs of runs whose
// bounds meet).
func runCrossings(runs []offRun, tol float64) [][]float64 {
	cross := make([][]float64, len(runs))
	bounds := make([]orb.Bound, len(runs))
	for r, x := range runs {
		bounds[r] = x.line.Bound()
	}
	// add keeps, for run r, the point at fraction t of its segment of
	// length l that starts acc along it.
	add := func(r int, acc, l, t float64) {
		if d := acc + t*l; d > tol && d < runs[r].length-tol {
			cross[r] = append(cross[r], d)
		}
	}
	for r := range runs {
		for q := r; q < len(runs); q++ {
			if !bounds[r].Intersects(bounds[q]) {
				continue
			}
			a, b := runs[r].line, runs[q].line
			accA := 0.0
			for i := 0; i+1 < len(a); i++ {
				la := dist(a[i], a[i+1])
				accB := 0.0
				for j := 0; j+1 < len(b); j++ {
					lb := dist(b[j], b[j+1])
					if q == r && j <= i+1 {
						// itself: only segments that are not neighbours
						accB += lb
						continue
					}
					if t, u, ok := segCross(a[i], a[i+1], b[j], b[j+1]); ok {
						add(r, accA, la, t)
						add(q, accB, lb, u)
					}
					accB += lb
				}
				accA += la
			}
		}
	}
	for r := range cross {
		slices.Sort(cross[r])
	}
	return cross
}

// segCross returns where the segments a-b and c-d meet, as fractions t of
// a-b and u of c-d (both in [0, 1]); ok is false when they do not meet
// in one point (apart, parallel or collinear, or of zero length).
func segCross(a, b, c, d orb.Point) (t, u float64, ok bool) {
	rx, ry := b[0]-a[0], b[1]-a[1]
	sx, sy := d[0]-c[0], d[1]-c[1]
	den := rx*sy - ry*sx
	if den == 0 {
		return 0, 0, false
	}
	qx, qy := c[0]-a[0], c[1]-a[1]
	t = (qx*sy - qy*sx) / den
	u = (qx*ry - qy*rx) / den
	if !(t >= 0 && t <= 1 && u >= 0 && u <= 1) {
		return 0, 0, false
	}
	return t, u, true
}

// projectOnLine returns the distance from p to ls and the distance along
// ls of the closest point (the first one of equal distance).
func projectOnLine(ls orb.LineString, p orb.Point) (d, along float64) {
	d, acc := math.Inf(1), 0.0
	for k := 0; k+1 < len(ls); k++ {
		a, b := ls[k], ls[k+1]
		d2, t := segDist2(p, a[0], a[1], b[0], b[1])
		l := dist(a, b)
		if dd := math.Sqrt(d2); dd < d {
			d, along = dd, acc+t*l
		}
		acc += l
	}
	return d, along
}

// addOffStreet adds the existing pipe off the streets to nw: leaf is the
// network node of each of off's nodes that joins the street (attach made
// them, in order), in off.nodes order; the other nodes are added.
// Its edges are kindExisting with the pipe index as ref, after every
// other edge. Called before anything else extends nw.
func (nw *network) addOffStreet(off *offStreet, leaf []int32) {
	node := make([]int32, len(off.nodes))
	k := 0
	for i, n := range off.nodes {
		if n.onStreet {
			node[i] = leaf[k]
			k++
			continue
		}
		node[i] = int32(len(nw.nodes))
		nw.nodes = append(nw.nodes, n.p)
	}
	for _, pc := range off.pieces {
		u, v := node[pc.u], node[pc.v]
		if u == v {
			continue // both ends joined the same street point
		}
		ls := slices.Clone(pc.line)
		ls[0], ls[len(ls)-1] = nw.nodes[u], nw.nodes[v]
		nw.eu, nw.ev = append(nw.eu, u), append(nw.ev, v)
		nw.length = append(nw.length, pc.length)
		nw.lines = append(nw.lines, ls)
		nw.kind = append(nw.kind, kindExisting)
		nw.class = append(nw.class, "")
		nw.ref = append(nw.ref, pc.pipe)
	}
}

// offStreetAttachments are the attachments that join off's street nodes
// to the street, in off.nodes order.
func offStreetAttachments(off *offStreet) []attachment {
	var atts []attachment
	for _, n := range off.nodes {
		if n.onStreet {
			atts = append(atts, attachment{p: n.p, hit: n.hit, kind: kindExisting, ref: n.pipe})
		}
	}
	return atts
}

// anyNear reports whether a segment of g may lie within the grid's pad of
// a point in b: whether a cell that b overlaps lists a segment (each is
// listed in every cell its box, padded by the pad, overlaps). False means
// none does, so a query from any point of b within that pad finds none
// (existingCover skips such an edge's samples; it pads b by nearSlackM
// against rounding).
func (g *segGrid) anyNear(b orb.Bound) bool {
	if len(g.ax) == 0 {
		return false
	}
	i0, j0 := g.cellOf(b.Min[0], b.Min[1])
	i1, j1 := g.cellOf(b.Max[0], b.Max[1])
	for j := j0; j <= j1; j++ {
		if g.start[j*g.nx+i0] != g.start[j*g.nx+i1+1] {
			return true
		}
	}
	return false
}
