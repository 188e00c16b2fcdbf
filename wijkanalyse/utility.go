package wijkanalyse

import (
	"bytes"
	_ "embed"
	"encoding/csv"
	"fmt"
	"strconv"
	"sync"

	"github.com/wijkwarmte/wijkwarmte/kosten"
)

// The Vesta utility table: kosten embeds the dwelling table
// (20201202_Woningen_BAG.csv) but not this one, so wijkanalyse reads the
// few columns it needs here (an adapter; move it into kosten when kosten
// grows a utility API).
//
// Source: RuudvandenWijngaart/VestaDV data/20201202_Utiliteiten_BAG.csv at
// commit 4742ff05ce13ce07e9a501e8c1d2cf9864d83aab, copied unchanged,
// GPL-3.0. Demand per m2 of gebruiksoppervlakte in GJ per year; insulation
// cost in euro of 2018 per m2, excl. VAT.
//
//go:embed vesta/20201202_Utiliteiten_BAG.csv
var utiliteitenCSV []byte

// utilRow is one utility type x period row.
type utilRow struct {
	defaultLabel kosten.Label
	heatPerM2    [8]float64 // Vrv_{N,G..A}_opp by kosten label rank
	tapPerM2     float64    // Vww_opp
	// jump[from][to] holds Ki_S{from}{to}_{min,max}_{asl,opp}; ok when defined.
	jump [8][8]struct {
		ok                           bool
		minAsl, minM2, maxAsl, maxM2 float64
	}
}

// utilPeriods are the utility table's construction-year classes.
var utilPeriods = [...]struct {
	name   string
	lastYr int
}{{"0<=1920", 1919}, {"1920<=1975", 1974}, {"1975<=1990", 1989}, {"1990<=1995", 1994}, {"1995<=2019", 1 << 30}}

// utilPeriodOf returns the class name of a bouwjaar; "onbekend" when the
// bouwjaar is implausible.
func utilPeriodOf(bouwjaar int) string {
	if EraOf(bouwjaar) == EraUnknown {
		return "onbekend"
	}
	for _, p := range utilPeriods {
		if bouwjaar <= p.lastYr {
			return p.name
		}
	}
	return "onbekend"
}

var utilTable = sync.OnceValues(func() (map[string]*utilRow, error) {
	r := csv.NewReader(bytes.NewReader(utiliteitenCSV))
	recs, err := r.ReadAll()
	if err != nil {
		return nil, fmt.Errorf("wijkanalyse: utility table: %w", err)
	}
	col := map[string]int{}
	for i, h := range recs[0] {
		col[h] = i
	}
	out := map[string]*utilRow{}
	for li, rec := range recs[1:] {
		num := func(name string) (float64, bool) {
			i, ok := col[name]
			if !ok || rec[i] == "" {
				return 0, false
			}
			v, err := strconv.ParseFloat(rec[i], 64)
			return v, err == nil
		}
		row := &utilRow{}
		l, err := kosten.ParseLabel(rec[col["Default_label"]])
		if err != nil {
			return nil, fmt.Errorf("wijkanalyse: utility table line %d: %w", li+2, err)
		}
		row.defaultLabel = l
		for r, lab := range kosten.Labels {
			row.heatPerM2[r], _ = num("Vrv_" + string(lab) + "_opp")
		}
		row.tapPerM2, _ = num("Vww_opp")
		for fi, from := range kosten.Labels {
			for ti, to := range kosten.Labels {
				p := "Ki_S" + string(from) + string(to) + "_"
				a, ok1 := num(p + "min_asl")
				b, ok2 := num(p + "min_opp")
				c, ok3 := num(p + "max_asl")
				d, ok4 := num(p + "max_opp")
				if ok1 && ok2 && ok3 && ok4 {
					j := &row.jump[fi][ti]
					j.ok, j.minAsl, j.minM2, j.maxAsl, j.maxM2 = true, a, b, c, d
				}
			}
		}
		out[rec[col["type_str"]]+"|"+rec[col["bouwjaar_str"]]] = row
	}
	return out, nil
})

// utilityRow returns the row for a Vesta utility type and bouwjaar.
func utilityRow(typ string, bouwjaar int) (*utilRow, error) {
	t, err := utilTable()
	if err != nil {
		return nil, err
	}
	row, ok := t[typ+"|"+utilPeriodOf(bouwjaar)]
	if !ok {
		row, ok = t["Overig|"+utilPeriodOf(bouwjaar)]
	}
	if !ok {
		return nil, fmt.Errorf("wijkanalyse: no Vesta utility row for %q %d", typ, bouwjaar)
	}
	return row, nil
}

// insulation returns the cost band (euro of 2018) of improving area m2 from
// label from to label to; zero when to is not better than from; ok false
// when Vesta defines no such jump.
func (u *utilRow) insulation(from, to kosten.Label, areaM2 float64) (Band, bool) {
	fi, ti := from.Rank(), to.Rank()
	if fi < 0 || ti < 0 {
		return Band{}, false
	}
	if ti <= fi {
		return Band{}, true
	}
	j := u.jump[fi][ti]
	if !j.ok {
		return Band{}, false
	}
	lo := max(0, j.minAsl+j.minM2*areaM2)
	hi := max(0, j.maxAsl+j.maxM2*areaM2)
	return Band{Value: (lo + hi) / 2, Min: min(lo, hi), Max: max(lo, hi)}, true
}
