// Package parquetcheck checks a Parquet file's footer before parquet-go
// decodes it, for every reader of Parquet files in the project (geodata's
// GeoParquet, the sweep's result files).
//
// parquet-go v0.32.0 makes the footer's buffer from the length in the
// file's last 8 bytes before it compares it with the file's size (up to
// 4 GiB), and while it decodes the footer (thrift compact protocol) it
// makes each list and map as long as its header says (up to 2^31-1
// elements of up to 560 bytes) before it reads an element: a 5.9 KB file
// declaring 2^31-1 schema elements ended the program with "fatal error:
// runtime: out of memory", which no recover catches (FuzzGeoParquetRows
// found it). Footer reads the footer as parquet-go will and refuses what
// it would allocate unbounded.
package parquetcheck

import (
	"encoding/binary"
	"fmt"
	"io"
	"math"
)

const (
	parquetMaxFooter = 64 << 20 // bytes
	// parquetMaxElems caps the list, set and map elements of a footer:
	// at most 560 bytes each as parquet-go holds them (a ColumnChunk), so
	// 587 MB at worst; a file of 1,000 row groups of 20 columns has about
	// 20,000.
	parquetMaxElems = 1 << 20
	parquetMaxDepth = 64 // nesting of structs, lists and maps
)

// Footer checks the footer of a Parquet file of size bytes:
// its length within the file and at most parquetMaxFooter, and its
// FileMetaData well-formed thrift whose every list and map is no longer
// than the bytes left for it, with at most parquetMaxElems elements in
// all. An encrypted footer ("PARE") is left to parquet-go, which refuses
// it. The footer is read into memory once.
func Footer(r io.ReaderAt, size int64) error {
	if size < 12 {
		return fmt.Errorf("%d bytes, too short for a Parquet file", size)
	}
	var tail [8]byte
	if _, err := r.ReadAt(tail[:], size-8); err != nil {
		return err
	}
	if string(tail[4:]) != "PAR1" {
		return nil
	}
	n := int64(binary.LittleEndian.Uint32(tail[:4]))
	if n+12 > size {
		return fmt.Errorf("footer length %d beyond the file's %d bytes", n, size)
	}
	if n > parquetMaxFooter {
		return fmt.Errorf("footer length %d above %d", n, parquetMaxFooter)
	}
	footer := make([]byte, n)
	if _, err := r.ReadAt(footer, size-8-n); err != nil {
		return err
	}
	t := thriftCheck{b: footer}
	return t.value(thriftStruct, false, 0)
}

// Thrift compact protocol types.
const (
	thriftTrue   = 1
	thriftFalse  = 2
	thriftByte   = 3
	thriftI16    = 4
	thriftI32    = 5
	thriftI64    = 6
	thriftDouble = 7
	thriftBinary = 8
	thriftList   = 9
	thriftSet    = 10
	thriftMap    = 11
	thriftStruct = 12
)

// thriftCheck walks thrift compact protocol data: the bytes left and the
// list, set and map elements seen.
type thriftCheck struct {
	b     []byte
	elems int64
}

func (t *thriftCheck) byte() (byte, error) {
	if len(t.b) == 0 {
		return 0, io.ErrUnexpectedEOF
	}
	c := t.b[0]
	t.b = t.b[1:]
	return c, nil
}

func (t *thriftCheck) skip(n uint64) error {
	if n > uint64(len(t.b)) {
		return io.ErrUnexpectedEOF
	}
	t.b = t.b[n:]
	return nil
}

// uvarint reads a varint of at most max.
func (t *thriftCheck) uvarint(max uint64) (uint64, error) {
	v, k := binary.Uvarint(t.b)
	if k <= 0 {
		return 0, fmt.Errorf("thrift: malformed varint")
	}
	if v > max {
		return 0, fmt.Errorf("thrift: varint %d above %d", v, max)
	}
	t.b = t.b[k:]
	return v, nil
}

// count adds n elements that need at least per bytes each.
func (t *thriftCheck) count(n, per uint64) error {
	if n*per > uint64(len(t.b)) {
		return fmt.Errorf("thrift: %d elements declared in %d bytes", n, len(t.b))
	}
	t.elems += int64(n)
	if t.elems > parquetMaxElems {
		return fmt.Errorf("thrift: more than %d list and map elements", parquetMaxElems)
	}
	return nil
}

// value skips one value of type typ; a bool takes a byte as an element of
// a list, set or map and none as a struct field (its type says it).
func (t *thriftCheck) value(typ byte, elem bool, depth int) error {
	switch typ {
	case thriftTrue, thriftFalse:
		if elem {
			return t.skip(1)
		}
		return nil
	case thriftByte:
		return t.skip(1)
	case thriftI16, thriftI32, thriftI64:
		_, err := t.uvarint(math.MaxUint64)
		return err
	case thriftDouble:
		return t.skip(8)
	case thriftBinary:
		n, err := t.uvarint(math.MaxInt32)
		if err != nil {
			return err
		}
		return t.skip(n)
	}
	if depth >= parquetMaxDepth {
		return fmt.Errorf("thrift: nested deeper than %d", parquetMaxDepth)
	}
	switch typ {
	case thriftList, thriftSet:
		h, err := t.byte()
		if err != nil {
			return err
		}
		n := uint64(h >> 4)
		if n == 15 {
			if n, err = t.uvarint(math.MaxInt32); err != nil {
				return err
			}
		}
		et := h & 15
		if et == 0 || et > thriftStruct {
			return fmt.Errorf("thrift: list of type %d", et)
		}
		if err := t.count(n, 1); err != nil {
			return err
		}
		for range n {
			if err := t.value(et, true, depth+1); err != nil {
				return err
			}
		}
		return nil
	case thriftMap:
		n, err := t.uvarint(math.MaxInt32)
		if err != nil || n == 0 {
			return err
		}
		kv, err := t.byte()
		if err != nil {
			return err
		}
		kt, vt := kv>>4, kv&15
		if kt == 0 || kt > thriftStruct || vt == 0 || vt > thriftStruct {
			return fmt.Errorf("thrift: map of types %d and %d", kt, vt)
		}
		if err := t.count(n, 2); err != nil {
			return err
		}
		for range n {
			if err := t.value(kt, true, depth+1); err != nil {
				return err
			}
			if err := t.value(vt, true, depth+1); err != nil {
				return err
			}
		}
		return nil
	case thriftStruct:
		for {
			h, err := t.byte()
			if err != nil {
				return err
			}
			if h == 0 {
				return nil
			}
			if h>>4 == 0 {
				// a field id that is not a delta: a zigzag int16
				if _, err := t.uvarint(math.MaxUint16); err != nil {
					return err
				}
			}
			if err := t.value(h&15, false, depth+1); err != nil {
				return err
			}
		}
	}
	return fmt.Errorf("thrift: type %d", typ)
}
