package batch

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/gob"
	"encoding/hex"
	"fmt"
	"os"
	"sync"

	"github.com/wijkwarmte/wijkwarmte/internal/outset"
)

// A buurt's record is kept in the staging as gob. A gob stream starts
// with the descriptions of the types it holds, and a decoder compiles a
// decoding engine for each type it is told of: with a stream per record
// file, describing and compiling the record's nested types for every
// buurt was about 1.2 % of a batch's CPU (benchmarks/README.md, "Reading
// and writing in a batch"). So the types are described once per process:
// one encoder writes every record, the start of its stream (the types
// and a zero record) is written once into the staging as
// state/types/<hash>.gob, and a record file holds recordMagic, that hash
// and the one message the encoder wrote for the record. Reading decodes
// the types file once per hash and then each record with the same
// decoder. A record whose message is not a value alone (a type the zero
// record did not describe: none can be, the record's types hold no
// interface) is written as a gob stream of its own, as every record was
// before; readRecord reads both.

// recordMagic starts a record file of the value-only form: a gob stream
// never starts with a zero byte (a message's length, which is at least
// one).
const recordMagic = "\x00wijkwarmte-record-2\n"

// recordHashLen is the length of the types file's hash in a record file
// (hex of the first 8 bytes of its SHA-256).
const recordHashLen = 16

func typesName(hash string) string { return "state/types/" + hash + ".gob" }

// recordEncoder writes every record of the process on one gob stream.
type recordEncoder struct {
	mu    sync.Mutex
	buf   bytes.Buffer
	enc   *gob.Encoder
	types []byte // the stream's start: the type descriptions and a zero record
	hash  string
	// spoiled: a record brought a type of its own onto the stream, so
	// later ones may refer to it; from then on each is a stream of its own.
	spoiled bool
}

var records = sync.OnceValues(func() (*recordEncoder, error) {
	e := &recordEncoder{}
	e.enc = gob.NewEncoder(&e.buf)
	if err := e.enc.Encode(&record{}); err != nil {
		return nil, err
	}
	e.types = bytes.Clone(e.buf.Bytes())
	sum := sha256.Sum256(e.types)
	e.hash = hex.EncodeToString(sum[:recordHashLen/2])
	return e, nil
})

// encode returns rec's message on the stream, or false when it is not
// a value alone (the caller writes a stream of its own).
func (e *recordEncoder) encode(rec *record) ([]byte, bool, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.spoiled {
		return nil, false, nil
	}
	e.buf.Reset()
	if err := e.enc.Encode(rec); err != nil {
		e.spoiled = true // the stream's state after a failed message is unknown
		return nil, false, err
	}
	if !valueMessage(e.buf.Bytes()) {
		e.spoiled = true
		return nil, false, nil
	}
	return bytes.Clone(e.buf.Bytes()), true, nil
}

// valueMessage reports whether b is exactly one gob message and that of a
// value (a positive type id), not of a type description (negative).
func valueMessage(b []byte) bool {
	n, b, ok := gobUint(b)
	if !ok || n != uint64(len(b)) {
		return false
	}
	id, _, ok := gobUint(b)
	return ok && id&1 == 0 && id > 0 // gob ints: the low bit is the sign
}

// gobUint reads one unsigned integer as gob encodes it: a byte below
// 128 is the value, else its negation is the count of big-endian bytes
// that follow.
func gobUint(b []byte) (uint64, []byte, bool) {
	if len(b) == 0 {
		return 0, b, false
	}
	if b[0] < 0x80 {
		return uint64(b[0]), b[1:], true
	}
	n := -int(int8(b[0]))
	if n > 8 || len(b) < 1+n {
		return 0, b, false
	}
	var x uint64
	for _, c := range b[1 : 1+n] {
		x = x<<8 | uint64(c)
	}
	return x, b[1+n:], true
}

// writeRecord commits one buurt: its record, atomically, after its part
// (and, the first time in a staging, after the types file it refers to).
func writeRecord(set *outset.Set, rec record) error {
	e, err := records()
	if err != nil {
		return err
	}
	msg, ok, err := e.encode(&rec)
	if err != nil {
		return err
	}
	if !ok {
		return set.WriteFile(stateName(rec.Area.Code), func(w *bufio.Writer) error {
			return gob.NewEncoder(w).Encode(&rec)
		})
	}
	if name := typesName(e.hash); !set.Exists(name) {
		if err := set.WriteFile(name, func(w *bufio.Writer) error {
			_, err := w.Write(e.types)
			return err
		}); err != nil {
			return err
		}
	}
	return set.WriteFile(stateName(rec.Area.Code), func(w *bufio.Writer) error {
		w.WriteString(recordMagic)
		w.WriteString(e.hash)
		_, err := w.Write(msg)
		return err
	})
}

// recordDecoder reads the records written after one types file.
type recordDecoder struct {
	mu  sync.Mutex
	r   bytes.Reader // an io.ByteReader: gob reads it without a buffer of its own
	dec *gob.Decoder
}

var (
	decodersMu sync.Mutex
	decoders   = map[string]*recordDecoder{} // by the types file's hash
)

// decoderFor returns the decoder of the types file hash of set, reading
// it the first time.
func decoderFor(set *outset.Set, hash string) (*recordDecoder, error) {
	decodersMu.Lock()
	defer decodersMu.Unlock()
	if d := decoders[hash]; d != nil {
		return d, nil
	}
	types, err := os.ReadFile(set.Path(typesName(hash)))
	if err != nil {
		return nil, err
	}
	if sum := sha256.Sum256(types); hex.EncodeToString(sum[:recordHashLen/2]) != hash {
		return nil, fmt.Errorf("%s does not hash to its name", typesName(hash))
	}
	d := &recordDecoder{}
	d.r.Reset(types)
	d.dec = gob.NewDecoder(&d.r)
	var zero record
	if err := d.dec.Decode(&zero); err != nil {
		return nil, fmt.Errorf("%s: %w", typesName(hash), err)
	}
	if d.r.Len() != 0 {
		return nil, fmt.Errorf("%s: %d bytes after the zero record", typesName(hash), d.r.Len())
	}
	decoders[hash] = d
	return d, nil
}

func (d *recordDecoder) decode(msg []byte, rec *record) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.r.Reset(msg)
	if err := d.dec.Decode(rec); err != nil {
		return err
	}
	if d.r.Len() != 0 {
		return fmt.Errorf("%d bytes after the record", d.r.Len())
	}
	return nil
}

func readRecord(set *outset.Set, code string) (record, error) {
	var rec record
	b, err := os.ReadFile(set.Path(stateName(code)))
	if err != nil {
		return rec, err
	}
	rest, ok := bytes.CutPrefix(b, []byte(recordMagic))
	if !ok {
		err = gob.NewDecoder(bytes.NewReader(b)).Decode(&rec)
		return rec, err
	}
	if len(rest) < recordHashLen {
		return rec, fmt.Errorf("%s: truncated", stateName(code))
	}
	hash := string(rest[:recordHashLen])
	d, err := decoderFor(set, hash)
	if err != nil {
		return rec, err
	}
	if err := d.decode(rest[recordHashLen:], &rec); err != nil {
		decodersMu.Lock()
		delete(decoders, hash) // the decoder's state after a failed message is unknown
		decodersMu.Unlock()
		return rec, err
	}
	return rec, nil
}
