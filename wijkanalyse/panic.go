package wijkanalyse

import (
	"errors"
	"fmt"

	"github.com/wijkwarmte/wijkwarmte/geodata"
)

// ErrInternal: a stage of the scan panicked (a bug) while handling one
// pand. It comes wrapped in a *geodata.FeatureError naming the pand's
// index and BAG id, so that a worker goroutine's panic reaches the caller
// as an error, never as a crash.
var ErrInternal = errors.New("wijkanalyse: internal error")

// recoverPand turns a panic into *err: a *geodata.FeatureError for pand
// i of layer (ids[i] its BAG id, when known) wrapping ErrInternal and the
// panic value. Use it deferred, first thing in the function that handles
// one pand inside a worker goroutine.
func recoverPand(err *error, layer string, i int, ids []string) {
	r := recover()
	if r == nil {
		return
	}
	id := ""
	if i >= 0 && i < len(ids) {
		id = ids[i]
	}
	*err = &geodata.FeatureError{Layer: layer, Feature: i, ID: id, Err: fmt.Errorf("%w: panic: %v", ErrInternal, r)}
}
