package geodata

import (
	"errors"
	"fmt"
	"strings"
)

// Sentinel errors. Test with errors.Is; a FeatureError wraps one of them or
// the underlying decode error.
var (
	ErrUnknownFormat = errors.New("geodata: unrecognised file format")
	ErrNoLayer       = errors.New("geodata: no such layer")
	ErrCRS           = errors.New("geodata: missing or unsupported CRS")
	ErrCorrupt       = errors.New("geodata: corrupt or truncated file")
	ErrGeometry      = errors.New("geodata: bad geometry")
	ErrColumns       = errors.New("geodata: wrong columns")
	// ErrValue: a well-formed record holds a value outside its domain
	// (an energy class "Q", a date that is not YYYYMMDD); the file itself
	// is intact, unlike ErrCorrupt.
	ErrValue = errors.New("geodata: bad value")
)

// FeatureError locates bad data, like encoding/csv.ParseError: the file,
// the layer, the feature index (0-based, -1 when not known), the BAG or
// source id when known, and the line for text formats (0 when not known).
type FeatureError struct {
	File    string
	Layer   string
	Feature int
	Line    int
	ID      string
	Err     error
}

// Error formats the location and the cause on one line:
// "file: layer l: line n: feature i (id x): cause", leaving out the parts
// that are not known.
func (e *FeatureError) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Layer != "" {
		fmt.Fprintf(&b, ": layer %s", e.Layer)
	}
	if e.Line > 0 {
		fmt.Fprintf(&b, ": line %d", e.Line)
	}
	if e.Feature >= 0 {
		fmt.Fprintf(&b, ": feature %d", e.Feature)
	}
	if e.ID != "" {
		fmt.Fprintf(&b, " (id %s)", e.ID)
	}
	fmt.Fprintf(&b, ": %v", e.Err)
	return b.String()
}

// Unwrap returns the cause, so that errors.Is finds the sentinel
// (ErrCorrupt, ErrCRS, ErrOutsideNL, ...) a FeatureError wraps.
func (e *FeatureError) Unwrap() error { return e.Err }
