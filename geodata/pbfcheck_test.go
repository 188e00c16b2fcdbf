package geodata

import (
	"bytes"
	"compress/zlib"
	"context"
	"encoding/binary"
	"errors"
	"strings"
	"testing"
)

// Protocol buffer pieces for building OSM PBF files by hand.

func pbKey(num, wire uint64) []byte { return binary.AppendUvarint(nil, num<<3|wire) }

// pbVarint is field num as a varint; a negative v is encoded as its
// 64-bit two's complement, as protobuf does for int32 and int64.
func pbVarint(num uint64, v int64) []byte {
	return binary.AppendUvarint(pbKey(num, 0), uint64(v))
}

func pbBytes(num uint64, b []byte) []byte {
	out := binary.AppendUvarint(pbKey(num, 2), uint64(len(b)))
	return append(out, b...)
}

func pbString(num uint64, s string) []byte { return pbBytes(num, []byte(s)) }

// pbPacked is a packed repeated field of the varints vs.
func pbPacked(num uint64, vs ...uint64) []byte {
	var b []byte
	for _, v := range vs {
		b = binary.AppendUvarint(b, v)
	}
	return pbBytes(num, b)
}

// zz zigzag-encodes sint values.
func zz(vs ...int64) []uint64 {
	out := make([]uint64, len(vs))
	for i, v := range vs {
		out[i] = uint64(v<<1) ^ uint64(v>>63)
	}
	return out
}

func cat(parts ...[]byte) []byte { return bytes.Join(parts, nil) }

// pbfFileBlob is one file block: the 4-byte length, the BlobHeader and
// the Blob.
func pbfFileBlob(header, blob []byte) []byte {
	var size [4]byte
	binary.BigEndian.PutUint32(size[:], uint32(len(header)))
	return cat(size[:], header, blob)
}

// pbfRawBlob is a block of type typ holding data uncompressed.
func pbfRawBlob(typ string, data []byte) []byte {
	blob := pbBytes(1, data)
	return pbfFileBlob(cat(pbString(1, typ), pbVarint(3, int64(len(blob)))), blob)
}

// pbfZlibBlob is an OSMData block of data zlib-compressed, with more
// bytes after the zlib stream and raw_size rawSize.
func pbfZlibBlob(data, more []byte, rawSize int64) []byte {
	var z bytes.Buffer
	w := zlib.NewWriter(&z)
	w.Write(data)
	w.Close()
	blob := cat(pbVarint(2, rawSize), pbBytes(3, append(z.Bytes(), more...)))
	return pbfFileBlob(cat(pbString(1, "OSMData"), pbVarint(3, int64(len(blob)))), blob)
}

// pbfHeader is an OSMHeader block requiring what paulmach/osm reads.
var pbfHeader = pbfRawBlob("OSMHeader", cat(pbString(4, "OsmSchema-V0.6"), pbString(4, "DenseNodes")))

// pbfStrings is the string table of the test blocks.
var pbfStrings = []string{"", "building", "yes", "type", "multipolygon", "outer", "mapper"}

func pbfStringTable(ss ...string) []byte {
	var b []byte
	for _, s := range ss {
		b = append(b, pbString(1, s)...)
	}
	return pbBytes(1, b)
}

// pbfBlock is a PrimitiveBlock of the test string table and groups, each
// group given as its fields.
func pbfBlock(groups ...[]byte) []byte {
	b := pbfStringTable(pbfStrings...)
	for _, g := range groups {
		b = append(b, pbBytes(2, g)...)
	}
	return b
}

// Four nodes (ids 1-4) on a square of 0.001 degree at 52.0 N, 4.37 E in
// the default granularity of 100 nanodegrees, by user "mapper" (6).
func pbfDense(kv []byte, info []byte) []byte {
	return cat(pbPacked(1, zz(1, 1, 1, 1)...), info,
		pbPacked(8, zz(520000000, 0, 10000, 0)...), pbPacked(9, zz(43700000, 10000, 0, -10000)...), kv)
}

var (
	pbfDenseInfo = pbBytes(5, cat(pbPacked(1, 1, 1, 1, 1), pbPacked(5, zz(6, 0, 0, 0)...)))
	pbfDenseKV   = pbPacked(10, 0, 0, 0, 0)
	// way 10: a closed building ring over the four nodes.
	pbfWay = cat(pbVarint(1, 10), pbPacked(2, 1), pbPacked(3, 2), pbBytes(4, pbVarint(5, 6)), pbPacked(8, zz(1, 1, 1, 1, -3)...))
	// relation 20: a building multipolygon with way 10 as outer.
	pbfRelation = cat(pbVarint(1, 20), pbPacked(2, 3, 1), pbPacked(3, 4, 2), pbPacked(8, 5), pbPacked(9, zz(10)...), pbPacked(10, 1))
)

// pbfValidFile is the header and one block of the four nodes, the way and
// the relation.
func pbfValidFile() []byte {
	return cat(pbfHeader, pbfRawBlob("OSMData", pbfBlock(pbBytes(2, pbfDense(pbfDenseKV, pbfDenseInfo)), pbBytes(3, pbfWay), pbBytes(4, pbfRelation))))
}

// pbfHostileCase is a file checkPBFFraming must refuse: the layer and
// element the error names, and a phrase of its message. decoder says what
// paulmach/osm v0.8.0 (cgo zlib) did with the file unchecked, run on it
// once by hand: a panic or a hang ends the program.
type pbfHostileCase struct {
	name      string
	file      []byte
	layer, id string
	want      string
	decoder   string
}

// pbfWithDense, pbfWithWay and pbfWithRelation are the valid file with
// one element replaced.
func pbfWithDense(dense []byte) []byte {
	return cat(pbfHeader, pbfRawBlob("OSMData", pbfBlock(pbBytes(2, dense))))
}

func pbfWithWay(way []byte) []byte {
	return cat(pbfHeader, pbfRawBlob("OSMData", pbfBlock(pbBytes(2, pbfDense(pbfDenseKV, nil)), pbBytes(3, way))))
}

func pbfWithRelation(rel []byte) []byte {
	return cat(pbfHeader, pbfRawBlob("OSMData", pbfBlock(pbBytes(4, rel))))
}

func pbfHostileCases() []pbfHostileCase {
	block := pbfBlock(pbBytes(2, pbfDense(pbfDenseKV, nil)))
	dataBlob := pbBytes(1, block)
	zlibBlock := func(more []byte, rawSize int64) []byte { return cat(pbfHeader, pbfZlibBlob(block, more, rawSize)) }
	header := func(fields ...[]byte) []byte { return cat(pbfHeader, pbfFileBlob(cat(fields...), dataBlob)) }
	way := func(fields ...[]byte) []byte { return pbfWithWay(cat(append([][]byte{pbVarint(1, 10)}, fields...)...)) }
	rel := func(fields ...[]byte) []byte {
		return pbfWithRelation(cat(append([][]byte{pbVarint(1, 20)}, fields...)...))
	}
	info := func(fields ...[]byte) []byte { return pbBytes(5, cat(fields...)) }
	dense := func(kv, info []byte) []byte { return pbfWithDense(pbfDense(kv, info)) }
	return []pbfHostileCase{
		// Framing and blobs.
		{name: "first blob not a header", file: pbfRawBlob("OSMData", block),
			want: `blob type "OSMData", want OSMHeader`, decoder: "decodes it as data"},
		{name: "second header", file: cat(pbfHeader, pbfHeader),
			want: `blob type "OSMHeader", want OSMData`, decoder: "error"},
		{name: "negative datasize", file: header(pbString(1, "OSMData"), pbVarint(3, -1)),
			want: "data size 18446744073709551615 out of range", decoder: "panics: slice bounds out of range"},
		{name: "datasize twice", file: header(pbString(1, "OSMData"), pbVarint(3, int64(len(dataBlob))), pbVarint(3, -1)),
			want: "datasize (field 3) twice", decoder: "takes the last, panics"},
		{name: "type twice", file: header(pbString(1, "OSMHeader"), pbString(1, "OSMData"), pbVarint(3, int64(len(dataBlob)))),
			want: "type (field 1) twice", decoder: "takes the last, OSMData"},
		{name: "datasize as bytes", file: header(pbString(1, "OSMData"), pbString(3, "x")),
			want: "datasize (field 3) has wire type 2, not 0", decoder: "error: required field not set"},
		{name: "negative raw_size", file: zlibBlock(nil, -1000),
			want: "uncompressed size 18446744073709550616 out of range", decoder: "error"},
		{name: "zlib trailing bytes", file: zlibBlock([]byte{1, 2, 3}, int64(len(block))),
			want: "zlib data runs on 3 bytes past the end of its stream", decoder: "loops for ever (cgo zlib)"},
		{name: "zlib raw_size wrong", file: zlibBlock(nil, int64(len(block))+1),
			want: "raw_size says", decoder: "error"},
		{name: "zlib above 32 MiB", file: cat(pbfHeader, pbfZlibBlob(make([]byte, pbfMaxRawSize+1), nil, pbfMaxRawSize)),
			want: "inflates to more than 33554432 bytes", decoder: "error, after inflating all of it"},
		{name: "raw and zlib", file: cat(pbfHeader, pbfFileBlob(cat(pbString(1, "OSMData"), pbVarint(3, int64(len(dataBlob)+3))), cat(dataBlob, pbBytes(3, []byte{1})))),
			want: "both raw and zlib data", decoder: "reads the raw data"},
		{name: "lzma", file: cat(pbfHeader, pbfFileBlob(cat(pbString(1, "OSMData"), pbVarint(3, 5)), pbString(4, "abc"))),
			want: "no raw or zlib data", decoder: "error"},
		// Primitive blocks and groups.
		{name: "string table twice", file: cat(pbfHeader, pbfRawBlob("OSMData", cat(pbfStringTable("", "a"), block))),
			want: "stringtable (field 1) twice", decoder: "takes the last"},
		{name: "string table as varint", file: cat(pbfHeader, pbfRawBlob("OSMData", cat(pbVarint(1, 3), pbString(0, "abc")))),
			want: "stringtable (field 1) has wire type 0, not 2", decoder: "error"},
		{name: "plain node", file: cat(pbfHeader, pbfRawBlob("OSMData", pbfBlock(pbBytes(1, cat(pbVarint(1, 1), pbVarint(8, 0), pbVarint(9, 0)))))),
			layer: "nodes", want: "plain (not dense) nodes", decoder: "panics: nodes are not supported"},
		{name: "dense twice", file: cat(pbfHeader, pbfRawBlob("OSMData", pbfBlock(cat(pbBytes(2, pbfDense(nil, nil)), pbBytes(2, pbfDense(nil, nil)))))),
			want: "dense (field 2) twice", decoder: "reads both"},
		// Dense nodes.
		{name: "dense tag key outside table", file: dense(pbPacked(10, 0, 7, 1, 0, 0, 0), nil),
			layer: "nodes", id: "node/2", want: "tag key: string index 7 outside a table of 7", decoder: "panics: index out of range"},
		{name: "dense tag value negative", file: dense(pbPacked(10, 1, 0xffffffff, 0, 0, 0, 0), nil),
			layer: "nodes", id: "node/1", want: "tag value: string index -1 outside", decoder: "panics: index out of range [-1]"},
		{name: "dense key without value", file: dense(pbPacked(10, 0, 0, 0, 1), nil),
			layer: "nodes", id: "node/4", want: "a key without a value", decoder: "error"},
		{name: "dense keys_vals short", file: dense(pbPacked(10, 0, 0, 0), nil),
			layer: "nodes", id: "node/4", want: "keys_vals ends before", decoder: "error"},
		{name: "dense keys_vals long", file: dense(pbPacked(10, 0, 0, 0, 0, 1, 2, 0), nil),
			layer: "nodes", want: "keys_vals runs on past the last of 4 nodes", decoder: "ignores the rest"},
		{name: "dense user outside table", file: dense(nil, info(pbPacked(5, zz(1, 6, 0, 0)...))),
			layer: "nodes", id: "node/2", want: "user name: string index 7 outside", decoder: "panics: index out of range"},
		{name: "dense user negative", file: dense(nil, info(pbPacked(5, zz(0, -1, 0, 0)...))),
			layer: "nodes", id: "node/2", want: "user name: string index -1 outside", decoder: "panics: index out of range [-1]"},
		{name: "dense versions short", file: dense(nil, info(pbPacked(1, 1, 1))),
			layer: "nodes", want: "dense info version: 2 values for 4 ids", decoder: "error"},
		{name: "dense latitudes short", file: pbfWithDense(cat(pbPacked(1, zz(1, 1)...), pbPacked(8, zz(1)...), pbPacked(9, zz(1, 1)...))),
			layer: "nodes", want: "2 ids, 1 latitudes, 2 longitudes", decoder: "error"},
		{name: "dense latitude off the globe", file: cat(pbfHeader, pbfRawBlob("OSMData", cat(pbfBlock(pbBytes(2, pbfDense(nil, nil))), pbVarint(17, 1000)))),
			layer: "nodes", id: "node/1", want: "latitude 520 outside -90..90", decoder: "reads it"},
		{name: "dense ids as varint", file: pbfWithDense(cat(pbVarint(1, 3), pbPacked(8, 1, 1, 1), pbPacked(9, 1, 1, 1))),
			layer: "nodes", want: "id (field 1) has wire type 0, not 2", decoder: "error"},
		{name: "dense info twice", file: dense(nil, cat(pbfDenseInfo, pbfDenseInfo)),
			layer: "nodes", want: "denseinfo (field 5) twice", decoder: "takes the last"},
		{name: "dense nodes over the decoded cap", file: pbfWithDense(cat(pbBytes(1, bytes.Repeat([]byte{2}, 200000)),
			pbBytes(8, bytes.Repeat([]byte{0}, 200000)), pbBytes(9, bytes.Repeat([]byte{0}, 200000)))),
			layer: "nodes", want: "the block's elements take over 32 MiB decoded", decoder: "takes 200,000 x 176 bytes (10 million in a 30 KB file: 2.2 GB)"},
		// Ways.
		{name: "way tag key outside table", file: way(pbPacked(2, 9), pbPacked(3, 2)),
			layer: "ways", id: "way/10", want: "tag key: string index 9 outside a table of 7", decoder: "panics: index out of range"},
		{name: "way more keys than values", file: way(pbPacked(2, 1, 3), pbPacked(3, 2)),
			layer: "ways", id: "way/10", want: "2 tag keys but 1 values", decoder: "error"},
		{name: "way user outside table", file: way(pbBytes(4, pbVarint(5, 100))),
			layer: "ways", id: "way/10", want: "user name: string index 100 outside", decoder: "panics: index out of range"},
		{name: "way more latitudes than refs", file: way(pbPacked(8, zz(1, 1)...), pbPacked(9, zz(1, 1, 1)...), pbPacked(10, zz(1, 1)...)),
			layer: "ways", id: "way/10", want: "2 refs but 3 lat", decoder: "panics: index out of range [2]"},
		{name: "way refs twice", file: way(pbPacked(8, zz(1)...), pbPacked(8, zz(1, 1, 1)...)),
			layer: "ways", want: "refs (field 8) twice", decoder: "panics: index out of range [1]"},
		{name: "way id as bytes", file: pbfWithWay(cat(pbString(1, "x"), pbPacked(8, zz(1)...))),
			layer: "ways", want: "id (field 1) has wire type 2, not 0", decoder: "error"},
		{name: "way refs over the decoded cap", file: way(pbBytes(8, bytes.Repeat([]byte{0}, 900000))),
			layer: "ways", id: "way/10", want: "the block's elements take over 32 MiB decoded", decoder: "takes 900,000 x 40 bytes (30 million in a 30 KB file: 2.7 GB)"},
		// Relations.
		{name: "relation more roles than types", file: rel(pbPacked(8, 5, 5), pbPacked(9, zz(10, 1)...), pbPacked(10, 1)),
			layer: "relations", id: "relation/20", want: "2 roles, 2 member ids, 1 member types", decoder: "panics: index out of range [1]"},
		{name: "relation fewer member ids", file: rel(pbPacked(8, 5, 5), pbPacked(9, zz(10)...), pbPacked(10, 1, 1)),
			layer: "relations", id: "relation/20", want: "2 roles, 1 member ids, 2 member types", decoder: "error"},
		{name: "relation role outside table", file: rel(pbPacked(8, 70), pbPacked(9, zz(10)...), pbPacked(10, 1)),
			layer: "relations", id: "relation/20", want: "member 0 role: string index 70 outside", decoder: "panics: index out of range"},
		{name: "relation role negative", file: rel(pbPacked(8, 5, 0xfffffffe), pbPacked(9, zz(10, 1)...), pbPacked(10, 1, 1)),
			layer: "relations", id: "relation/20", want: "member 1 role: string index -2 outside", decoder: "panics: index out of range [-2]"},
		{name: "relation member type 7", file: rel(pbPacked(8, 5), pbPacked(9, zz(10)...), pbPacked(10, 7)),
			layer: "relations", id: "relation/20", want: "member 0 has type 7", decoder: "reads a member of no type"},
		{name: "relation tag value outside table", file: rel(pbPacked(2, 3), pbPacked(3, 1<<31)),
			layer: "relations", id: "relation/20", want: "tag value: string index 2147483648 outside", decoder: "panics: index out of range"},
		{name: "relation user outside table", file: rel(pbBytes(4, pbVarint(5, 7))),
			layer: "relations", id: "relation/20", want: "user name: string index 7 outside", decoder: "panics: index out of range"},
	}
}

// TestPBFValidFile: the hand-built file passes the check and reads as
// one building (the multipolygon relation's outline is its way, also a
// building way) with its nodes.
func TestPBFValidFile(t *testing.T) {
	t.Parallel()
	data := pbfValidFile()
	if err := checkPBFFraming(bytes.NewReader(data)); err != nil {
		t.Fatal(err)
	}
	ex, err := ReadOSMPBF(context.Background(), bytes.NewReader(data), "valid.osm.pbf")
	if err != nil {
		t.Fatal(err)
	}
	if ex.BuildingReport.Read == 0 {
		t.Errorf("no building read: %+v", ex.BuildingReport)
	}
}

// TestPBFHostile: each hostile block is refused before paulmach/osm sees
// it, as ErrCorrupt in a FeatureError naming the file, the layer and the
// element, with a message saying what is wrong.
func TestPBFHostile(t *testing.T) {
	t.Parallel()
	for _, c := range pbfHostileCases() {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			if c.file == nil {
				t.Fatal("no file")
			}
			_, err := ReadOSMPBF(context.Background(), bytes.NewReader(c.file), "hostile.osm.pbf")
			var fe *FeatureError
			if !errors.Is(err, ErrCorrupt) || !errors.As(err, &fe) {
				t.Fatalf("err %v, want an ErrCorrupt FeatureError", err)
			}
			if fe.File != "hostile.osm.pbf" || fe.Layer != c.layer || fe.ID != c.id || !strings.Contains(err.Error(), c.want) {
				t.Errorf("err %q (layer %q, id %q), want layer %q, id %q and %q", err, fe.Layer, fe.ID, c.layer, c.id, c.want)
			}
		})
	}
}
