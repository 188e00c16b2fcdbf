package wijkanalyse

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/maphash"
	"io"
	"math/bits"
	"slices"
	"sync"
	"time"
	"unicode"

	"github.com/wijkwarmte/wijkwarmte/geodata"
)

// LabelSet indexes a national EP-Online export once, so that each area
// of a batch takes only the registrations its panden, verblijfsobjecten
// and addresses can match, instead of every area indexing the whole
// export again (which made a batch quadratic in the country's size).
//
// The registrations are held compactly: BAG ids as numbers, the energy
// class and Pand_gebouwtype as indexes into a table of the distinct
// values, the date as a day, postcode, huisnummer and toevoeging as bytes
// in one buffer, and three hash indexes (by verblijfsobject id, pand id
// and address) of one uint32 per registration and bucket: about 80 bytes
// a registration (benchmarks/README.md, "batch"), where the
// []geodata.EnergyLabel alone took about 235 and the string maps that
// indexed it more. Opnamedatum is
// kept to the day (EP-Online gives days, YYYYMMDD). Safe for concurrent
// use once built.
type LabelSet struct {
	recs  []labelRec
	text  []byte   // per record: uvarint-prefixed postcode, huisnummer, toevoeging
	strs  []string // energy classes and gebouwtypen, by labelRec.klasse and .typ
	byVBO hashIndex
	byPnd hashIndex
	byAdr hashIndex
	seed  maphash.Seed
}

// labelRec is one registration.
type labelRec struct {
	vbo, pand uint64  // BAG ids as numbers; 0: none (a BAG id is never 0)
	opp       float64 // Pand_gebruiksoppervlakte
	text      uint32  // offset in LabelSet.text
	date      int32   // days since 1970-01-01, UTC
	klasse    uint32  // in LabelSet.strs
	typ       uint32  // in LabelSet.strs
}

// maxInterned bounds the distinct strings the table deduplicates; an
// export with more distinct gebouwtypen (none has: EP-Online has a few
// dozen) stores the others once per registration.
const maxInterned = 4096

// labelBuilder appends registrations to a LabelSet.
type labelBuilder struct {
	x      *LabelSet
	intern map[string]uint32
}

func newLabelBuilder() *labelBuilder {
	return &labelBuilder{x: &LabelSet{seed: maphash.MakeSeed()}, intern: map[string]uint32{}}
}

func (b *labelBuilder) str(s string) uint32 {
	if i, ok := b.intern[s]; ok {
		return i
	}
	i := uint32(len(b.x.strs))
	b.x.strs = append(b.x.strs, s)
	if len(b.intern) < maxInterned {
		b.intern[s] = i
	}
	return i
}

// errLabelsTooLarge: the text of the registrations passed 4 GiB.
var errLabelsTooLarge = errors.New("wijkanalyse: EP-Online export too large for the label index (over 4 GiB of addresses)")

func (b *labelBuilder) add(l *geodata.EnergyLabel) error {
	x := b.x
	if len(x.text) > 1<<32-1-3*binary.MaxVarintLen64-len(l.Postcode)-len(l.Huisnummer)-len(l.Toevoeging) {
		return errLabelsTooLarge
	}
	r := labelRec{vbo: bagNumber(l.VerblijfsobjectID), pand: bagNumber(l.PandID), opp: l.OppervlakteM2,
		text: uint32(len(x.text)), klasse: b.str(l.Klasse), typ: b.str(l.Gebouwtype)}
	if !l.Opnamedatum.IsZero() {
		r.date = int32(l.Opnamedatum.Unix() / 86400)
		if l.Opnamedatum.Unix() < 0 && l.Opnamedatum.Unix()%86400 != 0 {
			r.date--
		}
	} else {
		r.date = zeroDate
	}
	for _, s := range [...]string{l.Postcode, l.Huisnummer, l.Toevoeging} {
		x.text = binary.AppendUvarint(x.text, uint64(len(s)))
		x.text = append(x.text, s...)
	}
	x.recs = append(x.recs, r)
	return nil
}

// zeroDate marks a registration without a date (time.Time{}).
const zeroDate = -1 << 31

// bagNumber is a 16-digit BAG id as a number, 0 for anything else (an
// empty or not normalised id, which no normalised id equals).
func bagNumber(id string) uint64 {
	if len(id) != 16 {
		return 0
	}
	var n uint64
	for i := range len(id) {
		c := id[i]
		if c < '0' || c > '9' {
			return 0
		}
		n = n*10 + uint64(c-'0')
	}
	return n
}

// bagString is the 16-digit form of a BAG id number ("" for 0).
func bagString(n uint64) string {
	if n == 0 {
		return ""
	}
	var b [16]byte
	for i := 15; i >= 0; i-- {
		b[i] = byte('0' + n%10)
		n /= 10
	}
	return string(b[:])
}

// fields returns the postcode, huisnummer and toevoeging of record r, as
// slices of x.text.
func (x *LabelSet) fields(r *labelRec) (pc, hn, tv []byte) {
	t := x.text[r.text:]
	var out [3][]byte
	for i := range out {
		n, k := binary.Uvarint(t)
		out[i] = t[k : k+int(n)]
		t = t[k+int(n):]
	}
	return out[0], out[1], out[2]
}

// appendAddrKey appends addrKey(postcode, number) without allocating.
func appendAddrKey(dst []byte, postcode, number string) []byte {
	dst = appendClean(dst, postcode)
	dst = append(dst, '|')
	return appendClean(dst, number)
}

// appendClean appends the ASCII digits and letters of s, upper-cased (as
// strings.ToUpper does, rune by rune).
func appendClean(dst []byte, s string) []byte {
	for _, r := range s {
		r = unicode.ToUpper(r)
		if (r >= '0' && r <= '9') || (r >= 'A' && r <= 'Z') {
			dst = append(dst, byte(r))
		}
	}
	return dst
}

// recAddrKey appends the address key of record r; ok is false when the
// registration has no postcode or no huisnummer (it is not indexed by
// address).
func (x *LabelSet) recAddrKey(dst []byte, r *labelRec) ([]byte, bool) {
	pc, hn, tv := x.fields(r)
	if len(pc) == 0 || len(hn) == 0 {
		return dst, false
	}
	dst = appendClean(dst, string(pc))
	dst = append(dst, '|')
	dst = appendClean(dst, string(hn))
	return appendClean(dst, string(tv)), true
}

// label rebuilds registration i.
func (x *LabelSet) label(i uint32) geodata.EnergyLabel {
	r := &x.recs[i]
	pc, hn, tv := x.fields(r)
	l := geodata.EnergyLabel{VerblijfsobjectID: bagString(r.vbo), PandID: bagString(r.pand),
		Postcode: string(pc), Huisnummer: string(hn), Toevoeging: string(tv),
		Klasse: x.strs[r.klasse], Gebouwtype: x.strs[r.typ], OppervlakteM2: r.opp}
	if r.date != zeroDate {
		l.Opnamedatum = time.Unix(int64(r.date)*86400, 0).UTC()
	}
	return l
}

// hashIndex lists record numbers by bucket of their key's hash; within a
// bucket in record order. Lookups read one bucket (on average under one
// record) and compare the records' keys.
type hashIndex struct {
	shift uint
	start []uint32 // bucket b holds recs[start[b]:start[b+1]]
	recs  []uint32
}

// buildHashIndex indexes records 0..n-1 by hash(i) (ok false: not
// indexed). Two passes of hash, a counting sort: O(n).
func buildHashIndex(n int, hash func(i int) (uint64, bool)) hashIndex {
	nb := max(1, bits.Len(uint(n)))
	h := hashIndex{shift: uint(64 - nb), start: make([]uint32, 1<<nb+1)}
	m := 0
	for i := range n {
		if k, ok := hash(i); ok {
			h.start[k>>h.shift+1]++
			m++
		}
	}
	for b := 1; b < len(h.start); b++ {
		h.start[b] += h.start[b-1]
	}
	h.recs = make([]uint32, m)
	fill := slices.Clone(h.start[:len(h.start)-1])
	for i := range n {
		if k, ok := hash(i); ok {
			b := k >> h.shift
			h.recs[fill[b]] = uint32(i)
			fill[b]++
		}
	}
	return h
}

// bucket returns the records in the bucket of hash k.
func (h *hashIndex) bucket(k uint64) []uint32 {
	if len(h.start) == 0 {
		return nil
	}
	b := k >> h.shift
	return h.recs[h.start[b]:h.start[b+1]]
}

// mix spreads a BAG id over 64 bits (the splitmix64 finaliser), so that
// the top bits pick a bucket.
func mix(v uint64) uint64 {
	v ^= v >> 30
	v *= 0xbf58476d1ce4e5b9
	v ^= v >> 27
	v *= 0x94d049bb133111eb
	return v ^ v>>31
}

// index builds the three indexes of the records, the address index
// beside the two id indexes: each only reads the records, and on the
// whole country (10.9 million registrations) they are some 9 s of
// scattered writes on one core while the batch's workers wait for the set
// (6.6-6.8 s this way; benchmarks/README.md, "The third session of 7 Dec").
func (x *LabelSet) index() {
	var wg sync.WaitGroup
	wg.Go(func() {
		x.byVBO = buildHashIndex(len(x.recs), func(i int) (uint64, bool) { v := x.recs[i].vbo; return mix(v), v != 0 })
		x.byPnd = buildHashIndex(len(x.recs), func(i int) (uint64, bool) { v := x.recs[i].pand; return mix(v), v != 0 })
	})
	var buf []byte
	x.byAdr = buildHashIndex(len(x.recs), func(i int) (uint64, bool) {
		var ok bool
		buf, ok = x.recAddrKey(buf[:0], &x.recs[i])
		return maphash.Bytes(x.seed, buf), ok
	})
	wg.Wait()
}

// NewLabelSet indexes ls by verblijfsobject id, pand id and address. It
// keeps a compact copy of ls, not ls. The ids must be in the 16-digit
// form the readers give (geodata.NormalizeBAGID); another id is not kept
// and matches nothing. Opnamedatum is kept to the day (UTC).
func NewLabelSet(ls []geodata.EnergyLabel) *LabelSet {
	b := newLabelBuilder()
	for i := range ls {
		if err := b.add(&ls[i]); err != nil {
			panic(err) // a slice in memory holds less than 4 GiB of addresses
		}
	}
	b.x.index()
	return b.x
}

// ReadLabelSet reads an EP-Online export (geodata.EPOnlineReader) and
// indexes the registrations geodata.ReadEPOnline keeps, in its order: the
// newest per verblijfsobject (on equal dates the one later in the file),
// and per pand the newest of those that name only a pand. rep gets the
// counts ReadEPOnline gives: the reader's, and the superseded
// registrations under geodata.SkipDuplicateID. Memory: about 80 bytes per
// registration read, not the ~235 of a []geodata.EnergyLabel; O(n) time
// plus a sort within each hash bucket.
func ReadLabelSet(r io.Reader, file string, rep *geodata.Report) (*LabelSet, error) {
	er, err := geodata.NewEPOnlineReader(r, file)
	if err != nil {
		return nil, err
	}
	b := newLabelBuilder()
	buf := make([]geodata.EnergyLabel, 256)
	for {
		n, err := er.Read(buf)
		for i := range buf[:n] {
			if err := b.add(&buf[i]); err != nil {
				return nil, &geodata.FeatureError{File: file, Feature: -1, Err: err}
			}
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
	}
	x := b.x
	replaced := x.newestPerID()
	*rep = er.Report
	for range replaced {
		rep.Used--
		rep.Skip(geodata.SkipDuplicateID)
	}
	x.index()
	return x, nil
}

// newestPerID keeps, per id (the verblijfsobject id, else the pand id),
// one registration at the place of the id's first one, with the content
// of its newest (geodata.NewestLabels.Add), and returns how many were
// superseded.
func (x *LabelSet) newestPerID() int {
	type key struct {
		pand bool
		id   uint64
	}
	keyOf := func(r *labelRec) key {
		if r.vbo != 0 {
			return key{false, r.vbo}
		}
		return key{true, r.pand}
	}
	ix := buildHashIndex(len(x.recs), func(i int) (uint64, bool) {
		k := keyOf(&x.recs[i])
		h := mix(k.id)
		if k.pand {
			h = mix(h ^ 1)
		}
		return h, true
	})
	first := make([]bool, len(x.recs))
	cmp := func(a, b uint32) int {
		ka, kb := keyOf(&x.recs[a]), keyOf(&x.recs[b])
		switch {
		case ka.pand != kb.pand:
			if ka.pand {
				return 1
			}
			return -1
		case ka.id != kb.id:
			if ka.id < kb.id {
				return -1
			}
			return 1
		}
		return int(a) - int(b)
	}
	for b := 0; b+1 < len(ix.start); b++ {
		rs := ix.recs[ix.start[b]:ix.start[b+1]]
		if len(rs) > 1 {
			slices.SortFunc(rs, cmp) // by key, then record order
		}
		for i := 0; i < len(rs); {
			j := i + 1
			for j < len(rs) && keyOf(&x.recs[rs[j]]) == keyOf(&x.recs[rs[i]]) {
				j++
			}
			kept := rs[i]
			for _, r := range rs[i+1 : j] {
				if x.recs[kept].date <= x.recs[r].date { // newer or equal date: the later wins
					kept = r
				}
			}
			first[rs[i]] = true
			x.recs[rs[i]] = x.recs[kept] // both of this id: no other id's record is touched
			i = j
		}
	}
	n := 0
	for i := range x.recs {
		if first[i] {
			x.recs[n] = x.recs[i]
			n++
		}
	}
	replaced := len(x.recs) - n
	x.recs = slices.Clip(x.recs[:n])
	return replaced
}

// Len returns the number of registrations.
func (x *LabelSet) Len() int { return len(x.recs) }

// Bytes returns the bytes the set holds (records, text, indexes), for
// the benchmark's bytes per registration.
func (x *LabelSet) Bytes() int {
	n := cap(x.recs)*40 + cap(x.text)
	for _, h := range []*hashIndex{&x.byVBO, &x.byPnd, &x.byAdr} {
		n += 4 * (cap(h.start) + cap(h.recs))
	}
	for _, s := range x.strs {
		n += 16 + len(s)
	}
	return n
}

// vbo appends the records with verblijfsobject id id.
func (x *LabelSet) vbo(dst []uint32, id uint64) []uint32 {
	if id == 0 {
		return dst
	}
	for _, r := range x.byVBO.bucket(mix(id)) {
		if x.recs[r].vbo == id {
			dst = append(dst, r)
		}
	}
	return dst
}

// String implements fmt.Stringer (counts only).
func (x *LabelSet) String() string {
	return fmt.Sprintf("LabelSet(%d registrations, %d bytes)", x.Len(), x.Bytes())
}

// For returns, in the export's order, the registrations a scan of in can
// use: those of its verblijfsobjecten, its panden and its addresses, and
// every other registration of a verblijfsobject among them (so that the
// newest registration per verblijfsobject is the one the whole export
// gives). A scan of in with For(in) as its labels gives the result a scan
// with the whole export gives. Safe for concurrent use.
func (x *LabelSet) For(in Input) []geodata.EnergyLabel {
	seen := map[uint32]bool{}
	var idx, hits []uint32
	add := func(is []uint32) {
		for _, i := range is {
			if !seen[i] {
				seen[i] = true
				idx = append(idx, i)
			}
		}
	}
	for i := range in.Verblijfsobjecten {
		hits = x.vbo(hits[:0], bagNumber(in.Verblijfsobjecten[i].ID))
		add(hits)
	}
	for i := range in.Panden {
		id := bagNumber(in.Panden[i].ID)
		if id == 0 {
			continue
		}
		hits = hits[:0]
		for _, r := range x.byPnd.bucket(mix(id)) {
			if x.recs[r].pand == id {
				hits = append(hits, r)
			}
		}
		add(hits)
	}
	var want, got []byte
	for i := range in.Addresses {
		a := &in.Addresses[i]
		want = appendAddrKey(want[:0], a.Postcode, a.Housenumber)
		hits = hits[:0]
		for _, r := range x.byAdr.bucket(maphash.Bytes(x.seed, want)) {
			if got, _ = x.recAddrKey(got[:0], &x.recs[r]); string(got) == string(want) {
				hits = append(hits, r)
			}
		}
		add(hits)
		if a.VerblijfsobjectID != "" {
			hits = x.vbo(hits[:0], bagNumber(a.VerblijfsobjectID))
			add(hits)
		}
	}
	for n := 0; n < len(idx); n++ { // closure over verblijfsobject ids
		hits = x.vbo(hits[:0], x.recs[idx[n]].vbo)
		add(hits)
	}
	slices.Sort(idx)
	out := make([]geodata.EnergyLabel, len(idx))
	for i, j := range idx {
		out[i] = x.label(j)
	}
	return out
}
