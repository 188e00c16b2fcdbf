package sweep

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"

	"github.com/wijkwarmte/wijkwarmte/geodata"
	"github.com/wijkwarmte/wijkwarmte/internal/scan"
	"github.com/wijkwarmte/wijkwarmte/kosten"
	"github.com/wijkwarmte/wijkwarmte/wijkanalyse"
)

// Config says what to sweep. Empty input paths mean "not given"; with no
// buildings, verblijfsobjecten, addresses or streets the embedded demo
// wijk is read (as `wijkwarmte scan` does). Areas is required: its buurt
// polygons are the elements. The fields are exported and JSON-encodable
// because Beam ships the DoFns that hold a Config to its workers.
type Config struct {
	Buildings, Layer      string
	VBO, VBOLayer         string
	Addresses             string
	Labels                string
	Streets, StreetsLayer string
	Water                 string
	Areas                 string
	Sources               string
	// ParamsFile: parameter overrides (kosten override CSV); "" the defaults.
	ParamsFile string
	Year       int
	RouteWork  int
	// Draws per buurt (at least 1), stream Seed; Reroute as in
	// wijkanalyse.DrawOptions.
	Draws   int
	Seed    uint64
	Reroute bool
	// DrawsPerTask splits a buurt's draws into tasks of at most this many
	// (0: one task per buurt).
	DrawsPerTask int
	// Workers: goroutines per buurt in RunPlain's draws (at least 1).
	Workers int
}

// ErrConfig: a sweep configuration that cannot run.
var ErrConfig = errors.New("sweep: bad configuration")

func (c *Config) check() error {
	switch {
	case c.Areas == "":
		return fmt.Errorf("%w: an areas file (buurt polygons) is required", ErrConfig)
	case c.Draws < 1:
		return fmt.Errorf("%w: %d draws (need at least 1)", ErrConfig, c.Draws)
	case c.DrawsPerTask < 0:
		return fmt.Errorf("%w: %d draws per task", ErrConfig, c.DrawsPerTask)
	}
	return nil
}

// params returns the parameter set: the defaults with c.ParamsFile.
func (c *Config) params() (*kosten.Params, error) {
	if c.ParamsFile == "" {
		return kosten.Defaults(), nil
	}
	return kosten.LoadOverrides(c.ParamsFile)
}

// options are the wijkanalyse options of every buurt scan.
func (c *Config) options(p *kosten.Params) wijkanalyse.Options {
	return wijkanalyse.Options{Params: p, Year: c.Year, RouteWork: c.RouteWork, Workers: 1}
}

// Load reads every input as `wijkwarmte scan` does (internal/scan), with
// local copies of object-storage paths made by stage (nil: paths are
// used as they are).
func Load(ctx context.Context, c Config, stage func(ctx context.Context, path string) (string, error)) (wijkanalyse.Input, error) {
	if err := c.check(); err != nil {
		return wijkanalyse.Input{}, err
	}
	sc := scan.Config{Buildings: c.Buildings, Layer: c.Layer, VBO: c.VBO, VBOLayer: c.VBOLayer, Addresses: c.Addresses,
		Labels: c.Labels, Streets: c.Streets, StreetsLayer: c.StreetsLayer, Water: c.Water, Areas: c.Areas, Sources: c.Sources,
		StreetMarginM: 250}
	if stage != nil {
		for _, p := range []*string{&sc.Buildings, &sc.VBO, &sc.Addresses, &sc.Labels, &sc.Streets, &sc.Water, &sc.Areas, &sc.Sources} {
			if *p == "" {
				continue
			}
			local, err := stage(ctx, *p)
			if err != nil {
				return wijkanalyse.Input{}, err
			}
			*p = local
		}
	}
	return scan.ReadInputs(ctx, sc)
}

// Buurt is one area of the sweep: its code, name and polygon.
type Buurt struct {
	Code, Name string
	Geometry   orb.MultiPolygon
}

// Buurten returns the areas of in with a polygon, in file order, and the
// number without one.
func Buurten(in wijkanalyse.Input) (bs []Buurt, skipped int) {
	for _, a := range in.Areas {
		if len(a.Geometry) == 0 || planar.Area(a.Geometry) == 0 {
			skipped++
			continue
		}
		code := a.Code
		if code == "" {
			code = a.Name
		}
		bs = append(bs, Buurt{Code: code, Name: a.Name, Geometry: a.Geometry})
	}
	return bs, skipped
}

// nearM is how far beyond a buurt's panden address points and
// verblijfsobjecten are kept (they are matched to footprints by point).
const nearM = 50

// BuurtInput cuts the input of one buurt out of in: the panden whose
// footprint centroid lies in the buurt polygon, the address points and
// verblijfsobjecten within nearM of their box, and every label, street,
// water area and source (wijkanalyse.Prepare keeps the streets near the
// panden). It reports false when no pand lies in the buurt.
func BuurtInput(in wijkanalyse.Input, b Buurt) (wijkanalyse.Input, bool) {
	out := wijkanalyse.Input{Labels: in.Labels, Streets: in.Streets, Water: in.Water, Sources: in.Sources,
		StreetsReport: in.StreetsReport, CRS: in.CRS}
	bound := b.Geometry.Bound()
	var box orb.Bound
	for _, p := range in.Panden {
		if len(p.Footprint) == 0 {
			continue
		}
		c, _ := planar.CentroidArea(p.Footprint)
		if !bound.Contains(c) || !planar.MultiPolygonContains(b.Geometry, c) {
			continue
		}
		if len(out.Panden) == 0 {
			box = p.Footprint.Bound()
		} else {
			box = box.Union(p.Footprint.Bound())
		}
		out.Panden = append(out.Panden, p)
	}
	if len(out.Panden) == 0 {
		return out, false
	}
	box = orb.Bound{Min: orb.Point{box.Min[0] - nearM, box.Min[1] - nearM}, Max: orb.Point{box.Max[0] + nearM, box.Max[1] + nearM}}
	for _, a := range in.Addresses {
		if box.Contains(a.Point) {
			out.Addresses = append(out.Addresses, a)
		}
	}
	for _, v := range in.Verblijfsobjecten {
		if box.Contains(v.Point) {
			out.Verblijfsobjecten = append(out.Verblijfsobjecten, v)
		}
	}
	out.BuildingsReport = geodata.Report{Read: len(out.Panden)}
	return out, true
}

// DrawRecord is one draw of one buurt: the buurt's cheapest strategy in
// that draw and, per strategy (in the order of Strategies), its national
// cost per year and end-user cost per dwelling per year (NaN when the
// strategy is not feasible). Beam carries these between the scan and the
// combine step.
//
// Each buurt also has one record with Draw -1 (from the task of draw 0):
// its name, its number of panden (0: none lies in the buurt, and there
// are no draw records) and the best strategy at the central values.
type DrawRecord struct {
	Buurt      string
	Buurtnaam  string
	Panden     int
	Draw       int
	Best       string
	Strategies []string
	National   []float64
	EndUser    []float64
}

// Task is one element of the pipeline: draws [From, To) of one buurt.
type Task struct {
	Buurt    string
	From, To int
}

// Tasks splits the draws of every buurt into tasks of at most per draws
// (per 0: one task per buurt).
func Tasks(buurten []Buurt, draws, per int) []Task {
	if per <= 0 || per > draws {
		per = draws
	}
	var ts []Task
	for _, b := range buurten {
		for from := 0; from < draws; from += per {
			ts = append(ts, Task{Buurt: b.Code, From: from, To: min(from+per, draws)})
		}
	}
	return ts
}

// Row is one buurt and strategy in the sweep's output (sweep.parquet).
// A buurt without panden has one row with an empty Strategy and Reason
// saying so. Money in euro of kosten.PriceYear; nil: the strategy is
// feasible in no draw.
type Row struct {
	Buurtcode string `parquet:"buurtcode"`
	Buurtnaam string `parquet:"buurtnaam"`
	Panden    int64  `parquet:"panden"`
	Strategy  string `parquet:"strategy"`
	// Best: the buurt's cheapest strategy at the central values (the scan).
	Best          string   `parquet:"best_strategy"`
	Draws         int64    `parquet:"draws"`
	Seed          int64    `parquet:"seed"`
	Wins          int64    `parquet:"wins"`
	WinShare      float64  `parquet:"win_share"`
	FeasibleDraws int64    `parquet:"feasible_draws"`
	NationalP5    *float64 `parquet:"national_cost_eur_per_year_p5,optional"`
	NationalP50   *float64 `parquet:"national_cost_eur_per_year_p50,optional"`
	NationalP95   *float64 `parquet:"national_cost_eur_per_year_p95,optional"`
	EnduserP5     *float64 `parquet:"enduser_cost_eur_per_year_per_dwelling_p5,optional"`
	EnduserP50    *float64 `parquet:"enduser_cost_eur_per_year_per_dwelling_p50,optional"`
	EnduserP95    *float64 `parquet:"enduser_cost_eur_per_year_per_dwelling_p95,optional"`
	Reason        string   `parquet:"reason"`
}

// Scanner scans buurten of one loaded input.
type Scanner struct {
	cfg     Config
	in      wijkanalyse.Input
	params  *kosten.Params
	buurten map[string]Buurt
	order   []Buurt
	skipped int
}

// NewScanner loads nothing: it indexes the buurten of in for c.
func NewScanner(c Config, in wijkanalyse.Input) (*Scanner, error) {
	if err := c.check(); err != nil {
		return nil, err
	}
	p, err := c.params()
	if err != nil {
		return nil, err
	}
	s := &Scanner{cfg: c, in: in, params: p, buurten: map[string]Buurt{}}
	s.order, s.skipped = Buurten(in)
	for _, b := range s.order {
		if _, dup := s.buurten[b.Code]; dup {
			return nil, fmt.Errorf("%w: %s: buurt code %q appears twice", ErrConfig, c.Areas, b.Code)
		}
		s.buurten[b.Code] = b
	}
	if len(s.order) == 0 {
		return nil, fmt.Errorf("%w: %s: no buurt polygon (%d areas without one)", ErrConfig, c.Areas, s.skipped)
	}
	return s, nil
}

// Buurten returns the buurten with a polygon, in file order.
func (s *Scanner) Buurten() []Buurt { return slices.Clone(s.order) }

// prepare cuts out and prepares one buurt; nil without panden.
func (s *Scanner) prepare(ctx context.Context, code string) (*wijkanalyse.Prepared, Buurt, int, error) {
	b, ok := s.buurten[code]
	if !ok {
		return nil, b, 0, fmt.Errorf("%w: unknown buurt %q", ErrConfig, code)
	}
	in, ok := BuurtInput(s.in, b)
	if !ok {
		return nil, b, 0, nil
	}
	pp, err := wijkanalyse.Prepare(ctx, in, s.cfg.options(s.params))
	if err != nil {
		return nil, b, 0, fmt.Errorf("sweep: buurt %s: %w", code, err)
	}
	return pp, b, len(in.Panden), nil
}

// ScanTask runs the draws of one task and returns one record per draw,
// and for the task of draw 0 the buurt's record with Draw -1.
func (s *Scanner) ScanTask(ctx context.Context, t Task) ([]DrawRecord, error) {
	pp, b, panden, err := s.prepare(ctx, t.Buurt)
	if err != nil {
		return nil, err
	}
	var out []DrawRecord
	if pp == nil {
		if t.From == 0 {
			out = append(out, DrawRecord{Buurt: b.Code, Buurtnaam: b.Name, Draw: -1})
		}
		return out, nil
	}
	res, err := pp.Scan(ctx, nil) // the central values; draws on the scan's network reuse it
	if err != nil {
		return nil, fmt.Errorf("sweep: buurt %s: %w", t.Buurt, err)
	}
	if t.From == 0 {
		out = append(out, DrawRecord{Buurt: b.Code, Buurtnaam: b.Name, Panden: panden, Draw: -1, Best: res.BestStrategy})
	}
	smp := kosten.NewSampler(pp.Params())
	for i := t.From; i < t.To; i++ {
		o, err := pp.Draw(ctx, smp, s.cfg.Seed, i, s.cfg.Reroute)
		if err != nil {
			return nil, fmt.Errorf("sweep: buurt %s: %w", t.Buurt, err)
		}
		a := o.Areas[0]
		out = append(out, DrawRecord{Buurt: b.Code, Draw: i, Best: a.Best, Strategies: a.Strategies, National: a.National, EndUser: a.EndUser})
	}
	return out, nil
}

// Combine summarises the records of one buurt (any order: its Draw -1
// record and one per draw) into its rows.
func Combine(c Config, recs []DrawRecord) ([]Row, error) {
	var base *DrawRecord
	var outs []wijkanalyse.DrawOutcome
	for k := range recs {
		r := &recs[k]
		if r.Draw < 0 {
			base = r
			continue
		}
		outs = append(outs, wijkanalyse.DrawOutcome{Draw: r.Draw, Areas: []wijkanalyse.AreaOutcome{{Name: "scan area", Best: r.Best, Strategies: r.Strategies, National: r.National, EndUser: r.EndUser}}})
	}
	if base == nil {
		return nil, fmt.Errorf("sweep: %d draw records without their buurt record", len(recs))
	}
	b := Buurt{Code: base.Buurt, Name: base.Buurtnaam}
	if base.Panden == 0 {
		return []Row{{Buurtcode: b.Code, Buurtnaam: b.Name, Draws: int64(c.Draws), Seed: int64(c.Seed), Reason: "geen panden in de buurt"}}, nil
	}
	if len(outs) != c.Draws {
		return nil, fmt.Errorf("sweep: buurt %s: %d draws combined, want %d", b.Code, len(outs), c.Draws)
	}
	p, err := c.params()
	if err != nil {
		return nil, err
	}
	rob, err := wijkanalyse.Summarise(kosten.NewSampler(p), c.Seed, c.Reroute, outs)
	if err != nil {
		return nil, fmt.Errorf("sweep: buurt %s: %w", b.Code, err)
	}
	return rows(b, base.Panden, base.Best, &rob), nil
}

// rows turns one buurt's robustness into its rows.
func rows(b Buurt, panden int, best string, r *wijkanalyse.Robustness) []Row {
	ptr := func(v float64) *float64 {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return nil
		}
		return &v
	}
	out := make([]Row, 0, len(r.Strategies))
	for _, st := range r.Strategies {
		n, e := st.NationalCostEURPerYear, st.EnduserCostEURPerYearPerDwelling
		out = append(out, Row{Buurtcode: b.Code, Buurtnaam: b.Name, Panden: int64(panden), Strategy: st.Name, Best: best,
			Draws: int64(r.Draws), Seed: int64(r.Seed), Wins: int64(st.Wins), WinShare: st.WinShare, FeasibleDraws: int64(st.FeasibleDraws),
			NationalP5: ptr(n.P5), NationalP50: ptr(n.P50), NationalP95: ptr(n.P95),
			EnduserP5: ptr(e.P5), EnduserP50: ptr(e.P50), EnduserP95: ptr(e.P95)})
	}
	return out
}

// SortRows orders rows by buurt code, then by strategy in the library's
// order (stable: rows of one buurt keep their order).
func SortRows(rs []Row) {
	sort.SliceStable(rs, func(i, j int) bool { return strings.Compare(rs[i].Buurtcode, rs[j].Buurtcode) < 0 })
}

// RunPlain sweeps on one machine without Beam: for every buurt in file
// order, prepare it, run its draws with wijkanalyse.Prepared.Draws on
// c.Workers goroutines and summarise. The rows are sorted as the
// pipeline writes them.
func RunPlain(ctx context.Context, c Config, in wijkanalyse.Input) ([]Row, error) {
	s, err := NewScanner(c, in)
	if err != nil {
		return nil, err
	}
	var out []Row
	for _, b := range s.order {
		pp, _, panden, err := s.prepare(ctx, b.Code)
		if err != nil {
			return nil, err
		}
		if pp == nil {
			out = append(out, Row{Buurtcode: b.Code, Buurtnaam: b.Name, Draws: int64(c.Draws), Seed: int64(c.Seed), Reason: "geen panden in de buurt"})
			continue
		}
		res, err := pp.Scan(ctx, nil)
		if err != nil {
			return nil, fmt.Errorf("sweep: buurt %s: %w", b.Code, err)
		}
		rob, err := pp.Draws(ctx, wijkanalyse.DrawOptions{N: c.Draws, Seed: c.Seed, Workers: max(1, c.Workers), Reroute: c.Reroute})
		if err != nil {
			return nil, fmt.Errorf("sweep: buurt %s: %w", b.Code, err)
		}
		out = append(out, rows(b, panden, res.BestStrategy, &rob)...)
	}
	SortRows(out)
	return out, nil
}

// readAreas reads the buurt polygons as `wijkwarmte scan --areas` does.
func readAreas(path string) ([]geodata.Area, geodata.Report, error) {
	return scan.ReadAreas(path)
}
