package wijkanalyse

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"github.com/wijkwarmte/wijkwarmte/geodata"
)

// TestSharedWallsRecoversPanic: a panic inside a party-wall worker comes
// back as an error naming the pand's index and BAG id, for any number of
// workers, instead of crashing the process.
func TestSharedWallsRecoversPanic(t *testing.T) {
	t.Parallel()
	in := handStreet()
	fps := make([]orb.Polygon, len(in.Panden))
	boxes := make([]orb.Bound, len(in.Panden))
	ids := make([]string, len(in.Panden))
	for i, p := range in.Panden {
		fps[i], boxes[i], ids[i] = p.Footprint, p.Footprint.Bound(), p.ID
	}
	const bad = 2 // T3, a terraced house with neighbours on both sides
	for _, workers := range []int{1, 2, 3} {
		_, _, err := sharedWalls(context.Background(), fps, ids, newGrid(boxes, gridCellM), 0.5, workers, func(i, j int) bool {
			if i == bad {
				panic("boom")
			}
			return true
		})
		var fe *geodata.FeatureError
		if !errors.As(err, &fe) || !errors.Is(err, ErrInternal) {
			t.Fatalf("workers %d: err %v, want a FeatureError wrapping ErrInternal", workers, err)
		}
		if fe.Feature != bad || fe.ID != ids[bad] || !strings.Contains(err.Error(), "boom") {
			t.Errorf("workers %d: %v names feature %d id %q, want %d %q and the panic value", workers, err, fe.Feature, fe.ID, bad, ids[bad])
		}
	}
}
