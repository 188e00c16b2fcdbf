package warmtenet

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestReadSTP(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name  string
		in    string
		nodes int
		edges int
		terms []int32
		err   string // substring of the error, "" for none
	}{
		{"minimal", "SECTION Graph\nNodes 3\nEdges 2\nE 1 2 1.5\nE 2 3 2\nEND\nSECTION Terminals\nTerminals 2\nT 1\nT 3\nEND\nEOF\n", 3, 2, []int32{0, 2}, ""},
		{"case-insensitive, header, comment", "33D32945 STP File, STP Format Version 1.0\nsection comment\nName \"x y\"\nend\nSection GRAPH\nnodes 2\nedges 1\ne 1 2 3\nEnd\nsection terminals\nterminals 1\nt 2\nend\neof\n", 2, 1, []int32{1}, ""},
		{"skips coordinates", "SECTION Graph\nNodes 2\nEdges 1\nE 1 2 3\nEND\nSECTION Coordinates\nDD 1 0 0\nDD 2 1 1\nEND\nSECTION Terminals\nTerminals 1\nT 2\nEND\n", 2, 1, []int32{1}, ""},
		{"node out of range", "SECTION Graph\nNodes 2\nEdges 1\nE 1 3 1\nEND\n", 0, 0, nil, "line 4"},
		{"negative weight", "SECTION Graph\nNodes 2\nEdges 1\nE 1 2 -1\nEND\n", 0, 0, nil, "weight"},
		{"self-loop", "SECTION Graph\nNodes 2\nEdges 1\nE 1 1 1\nEND\n", 0, 0, nil, "self-loop"},
		{"too few edges", "SECTION Graph\nNodes 2\nEdges 2\nE 1 2 1\nEND\n", 0, 0, nil, "Edges 2 declared, 1 read"},
		{"too many edges", "SECTION Graph\nNodes 2\nEdges 1\nE 1 2 1\nE 1 2 1\nEND\n", 0, 0, nil, "line 5"},
		{"absurd node count", "SECTION Graph\nNodes 99999999999\n", 0, 0, nil, "not a count"},
		{"absurd edge count", "SECTION Graph\nNodes 2\nEdges 999999999999\n", 0, 0, nil, "not a count"},
		{"arcs", "SECTION Graph\nNodes 2\nArcs 1\nA 1 2 1\nEND\n", 0, 0, nil, "directed"},
		{"no terminals section", "SECTION Graph\nNodes 2\nEdges 1\nE 1 2 1\nEND\nEOF\n", 0, 0, nil, "no SECTION Terminals"},
		{"unterminated", "SECTION Graph\nNodes 2\nEdges 1\nE 1 2 1\n", 0, 0, nil, "without END"},
		{"terminal count", "SECTION Graph\nNodes 2\nEdges 1\nE 1 2 1\nEND\nSECTION Terminals\nTerminals 2\nT 1\nEND\n", 0, 0, nil, "Terminals 2 declared, 1 read"},
		{"empty", "", 0, 0, nil, "empty file: warmtenet: bad SteinLib file: no SECTION Graph"},
		// issue 13, defect 3: 137 bytes declaring 16,777,216 nodes made
		// steiner allocate 1.1 GB.
		{"declared nodes the file cannot hold", "SECTION Graph\nNodes 16777216\nEdges 1\nE 1 2 1\nEND\nSECTION Terminals\nTerminals 2\nT 1\nT 2\nEND\nEOF\n", 0, 0, nil, "would be isolated"},
		{"a few isolated nodes", "SECTION Graph\nNodes 1000\nEdges 1\nE 1 2 1\nEND\nSECTION Terminals\nTerminals 2\nT 1\nT 2\nEND\nEOF\n", 1000, 1, []int32{0, 1}, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			p, err := ReadSTP(strings.NewReader(c.in))
			if c.err != "" {
				var se *STPError
				if err == nil || !strings.Contains(err.Error(), c.err) || !errors.As(err, &se) {
					t.Fatalf("error %v, want an *STPError with %q", err, c.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if p.Graph.NumNodes() != c.nodes || p.Graph.NumEdges() != c.edges || !slices.Equal(p.Terminals, c.terms) {
				t.Errorf("got %d nodes, %d edges, terminals %v", p.Graph.NumNodes(), p.Graph.NumEdges(), p.Terminals)
			}
		})
	}
}

// TestWriteSTPRoundTrip writes a SteinLib instance back and reads it again.
func TestWriteSTPRoundTrip(t *testing.T) {
	p := readSTPFile(t, filepath.Join("..", "testdata", "steinlib", "B", "b01.stp"))
	var buf bytes.Buffer
	if err := WriteSTP(&buf, p.Name, p.Graph, p.Terminals); err != nil {
		t.Fatal(err)
	}
	q, err := ReadSTP(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if q.Name != p.Name || !slices.Equal(q.Graph.EdgeU, p.Graph.EdgeU) || !slices.Equal(q.Graph.EdgeV, p.Graph.EdgeV) ||
		!slices.Equal(q.Graph.Weight, p.Graph.Weight) || !slices.Equal(q.Terminals, p.Terminals) {
		t.Errorf("round trip changed the instance")
	}
}

// FuzzReadSTP feeds arbitrary text to ReadSTP: it must return an instance
// or an error, never panic, and an instance it returns must solve.
func FuzzReadSTP(f *testing.F) {
	for _, name := range []string{"B/b01.stp", "C/c01.stp"} {
		data, err := os.ReadFile(filepath.Join("..", "testdata", "steinlib", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte("SECTION Graph\nNodes 3\nEdges 2\nE 1 2 1\nE 2 3 1\nEND\nSECTION Terminals\nTerminals 2\nT 1\nT 3\nEND\nEOF\n"))
	f.Add([]byte("SECTION Graph\nNodes 2\nEdges 1\nE 1 2 nan\nEND\n"))
	f.Add([]byte("SECTION Graph\nNodes 12\nEdges 6\ne\t01 2 1e1\nE +3 4 0x1p3\nE 5 6 1 2\nE 7 7 1\nE 8\u00a09 2\nE 0000000010 11 .5\nEND\nSECTION Terminals\nT 1\nt 012\nT +3\nT 13\nEND\nEOF\n"))
	s := NewSteiner()
	s.MaxWork = 20_000 // keep executions fast; enough for Voronoi passes on small graphs
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := ReadSTP(bytes.NewReader(data))
		// The edge and terminal lines' fast path reads exactly what the
		// general path reads, and fails where it fails.
		pg, errg := readSTP(bytes.NewReader(data), false)
		if (err == nil) != (errg == nil) || err != nil && err.Error() != errg.Error() {
			t.Fatalf("fast path: %v; general path: %v", err, errg)
		}
		if err == nil && (p.Name != pg.Name || !slices.Equal(p.Terminals, pg.Terminals) || !slices.Equal(p.Graph.EdgeU, pg.Graph.EdgeU) ||
			!slices.Equal(p.Graph.EdgeV, pg.Graph.EdgeV) || !slices.Equal(p.Graph.Weight, pg.Graph.Weight) || p.Graph.NumNodes() != pg.Graph.NumNodes()) {
			t.Fatalf("fast path read another instance than the general path")
		}
		if err != nil {
			var se *STPError
			if !errors.As(err, &se) {
				t.Fatalf("error %v is not an *STPError", err)
			}
			return
		}
		if p.Graph.NumNodes() > 1<<16 {
			return // a large valid instance: solving it is not the reader's test
		}
		edges, w, err := s.Tree(nil, p.Graph, p.Terminals)
		if err != nil && !errors.Is(err, ErrDisconnected) {
			t.Fatalf("solving a read instance: %v", err)
		}
		if err == nil {
			// The local search (Voronoi passes included) must leave a
			// valid Steiner tree on whatever graph the reader accepts.
			checkTree(t, p.Graph, p.Terminals, edges, w)
		}
	})
}
