package kosten

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"sort"
	"strings"
)

// Monte Carlo draws over the parameter bands.
//
// A Sampler turns a parameter set into a stream of draws: parameter sets in
// which every banded figure takes one value between its ends, so that a
// scan priced with a draw is one coherent future rather than the
// all-low/all-high ends the bands carry.
//
// What is sampled. Two kinds of band exist in the table:
//
//   - a row with Min < Max (pipe.edr.*, hn.*, source.*, grid.*, learning.*,
//     ...): its value is drawn from the triangular distribution with
//     lower limit Min, mode Value and upper limit Max;
//   - a pair of rows that give the two ends of one figure, recognised by
//     their names: X.low.Y with X.high.Y (installation prices, inst.*),
//     X.min.Y with X.max.Y (the Vesta and CE Delft pipe cost curves,
//     pipe.vesta.*, pipe.cedelft.*), X_min_Y with X_max_Y (Vesta's
//     insulation costs, woning.*.Ki_*): kosten prices such a figure as the
//     span between the two rows with its midpoint as the central value, so
//     both rows are set to one value drawn from the symmetric triangular
//     distribution on [low, high] (mode at the midpoint).
//
// Every other row (no band: Min == Max == Value) is held at its value and
// listed by Held. In the default table that includes the demand fits
// (woning.*.a/b), the energy price paths (price.*, but for the one banded
// hydrogen chain cost), tariffs, taxes and CO2 factors: they carry no band
// (scenario files are the way to vary energy prices).
//
// Why triangular. The sources give two ends and, for single rows, a
// central value; nothing about the shape in between. The triangular
// distribution is the least-informed shape that uses exactly those three
// numbers: bounded by the band (no draw outside what a source published),
// most mass near the central value the scan reports, and its median equal
// to that central value when the band is symmetric. A uniform
// distribution would put as much weight on each published end as on the
// central figure; a normal has tails beyond the band.
//
// Groups. Parameters of one group move together: per draw one factor
// u ~ U(0,1) per group, and every parameter of the group takes its own
// quantile at u (comonotonic: with u near 1 all pipe prices are near
// their high ends, and so are the learning indices that scale them, since
// a learning index of 1 is the pessimistic end). Groups are independent of
// each other. The groups, by parameter name (the first rule that matches):
//
//	pipes         pipe.*, learning.mt_net.*, learning.service_pipes.*
//	heat_pumps    inst.hp_*, learning.hp.*, learning.hybrid.*
//	boilers       inst.* (other than heat pumps: hr_boiler, h2_boiler, ...)
//	insulation    woning.*, insulation.*, learning.insulation_*
//	in_building   ltas.*, hn.lt.booster, learning.ltas.*, learning.inbuilding.*
//	heat_network  hn.*, net.* (net.loss.volume_share)
//	sources       source.*, learning.lt_sources.*, learning.geothermie.*
//	grid          grid.*
//	operation     om.*, learning.om.*
//	finance       discount.*, life.*
//	energy_prices price.*, tariff.*, tax.*, gas.*, co2.*
//
// and a banded parameter that matches none forms a group named after the
// first part of its name. Lifetimes (unit yr or year) are rounded to whole
// years after the draw, as the table requires.
//
// The stream. Draw i of seed s uses math/rand/v2's PCG seeded with (s, i)
// and takes the group factors in the order of Groups: the same seed and
// index give a bit-identical parameter set on every machine, and draws
// can be made in any order or in parallel.

// Group names of the sampler (see the rules above).
const (
	GroupPipes        = "pipes"
	GroupHeatPumps    = "heat_pumps"
	GroupBoilers      = "boilers"
	GroupInsulation   = "insulation"
	GroupInBuilding   = "in_building"
	GroupHeatNetwork  = "heat_network"
	GroupSources      = "sources"
	GroupGrid         = "grid"
	GroupOperation    = "operation"
	GroupFinance      = "finance"
	GroupEnergyPrices = "energy_prices"
)

// groupRules maps name prefixes to groups; the first match wins.
var groupRules = []struct{ prefix, group string }{
	{"pipe.", GroupPipes}, {"learning.mt_net.", GroupPipes}, {"learning.service_pipes.", GroupPipes},
	{"inst.hp_", GroupHeatPumps}, {"learning.hp.", GroupHeatPumps}, {"learning.hybrid.", GroupHeatPumps},
	{"inst.", GroupBoilers},
	{"woning.", GroupInsulation}, {"insulation.", GroupInsulation}, {"learning.insulation_", GroupInsulation},
	{"ltas.", GroupInBuilding}, {"hn.lt.booster", GroupInBuilding}, {"learning.ltas.", GroupInBuilding}, {"learning.inbuilding.", GroupInBuilding},
	{"hn.", GroupHeatNetwork}, {"net.", GroupHeatNetwork},
	{"source.", GroupSources}, {"learning.lt_sources.", GroupSources}, {"learning.geothermie.", GroupSources},
	{"grid.", GroupGrid},
	{"om.", GroupOperation}, {"learning.om.", GroupOperation},
	{"discount.", GroupFinance}, {"life.", GroupFinance},
	{"price.", GroupEnergyPrices}, {"tariff.", GroupEnergyPrices}, {"tax.", GroupEnergyPrices}, {"gas.", GroupEnergyPrices}, {"co2.", GroupEnergyPrices},
}

// GroupOf returns the sampler group of a parameter name.
func GroupOf(name string) string {
	for _, r := range groupRules {
		if strings.HasPrefix(name, r.prefix) {
			return r.group
		}
	}
	if i := strings.IndexByte(name, '.'); i > 0 {
		return name[:i]
	}
	return name
}

// pairTokens are the name parts that mark the two rows of one figure.
var pairTokens = [...][2]string{{".low.", ".high."}, {".min.", ".max."}, {"_min_", "_max_"}}

// Sampled describes one sampled figure: a banded row, or a pair of rows
// (Name the low end, Partner the high end) set to the same drawn value.
type Sampled struct {
	Name    string
	Partner string // the high row of a pair; "" for a banded row
	Group   string
	// Min, Mode and Max of the triangular distribution.
	Min, Mode, Max float64
	Unit           Unit
}

// Sampler draws parameter sets from the bands of a base set; see the
// comment at the top of draw.go for the distribution, the groups and the
// stream. A *Sampler is immutable and safe for concurrent use.
type Sampler struct {
	base    *Params
	vars    []Sampled
	idx     [][2]int // row indexes of vars[k] (second -1 for a banded row)
	gidx    []int    // group index of vars[k]
	groups  []string
	held    []string
	wholeYr []bool
	// jumpsOnly: the only sampled woning.* rows are the insulation-jump
	// pairs (Ki_S*_min_* / _max_*), so a draw patches a copy of the base
	// dwelling table instead of rebuilding it (insulation is jumpGroup).
	jumpsOnly bool
	jumpGroup int
}

// ErrDraws: a bad draw count or seed.
var ErrDraws = errors.New("kosten: bad draws")

// NewSampler returns the sampler over the bands of p.
func NewSampler(p *Params) *Sampler {
	s := &Sampler{base: p}
	inPair := map[string]bool{}
	for _, r := range p.list {
		for _, t := range pairTokens {
			if !strings.Contains(r.Name, t[0]) {
				continue
			}
			hi := strings.Replace(r.Name, t[0], t[1], 1)
			if _, ok := p.index[hi]; ok {
				inPair[r.Name], inPair[hi] = true, true
			}
		}
	}
	gi := map[string]int{}
	add := func(v Sampled, a, b int) {
		s.vars = append(s.vars, v)
		s.idx = append(s.idx, [2]int{a, b})
		s.wholeYr = append(s.wholeYr, v.Unit == "yr" || v.Unit == "year")
		if _, ok := gi[v.Group]; !ok {
			gi[v.Group] = len(s.groups)
			s.groups = append(s.groups, v.Group)
		}
	}
	for i, r := range p.list {
		if inPair[r.Name] {
			lo := ""
			for _, t := range pairTokens {
				if strings.Contains(r.Name, t[0]) {
					if hi := strings.Replace(r.Name, t[0], t[1], 1); inPair[hi] {
						lo = hi
					}
					break
				}
			}
			if lo == "" {
				continue // the high row of a pair: handled with its low row
			}
			j := p.index[lo]
			a, b := r.Value, p.list[j].Value
			if a == b {
				s.held = append(s.held, r.Name, lo)
				continue
			}
			add(Sampled{Name: r.Name, Partner: lo, Group: GroupOf(r.Name), Min: min(a, b), Mode: (a + b) / 2, Max: max(a, b), Unit: r.Unit}, i, j)
			continue
		}
		if r.Min < r.Max {
			add(Sampled{Name: r.Name, Group: GroupOf(r.Name), Min: r.Min, Mode: r.Value, Max: r.Max, Unit: r.Unit}, i, -1)
			continue
		}
		s.held = append(s.held, r.Name)
	}
	sort.Strings(s.groups)
	for k := range gi {
		gi[k] = sort.SearchStrings(s.groups, k)
	}
	s.gidx = make([]int, len(s.vars))
	for k, v := range s.vars {
		s.gidx[k] = gi[v.Group]
	}
	sort.Strings(s.held)
	s.jumpsOnly, s.jumpGroup = true, -1
	for k, v := range s.vars {
		if !strings.HasPrefix(v.Name, "woning.") {
			continue
		}
		if v.Partner == "" || !strings.Contains(v.Name, ".Ki_S") || !strings.Contains(v.Name, "_min_") || (s.jumpGroup >= 0 && s.gidx[k] != s.jumpGroup) {
			s.jumpsOnly = false
		}
		s.jumpGroup = s.gidx[k]
	}
	return s
}

// Groups returns the sampled groups, sorted; Factors follows this order.
func (s *Sampler) Groups() []string { return append([]string(nil), s.groups...) }

// Sampled returns the sampled figures in table order.
func (s *Sampler) Sampled() []Sampled { return append([]Sampled(nil), s.vars...) }

// Held returns the names of the parameters without a band, sorted: they
// keep their value in every draw.
func (s *Sampler) Held() []string { return append([]string(nil), s.held...) }

// Factors returns the group factors u in [0, 1) of draw i of seed, in the
// order of Groups.
func (s *Sampler) Factors(seed uint64, i int) []float64 {
	r := rand.New(rand.NewPCG(seed, uint64(i)))
	u := make([]float64, len(s.groups))
	for k := range u {
		u[k] = r.Float64()
	}
	return u
}

// Draw returns the parameter set of draw i (i >= 0) of seed: the base set
// with every sampled figure set to its quantile at its group's factor, as
// a point value (Min = Max = Value). O(parameters).
func (s *Sampler) Draw(seed uint64, i int) (*Params, error) {
	if i < 0 {
		return nil, fmt.Errorf("%w: draw index %d", ErrDraws, i)
	}
	u := s.Factors(seed, i)
	list := append([]Param(nil), s.base.list...)
	for k, v := range s.vars {
		x := Triangular(u[s.gidx[k]], v.Min, v.Mode, v.Max)
		if s.wholeYr[k] {
			x = math.Round(x)
		}
		for _, j := range s.idx[k] {
			if j >= 0 {
				list[j].Band = Point(x)
			}
		}
	}
	p := &Params{list: list, index: s.base.index, overridden: s.base.overridden}
	if err := p.finish(); err != nil {
		return nil, fmt.Errorf("kosten: draw %d: %w", i, err)
	}
	if s.jumpsOnly {
		p.woningen = s.jumps(u)
	} else {
		w, err := newWoningTable(p)
		if err != nil {
			return nil, fmt.Errorf("kosten: draw %d: %w", i, err)
		}
		p.woningen = w
	}
	var err error
	if err := checkSet(p); err != nil {
		return nil, fmt.Errorf("kosten: draw %d: %w", i, err)
	}
	if p.prices, err = newPriceTable(p); err != nil {
		return nil, fmt.Errorf("kosten: draw %d: %w", i, err)
	}
	return p, nil
}

// jumps returns a copy of the base dwelling table with every insulation
// jump set to its draw, as Draw sets the rows it is read from (the same
// Triangular on the same numbers, so the table matches the rows bit for
// bit).
func (s *Sampler) jumps(u []float64) *woningTable {
	w := *s.base.woningen
	if s.jumpGroup < 0 {
		return &w
	}
	f := u[s.jumpGroup]
	pair := func(lo, hi float64) float64 { return Triangular(f, min(lo, hi), (lo+hi)/2, max(lo, hi)) }
	for ti := range w.cells {
		for ei := range w.cells[ti] {
			c := &w.cells[ti][ei]
			for a := range c.jump {
				for b := range c.jump[a] {
					j := &c.jump[a][b]
					if !j.ok {
						continue
					}
					v := Fit{pair(j.low.PerDwelling, j.high.PerDwelling), pair(j.low.PerM2, j.high.PerM2)}
					j.low, j.high = v, v
				}
			}
		}
	}
	return &w
}

// Triangular returns the quantile at u in [0, 1] of the triangular
// distribution with lower limit a, mode c and upper limit b (a <= c <= b;
// a == b gives a).
func Triangular(u, a, c, b float64) float64 {
	if b <= a {
		return a
	}
	c = min(max(c, a), b)
	if fc := (c - a) / (b - a); u < fc {
		return a + math.Sqrt(u*(b-a)*(c-a))
	}
	return b - math.Sqrt((1-u)*(b-a)*(b-c))
}
