package kosten

import (
	"bytes"
	_ "embed"
	"encoding/csv"
	"fmt"
	"strconv"
	"strings"
)

// The Vesta MAIS dwelling table (VestaDV data/20201202_Woningen_BAG.csv,
// commit 4742ff05, GPL-3.0; see vesta/README.md): per woningtype x
// bouwperiode the default energy label, the space-heat demand per label as
// a linear fit a + b*m2, other demands, and the insulation cost of each
// label jump as two linear fits (Vesta's "min" and "max" variants). Every
// number of it is in the parameter table under
// woning.<type>.<period>.<Vesta column>, so an override file can change any
// of them; the typed lookups below read the (possibly overridden) values.

//go:embed vesta/20201202_Woningen_BAG.csv
var woningenCSV []byte

const woningenSource = "VestaDV data/20201202_Woningen_BAG.csv (commit 4742ff05, GPL-3.0)"

// Woningtype is a dwelling type, spelled as Vesta's type_str.
type Woningtype string

// The six Vesta dwelling types.
const (
	Vrijstaand           Woningtype = "vrijstaand"
	TweeOnderEenKap      Woningtype = "2 onder 1 kap"
	RijwoningHoek        Woningtype = "rijwoning hoek"
	RijwoningTussen      Woningtype = "rijwoning tussen"
	MeergezinsLaagMidden Woningtype = "meergezins: laag en midden"
	MeergezinsHoog       Woningtype = "meergezins: hoog"
)

// Woningtypes lists the dwelling types in Vesta's order.
var Woningtypes = []Woningtype{Vrijstaand, TweeOnderEenKap, RijwoningHoek, RijwoningTussen, MeergezinsLaagMidden, MeergezinsHoog}

// Bouwperiode is a construction-year class, spelled as Vesta's bouwjaar_str.
type Bouwperiode string

// The eleven Vesta construction-year classes.
const (
	Voor1930 Bouwperiode = "voor 1930"
	Bouw1930 Bouwperiode = "1930 - 1945"
	Bouw1946 Bouwperiode = "1946 - 1964"
	Bouw1965 Bouwperiode = "1965 - 1974"
	Bouw1975 Bouwperiode = "1975 - 1991"
	Bouw1992 Bouwperiode = "1992 - 1995"
	Bouw1996 Bouwperiode = "1996 - 1999"
	Bouw2000 Bouwperiode = "2000 - 2005"
	Bouw2006 Bouwperiode = "2006 - 2010"
	Bouw2011 Bouwperiode = "2011 - 2014"
	Bouw2015 Bouwperiode = "2015 - 2020"
)

// Bouwperioden lists the construction-year classes, oldest first.
var Bouwperioden = []Bouwperiode{Voor1930, Bouw1930, Bouw1946, Bouw1965, Bouw1975, Bouw1992, Bouw1996, Bouw2000, Bouw2006, Bouw2011, Bouw2015}

var periodEnds = [...]int{1929, 1945, 1964, 1974, 1991, 1995, 1999, 2005, 2010, 2014}

// BouwperiodeOf returns the class of a construction year. Years after 2020
// fall in the newest class (Vesta treats them as new-build, whose tables are
// not embedded here). The caller rejects placeholders such as 9999 first.
func BouwperiodeOf(bouwjaar int) Bouwperiode {
	for i, end := range periodEnds {
		if bouwjaar <= end {
			return Bouwperioden[i]
		}
	}
	return Bouw2015
}

// Label is an energy label as Vesta uses it: N (no label class, worse than
// G), G, F, E, D, C, B, A. A+ and better count as A.
type Label string

// Labels from worst to best.
const (
	LabelN Label = "N"
	LabelG Label = "G"
	LabelF Label = "F"
	LabelE Label = "E"
	LabelD Label = "D"
	LabelC Label = "C"
	LabelB Label = "B"
	LabelA Label = "A"
)

// Labels lists the labels from worst to best.
var Labels = []Label{LabelN, LabelG, LabelF, LabelE, LabelD, LabelC, LabelB, LabelA}

// ParseLabel reads an EP-Online energieklasse (A++++ ... G) or a Vesta label.
func ParseLabel(s string) (Label, error) {
	s = strings.ToUpper(strings.TrimSpace(s))
	if strings.HasPrefix(s, "A") && strings.Trim(s[1:], "+") == "" {
		return LabelA, nil
	}
	for _, l := range Labels {
		if string(l) == s {
			return l, nil
		}
	}
	return "", fmt.Errorf("kosten: unknown energy label %q", s)
}

// Rank is 0 for N up to 7 for A; -1 for an unknown label.
// (A switch: every dwelling option asks for ranks several times, and a
// switch on the one-letter labels is cheaper than a search of Labels.)
func (l Label) Rank() int {
	switch l {
	case LabelN:
		return 0
	case LabelG:
		return 1
	case LabelF:
		return 2
	case LabelE:
		return 3
	case LabelD:
		return 4
	case LabelC:
		return 5
	case LabelB:
		return 6
	case LabelA:
		return 7
	}
	return -1
}

// typeIndex is t's index in Woningtypes, -1 for an unknown type.
func typeIndex(t Woningtype) int {
	switch t {
	case Vrijstaand:
		return 0
	case TweeOnderEenKap:
		return 1
	case RijwoningHoek:
		return 2
	case RijwoningTussen:
		return 3
	case MeergezinsLaagMidden:
		return 4
	case MeergezinsHoog:
		return 5
	}
	return -1
}

// periodIndex is e's index in Bouwperioden, -1 for an unknown class.
func periodIndex(e Bouwperiode) int {
	switch e {
	case Voor1930:
		return 0
	case Bouw1930:
		return 1
	case Bouw1946:
		return 2
	case Bouw1965:
		return 3
	case Bouw1975:
		return 4
	case Bouw1992:
		return 5
	case Bouw1996:
		return 6
	case Bouw2000:
		return 7
	case Bouw2006:
		return 8
	case Bouw2011:
		return 9
	case Bouw2015:
		return 10
	}
	return -1
}

var typeSlugs = [...]string{"vrijstaand", "2_onder_1_kap", "rijwoning_hoek", "rijwoning_tussen", "meergezins_laag_midden", "meergezins_hoog"}

func periodSlug(e Bouwperiode) string {
	return strings.NewReplacer(" - ", "_", " ", "_").Replace(string(e))
}

// woningParamName is the parameter name of one Vesta cell.
func woningParamName(ti, ei int, column string) string {
	return "woning." + typeSlugs[ti] + "." + periodSlug(Bouwperioden[ei]) + "." + column
}

// Fit is a linear fit a + b*m2 of floor area (gebruiksoppervlakte).
type Fit struct {
	PerDwelling float64 // a, per dwelling (aansluiting)
	PerM2       float64 // b, per m2
}

// At evaluates the fit at area m2. Vesta's fits can have negative
// intercepts; At does not clamp, callers that need a non-negative amount
// use max(0, ...) on the whole.
func (f Fit) At(area SquareMetre) float64 { return f.PerDwelling + f.PerM2*float64(area) }

type woningCell struct {
	defaultLabel Label
	demand       [8]Fit // space heat per label, GJ/yr
	vent, tap    Fit
	appl, cool   Fit
	// insulation jumps [from][to]: low and high cost fits
	jump [8][8]struct {
		ok        bool
		low, high Fit
	}
}

type woningTable struct {
	cells [6][11]woningCell
}

// woningRows reads the embedded CSV into (type, period, header, record).
func woningRows(fn func(ti, ei int, header, rec []string) error) error {
	cr := csv.NewReader(bytes.NewReader(woningenCSV))
	recs, err := cr.ReadAll()
	if err != nil {
		return fmt.Errorf("kosten: embedded %s: %w", woningenSource, err)
	}
	header := recs[0]
	for li, rec := range recs[1:] {
		ti, ei := typeIndex(Woningtype(rec[0])), periodIndex(Bouwperiode(rec[1]))
		if ti < 0 || ei < 0 {
			return fmt.Errorf("kosten: embedded %s line %d: unknown type or period %q, %q", woningenSource, li+2, rec[0], rec[1])
		}
		if err := fn(ti, ei, header, rec); err != nil {
			return err
		}
	}
	return nil
}

func woningColumnUnit(col string) (Unit, int) {
	switch {
	case strings.HasPrefix(col, "Ki_") && strings.HasSuffix(col, "_asl"):
		return "EUR/asl", 2018
	case strings.HasPrefix(col, "Ki_"):
		return "EUR/m2", 2018
	case strings.HasSuffix(col, "_asl"):
		return "GJ/yr/asl", 0
	default:
		return "GJ/yr/m2", 0
	}
}

// woningenParams turns every numeric cell of the Vesta table into a parameter row.
func woningenParams() ([]Param, error) {
	var out []Param
	err := woningRows(func(ti, ei int, header, rec []string) error {
		for c := 3; c < len(rec); c++ {
			if rec[c] == "" {
				continue // Vesta defines no figure (e.g. a jump from a label the class never has)
			}
			v, err := strconv.ParseFloat(rec[c], 64)
			if err != nil {
				return fmt.Errorf("kosten: embedded %s: %s %s column %s: %w", woningenSource, rec[0], rec[1], header[c], err)
			}
			u, py := woningColumnUnit(header[c])
			out = append(out, Param{
				Name: woningParamName(ti, ei, header[c]), Band: Point(v), Unit: u, PriceYear: py,
				Source: woningenSource + " column " + header[c],
			})
		}
		return nil
	})
	return out, err
}

func newWoningTable(p *Params) (*woningTable, error) {
	w := new(woningTable)
	get := func(ti, ei int, col string) (float64, bool) {
		i, ok := p.index[woningParamName(ti, ei, col)]
		if !ok {
			return 0, false
		}
		return p.list[i].Value, true
	}
	fit := func(ti, ei int, a, b string) (Fit, bool) {
		x, ok1 := get(ti, ei, a)
		y, ok2 := get(ti, ei, b)
		return Fit{x, y}, ok1 && ok2
	}
	err := woningRows(func(ti, ei int, _, rec []string) error {
		c := &w.cells[ti][ei]
		l, err := ParseLabel(rec[2])
		if err != nil {
			return fmt.Errorf("kosten: embedded %s: %w", woningenSource, err)
		}
		c.defaultLabel = l
		for li, lab := range Labels {
			f, ok := fit(ti, ei, "Vrv_"+string(lab)+"_asl", "Vrv_"+string(lab)+"_opp")
			if !ok {
				return fmt.Errorf("kosten: embedded %s: %s %s lacks demand for label %s", woningenSource, rec[0], rec[1], lab)
			}
			c.demand[li] = f
		}
		c.vent, _ = fit(ti, ei, "Vvent_asl", "Vvent_opp")
		c.tap, _ = fit(ti, ei, "Vww_asl", "Vww_opp")
		c.appl, _ = fit(ti, ei, "Ve_asl", "Ve_opp")
		c.cool, _ = fit(ti, ei, "Vk_asl", "Vk_opp")
		for fi, from := range Labels {
			for ti2 := fi + 1; ti2 < len(Labels); ti2++ {
				to := Labels[ti2]
				k := "Ki_S" + string(from) + string(to)
				lo, ok1 := fit(ti, ei, k+"_min_asl", k+"_min_opp")
				hi, ok2 := fit(ti, ei, k+"_max_asl", k+"_max_opp")
				j := &c.jump[fi][ti2]
				j.ok, j.low, j.high = ok1 && ok2, lo, hi
			}
		}
		return nil
	})
	return w, err
}

func (p *Params) cell(t Woningtype, e Bouwperiode) (*woningCell, error) {
	ti, ei := typeIndex(t), periodIndex(e)
	if ti < 0 {
		return nil, fmt.Errorf("kosten: unknown woningtype %q", t)
	}
	if ei < 0 {
		return nil, fmt.Errorf("kosten: unknown bouwperiode %q", e)
	}
	return &p.woningen.cells[ti][ei], nil
}

// DefaultLabel is Vesta's label for a dwelling of this type and period when
// no registered label is known.
func (p *Params) DefaultLabel(t Woningtype, e Bouwperiode) (Label, error) {
	c, err := p.cell(t, e)
	if err != nil {
		return "", err
	}
	return c.defaultLabel, nil
}

// DemandFit returns Vesta's space-heat demand fit for a dwelling of this
// type, period and label: Vrv = PerDwelling + PerM2*m2 in GJ per year of
// useful heat (Vrv_{label}_asl and Vrv_{label}_opp). The fits are not
// always monotone across labels and some intercepts are negative: evaluate
// the whole and clamp at zero (SpaceHeat does).
func (p *Params) DemandFit(t Woningtype, e Bouwperiode, l Label) (Fit, error) {
	c, err := p.cell(t, e)
	if err != nil {
		return Fit{}, err
	}
	r := l.Rank()
	if r < 0 {
		return Fit{}, fmt.Errorf("kosten: unknown energy label %q", l)
	}
	return c.demand[r], nil
}

// SpaceHeat is the yearly space-heat demand of one dwelling of area m2:
// DemandFit evaluated at area and clamped at zero.
func (p *Params) SpaceHeat(t Woningtype, e Bouwperiode, l Label, area SquareMetre) (GigaJoule, error) {
	f, err := p.DemandFit(t, e, l)
	if err != nil {
		return 0, err
	}
	return GigaJoule(max(0, f.At(area))), nil
}

// OtherDemand holds Vesta's other demand fits of a dwelling, in GJ per year:
// ventilation (Vvent), tap water (Vww), appliance electricity (Ve) and
// cooling (Vk). They do not depend on the label.
type OtherDemand struct {
	Ventilation, TapWater, Appliances, Cooling Fit
}

// OtherDemands returns the ventilation, tap-water, appliance and cooling fits.
func (p *Params) OtherDemands(t Woningtype, e Bouwperiode) (OtherDemand, error) {
	c, err := p.cell(t, e)
	if err != nil {
		return OtherDemand{}, err
	}
	return OtherDemand{c.vent, c.tap, c.appl, c.cool}, nil
}

// InsulationCost is the cost of improving one dwelling of area m2 from label
// from to label to (Vesta's Ki_S{from}{to}): the low and high fits are each
// evaluated as a whole, clamped at zero and multiplied by
// insulation.cost_factor; the band runs from the lower to the higher and
// its value is their mean (Vesta's 50/50 mix). Euro of 2018 excluding VAT.
// A jump to the same or a worse label costs nothing; a jump Vesta does not
// define returns ErrNoData.
func (p *Params) InsulationCost(t Woningtype, e Bouwperiode, from, to Label, area SquareMetre) (Band[Euro], error) {
	c, err := p.cell(t, e)
	if err != nil {
		return Band[Euro]{}, err
	}
	fi, ti := from.Rank(), to.Rank()
	if fi < 0 || ti < 0 {
		return Band[Euro]{}, fmt.Errorf("kosten: unknown energy label %q or %q", from, to)
	}
	if ti <= fi {
		return Band[Euro]{}, nil
	}
	j := c.jump[fi][ti]
	if !j.ok {
		return Band[Euro]{}, fmt.Errorf("%w: insulation %s -> %s for %s %s", ErrNoData, from, to, t, e)
	}
	lo := Euro(max(0, j.low.At(area)))
	hi := Euro(max(0, j.high.At(area)))
	f := p.band(pInsulationCostFactor)
	return Band[Euro]{
		Value: (lo + hi) / 2 * Euro(f.Value),
		Min:   min(lo, hi) * Euro(f.Min),
		Max:   max(lo, hi) * Euro(f.Max),
	}, nil
}
