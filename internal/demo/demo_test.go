package demo

import (
	"bytes"
	"testing"
)

// TestPBF: the embedded extract is there and is an OSM PBF (its first blob
// is an OSMHeader).
func TestPBF(t *testing.T) {
	b := PBF()
	if len(b) < 1_000_000 {
		t.Fatalf("demo extract is %d bytes, want the 1 MB Delft extract", len(b))
	}
	if !bytes.Contains(b[:32], []byte("OSMHeader")) {
		t.Errorf("demo extract does not start with an OSMHeader blob: % x", b[:32])
	}
	if !Box.Contains(Box.Center()) || Box.Min[0] != 4.355 {
		t.Errorf("Box = %v", Box)
	}
}
