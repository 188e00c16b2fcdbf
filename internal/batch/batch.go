// Package batch scans every buurt of a CBS areas file (or those of a few
// gemeenten, wijken or buurten) as its own wijkanalyse: each buurt reads
// its inputs within its own bound (through the national GeoPackages'
// R-trees), routes its own network and is priced on its own, on several
// goroutines at once. A finished buurt is committed to the resumable
// output staging (internal/outset) as it ends, so a batch killed at any
// moment continues where it stopped when started again with the same
// command, and ends with the outputs an uninterrupted run writes.
//
// Outputs in Config.Out (EPSG:28992): buurten.parquet and buurten.gpkg
// (one row per buurt with its status and indicators per strategy),
// buildings/gemeentecode=GM..../part-0.parquet (the per-pand GeoParquet
// of scan, hive-partitioned, its row groups by buurt), startanalyse/
// GM....csv (one block per buurt), summary.json, report.html and
// manifest.json.
package batch

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/wijkwarmte/wijkwarmte/geodata"
	"github.com/wijkwarmte/wijkwarmte/internal/outset"
	"github.com/wijkwarmte/wijkwarmte/internal/report"
	"github.com/wijkwarmte/wijkwarmte/internal/scan"
	"github.com/wijkwarmte/wijkwarmte/kosten"
	"github.com/wijkwarmte/wijkwarmte/wijkanalyse"
)

// Status of a buurt in the outputs.
const (
	StatusOK     = "ok"
	StatusEmpty  = "empty"  // no usable pand in the buurt
	StatusWater  = "water"  // CBS water = JA
	StatusFailed = "failed" // an error; Reason says which
)

// Config says what to scan and where to write.
type Config struct {
	// Scan holds the inputs and options every buurt is scanned with (as
	// `wijkwarmte scan` takes them); its Out, Select, Areas and Progress
	// are set per buurt.
	Scan scan.Config
	// Areas is the CBS wijk- en buurtkaart (GeoPackage with a "buurten"
	// layer, or GeoJSON of buurten).
	Areas string
	// By and Codes select gemeenten, wijken or buurten; no codes: all.
	By    scan.SelectBy
	Codes []string
	Out   string
	// Workers is the number of buurten scanned at once (default: the
	// number of CPUs); each buurt is scanned on one goroutine.
	Workers int
	// Restart throws away the unfinished run in Out instead of resuming
	// it (required when the inputs or options changed since).
	Restart bool
	// Progress, when set, is told after every buurt.
	Progress func(p Progress)
	// stopAfter, for tests: stop (as a kill would) after that many
	// buurten were committed in this run.
	stopAfter int
	// failBuurt, for tests: the scan of the buurt with this code fails.
	failBuurt string
}

// Progress is how far a batch is.
type Progress struct {
	Done, Total int // buurten
	Resumed     int // of Done, committed by an earlier run
	Panden      int // used, in the buurten done in this run
	Elapsed     time.Duration
}

// ErrFailed is returned when some buurten failed; every other output was
// written.
var ErrFailed = errors.New("batch: some buurten failed")

// errStopped is returned by a test stop.
var errStopped = errors.New("batch: stopped")

// record is what a batch keeps of one buurt in its staging until the end
// (gob: NaN survives, unlike in JSON).
type record struct {
	Area       geodata.Area
	Status     string
	Reason     string
	Summary    *report.Summary // nil unless ok
	HasPanden  bool            // a buildings part was written
	ReadPanden int             // panden read for it (used + skipped)
}

func stateName(code string) string { return "state/" + code + ".gob" }

// partName is the per-pand GeoParquet of a buurt in the staging, until
// the gemeente's part-0 is assembled from them.
func partName(a geodata.Area) string { return "parts/" + a.Code + ".parquet" }

// gemeentePart is the per-pand GeoParquet of a gemeente, hive-partitioned
// by gemeentecode as DuckDB and Spark read it.
func gemeentePart(code string) string {
	return "buildings/gemeentecode=" + orUnknown(code) + "/part-0.parquet"
}

// Run scans the buurten and writes the outputs. It returns ErrFailed
// (after writing everything) when a buurt failed, outset.ErrChanged when
// Out holds an unfinished run of other inputs or options.
func Run(ctx context.Context, c Config) (*Summary, error) {
	t0 := time.Now()
	if c.Workers < 1 {
		c.Workers = runtime.GOMAXPROCS(0)
	}
	if c.Scan.Params == nil {
		c.Scan.Params = kosten.Defaults()
	}
	areas, areaRep, err := readAreas(c)
	if err != nil {
		return nil, err
	}
	if err := checkBuildings(c); err != nil {
		return nil, err
	}
	// The EP-Online export is read once into a compact index (about 80
	// bytes a registration) that each buurt queries for its own, before
	// the staging is made or resumed: a bad export leaves no unfinished
	// run behind that the corrected one would have to --restart.
	switch {
	case c.Scan.LabelSet != nil:
	case c.Scan.LabelsData != nil:
		c.Scan.LabelSet = wijkanalyse.NewLabelSet(c.Scan.LabelsData)
	case c.Scan.Labels != "":
		labels, err := scan.ReadLabelSet(c.Scan.Labels, &geodata.Report{})
		if err != nil {
			return nil, err
		}
		c.Scan.LabelSet = labels
	}
	c.Scan.LabelsData = nil // the set holds its own copy

	key, parts, err := runKey(c)
	if err != nil {
		return nil, err
	}
	set, _, err := outset.Resume(c.Out, key, c.Restart)
	if err != nil {
		if errors.Is(err, outset.ErrChanged) {
			if what := changedSince(c.Out, parts); what != "" {
				return nil, fmt.Errorf("%w: %s since the unfinished batch began; run again with --restart to begin anew", err, what)
			}
			return nil, fmt.Errorf("%w: the inputs or options changed since the first start; run again with --restart to begin anew", err)
		}
		return nil, err
	}
	defer set.Close()
	if err := writeKeyParts(set, parts); err != nil {
		return nil, err
	}
	count := startCount(c)
	defer count.result() // the file is not read after Run returns

	// The national GeoPackages are opened once for all buurten (their
	// connections, schemas and layers), not by every reader of every
	// buurt.
	if c.Scan.Files == nil {
		files := geodata.NewSources()
		defer files.Close()
		c.Scan.Files = files
	}

	// The buurten still to do, in code order.
	var todo []int
	done := 0
	for i := range areas {
		if set.Exists(stateName(areas[i].Code)) {
			done++
		} else {
			todo = append(todo, i)
		}
	}
	gms := newGemeenten(c, set, areas, todo)
	prog := Progress{Done: done, Total: len(areas), Resumed: done}
	var mu sync.Mutex
	var committed atomic.Int64
	var reserved atomic.Int64 // commit slots taken, for stopAfter
	jobs := make(chan int)
	errc := make(chan error, c.Workers)
	var wg sync.WaitGroup
	runCtx, cancel := context.WithCancel(ctx)
	defer cancel()
	for range c.Workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				rec := scanBuurt(runCtx, c, set, areas[i])
				if err := runCtx.Err(); err != nil {
					return // interrupted: this buurt is not committed
				}
				if c.stopAfter > 0 && int(reserved.Add(1)) > c.stopAfter {
					// A test stop: the other worker holds the last
					// commit before the "kill"; this buurt is not
					// committed (without the reservation both workers
					// could commit before either cancelled).
					return
				}
				if err := writeRecord(set, rec); err != nil {
					errc <- err
					cancel()
					return
				}
				n := committed.Add(1)
				mu.Lock()
				prog.Done++
				if rec.Summary != nil {
					prog.Panden += rec.Summary.Input.BuildingsUsed
				}
				prog.Elapsed = time.Since(t0)
				if c.Progress != nil {
					c.Progress(prog)
				}
				mu.Unlock()
				if err := gms.done(runCtx, i); err != nil {
					errc <- err
					cancel()
					return
				}
				if c.stopAfter > 0 && int(n) >= c.stopAfter {
					errc <- errStopped
					cancel()
					return
				}
			}
		}()
	}
feed:
	for _, i := range todo {
		select {
		case jobs <- i:
		case <-runCtx.Done():
			break feed
		}
	}
	close(jobs)
	wg.Wait()
	close(errc)
	if err := <-errc; err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("interrupted; the buurten done so far are kept in the staging beside %s and a new start with the same command resumes: %w", c.Out, err)
	}

	c.Scan.LabelSet = nil // the buurten are done: let the labels go before assemble
	sum, err := assemble(ctx, c, set, areas, areaRep, count, gms)
	if err != nil {
		return nil, err
	}
	sum.TimingsMS = map[string]float64{"total": float64(time.Since(t0).Microseconds()) / 1000}
	sum.Generated = t0.UTC().Format(time.RFC3339)
	if err := set.WriteFile("summary.json", sum.writeJSON); err != nil {
		return nil, err
	}
	for _, dir := range []string{"state", "parts"} {
		if err := os.RemoveAll(filepath.Join(set.Dir(), dir)); err != nil {
			return nil, err
		}
	}
	if err := set.Commit(); err != nil {
		return nil, err
	}
	if sum.Status[StatusFailed] > 0 {
		return sum, ErrFailed
	}
	return sum, nil
}

// readAreas reads the selected buurten (all without codes), in code order.
func readAreas(c Config) ([]geodata.Area, geodata.Report, error) {
	var rep geodata.Report
	if len(c.Codes) > 0 {
		a, err := scan.SelectAreas(c.Areas, c.By, c.Codes)
		return a, geodata.Report{Read: len(a), Used: len(a)}, err
	}
	a, err := scan.ReadBuurten(c.Areas, &rep, nil)
	if err != nil {
		return nil, rep, err
	}
	if len(a) == 0 {
		return nil, rep, &geodata.FeatureError{File: c.Areas, Feature: -1, Err: fmt.Errorf("no buurt polygons (%d read)", rep.Read)}
	}
	slices.SortStableFunc(a, func(x, y geodata.Area) int { return strings.Compare(x.Code, y.Code) })
	for i := 1; i < len(a); i++ {
		if a[i].Code == a[i-1].Code {
			return nil, rep, &geodata.FeatureError{File: c.Areas, Feature: -1, Err: fmt.Errorf("buurtcode %s appears twice", a[i].Code)}
		}
	}
	return a, rep, nil
}

// checkBuildings opens the pand layer of a GeoPackage or GeoParquet
// buildings file once (reading no row), so that a file without one (the
// NWB given as --buildings, a layer without bouwjaar) stops the batch
// before it begins instead of failing every buurt with the same reason
// and replacing the previous outputs with that. Other formats are read
// whole by a pand reader and are left to the buurten.
func checkBuildings(c Config) error {
	s, err := geodata.Open(c.Scan.Buildings)
	if err != nil {
		return err
	}
	defer s.Close()
	if f := s.Format(); f != geodata.FormatGeoPackage && f != geodata.FormatGeoParquet {
		return nil
	}
	if len(c.Scan.Columns) > 0 {
		s = s.WithColumns(c.Scan.Columns)
	}
	r, _, err := s.Panden(c.Scan.Layer, &geodata.Report{})
	if err != nil {
		return err
	}
	return r.Close()
}

// scanBuurt scans one buurt; its record says how it went. The buurt's
// buildings part is written into the staging before the record.
func scanBuurt(ctx context.Context, c Config, set *outset.Set, a geodata.Area) (rec record) {
	rec = record{Area: a}
	defer func() {
		if r := recover(); r != nil {
			rec = record{Area: a, Status: StatusFailed, Reason: fmt.Sprintf("internal error: %v", r)}
		}
	}()
	if a.Water {
		rec.Status, rec.Reason = StatusWater, "CBS: water = JA"
		return rec
	}
	sc := c.Scan
	sc.Select = scan.NewSelection([]geodata.Area{a})
	sc.Areas, sc.Out, sc.Progress, sc.Workers = "", "", nil, 1
	res, err := scan.Analyse(ctx, sc)
	if a.Code == c.failBuurt && c.failBuurt != "" {
		err = errors.New("test: this buurt fails")
	}
	switch {
	case errors.Is(err, scan.ErrNoPanden):
		rec.Status, rec.Reason = StatusEmpty, "geen bruikbare panden in de buurt"
		return rec
	case err != nil:
		rec.Status, rec.Reason = StatusFailed, err.Error()
		return rec
	}
	s := res.Summary()
	rec.Status, rec.Summary = StatusOK, s
	rec.ReadPanden = s.Input.BuildingsRead
	part := set.Path(partName(a))
	tmp := part + ".part"
	if err := res.WriteBuildingsParquet(tmp); err != nil {
		os.Remove(tmp)
		return record{Area: a, Status: StatusFailed, Reason: "writing the panden: " + err.Error()}
	}
	if err := os.Rename(tmp, part); err != nil {
		return record{Area: a, Status: StatusFailed, Reason: "writing the panden: " + err.Error()}
	}
	rec.HasPanden = true
	return rec
}
