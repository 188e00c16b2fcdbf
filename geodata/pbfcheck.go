package geodata

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"fmt"
	"io"
)

// checkPBFStrings decompresses one OSMData blob (raw or zlib; other
// compressions are left to the decoder, which rejects them) and checks
// that every string-table index of its nodes, dense nodes, ways and
// relations lies within the block's string table. paulmach/osm indexes
// the table without that check, in a goroutine of its own where a panic
// cannot be recovered (found by FuzzOSMPBF), so a crafted index must be
// refused before the decoder sees the block.
func checkPBFStrings(blob []byte, rawMax int64) error {
	var data []byte
	err := protoEach(blob, func(field int, b []byte) error {
		switch field {
		case 1:
			data = b
		case 3:
			zr, err := zlib.NewReader(bytes.NewReader(b))
			if err != nil {
				return fmt.Errorf("zlib: %v", err)
			}
			d, err := io.ReadAll(io.LimitReader(zr, rawMax+1))
			if err != nil {
				return fmt.Errorf("zlib: %v", err)
			}
			if int64(len(d)) > rawMax {
				return fmt.Errorf("uncompressed data above %d bytes", rawMax)
			}
			data = d
		}
		return nil
	})
	if err != nil || data == nil {
		return err
	}
	// PrimitiveBlock: 1 stringtable (1: s, repeated), 2 primitivegroup.
	var nStrings uint64
	var groups [][]byte
	if err := protoEach(data, func(field int, b []byte) error {
		switch field {
		case 1:
			return protoEach(b, func(f int, _ []byte) error {
				if f == 1 {
					nStrings++
				}
				return nil
			})
		case 2:
			groups = append(groups, b)
		}
		return nil
	}); err != nil {
		return err
	}
	in := func(what string) func(uint64) error {
		return func(i uint64) error {
			if i >= nStrings {
				return fmt.Errorf("%s: string index %d outside a table of %d", what, i, nStrings)
			}
			return nil
		}
	}
	// the packed index fields of a message: keys 2 and vals 3 of Node
	// and Way, also roles_sid 8 of Relation.
	indexes := func(what string, fields ...int) func(int, []byte) error {
		return func(_ int, msg []byte) error {
			return protoEach(msg, func(f int, b []byte) error {
				for _, want := range fields {
					if f == want {
						return protoPacked(b, in(what))
					}
				}
				return nil
			})
		}
	}
	for _, g := range groups {
		// PrimitiveGroup: 1 nodes, 2 dense, 3 ways, 4 relations.
		if err := protoEach(g, func(field int, b []byte) error {
			switch field {
			case 1:
				return indexes("node tags", 2, 3)(field, b)
			case 2:
				// DenseNodes: 10 keys_vals, pairs of indexes ended by 0.
				return protoEach(b, func(f int, kv []byte) error {
					if f != 10 {
						return nil
					}
					var vals []uint64
					if err := protoPacked(kv, func(v uint64) error { vals = append(vals, v); return nil }); err != nil {
						return err
					}
					check := in("dense node tags")
					for i := 0; i < len(vals); {
						if vals[i] == 0 {
							i++
							continue
						}
						if i+1 >= len(vals) {
							return fmt.Errorf("dense node tags: a key without a value")
						}
						if err := check(vals[i]); err != nil {
							return err
						}
						if err := check(vals[i+1]); err != nil {
							return err
						}
						i += 2
					}
					return nil
				})
			case 3:
				return indexes("way tags", 2, 3)(field, b)
			case 4:
				return indexes("relation tags or roles", 2, 3, 8)(field, b)
			}
			return nil
		}); err != nil {
			return err
		}
	}
	return nil
}

// pbfBlobType is the type (field 1) of a BlobHeader, "" when absent.
func pbfBlobType(header []byte) string {
	var t string
	_ = protoEach(header, func(field int, b []byte) error {
		if field == 1 && t == "" {
			t = string(b)
		}
		return nil
	})
	return t
}

// protoEach calls fn with every length-delimited field of a protobuf
// message, skipping the others; a malformed message is an error.
func protoEach(b []byte, fn func(field int, data []byte) error) error {
	for len(b) > 0 {
		key, n := binary.Uvarint(b)
		if n <= 0 {
			return fmt.Errorf("malformed protobuf key")
		}
		b = b[n:]
		switch key & 7 {
		case 0:
			_, n := binary.Uvarint(b)
			if n <= 0 {
				return fmt.Errorf("malformed protobuf varint")
			}
			b = b[n:]
		case 1:
			if len(b) < 8 {
				return fmt.Errorf("truncated protobuf field")
			}
			b = b[8:]
		case 2:
			l, n := binary.Uvarint(b)
			if n <= 0 || l > uint64(len(b)-n) {
				return fmt.Errorf("truncated protobuf field")
			}
			if err := fn(int(key>>3), b[n:n+int(l)]); err != nil {
				return err
			}
			b = b[n+int(l):]
		case 5:
			if len(b) < 4 {
				return fmt.Errorf("truncated protobuf field")
			}
			b = b[4:]
		default:
			return fmt.Errorf("protobuf wire type %d", key&7)
		}
	}
	return nil
}

// protoPacked calls fn with every varint of a packed repeated field.
func protoPacked(b []byte, fn func(uint64) error) error {
	for len(b) > 0 {
		v, n := binary.Uvarint(b)
		if n <= 0 {
			return fmt.Errorf("malformed packed varint")
		}
		if err := fn(v); err != nil {
			return err
		}
		b = b[n:]
	}
	return nil
}
