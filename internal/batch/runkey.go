package batch

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/wijkwarmte/wijkwarmte/internal/outset"
	"github.com/wijkwarmte/wijkwarmte/kosten"
)

// keyPartsName is the staging's record of what runKey hashed, so that a
// start with other inputs can say which one changed. Like the rest of
// state/ it is removed before the commit.
const keyPartsName = "state/runkey.json"

// keyPart is one input file or option of a batch's key.
type keyPart struct {
	Flag string `json:"flag"` // the command-line flag, "--labels"
	// File is the file's absolute path, "" for an option or a file not
	// given; Size and ModTimeNS are its size and modification time.
	File      string `json:"file,omitempty"`
	Size      int64  `json:"size,omitempty"`
	ModTimeNS int64  `json:"mtime_ns,omitempty"`
	Value     string `json:"value,omitempty"` // an option's value
	given     string // the path as given now, for messages
}

// runKey identifies a batch by its inputs (name, size, modification time)
// and options, so that a restart with other inputs is noticed. It also
// returns the parts it hashed, for changedSince. The hash is the one of
// the code before the parts were kept, so that an unfinished batch begun
// by it resumes.
func runKey(c Config) (string, []keyPart, error) {
	h := sha256.New()
	s := c.Scan
	files := []struct {
		flag, path string
	}{
		{"--areas", c.Areas}, {"--buildings", s.Buildings}, {"--vbo", s.VBO}, {"--addresses", s.Addresses},
		{"--labels", s.Labels}, {"--streets", s.Streets}, {"--water", s.Water}, {"--sources", s.Sources},
		{"--params", s.ParamsFile}, {"--scenario", s.Scenario}, {"--kader", s.KaderFile}, {"--works", s.Works},
		{"--network-rules", s.NetworkRules}, {"--existing-network", s.ExistingNetwork},
	}
	var parts []keyPart
	for _, f := range files {
		if f.path == "" {
			fmt.Fprintln(h, "-")
			parts = append(parts, keyPart{Flag: f.flag})
			continue
		}
		fi, err := os.Stat(f.path)
		if err != nil {
			return "", nil, err
		}
		abs, _ := filepath.Abs(f.path)
		fmt.Fprintln(h, abs, fi.Size(), fi.ModTime().UnixNano())
		parts = append(parts, keyPart{Flag: f.flag, File: abs, Size: fi.Size(), ModTimeNS: fi.ModTime().UnixNano(), given: f.path})
	}
	opts := []struct {
		flag string
		v    any
	}{
		{"--layer", s.Layer}, {"--vbo-layer", s.VBOLayer}, {"--streets-layer", s.StreetsLayer}, {"--works-layer", s.WorksLayer},
		{"--existing-network-layer", s.ExistingNetworkLayer}, {"--kentallen", s.Kentallen}, {"--year", s.Year},
		{"--street-margin", s.StreetMarginM}, {"--route-work", s.RouteWork}, {"--route-gap (fraction)", s.RouteGap},
		{"--columns", s.Columns.String()}, {"--draws", s.Draws}, {"--seed", s.Seed}, {"--reroute", s.Reroute},
		{"the kind of the selected areas (--buurt, --wijk, --gemeente)", c.By},
		{"the selected codes", strings.Join(c.Codes, ",")}, {"the parameter table of the program", kosten.Version},
	}
	vals := make([]any, len(opts))
	for i, o := range opts {
		vals[i] = o.v
		parts = append(parts, keyPart{Flag: o.flag, Value: fmt.Sprint(o.v)})
	}
	fmt.Fprintln(h, vals...)
	return hex.EncodeToString(h.Sum(nil)), parts, nil
}

// writeKeyParts records parts in the staging, unless it holds them
// already (a resumed batch begun before they were kept gets them now: its
// key is the same).
func writeKeyParts(set *outset.Set, parts []keyPart) error {
	if set.Exists(keyPartsName) {
		return nil
	}
	return set.WriteFile(keyPartsName, func(w *bufio.Writer) error {
		return json.NewEncoder(w).Encode(parts)
	})
}

// changedSince says which inputs and options of now differ from those
// the unfinished batch in out's staging recorded, "" when it recorded
// none (begun by code that did not keep them) or none differs.
func changedSince(out string, now []keyPart) string {
	dir, err := outset.StagingDir(out)
	if err != nil {
		return ""
	}
	b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(keyPartsName)))
	if err != nil {
		return ""
	}
	var was []keyPart
	if json.Unmarshal(b, &was) != nil {
		return ""
	}
	before := map[string]keyPart{}
	for _, p := range was {
		before[p.Flag] = p
	}
	var diffs []string
	for _, n := range now {
		o, ok := before[n.Flag]
		if !ok {
			continue
		}
		switch {
		case o.File == "" && n.File == "" && o.Value != n.Value:
			diffs = append(diffs, fmt.Sprintf("%s changed (%q -> %q)", n.Flag, o.Value, n.Value))
		case o.File == "" && n.File != "":
			diffs = append(diffs, fmt.Sprintf("%s %s is given, the unfinished batch had none", n.Flag, n.given))
		case o.File != "" && n.File == "":
			diffs = append(diffs, fmt.Sprintf("%s is not given, the unfinished batch had %s", n.Flag, o.File))
		case o.File != n.File:
			diffs = append(diffs, fmt.Sprintf("%s is %s, the unfinished batch had %s", n.Flag, n.given, o.File))
		case o.Size != n.Size && o.ModTimeNS != n.ModTimeNS:
			diffs = append(diffs, fmt.Sprintf("%s %s changed (size %s -> %s bytes, modified %s -> %s)", n.Flag, n.given, grouped(o.Size), grouped(n.Size), stamp(o.ModTimeNS), stamp(n.ModTimeNS)))
		case o.Size != n.Size:
			diffs = append(diffs, fmt.Sprintf("%s %s changed (size %s -> %s bytes)", n.Flag, n.given, grouped(o.Size), grouped(n.Size)))
		case o.ModTimeNS != n.ModTimeNS:
			diffs = append(diffs, fmt.Sprintf("%s %s changed (modified %s -> %s, same size)", n.Flag, n.given, stamp(o.ModTimeNS), stamp(n.ModTimeNS)))
		}
	}
	return strings.Join(diffs, "; ")
}

// grouped writes n with a ',' between groups of three digits: 1,234,567.
func grouped(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

func stamp(ns int64) string {
	return time.Unix(0, ns).UTC().Format("2006-01-02 15:04:05.000 UTC")
}
