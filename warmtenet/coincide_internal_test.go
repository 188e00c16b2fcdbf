package warmtenet

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/paulmach/orb"
)

// refNoder is addCoincident as it was before the coarse cells: a map of
// coincideM cells, the point's cell and its 8 neighbours looked up in
// turn. TestAddCoincidentReference holds the current one to it.
type refNoder struct {
	n     *noder
	cells map[[2]int64][]int32
}

func (r *refNoder) add(id int32) {
	n := r.n
	p := n.pts[id]
	kx, ky := int64(math.Floor(p[0]/coincideM)), int64(math.Floor(p[1]/coincideM))
	for dx := int64(-1); dx <= 1; dx++ {
		for dy := int64(-1); dy <= 1; dy++ {
			for _, o := range r.cells[[2]int64{kx + dx, ky + dy}] {
				if dist(n.pts[o], p) <= coincideM {
					n.union(id, o)
				}
			}
		}
	}
	r.cells[[2]int64{kx, ky}] = append(r.cells[[2]int64{kx, ky}], id)
}

// TestAddCoincidentReference: on clouds of points in clusters within a
// few coincideM (some across a coincideCellM cell side, some exactly
// repeated, at RD coordinates and at coordinates near 0 and below it),
// with random onLine flags, addCoincident leaves every point's parent
// (the union-find's representatives, so the street graph's node
// positions) as the reference does, in mergeCoincident and for points
// added one at a time after it (as snapEnds adds them).
func TestAddCoincidentReference(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(12, 7))
	united := 0
	for round := range 400 {
		var pts []orb.Point
		base := orb.Point{155000 + 1000*rng.Float64(), 463000 + 1000*rng.Float64()}
		switch round % 4 {
		case 1:
			base = orb.Point{math.Round(base[0]), math.Round(base[1])} // on cell sides
		case 2:
			base = orb.Point{rng.Float64() - 0.5, rng.Float64() - 0.5}
		}
		for c := 1 + rng.IntN(30); c > 0; c-- {
			centre := orb.Point{base[0] + 3*rng.Float64(), base[1] + 3*rng.Float64()}
			if rng.IntN(3) == 0 {
				centre = orb.Point{math.Round(centre[0]), math.Round(centre[1])}
			}
			for k := 1 + rng.IntN(6); k > 0; k-- {
				q := centre
				if rng.IntN(3) > 0 {
					q = orb.Point{q[0] + (rng.Float64()-0.5)*4*coincideM, q[1] + (rng.Float64()-0.5)*4*coincideM}
				}
				pts = append(pts, q)
			}
		}
		later := rng.IntN(len(pts) + 1) // the points from here on are added one by one
		onLine := make([]bool, len(pts))
		for i := range onLine {
			onLine[i] = rng.IntN(2) == 0
		}
		got := &noder{pts: pts[:later:later], onLine: onLine[:later:later]}
		want := &noder{pts: pts[:later:later], onLine: onLine[:later:later]}
		got.mergeCoincident()
		ref := &refNoder{want, map[[2]int64][]int32{}}
		want.parent = make([]int32, later)
		for id := range later {
			want.parent[id] = int32(id)
			ref.add(int32(id))
		}
		for id := later; id < len(pts); id++ {
			for _, n := range []*noder{got, want} {
				n.pts = append(n.pts, pts[id])
				n.onLine = append(n.onLine, onLine[id])
				n.parent = append(n.parent, int32(id))
			}
			got.addCoincident(int32(id))
			ref.add(int32(id))
		}
		for id := range pts {
			if got.parent[id] != want.parent[id] {
				t.Fatalf("round %d: point %d has parent %d, the reference %d", round, id, got.parent[id], want.parent[id])
			}
			if want.parent[id] != int32(id) {
				united++
			}
		}
	}
	if united == 0 {
		t.Error("no points united")
	}
}
