package sweep

import (
	"bytes"
	"encoding/binary"
	"runtime"
	"strings"
	"testing"

	"github.com/parquet-go/parquet-go/encoding/thrift"
	"github.com/parquet-go/parquet-go/format"
)

// TestReadRowsHostileFooter: ReadRows refuses a file whose footer declares
// more than the file holds, with an error that says so, and allocates
// nothing near what the footer declares; the file as WriteRows wrote it
// still reads.
func TestReadRowsHostileFooter(t *testing.T) {
	p50 := 1234.5
	rows := []Row{
		{Buurtcode: "BU05030000", Buurtnaam: "Wippolder", Panden: 12, Strategy: "warmtenet_mt", Best: "warmtenet_mt", Draws: 4, Seed: 3, Wins: 3, WinShare: 0.75, FeasibleDraws: 4, NationalP50: &p50},
		{Buurtcode: "BU05030001", Buurtnaam: "Campus", Panden: 3, Strategy: "all_electric", Best: "warmtenet_mt", Draws: 4, Seed: 3, Wins: 1, WinShare: 0.25, FeasibleDraws: 4, Reason: "no streets"},
	}
	var buf bytes.Buffer
	if err := WriteRows(&buf, rows); err != nil {
		t.Fatal(err)
	}
	valid := buf.Bytes()
	got, err := ReadRows(bytes.NewReader(valid), int64(len(valid)))
	if err != nil || len(got) != 2 || got[1].Reason != "no streets" || got[0].NationalP50 == nil || *got[0].NationalP50 != p50 {
		t.Fatalf("valid file: %+v, %v", got, err)
	}

	// withMeta re-encodes the footer after edit (a hand-made footer that
	// parquet-go decodes as well-formed thrift).
	withMeta := func(edit func(*format.FileMetaData)) []byte {
		n := int(binary.LittleEndian.Uint32(valid[len(valid)-8:]))
		var md format.FileMetaData
		if err := thrift.Unmarshal(new(thrift.CompactProtocol), valid[len(valid)-8-n:len(valid)-8], &md); err != nil {
			t.Fatal(err)
		}
		edit(&md)
		footer, err := thrift.Marshal(new(thrift.CompactProtocol), &md)
		if err != nil {
			t.Fatal(err)
		}
		out := append(bytes.Clone(valid[:len(valid)-8-n]), footer...)
		out = binary.LittleEndian.AppendUint32(out, uint32(len(footer)))
		return append(out, "PAR1"...)
	}
	// schema's list header: FileMetaData's field 1 (version: 0x15, a
	// varint), then field 2 (0x19, a list) with its size as a varint.
	hugeSchema := func() []byte {
		n := int(binary.LittleEndian.Uint32(valid[len(valid)-8:]))
		f := valid[len(valid)-8-n : len(valid)-8]
		if f[0] != 0x15 || f[2] != 0x19 {
			t.Fatalf("footer starts % x", f[:4])
		}
		rest := f[4:]
		if f[3]>>4 == 15 {
			_, k := binary.Uvarint(rest)
			rest = rest[k:]
		}
		footer := binary.AppendUvarint(append(bytes.Clone(f[:3]), 0xf0|f[3]&15), 1<<31-1)
		footer = append(footer, rest...)
		out := append(bytes.Clone(valid[:len(valid)-8-n]), footer...)
		out = binary.LittleEndian.AppendUint32(out, uint32(len(footer)))
		return append(out, "PAR1"...)
	}
	const declared = 1 << 22 // 4,194,304 rows: about 900 MB as []Row
	cases := []struct {
		name string
		data []byte
		want string
	}{
		{"footer longer than the file", append(bytes.Clone(valid[:len(valid)-8]), 0xff, 0xff, 0xff, 0x7f, 'P', 'A', 'R', '1'), "footer length 2147483647 beyond the file's"},
		{"schema of 2^31-1 elements", hugeSchema(), "2147483647 elements declared in"},
		{"file declares 2^22 rows", withMeta(func(md *format.FileMetaData) { md.NumRows = declared }), "declares 4194304 rows"},
		{"file and row group declare 2^22 rows", withMeta(func(md *format.FileMetaData) {
			md.NumRows = declared
			md.RowGroups[0].NumRows = declared
		}), "declares 4194304 rows"},
		{"file declares -1 rows", withMeta(func(md *format.FileMetaData) { md.NumRows = -1 }), "num_rows=-1 is negative"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var m0, m1 runtime.MemStats
			runtime.ReadMemStats(&m0)
			rs, err := ReadRows(bytes.NewReader(c.data), int64(len(c.data)))
			runtime.ReadMemStats(&m1)
			if err == nil || !strings.HasPrefix(err.Error(), "sweep: ") || !strings.Contains(err.Error(), c.want) {
				t.Errorf("%d rows, err %v; want an error with %q", len(rs), err, c.want)
			}
			if a := m1.TotalAlloc - m0.TotalAlloc; a > 64<<20 { // 900 MB by the declared count
				t.Errorf("allocated %d bytes reading a %d-byte file", a, len(c.data))
			}
		})
	}
}
