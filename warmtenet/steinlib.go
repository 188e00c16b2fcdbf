package warmtenet

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
)

// ErrSTP reports a SteinLib file that cannot be read; it is wrapped in an
// *STPError that gives the line.
var ErrSTP = errors.New("warmtenet: bad SteinLib file")

// Limits on what ReadSTP accepts, so that a crafted count cannot exhaust
// memory: a SteinLib instance larger than this is not a routing problem
// wijkwarmte solves on one machine.
const (
	MaxSTPNodes = 1 << 24
	MaxSTPEdges = 1 << 27
)

// maxIsolatedSTPNodes is how many declared nodes ReadSTP accepts beyond
// those its edges and terminals can touch (isolated nodes, which no tree
// uses).
const maxIsolatedSTPNodes = 1 << 16

// STPError is a data error in a SteinLib file: the 1-based line and what
// is wrong with it.
type STPError struct {
	Line int
	Err  error
}

// Error names the line, then the problem; line 0 (no line read) is an
// empty file.
func (e *STPError) Error() string {
	if e.Line == 0 {
		return fmt.Sprintf("empty file: %v", e.Err)
	}
	return fmt.Sprintf("line %d: %v", e.Line, e.Err)
}

// Unwrap returns the underlying error, for errors.Is and errors.As.
func (e *STPError) Unwrap() error { return e.Err }

// STP is a Steiner tree problem in graphs read from a SteinLib .stp file.
// Nodes are renumbered from 0 (SteinLib counts from 1): SteinLib node i is
// node i-1 of Graph.
type STP struct {
	Name      string // from "Name" in SECTION Comment, may be empty
	Graph     *Graph
	Terminals []int32
}

// ReadSTP reads an undirected SteinLib instance: SECTION Graph with Nodes,
// Edges and "E u v w" lines, SECTION Terminals with Terminals and "T v"
// lines. Keywords are case-insensitive; other sections (Comment,
// Coordinates, ...) are skipped; the header line is optional. Directed
// instances ("A" arcs) are rejected. Declared counts must match the lines
// read and stay within MaxSTPNodes and MaxSTPEdges. Errors are *STPError
// wrapping ErrSTP (or ErrBadGraph).
func ReadSTP(r io.Reader) (*STP, error) { return readSTP(r, true) }

// readSTP is ReadSTP; fast false reads every line by the general path
// (tests compare the two).
func readSTP(r io.Reader, fast bool) (*STP, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	var (
		p          STP
		line       int
		section    string
		nodes      = -1
		edges      = -1
		terminals  = -1
		u, v       []int32
		w          []float64
		seenGraph  bool
		seenTerms  bool
		sectionEnd = true
	)
	fail := func(format string, a ...any) error {
		return &STPError{Line: line, Err: fmt.Errorf("%w: "+format, append([]any{ErrSTP}, a...)...)}
	}
	node := func(s string) (int32, error) {
		if nodes < 0 {
			return 0, fail("node %q before Nodes", s)
		}
		x, err := strconv.ParseInt(s, 10, 64)
		if err != nil || x < 1 || x > int64(nodes) {
			return 0, fail("node %q outside 1..%d", s, nodes)
		}
		return int32(x - 1), nil
	}
	count := func(f []string, limit int) (int, error) {
		if len(f) != 2 {
			return 0, fail("%q wants one count", f[0])
		}
		x, err := strconv.ParseInt(f[1], 10, 64)
		if err != nil || x < 0 || x > int64(limit) {
			return 0, fail("%s %q not a count in 0..%d", f[0], f[1], limit)
		}
		return int(x), nil
	}
	for sc.Scan() {
		line++
		if fast && !sectionEnd && section == "graph" && nodes >= 0 && edges >= 0 && len(u) < edges {
			// The edge lines, nearly all of a file, without the string
			// allocations of the general path; any line this does not
			// take (another keyword, a sign, a bad number) goes there.
			if a, b, x, ok := stpEdgeLine(sc.Bytes(), nodes); ok {
				u, v, w = append(u, a), append(v, b), append(w, x)
				continue
			}
		}
		if fast && !sectionEnd && section == "terminals" && nodes >= 0 && len(p.Terminals) != terminals && len(p.Terminals) < MaxSTPNodes {
			if t, ok := stpTerminalLine(sc.Bytes(), nodes); ok {
				p.Terminals = append(p.Terminals, t)
				continue
			}
		}
		f := strings.Fields(sc.Text())
		if len(f) == 0 || strings.HasPrefix(f[0], "#") {
			continue
		}
		key := strings.ToLower(f[0])
		if line == 1 && strings.EqualFold(key, "33d32945") {
			continue
		}
		if sectionEnd {
			switch key {
			case "section":
				if len(f) < 2 {
					return nil, fail("SECTION without a name")
				}
				section = strings.ToLower(f[1])
				sectionEnd = false
				switch section {
				case "graph":
					if seenGraph {
						return nil, fail("second SECTION Graph")
					}
					seenGraph = true
				case "terminals":
					if seenTerms {
						return nil, fail("second SECTION Terminals")
					}
					seenTerms = true
				}
			case "eof":
				return p.finish(line, nodes, edges, terminals, u, v, w, seenGraph, seenTerms)
			default:
				return nil, fail("%q outside a section", f[0])
			}
			continue
		}
		if key == "end" {
			if section == "graph" && edges >= 0 && len(u) != edges {
				return nil, fail("Edges %d declared, %d read", edges, len(u))
			}
			if section == "terminals" && terminals >= 0 && len(p.Terminals) != terminals {
				return nil, fail("Terminals %d declared, %d read", terminals, len(p.Terminals))
			}
			sectionEnd = true
			continue
		}
		var err error
		switch section {
		case "comment":
			if key == "name" {
				p.Name = strings.Trim(strings.TrimSpace(sc.Text()[strings.Index(sc.Text(), f[0])+len(f[0]):]), `"`)
			}
		case "graph":
			switch key {
			case "nodes":
				if nodes, err = count(f, MaxSTPNodes); err != nil {
					return nil, err
				}
			case "edges":
				if edges, err = count(f, MaxSTPEdges); err != nil {
					return nil, err
				}
				c := min(edges, 1<<16)
				u, v, w = make([]int32, 0, c), make([]int32, 0, c), make([]float64, 0, c)
			case "e":
				if len(f) != 4 {
					return nil, fail("E wants two nodes and a weight")
				}
				if edges < 0 {
					return nil, fail("E before Edges")
				}
				if len(u) == edges {
					return nil, fail("more than the %d Edges declared", edges)
				}
				a, err := node(f[1])
				if err != nil {
					return nil, err
				}
				b, err := node(f[2])
				if err != nil {
					return nil, err
				}
				x, err := strconv.ParseFloat(f[3], 64)
				if err != nil || !(x >= 0) || math.IsInf(x, 0) {
					return nil, fail("weight %q not a finite number >= 0", f[3])
				}
				if a == b {
					return nil, fail("edge is a self-loop at node %s", f[1])
				}
				u, v, w = append(u, a), append(v, b), append(w, x)
			case "a", "arcs":
				return nil, fail("directed arcs are not supported")
			default:
				return nil, fail("unknown keyword %q in SECTION Graph", f[0])
			}
		case "terminals":
			switch key {
			case "terminals":
				if terminals, err = count(f, MaxSTPNodes); err != nil {
					return nil, err
				}
			case "t":
				if len(f) != 2 {
					return nil, fail("T wants one node")
				}
				if terminals >= 0 && len(p.Terminals) == terminals {
					return nil, fail("more than the %d Terminals declared", terminals)
				}
				if len(p.Terminals) == MaxSTPNodes {
					return nil, fail("more than %d terminals", MaxSTPNodes)
				}
				t, err := node(f[1])
				if err != nil {
					return nil, err
				}
				p.Terminals = append(p.Terminals, t)
			case "root", "rootp", "roott":
				// Rooted variants: the root is a terminal listed with T.
			default:
				return nil, fail("unknown keyword %q in SECTION Terminals", f[0])
			}
		}
	}
	if err := sc.Err(); err != nil {
		return nil, &STPError{Line: line + 1, Err: fmt.Errorf("%w: %w", ErrSTP, err)}
	}
	if !sectionEnd {
		return nil, fail("SECTION %s without END", section)
	}
	return p.finish(line, nodes, edges, terminals, u, v, w, seenGraph, seenTerms)
}

// stpEdgeLine reads a well-formed edge line "E u v w" (or "e"), fields
// separated by ASCII white space, u and v plain decimal node numbers in
// 1..nodes and different, w a finite number >= 0, and returns the nodes
// numbered from 0 and the weight, as ReadSTP's general path does. Any
// other line gives ok false, and the general path reads it (and reports
// what is wrong with it).
func stpEdgeLine(b []byte, nodes int) (u, v int32, w float64, ok bool) {
	var f [4][]byte
	if stpFields(b, f[:]) != 4 || len(f[0]) != 1 || f[0][0]|0x20 != 'e' {
		return 0, 0, 0, false
	}
	u, oku := stpNode(f[1], nodes)
	v, okv := stpNode(f[2], nodes)
	if !oku || !okv || u == v {
		return 0, 0, 0, false
	}
	w, err := strconv.ParseFloat(string(f[3]), 64)
	if err != nil || !(w >= 0) || math.IsInf(w, 0) {
		return 0, 0, 0, false
	}
	return u, v, w, true
}

// stpTerminalLine reads a well-formed terminal line "T v" (or "t") as
// stpEdgeLine reads an edge line.
func stpTerminalLine(b []byte, nodes int) (int32, bool) {
	var f [2][]byte
	if stpFields(b, f[:]) != 2 || len(f[0]) != 1 || f[0][0]|0x20 != 't' {
		return 0, false
	}
	return stpNode(f[1], nodes)
}

// stpFields splits b at ASCII white space into f and returns the number
// of fields, or -1 when b has more fields than f or a byte outside ASCII
// (which may be Unicode white space: the general path's strings.Fields
// decides).
func stpFields(b []byte, f [][]byte) int {
	k := 0
	for i := 0; i < len(b); {
		if stpSpace(b[i]) {
			i++
			continue
		}
		if k == len(f) {
			return -1
		}
		j := i
		for j < len(b) && !stpSpace(b[j]) {
			if b[j] >= 0x80 {
				return -1
			}
			j++
		}
		f[k] = b[i:j]
		k++
		i = j
	}
	return k
}

func stpSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f'
}

// stpNode reads a plain decimal node number (no sign, at most 9 digits)
// in 1..nodes and returns it numbered from 0.
func stpNode(d []byte, nodes int) (int32, bool) {
	if len(d) == 0 || len(d) > 9 {
		return 0, false
	}
	x := 0
	for _, c := range d {
		if c < '0' || c > '9' {
			return 0, false
		}
		x = 10*x + int(c-'0')
	}
	return int32(x - 1), x >= 1 && x <= nodes
}

func (p *STP) finish(line, nodes, edges, terminals int, u, v []int32, w []float64, seenGraph, seenTerms bool) (*STP, error) {
	fail := func(msg string) error { return &STPError{Line: line, Err: fmt.Errorf("%w: %s", ErrSTP, msg)} }
	switch {
	case !seenGraph || nodes < 0:
		return nil, fail("no SECTION Graph with Nodes")
	case edges < 0:
		return nil, fail("no Edges in SECTION Graph")
	case !seenTerms:
		return nil, fail("no SECTION Terminals")
	case nodes > 2*len(u)+len(p.Terminals)+maxIsolatedSTPNodes:
		// The graph's arrays are sized by the declared count, so a
		// 137-byte file declaring 16 million nodes would cost a gigabyte:
		// memory follows what the file holds, not what it declares.
		return nil, fail(fmt.Sprintf("declares %d nodes, but its %d edges and %d terminals touch at most %d: more than %d nodes would be isolated",
			nodes, len(u), len(p.Terminals), 2*len(u)+len(p.Terminals), maxIsolatedSTPNodes))
	}
	g, err := NewGraph(nodes, u, v, w)
	if err != nil {
		return nil, &STPError{Line: line, Err: err}
	}
	p.Graph = g
	if p.Terminals == nil {
		p.Terminals = []int32{}
	}
	return p, nil
}

// WriteSTP writes g and terminals as a SteinLib .stp file (nodes numbered
// from 1) that ReadSTP and other SteinLib tools read. Weights are written
// in the shortest form that reads back exactly.
func WriteSTP(w io.Writer, name string, g *Graph, terminals []int32) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "33D32945 STP File, STP Format Version 1.0\n\nSECTION Comment\nName %q\nCreator \"wijkwarmte\"\nEND\n\n", name)
	fmt.Fprintf(bw, "SECTION Graph\nNodes %d\nEdges %d\n", g.NumNodes(), g.NumEdges())
	buf := make([]byte, 0, 64)
	for e := range g.EdgeU {
		buf = append(buf[:0], "E "...)
		buf = strconv.AppendInt(buf, int64(g.EdgeU[e])+1, 10)
		buf = append(buf, ' ')
		buf = strconv.AppendInt(buf, int64(g.EdgeV[e])+1, 10)
		buf = append(buf, ' ')
		buf = strconv.AppendFloat(buf, g.Weight[e], 'g', -1, 64)
		buf = append(buf, '\n')
		bw.Write(buf)
	}
	fmt.Fprintf(bw, "END\n\nSECTION Terminals\nTerminals %d\n", len(terminals))
	for _, t := range terminals {
		fmt.Fprintf(bw, "T %d\n", t+1)
	}
	fmt.Fprintf(bw, "END\n\nEOF\n")
	return bw.Flush()
}
