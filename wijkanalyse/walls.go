package wijkanalyse

import (
	"cmp"
	"context"
	"slices"
	"sync"

	"github.com/paulmach/orb"
	"github.com/twpayne/go-geos"
)

// wall is a party wall: footprints a < b share LengthM metres of boundary.
type wall struct {
	a, b    int32
	lengthM float64
}

// sharedWalls finds every pair of footprints whose boundaries run within
// gap metres of each other and measures the shared length with GEOS:
//
//	shared(a, b) = min( length(boundary(a) ∩ buffer(b, gap)),
//	                    length(boundary(b) ∩ buffer(a, gap)) )
//
// Taking the minimum of both directions keeps a small shed against a long
// wall at the shed's length. The buffer also picks up up to gap metres of
// each wall perpendicular to the contact, so contacts shorter than a few
// metres are corners, not party walls (see Options.MinSharedWallM).
//
// Candidate pairs come from the grid index (bounding boxes within gap),
// so the work is O(n·k) for k neighbours per footprint, not O(n²); only
// candidate pairs reach GEOS. Each worker goroutine has its own GEOS
// context; GEOS geometries live only for one pand (see pandWalls). pair
// filters the candidate pairs before any GEOS call. Pairs that GEOS
// rejects are skipped and counted in the returned failure count; a panic
// in a worker is returned as an error naming the pand's index and id
// (ids[i]).
func sharedWalls(ctx context.Context, fps []orb.Polygon, ids []string, idx *grid, gap float64, workers int, pair func(i, j int) bool) ([]wall, int, error) {
	workers = max(1, workers)
	type out struct {
		walls []wall
		fails int
	}
	outs := make([]out, workers)
	var wg sync.WaitGroup
	errc := make(chan error, workers)
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			gc := geos.NewContext()
			seen := make([]uint32, len(fps))
			var stamp uint32
			var cands []int
			for i := w; i < len(fps); i += workers {
				if (i/workers)%256 == 0 {
					if err := ctx.Err(); err != nil {
						errc <- err
						return
					}
				}
				stamp++
				ws, fails, err := pandWalls(gc, fps, ids, idx, i, seen, stamp, &cands, gap, pair)
				if err != nil {
					errc <- err
					return
				}
				outs[w].walls = append(outs[w].walls, ws...)
				outs[w].fails += fails
			}
		}()
	}
	wg.Wait()
	close(errc)
	if err := <-errc; err != nil {
		return nil, 0, err
	}
	var walls []wall
	fails := 0
	for _, o := range outs {
		walls = append(walls, o.walls...)
		fails += o.fails
	}
	// In pand order, whatever the number of workers: the callers sum the
	// lengths per pand, and a float sum depends on its order, so that one
	// worker and four would otherwise differ in the last bits.
	slices.SortFunc(walls, func(x, y wall) int {
		if c := cmp.Compare(x.a, y.a); c != 0 {
			return c
		}
		return cmp.Compare(x.b, y.b)
	})
	return walls, fails, nil
}

// pandWalls measures the walls footprint i shares with the footprints j >
// i near it that pair accepts (buf is scratch for the candidates). A panic inside (GEOS through cgo, or a bug) comes back
// as an error naming pand i (see recoverPand), so a worker goroutine
// never takes the process down.
//
// go-geos v0.20.4 (pinned: later versions need GEOS 3.12) has no
// Destroy: a Geom's C memory is freed by its runtime cleanup once the Geom
// is unreachable. The geometries here are kept local to this call so that
// they become unreachable as soon as the pand is done.
func pandWalls(gc *geos.Context, fps []orb.Polygon, ids []string, idx *grid, i int, seen []uint32, stamp uint32,
	buf *[]int, gap float64, pair func(i, j int) bool) (walls []wall, fails int, err error) {
	defer recoverPand(&err, "panden", i, ids)
	cands := (*buf)[:0]
	idx.query(expand(idx.boxes[i], gap), seen, stamp, func(j int) bool {
		if j > i && pair(i, j) {
			cands = append(cands, j)
		}
		return true
	})
	*buf = cands
	if len(cands) == 0 {
		return nil, 0, nil
	}
	gi, ok := geosPolygon(gc, fps[i])
	if !ok {
		return nil, len(cands), nil
	}
	bi := gi.Boundary()
	bufI := gi.Buffer(gap, 2)
	for _, j := range cands {
		l, ok := sharedLength(gc, bi, bufI, fps[j], gap)
		if !ok {
			fails++
			continue
		}
		if l > 0 {
			walls = append(walls, wall{int32(i), int32(j), l})
		}
	}
	return walls, fails, nil
}

// sharedLength measures the shared boundary of footprint i (given as its
// boundary bi and buffer bufI) and footprint fj. ok is false when GEOS
// rejects the geometry.
func sharedLength(gc *geos.Context, bi, bufI *geos.Geom, fj orb.Polygon, gap float64) (l float64, ok bool) {
	defer func() {
		if recover() != nil {
			l, ok = 0, false
		}
	}()
	gj, ok := geosPolygon(gc, fj)
	if !ok {
		return 0, false
	}
	if gj.Distance(bi) > gap {
		return 0, true
	}
	l1 := bi.Intersection(gj.Buffer(gap, 2)).Length()
	l2 := gj.Boundary().Intersection(bufI).Length()
	return min(l1, l2), true
}

// geosPolygon converts an orb polygon; ok is false for a polygon GEOS
// cannot build (a ring of fewer than 4 points).
func geosPolygon(gc *geos.Context, p orb.Polygon) (g *geos.Geom, ok bool) {
	defer func() {
		if recover() != nil {
			g, ok = nil, false
		}
	}()
	if len(p) == 0 || len(p[0]) < 4 {
		return nil, false
	}
	rings := make([][][]float64, len(p))
	for r, ring := range p {
		cs := make([][]float64, len(ring))
		for k, pt := range ring {
			cs[k] = []float64{pt[0], pt[1]}
		}
		if ring[0] != ring[len(ring)-1] {
			cs = append(cs, []float64{ring[0][0], ring[0][1]})
		}
		rings[r] = cs
	}
	return gc.NewPolygon(rings), true
}
