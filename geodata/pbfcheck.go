package geodata

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"fmt"
	"io"
	"strconv"
	"unsafe"

	"github.com/paulmach/osm"
)

// The OSM PBF check. paulmach/osm v0.8.0 decodes blocks in goroutines of
// its own, where a panic cannot be recovered and ends the whole program,
// and it trusts its input: it indexes the string table unchecked (tag
// keys and values, roles, user names), sizes a way's nodes by its first
// non-empty coordinate array and a relation's members by its types and
// then indexes them by the others, panics on a plain (not dense) node,
// slices by a negative datasize, and loops for ever on zlib data that
// runs on past the end of its stream (cgo's zlib). Where a field is given
// twice it takes the last, where a field has the wrong wire type it reads
// it anyway. checkPBFFraming reads the whole file once before the decoder
// sees it and refuses all of that, and what the decoder would only
// stumble over later (parallel arrays of different lengths, coordinates
// off the globe), with a pbfError naming the blob, the layer, the element
// and what is wrong. pbfcheck_test.go has a case for each.

// PBF framing limits (OSM PBF format: BlobHeader < 64 KiB, Blob < 32 MiB,
// uncompressed data <= 32 MiB).
const (
	pbfMaxHeader  = 64 << 10
	pbfMaxBlob    = 32 << 20
	pbfMaxRawSize = 32 << 20
)

// pbfMaxDecoded caps what one block's elements take once paulmach/osm
// has decoded them (estimated from its struct sizes): it holds a block's
// elements all at once and up to 12 blocks in its channels, so a 30 KB
// zlib blob of 10 million dense nodes or of one way with 30 million refs
// took 2.2 and 2.7 GB. A block of osmium's 8,000 elements takes 1.4 MB as
// nodes; the Delft extract's blocks take 0.8-6.6 MB (8,000 ways).
const pbfMaxDecoded = 32 << 20

// Sizes of what paulmach/osm v0.8.0 makes of an element: the struct and
// its interface in the block's slice, a tag, a way node, a member.
const (
	pbfNodeBytes     = int64(unsafe.Sizeof(osm.Node{})) + 16
	pbfWayBytes      = int64(unsafe.Sizeof(osm.Way{})) + 16
	pbfRelationBytes = int64(unsafe.Sizeof(osm.Relation{})) + 16
	pbfTagBytes      = int64(unsafe.Sizeof(osm.Tag{}))
	pbfWayNodeBytes  = int64(unsafe.Sizeof(osm.WayNode{}))
	pbfMemberBytes   = int64(unsafe.Sizeof(osm.Member{}))
)

// pbfError is what checkPBFFraming refuses: the blob (0 is the
// OSMHeader), the layer ("nodes", "ways" or "relations"; "" outside
// them), the element ("way/12"; "" when not known) and what is wrong.
type pbfError struct {
	blob  int
	layer string
	id    string
	msg   string
}

// Error is "blob n: what is wrong"; the layer and element are for the
// FeatureError that carries it.
func (e *pbfError) Error() string { return fmt.Sprintf("blob %d: %s", e.blob, e.msg) }

// pbfCheck is the state of one checkPBFFraming: the blob being read and
// what its PrimitiveBlock says the elements are decoded with.
type pbfCheck struct {
	blob     int
	nStrings uint64 // the size of the string table
	gran     int64  // granularity, nanodegrees
	latOff   int64  // lat_offset, nanodegrees
	lonOff   int64  // lon_offset, nanodegrees
	decoded  int64  // bytes the block's elements take decoded, so far
	zbuf     bytes.Buffer
}

// grow adds n bytes to the block's decoded size, an error above
// pbfMaxDecoded.
func (c *pbfCheck) grow(layer string, id pbfElem, n int64) error {
	c.decoded += n
	if c.decoded > pbfMaxDecoded {
		return c.fail(layer, id, "the block's elements take over %d MiB decoded (writers put 8,000 in a block)", pbfMaxDecoded>>20)
	}
	return nil
}

func (c *pbfCheck) fail(layer string, e pbfElem, format string, args ...any) error {
	return &pbfError{blob: c.blob, layer: layer, id: e.String(), msg: fmt.Sprintf(format, args...)}
}

// pbfElem names an element, "way/12", made only for an error; the zero
// value is none.
type pbfElem struct {
	kind string // "node/", "way/", "relation/"
	id   int64
}

func (e pbfElem) String() string {
	if e.kind == "" {
		return ""
	}
	return e.kind + strconv.FormatInt(e.id, 10)
}

// checkPBFFraming walks the blobs of an OSM PBF file (4-byte big-endian
// BlobHeader length, BlobHeader, Blob) and every element of its OSMData
// blocks as paulmach/osm will decode them, and returns a *pbfError for the
// first that could make the decoder panic or hang, or that it would
// refuse. It reads every byte once and holds one blob and its
// uncompressed data at a time.
func checkPBFFraming(r io.ReadSeeker) error {
	if _, err := r.Seek(0, io.SeekStart); err != nil {
		return err
	}
	var c pbfCheck
	var size [4]byte
	buf := make([]byte, 0, pbfMaxHeader)
	var blob []byte
	for n := 0; ; n++ {
		c.blob = n
		if _, err := io.ReadFull(r, size[:]); err != nil {
			if err == io.EOF && n > 0 {
				return nil
			}
			return c.fail("", pbfElem{}, "truncated size: %v", err)
		}
		hl := binary.BigEndian.Uint32(size[:])
		if hl == 0 || hl >= pbfMaxHeader {
			return c.fail("", pbfElem{}, "header size %d out of range", hl)
		}
		buf = buf[:hl]
		if _, err := io.ReadFull(r, buf); err != nil {
			return c.fail("", pbfElem{}, "truncated header: %v", err)
		}
		var h protoFields
		if err := protoMessage(buf, "blob header", blobHeaderSpec, &h, nil); err != nil {
			return c.fail("", pbfElem{}, "%v", err)
		}
		if !h[1].ok || !h[3].ok {
			return c.fail("", pbfElem{}, "blob header without its type or data size")
		}
		want := "OSMData"
		if n == 0 {
			want = "OSMHeader"
		}
		if typ := string(h[1].b); typ != want {
			return c.fail("", pbfElem{}, "blob type %.40q, want %s", typ, want)
		}
		if h[3].v == 0 || h[3].v >= pbfMaxBlob {
			return c.fail("", pbfElem{}, "data size %d out of range", h[3].v)
		}
		if uint64(cap(blob)) < h[3].v {
			blob = make([]byte, h[3].v)
		}
		blob = blob[:h[3].v]
		if _, err := io.ReadFull(r, blob); err != nil {
			return c.fail("", pbfElem{}, "truncated data: %v", err)
		}
		data, err := c.blobData(blob)
		if err != nil {
			return err
		}
		if n > 0 {
			if err := c.block(data); err != nil {
				return err
			}
		}
	}
}

// blobData returns the uncompressed data of a Blob: raw, or zlib_data
// that inflates to exactly raw_size bytes (at most pbfMaxRawSize) and
// ends where its stream ends.
func (c *pbfCheck) blobData(blob []byte) ([]byte, error) {
	var f protoFields
	if err := protoMessage(blob, "blob", blobSpec, &f, nil); err != nil {
		return nil, c.fail("", pbfElem{}, "%v", err)
	}
	if f[2].ok && f[2].v > pbfMaxRawSize {
		return nil, c.fail("", pbfElem{}, "uncompressed size %d out of range", f[2].v)
	}
	switch {
	case f[1].ok && f[3].ok:
		return nil, c.fail("", pbfElem{}, "both raw and zlib data")
	case f[1].ok:
		return f[1].b, nil
	case !f[3].ok:
		return nil, c.fail("", pbfElem{}, "no raw or zlib data (lzma, bzip2, lz4 and zstd blobs are not read)")
	}
	br := bytes.NewReader(f[3].b)
	zr, err := zlib.NewReader(br)
	if err != nil {
		return nil, c.fail("", pbfElem{}, "zlib: %v", err)
	}
	c.zbuf.Reset()
	if _, err := io.Copy(&c.zbuf, io.LimitReader(zr, pbfMaxRawSize+1)); err != nil {
		return nil, c.fail("", pbfElem{}, "zlib: %v", err)
	}
	switch got := uint64(c.zbuf.Len()); {
	case got > pbfMaxRawSize:
		return nil, c.fail("", pbfElem{}, "zlib data inflates to more than %d bytes", pbfMaxRawSize)
	case br.Len() > 0:
		// Go's flate reads no byte past the stream's end and zlib then
		// reads just its checksum, so what is left follows the stream.
		return nil, c.fail("", pbfElem{}, "zlib data runs on %d bytes past the end of its stream", br.Len())
	case got != f[2].v:
		return nil, c.fail("", pbfElem{}, "zlib data inflates to %d bytes, raw_size says %d", got, f[2].v)
	}
	return c.zbuf.Bytes(), nil
}

// block checks a PrimitiveBlock: its string table, granularity and
// offsets, and every group's dense nodes, ways and relations.
func (c *pbfCheck) block(data []byte) error {
	var f protoFields
	var groups [][]byte
	if err := protoMessage(data, "primitive block", primitiveBlockSpec, &f, func(_ int, b []byte) error {
		groups = append(groups, b)
		return nil
	}); err != nil {
		return c.fail("", pbfElem{}, "%v", err)
	}
	c.nStrings, c.decoded = 0, 0
	var st protoFields
	if err := protoMessage(f[1].b, "string table", stringTableSpec, &st, func(int, []byte) error {
		c.nStrings++
		return nil
	}); err != nil {
		return c.fail("", pbfElem{}, "%v", err)
	}
	// As the decoder reads them: int32 granularity (default 100), int64
	// offsets (default 0).
	c.gran, c.latOff, c.lonOff = 100, int64(f[19].v), int64(f[20].v)
	if f[17].ok {
		c.gran = int64(int32(f[17].v))
	}
	for _, g := range groups {
		var gf protoFields
		if err := protoMessage(g, "primitive group", primitiveGroupSpec, &gf, func(num int, b []byte) error {
			switch num {
			case 1:
				// paulmach/osm v0.8.0 panics on them.
				return c.fail("nodes", pbfElem{}, "plain (not dense) nodes, which are not read")
			case 3:
				return c.way(b)
			case 4:
				return c.relation(b)
			}
			return nil
		}); err != nil {
			if _, ok := err.(*pbfError); ok {
				return err
			}
			return c.fail("", pbfElem{}, "%v", err)
		}
		if gf[2].ok {
			if err := c.dense(gf[2].b); err != nil {
				return err
			}
		}
	}
	return nil
}

// dense checks a DenseNodes message: ids, latitudes, longitudes and each
// dense info array of one length; user names, tag keys and values within
// the string table (keys_vals one 0-ended run per node); coordinates on
// the globe.
func (c *pbfCheck) dense(b []byte) error {
	const layer = "nodes"
	var f protoFields
	if err := protoMessage(b, "dense nodes", denseSpec, &f, nil); err != nil {
		return c.fail(layer, pbfElem{}, "%v", err)
	}
	ids, err := packedVarints(f[1].b, "dense node ids")
	if err != nil {
		return c.fail(layer, pbfElem{}, "%v", err)
	}
	lats, err := packedVarints(f[8].b, "dense node latitudes")
	if err != nil {
		return c.fail(layer, pbfElem{}, "%v", err)
	}
	lons, err := packedVarints(f[9].b, "dense node longitudes")
	if err != nil {
		return c.fail(layer, pbfElem{}, "%v", err)
	}
	if lats.n != ids.n || lons.n != ids.n {
		return c.fail(layer, pbfElem{}, "dense nodes: %d ids, %d latitudes, %d longitudes", ids.n, lats.n, lons.n)
	}
	var usids varints
	hasUsids := false
	if f[5].ok {
		var info protoFields
		if err := protoMessage(f[5].b, "dense info", denseInfoSpec, &info, nil); err != nil {
			return c.fail(layer, pbfElem{}, "%v", err)
		}
		for k := 1; k <= 6; k++ {
			if !info[k].ok {
				continue
			}
			what := "dense info " + denseInfoSpec[k].name
			it, err := packedVarints(info[k].b, what)
			if err != nil {
				return c.fail(layer, pbfElem{}, "%v", err)
			}
			if it.n != ids.n {
				return c.fail(layer, pbfElem{}, "%s: %d values for %d ids", what, it.n, ids.n)
			}
			if k == 5 {
				usids, hasUsids = it, true
			}
		}
	}
	var kv varints
	if f[10].ok {
		if kv, err = packedVarints(f[10].b, "dense node keys_vals"); err != nil {
			return c.fail(layer, pbfElem{}, "%v", err)
		}
	}
	// Decoded as paulmach/osm does: delta-coded int64 ids and coordinates,
	// delta-coded int32 user name indexes, int32 tag indexes.
	var id, lat, lon int64
	var usid int32
	nodes := ids.n
	if err := c.grow(layer, pbfElem{}, int64(nodes)*pbfNodeBytes); err != nil {
		return err
	}
	for range nodes {
		id += unzigzag(ids.next())
		lat += unzigzag(lats.next())
		lon += unzigzag(lons.next())
		node := pbfElem{"node/", id}
		if la := 1e-9 * float64(c.latOff+c.gran*lat); !(la >= -90 && la <= 90) {
			return c.fail(layer, node, "latitude %g outside -90..90", la)
		}
		if lo := 1e-9 * float64(c.lonOff+c.gran*lon); !(lo >= -180 && lo <= 180) {
			return c.fail(layer, node, "longitude %g outside -180..180", lo)
		}
		if hasUsids {
			usid += int32(unzigzag(usids.next()))
			if usid < 0 || uint64(usid) >= c.nStrings {
				return c.fail(layer, node, "user name: string index %d outside a table of %d", usid, c.nStrings)
			}
		}
		if !f[10].ok {
			continue
		}
		for {
			if kv.n == 0 {
				return c.fail(layer, node, "keys_vals ends before the node's tags do")
			}
			k := int32(kv.next())
			if k == 0 {
				break
			}
			if kv.n == 0 {
				return c.fail(layer, node, "keys_vals ends with a key without a value")
			}
			v := int32(kv.next())
			if err := c.stringIndex("tag key", int64(k)); err != nil {
				return c.fail(layer, node, "%v", err)
			}
			if err := c.stringIndex("tag value", int64(v)); err != nil {
				return c.fail(layer, node, "%v", err)
			}
			if err := c.grow(layer, node, pbfTagBytes); err != nil {
				return err
			}
		}
	}
	if kv.n > 0 {
		return c.fail(layer, pbfElem{}, "keys_vals runs on past the last of %d nodes", nodes)
	}
	return nil
}

// way checks a Way: keys and values, refs and (with LocationsOnWays)
// latitudes and longitudes of one length each; strings within the table.
func (c *pbfCheck) way(b []byte) error {
	const layer = "ways"
	var f protoFields
	if err := protoMessage(b, "way", waySpec, &f, nil); err != nil {
		return c.fail(layer, pbfElem{}, "%v", err)
	}
	id := pbfElem{"way/", int64(f[1].v)}
	tags, err := c.tagsInfo(f)
	if err != nil {
		return c.fail(layer, id, "%v", err)
	}
	// The decoder sizes the nodes by the first non-empty of refs, lat and
	// lon and indexes them by the others.
	size, first := 0, ""
	for k, name := range []string{"refs", "latitudes", "longitudes"} {
		it, err := packedVarints(f[8+k].b, name)
		if err != nil {
			return c.fail(layer, id, "%v", err)
		}
		switch {
		case it.n == 0:
		case size == 0:
			size, first = it.n, name
		case it.n != size:
			return c.fail(layer, id, "%d %s but %d %s", size, first, it.n, name)
		}
	}
	return c.grow(layer, id, pbfWayBytes+int64(size)*pbfWayNodeBytes+int64(tags)*pbfTagBytes)
}

// relation checks a Relation: keys and values, and roles, member ids and
// member types of one length each; strings within the table; member types
// node, way or relation.
func (c *pbfCheck) relation(b []byte) error {
	const layer = "relations"
	var f protoFields
	if err := protoMessage(b, "relation", relationSpec, &f, nil); err != nil {
		return c.fail(layer, pbfElem{}, "%v", err)
	}
	id := pbfElem{"relation/", int64(f[1].v)}
	tags, err := c.tagsInfo(f)
	if err != nil {
		return c.fail(layer, id, "%v", err)
	}
	roles, err := packedVarints(f[8].b, "roles_sid")
	if err != nil {
		return c.fail(layer, id, "%v", err)
	}
	memids, err := packedVarints(f[9].b, "memids")
	if err != nil {
		return c.fail(layer, id, "%v", err)
	}
	types, err := packedVarints(f[10].b, "types")
	if err != nil {
		return c.fail(layer, id, "%v", err)
	}
	if roles.n != memids.n || roles.n != types.n {
		return c.fail(layer, id, "%d roles, %d member ids, %d member types", roles.n, memids.n, types.n)
	}
	if err := c.grow(layer, id, pbfRelationBytes+int64(roles.n)*pbfMemberBytes+int64(tags)*pbfTagBytes); err != nil {
		return err
	}
	for m := 0; roles.n > 0; m++ {
		// int32, as the decoder reads them.
		if r := int64(int32(roles.next())); r < 0 || uint64(r) >= c.nStrings {
			return c.fail(layer, id, "member %d role: string index %d outside a table of %d", m, r, c.nStrings)
		}
		if t := int32(types.next()); t < 0 || t > 2 {
			return c.fail(layer, id, "member %d has type %d, not node (0), way (1) or relation (2)", m, t)
		}
	}
	return nil
}

// tagsInfo checks the keys (field 2), values (3) and Info (4) of a way or
// relation: as many keys as values, and them and the user name within the
// string table. It returns the number of tags.
func (c *pbfCheck) tagsInfo(f protoFields) (int, error) {
	keys, err := packedVarints(f[2].b, "keys")
	if err != nil {
		return 0, err
	}
	vals, err := packedVarints(f[3].b, "vals")
	if err != nil {
		return 0, err
	}
	if keys.n != vals.n {
		return 0, fmt.Errorf("%d tag keys but %d values", keys.n, vals.n)
	}
	tags := keys.n
	for keys.n > 0 {
		if err := c.stringIndex("tag key", keys.uint()); err != nil {
			return 0, err
		}
		if err := c.stringIndex("tag value", vals.uint()); err != nil {
			return 0, err
		}
	}
	if !f[4].ok {
		return tags, nil
	}
	var info protoFields
	if err := protoMessage(f[4].b, "info", infoSpec, &info, nil); err != nil {
		return 0, err
	}
	if info[5].ok {
		if err := c.stringIndex("user name", clampInt64(info[5].v)); err != nil {
			return 0, err
		}
	}
	return tags, nil
}

// stringIndex checks that i indexes the block's string table.
func (c *pbfCheck) stringIndex(what string, i int64) error {
	if i < 0 || uint64(i) >= c.nStrings {
		return fmt.Errorf("%s: string index %d outside a table of %d", what, i, c.nStrings)
	}
	return nil
}

// clampInt64 is v, or the largest int64 when v is larger: an index that
// is out of range either way.
func clampInt64(v uint64) int64 {
	if v > 1<<63-1 {
		return 1<<63 - 1
	}
	return int64(v)
}

func unzigzag(v uint64) int64 { return int64(v>>1) ^ -int64(v&1) }

// varints walks a packed repeated varint field already checked by
// packedVarints: n values are left in b.
type varints struct {
	b []byte
	n int
}

// packedVarints checks that b is a run of whole varints and returns an
// iterator over them.
func packedVarints(b []byte, what string) (varints, error) {
	n := 0
	for rest := b; len(rest) > 0; n++ {
		_, k := binary.Uvarint(rest)
		if k <= 0 {
			return varints{}, fmt.Errorf("%s: malformed packed varint", what)
		}
		rest = rest[k:]
	}
	return varints{b: b, n: n}, nil
}

// next returns the next value; n must be above 0.
func (it *varints) next() uint64 {
	v, k := binary.Uvarint(it.b)
	it.b, it.n = it.b[k:], it.n-1
	return v
}

// uint is next as an int64 index (clamped).
func (it *varints) uint() int64 { return clampInt64(it.next()) }

// protoRule is what a message's field must be: wire type 0 (varint) or 2
// (length-delimited), at most once unless many. A zero rule (no name)
// is a field the decoder does not read.
type protoRule struct {
	name string
	wire uint64
	many bool
}

// protoSpec is a message's rules by field number.
type protoSpec []protoRule

// The messages of fileformat.proto and osmformat.proto, with the fields
// paulmach/osm reads. A packed field or a sub-message given twice would
// be merged by protobuf but read twice by the decoder; no writer does it,
// so it is refused.
var (
	blobHeaderSpec = protoSpec{1: {name: "type", wire: 2}, 2: {name: "indexdata", wire: 2}, 3: {name: "datasize"}}
	blobSpec       = protoSpec{1: {name: "raw", wire: 2}, 2: {name: "raw_size"}, 3: {name: "zlib_data", wire: 2},
		4: {name: "lzma_data", wire: 2}, 5: {name: "bzip2_data", wire: 2}, 6: {name: "lz4_data", wire: 2}, 7: {name: "zstd_data", wire: 2}}
	primitiveBlockSpec = protoSpec{1: {name: "stringtable", wire: 2}, 2: {name: "primitivegroup", wire: 2, many: true},
		17: {name: "granularity"}, 18: {name: "date_granularity"}, 19: {name: "lat_offset"}, 20: {name: "lon_offset"}}
	stringTableSpec    = protoSpec{1: {name: "s", wire: 2, many: true}}
	primitiveGroupSpec = protoSpec{1: {name: "nodes", wire: 2, many: true}, 2: {name: "dense", wire: 2},
		3: {name: "ways", wire: 2, many: true}, 4: {name: "relations", wire: 2, many: true}, 5: {name: "changesets", wire: 2, many: true}}
	denseSpec = protoSpec{1: {name: "id", wire: 2}, 5: {name: "denseinfo", wire: 2},
		8: {name: "lat", wire: 2}, 9: {name: "lon", wire: 2}, 10: {name: "keys_vals", wire: 2}}
	denseInfoSpec = protoSpec{1: {name: "version", wire: 2}, 2: {name: "timestamp", wire: 2}, 3: {name: "changeset", wire: 2},
		4: {name: "uid", wire: 2}, 5: {name: "user_sid", wire: 2}, 6: {name: "visible", wire: 2}}
	infoSpec = protoSpec{1: {name: "version"}, 2: {name: "timestamp"}, 3: {name: "changeset"},
		4: {name: "uid"}, 5: {name: "user_sid"}, 6: {name: "visible"}}
	waySpec = protoSpec{1: {name: "id"}, 2: {name: "keys", wire: 2}, 3: {name: "vals", wire: 2}, 4: {name: "info", wire: 2},
		8: {name: "refs", wire: 2}, 9: {name: "lat", wire: 2}, 10: {name: "lon", wire: 2}}
	relationSpec = protoSpec{1: {name: "id"}, 2: {name: "keys", wire: 2}, 3: {name: "vals", wire: 2}, 4: {name: "info", wire: 2},
		8: {name: "roles_sid", wire: 2}, 9: {name: "memids", wire: 2}, 10: {name: "types", wire: 2}}
)

// protoFields holds a message's once-only fields by number: whether
// present, and the varint or the bytes.
type protoFields [21]struct {
	ok bool
	v  uint64
	b  []byte
}

// protoMessage parses msg by spec: the once-only fields go into out, the
// many ones to fn in order, the others are skipped. A malformed message,
// a known field of the wrong wire type or a once-only field given twice
// is an error; so are groups (wire types 3 and 4), which no OSM PBF uses.
func protoMessage(msg []byte, what string, spec protoSpec, out *protoFields, fn func(num int, b []byte) error) error {
	*out = protoFields{}
	for len(msg) > 0 {
		key, n := binary.Uvarint(msg)
		if n <= 0 {
			return fmt.Errorf("%s: malformed protobuf key", what)
		}
		msg = msg[n:]
		num, wire := key>>3, key&7
		var v uint64
		var b []byte
		switch wire {
		case 0:
			v, n = binary.Uvarint(msg)
			if n <= 0 {
				return fmt.Errorf("%s: malformed protobuf varint", what)
			}
			msg = msg[n:]
		case 1:
			if len(msg) < 8 {
				return fmt.Errorf("%s: truncated protobuf field", what)
			}
			msg = msg[8:]
		case 2:
			l, n := binary.Uvarint(msg)
			if n <= 0 || l > uint64(len(msg)-n) {
				return fmt.Errorf("%s: truncated protobuf field", what)
			}
			b = msg[n : n+int(l)]
			msg = msg[n+int(l):]
		case 5:
			if len(msg) < 4 {
				return fmt.Errorf("%s: truncated protobuf field", what)
			}
			msg = msg[4:]
		default:
			return fmt.Errorf("%s: protobuf wire type %d", what, wire)
		}
		if num >= uint64(len(spec)) || spec[num].name == "" {
			continue
		}
		r := spec[num]
		if wire != r.wire {
			return fmt.Errorf("%s: %s (field %d) has wire type %d, not %d", what, r.name, num, wire, r.wire)
		}
		if r.many {
			if err := fn(int(num), b); err != nil {
				return err
			}
			continue
		}
		f := &out[num]
		if f.ok {
			return fmt.Errorf("%s: %s (field %d) twice", what, r.name, num)
		}
		f.ok, f.v, f.b = true, v, b
	}
	return nil
}
