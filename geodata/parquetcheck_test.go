package geodata

import (
	"bytes"
	"encoding/binary"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/paulmach/orb"
)

// parquetPandFile is a one-pand GeoParquet file as PandWriter writes it.
func parquetPandFile(t *testing.T) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := NewPandWriter(&buf)
	ps := []Pand{{ID: "0503100000000297", Bouwjaar: 1999, Footprint: orb.Polygon{{{85000, 447000}, {85010, 447000}, {85010, 447008}, {85000, 447000}}}}}
	if err := w.Write(ps); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// parquetWithFooter replaces the footer of the Parquet file b by
// edit(footer), with its length.
func parquetWithFooter(b []byte, edit func(footer []byte) []byte) []byte {
	n := int(binary.LittleEndian.Uint32(b[len(b)-8:]))
	footer := edit(bytes.Clone(b[len(b)-8-n : len(b)-8]))
	out := append(bytes.Clone(b[:len(b)-8-n]), footer...)
	out = binary.LittleEndian.AppendUint32(out, uint32(len(footer)))
	return append(out, "PAR1"...)
}

// TestParquetFooterHostile: footers that made parquet-go allocate what the
// file does not hold are refused as ErrCorrupt naming the file; the valid
// file still opens.
func TestParquetFooterHostile(t *testing.T) {
	t.Parallel()
	valid := parquetPandFile(t)
	// FileMetaData starts with field 1 (version, i32: 0x15 and a varint)
	// and field 2 (schema, a list: 0x19 and the list header).
	schemaList := func(footer []byte) int {
		if footer[0] != 0x15 || footer[2] != 0x19 {
			t.Fatalf("footer starts % x", footer[:4])
		}
		return 3
	}
	withListSize := func(n uint64) func([]byte) []byte {
		return func(f []byte) []byte {
			i := schemaList(f)
			rest := f[i+1:]
			if f[i]>>4 == 15 {
				_, k := binary.Uvarint(rest)
				rest = rest[k:]
			}
			h := append(bytes.Clone(f[:i]), 0xf0|f[i]&15)
			return append(binary.AppendUvarint(h, n), rest...)
		}
	}
	deep := func(f []byte) []byte {
		// key_value_metadata as a list of lists 100 deep
		b := []byte{0x15, 0x04}
		for range 100 {
			b = append(b, 0x19)
		}
		return b
	}
	cases := []struct {
		name string
		data []byte
		want string
	}{
		{"footer longer than the file", append(bytes.Clone(valid[:len(valid)-8]), 0xff, 0xff, 0xff, 0x7f, 'P', 'A', 'R', '1'), "footer length 2147483647 beyond the file's"},
		{"schema of 2^31-1 elements", parquetWithFooter(valid, withListSize(1<<31-1)), "2147483647 elements declared in"},
		{"schema one element longer than the footer", parquetWithFooter(valid, func(f []byte) []byte { return withListSize(uint64(len(f)))(f) }), "elements declared in"},
		{"lists nested 100 deep", parquetWithFooter(valid, deep), "nested deeper than 64"},
		{"truncated footer", parquetWithFooter(valid, func(f []byte) []byte { return f[:len(f)/2] }), "parquet footer"},
	}
	dir := t.TempDir()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			path := filepath.Join(dir, strings.ReplaceAll(c.name, " ", "_")+".parquet")
			if err := os.WriteFile(path, c.data, 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := ReadGeoParquetPanden(path, nil)
			var fe *FeatureError
			if !errors.Is(err, ErrCorrupt) || !errors.As(err, &fe) || fe.File != path || !strings.Contains(err.Error(), c.want) {
				t.Errorf("err %v, want ErrCorrupt naming %s with %q", err, path, c.want)
			}
		})
	}
	path := filepath.Join(dir, "valid.parquet")
	if err := os.WriteFile(path, valid, 0o644); err != nil {
		t.Fatal(err)
	}
	r, err := ReadGeoParquetPanden(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	r.Close()
}
