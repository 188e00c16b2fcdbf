package geodata

import (
	"errors"
	"io"
)

// PandReader streams panden from a source (a GeoPackage layer, a
// GeoParquet file, ...). Read fills dst with up to len(dst) panden and
// returns how many; at the end it returns 0, io.EOF (it may also return
// n > 0 with io.EOF). Data errors are *FeatureError values naming the
// file, layer and feature. Close releases the source; a reader is not safe
// for concurrent use. Memory does not grow with the number of panden read.
type PandReader interface {
	Read(dst []Pand) (int, error)
	Close() error
}

// VerblijfsobjectReader streams verblijfsobjecten; see PandReader.
type VerblijfsobjectReader interface {
	Read(dst []Verblijfsobject) (int, error)
	Close() error
}

// StreetReader streams street centrelines; see PandReader.
type StreetReader interface {
	Read(dst []Street) (int, error)
	Close() error
}

// Reader is any of the streaming readers of this package: Read fills dst
// and returns io.EOF at the end (see PandReader).
type Reader[T any] interface {
	Read(dst []T) (int, error)
}

// readAllBatch is the buffer size of ForEach and ReadAll, records.
const readAllBatch = 256

// ForEach reads r to its end and calls fn for every record, in order,
// reusing one buffer of 256 records; it stops at the first error of r or
// fn. A record passed to fn is overwritten by the next read: copy what
// must outlive the call. It does not close r.
func ForEach[T any](r Reader[T], fn func(*T) error) error {
	buf := make([]T, readAllBatch)
	for {
		n, err := r.Read(buf)
		for i := range buf[:n] {
			if ferr := fn(&buf[i]); ferr != nil {
				return ferr
			}
		}
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

// ReadAll reads r to its end and returns every record (nil when there are
// none). On an error it returns the records read before it. It does not
// close r; memory grows with the input, so use ForEach for large files.
func ReadAll[T any](r Reader[T]) ([]T, error) {
	var out []T
	err := ForEach(r, func(x *T) error {
		out = append(out, *x)
		return nil
	})
	return out, err
}
