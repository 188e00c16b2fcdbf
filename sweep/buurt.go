package sweep

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"

	"github.com/paulmach/orb/planar"
	"os"

	"github.com/wijkwarmte/wijkwarmte/geodata"
	"github.com/wijkwarmte/wijkwarmte/internal/scan"
	"github.com/wijkwarmte/wijkwarmte/kosten"
	"github.com/wijkwarmte/wijkwarmte/wijkanalyse"
)

// Config says what to sweep, with the inputs of `wijkwarmte batch`:
// Buildings (a BAG pand GeoPackage, GeoParquet or GeoJSON) and Areas (the
// CBS buurten) are required, the others optional. Every buurt is read and
// scanned as the batch reads and scans it (scan.Select: inputs within the
// buurt's bound, a pand in the buurt that holds its point on surface).
// The fields are exported and JSON-encodable because Beam ships the DoFns
// that hold a Config to its workers.
type Config struct {
	Buildings, Layer      string
	VBO, VBOLayer         string
	Addresses             string
	Labels                string
	Streets, StreetsLayer string
	Water                 string
	Areas                 string
	Sources               string
	// Kentallen names a kosten parameter profile ("" the defaults);
	// ParamsFile: overrides on it (kosten override CSV).
	Kentallen  string
	ParamsFile string
	Year       int
	RouteWork  int
	// StreetMarginM: streets within this many metres of a buurt's bound
	// are read (0: 250, as scan and batch).
	StreetMarginM float64
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
	case c.Buildings == "":
		return fmt.Errorf("%w: a buildings file is required (BAG panden as GeoPackage, GeoParquet or GeoJSON)", ErrConfig)
	case c.Draws < 1:
		return fmt.Errorf("%w: %d draws (need at least 1)", ErrConfig, c.Draws)
	case c.DrawsPerTask < 0:
		return fmt.Errorf("%w: %d draws per task", ErrConfig, c.DrawsPerTask)
	}
	return nil
}

// params returns the parameter set: the defaults with c.ParamsFile.
func (c *Config) params() (*kosten.Params, error) {
	p, err := kosten.Profile(c.Kentallen)
	if err != nil || c.ParamsFile == "" {
		return p, err
	}
	f, err := os.Open(c.ParamsFile)
	if err != nil {
		return nil, fmt.Errorf("kosten: parameter overrides: %w", err)
	}
	defer f.Close()
	return p.WithOverrides(f, c.ParamsFile)
}

func (c *Config) margin() float64 {
	if c.StreetMarginM > 0 {
		return c.StreetMarginM
	}
	return 250
}

// options are the wijkanalyse options of every buurt scan: those
// scan.Analyse gives a buurt of a batch (one worker per buurt).
func (c *Config) options(p *kosten.Params) wijkanalyse.Options {
	return wijkanalyse.Options{Params: p, Year: c.Year, RouteWork: c.RouteWork, Workers: 1, StreetMarginM: c.margin()}
}

// ScanConfig is the scan.Config a batch gives one buurt (without draws).
func (c *Config) ScanConfig(p *kosten.Params, a geodata.Area) scan.Config {
	return scan.Config{Buildings: c.Buildings, Layer: c.Layer, VBO: c.VBO, VBOLayer: c.VBOLayer, Addresses: c.Addresses,
		Labels: c.Labels, Streets: c.Streets, StreetsLayer: c.StreetsLayer, Water: c.Water, Sources: c.Sources,
		Params: p, Kentallen: c.Kentallen, ParamsFile: c.ParamsFile, Year: c.Year, RouteWork: c.RouteWork,
		StreetMarginM: c.margin(), Workers: 1, Select: scan.NewSelection([]geodata.Area{a})}
}

// Staged returns c with every input path replaced by a local copy made by
// stage (object-storage paths; nil: paths are used as they are).
func Staged(ctx context.Context, c Config, stage func(ctx context.Context, path string) (string, error)) (Config, error) {
	if stage == nil {
		return c, nil
	}
	for _, p := range []*string{&c.Buildings, &c.VBO, &c.Addresses, &c.Labels, &c.Streets, &c.Water, &c.Areas, &c.Sources, &c.ParamsFile} {
		if *p == "" {
			continue
		}
		local, err := stage(ctx, *p)
		if err != nil {
			return c, err
		}
		*p = local
	}
	return c, nil
}

// Buurten returns the buurten of an areas file with a polygon, in file
// order, and the number without one.
func Buurten(as []geodata.Area) (bs []geodata.Area, skipped int) {
	for _, a := range as {
		if len(a.Geometry) == 0 || planar.Area(a.Geometry) == 0 {
			skipped++
			continue
		}
		bs = append(bs, a)
	}
	return bs, skipped
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
	Reason     string // why a buurt has no draws (water, no panden)
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
func Tasks(buurten []geodata.Area, draws, per int) []Task {
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

// Scanner scans the buurten of one areas file.
type Scanner struct {
	cfg     Config
	params  *kosten.Params
	buurten map[string]geodata.Area
	order   []geodata.Area
	skipped int
}

// NewScanner reads the areas file of c (already staged: local paths).
func NewScanner(c Config) (*Scanner, error) {
	if err := c.check(); err != nil {
		return nil, err
	}
	p, err := c.params()
	if err != nil {
		return nil, err
	}
	var rep geodata.Report
	as, err := scan.ReadBuurten(c.Areas, &rep, nil)
	if err != nil {
		return nil, err
	}
	s := &Scanner{cfg: c, params: p, buurten: map[string]geodata.Area{}}
	s.order, s.skipped = Buurten(as)
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
func (s *Scanner) Buurten() []geodata.Area { return slices.Clone(s.order) }

// prepare reads and prepares one buurt as the batch does; nil with the
// reason the batch gives when it has no panden or is water.
func (s *Scanner) prepare(ctx context.Context, code string) (*wijkanalyse.Prepared, geodata.Area, int, string, error) {
	a, ok := s.buurten[code]
	if !ok {
		return nil, a, 0, "", fmt.Errorf("%w: unknown buurt %q", ErrConfig, code)
	}
	if a.Water {
		return nil, a, 0, "CBS: water = JA", nil
	}
	in, err := scan.ReadInputs(ctx, s.cfg.ScanConfig(s.params, a))
	if errors.Is(err, scan.ErrNoPanden) {
		return nil, a, 0, "geen bruikbare panden in de buurt", nil
	}
	if err != nil {
		return nil, a, 0, "", fmt.Errorf("sweep: buurt %s: %w", code, err)
	}
	pp, err := wijkanalyse.Prepare(ctx, in, s.cfg.options(s.params))
	if err != nil {
		return nil, a, 0, "", fmt.Errorf("sweep: buurt %s: %w", code, err)
	}
	return pp, a, len(in.Panden), "", nil
}

// ScanTask runs the draws of one task and returns one record per draw,
// and for the task of draw 0 the buurt's record with Draw -1.
func (s *Scanner) ScanTask(ctx context.Context, t Task) ([]DrawRecord, error) {
	pp, b, panden, why, err := s.prepare(ctx, t.Buurt)
	if err != nil {
		return nil, err
	}
	var out []DrawRecord
	if pp == nil {
		if t.From == 0 {
			out = append(out, DrawRecord{Buurt: b.Code, Buurtnaam: b.Name, Draw: -1, Reason: why})
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
	b := geodata.Area{Code: base.Buurt, Name: base.Buurtnaam}
	if base.Panden == 0 {
		return []Row{{Buurtcode: b.Code, Buurtnaam: b.Name, Draws: int64(c.Draws), Seed: int64(c.Seed), Reason: base.Reason}}, nil
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
func rows(b geodata.Area, panden int, best string, r *wijkanalyse.Robustness) []Row {
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
// order, read and prepare it as the batch does, run its draws with
// wijkanalyse.Prepared.Draws on c.Workers goroutines and summarise. The
// rows are sorted as the pipeline writes them.
func RunPlain(ctx context.Context, c Config) ([]Row, error) {
	s, err := NewScanner(c)
	if err != nil {
		return nil, err
	}
	var out []Row
	for _, b := range s.order {
		pp, _, panden, why, err := s.prepare(ctx, b.Code)
		if err != nil {
			return nil, err
		}
		if pp == nil {
			out = append(out, Row{Buurtcode: b.Code, Buurtnaam: b.Name, Draws: int64(c.Draws), Seed: int64(c.Seed), Reason: why})
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
