package report

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
)

// Area names the area a Startanalyse-style table is about: the columns
// I01_Buurtcode, I02_Buurtnaam and I06_Gemeentenaam of PBL's layout.
type Area struct {
	Code, Name, Gemeente string
}

// indicator is one row of the Startanalyse-style table.
type indicator struct {
	code, description, unit string
	value                   func(st *Strategy) string
}

func eur0(x float64) string { return fmtNum(x, 0) }

func fmtNum(x float64, dec int) string {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return ""
	}
	return strconv.FormatFloat(x, 'f', dec, 64)
}

func bandEnd(m map[string]float64, key string) string {
	v, ok := m[key]
	if !ok {
		return ""
	}
	return eur0(v)
}

// perWEQ returns x / weq, NaN when weq is zero.
func perWEQ(x, weq float64) float64 {
	if weq <= 0 {
		return math.NaN()
	}
	return x / weq
}

// indicators are the rows, in order. Codes V01 and H16-H18 follow PBL's
// Startanalyse numbering (H16 national extra cost per year, H17 per tonne
// CO2 avoided, H18 per dwelling-equivalent); rows whose code starts with
// W are wijkwarmte's own. W11-W17 split the national cost (W01) by
// component and W18-W23 the end-user cost per dwelling (W05), from
// Strategy.Breakdown and EnduserBreakdown; the Startanalyse's own
// component rows are not reproduced (their codes are not copied here).
// W24 (end-user cost per dwelling-equivalent, utility included) follows
// W05 (per dwelling, woningen only). Figures that are not available (an
// infeasible strategy) are empty cells.
var indicators = append([]indicator{
	{"V01_Strategievariant", "Strategie", "", func(st *Strategy) string { return orDefault(st.Label, st.Name) }},
	{"H16_Nat_meerkost", "Nationale meerkosten t.o.v. aardgas (referentie)", "euro/jaar", func(st *Strategy) string { return eur0(st.ExtraNationalCostEURPerYear) }},
	{"H17_Nat_meerkost_CO2", "Nationale meerkosten per ton vermeden CO2", "euro/ton CO2", func(st *Strategy) string { return eur0(st.EURPerTCO2) }},
	{"H18_Nat_meerkost_WEQ", "Nationale meerkosten per woningequivalent", "euro/jaar per WEQ", func(st *Strategy) string {
		return eur0(perWEQ(st.ExtraNationalCostEURPerYear, st.DwellingEquivalents))
	}},
	{"W01_Nat_kosten", "Nationale kosten (totaal, niet t.o.v. referentie)", "euro/jaar", func(st *Strategy) string { return eur0(st.NationalCostEURPerYear) }},
	{"W02_Nat_kosten_min", "Nationale kosten, lage kentallen", "euro/jaar", func(st *Strategy) string { return bandEnd(st.Min, "national_cost_eur_per_year") }},
	{"W03_Nat_kosten_max", "Nationale kosten, hoge kentallen", "euro/jaar", func(st *Strategy) string { return bandEnd(st.Max, "national_cost_eur_per_year") }},
	{"W04_Nat_kosten_WEQ", "Nationale kosten per woningequivalent", "euro/jaar per WEQ", func(st *Strategy) string { return eur0(st.NationalCostEURPerYearPerWEQ) }},
	{"W05_Eindgebr_kosten_woning", "Kosten eindgebruiker per woning", "euro/jaar per woning", func(st *Strategy) string { return eur0(st.EnduserCostEURPerYearPerDwelling) }},
	{"W24_Eindgebr_kosten_WEQ", "Kosten eindgebruiker per woningequivalent (woningen en utiliteit)", "euro/jaar per WEQ", func(st *Strategy) string { return eur0(st.EnduserCostEURPerYearPerWEQ) }},
	{"W06_CO2_reductie", "Vermeden CO2-uitstoot t.o.v. aardgas", "ton CO2/jaar", func(st *Strategy) string { return fmtNum(st.CO2AvoidedTPerYear, 1) }},
	{"W07_Aantal_panden", "Panden", "aantal", func(st *Strategy) string { return strconv.Itoa(st.Buildings) }},
	{"W08_Aantal_woningen", "Woningen", "aantal", func(st *Strategy) string { return strconv.Itoa(st.Dwellings) }},
	{"W09_Aantal_WEQ", "Woningequivalenten (woning of 130 m2 utiliteit)", "aantal", func(st *Strategy) string { return fmtNum(st.DwellingEquivalents, 1) }},
	{"W10_Haalbaar", "Technisch haalbaar in deze wijk", "ja/nee", func(st *Strategy) string {
		if st.Feasible {
			return "ja"
		}
		return "nee"
	}},
}, partRows()...)

// partIndicator is a W-row of one cost component: its key in Strategy.Breakdown
// (national) or EnduserBreakdown (end user, per dwelling).
type partIndicator struct {
	code, description, key string
	enduser                bool
}

var partIndicators = []partIndicator{
	{"W11_Nat_kosten_isolatie", "Nationale kosten: isolatie", "insulation", false},
	{"W12_Nat_kosten_installaties", "Nationale kosten: installaties in het gebouw", "installations", false},
	{"W13_Nat_kosten_warmtenet", "Nationale kosten: warmtenet (leidingen, onderstations, aansluiten)", "heat_network", false},
	{"W14_Nat_kosten_warmtebron", "Nationale kosten: warmtebron", "heat_source", false},
	{"W15_Nat_kosten_netten", "Nationale kosten: elektriciteitsnet en gasnet", "grid", false},
	{"W16_Nat_kosten_onderhoud", "Nationale kosten: onderhoud", "om", false},
	{"W17_Nat_kosten_energie", "Nationale kosten: energie (excl. belastingen)", "energy", false},
	{"W18_Eindgebr_isolatie_woning", "Kosten eindgebruiker per woning: isolatie", "insulation", true},
	{"W19_Eindgebr_installaties_woning", "Kosten eindgebruiker per woning: installaties", "installations", true},
	{"W20_Eindgebr_onderhoud_woning", "Kosten eindgebruiker per woning: onderhoud", "om", true},
	{"W21_Eindgebr_energie_woning", "Kosten eindgebruiker per woning: energie en warmte (incl. belastingen)", "energy", true},
	{"W22_Eindgebr_vastrecht_woning", "Kosten eindgebruiker per woning: vastrecht en vaste netkosten", "fixed_charges", true},
	{"W23_Eindgebr_aansluitbijdrage_woning", "Kosten eindgebruiker per woning: aansluitbijdrage (per jaar)", "connection_fee", true},
}

func partRows() []indicator {
	out := make([]indicator, 0, len(partIndicators))
	for _, r := range partIndicators {
		unit := "euro/jaar"
		if r.enduser {
			unit = "euro/jaar per woning"
		}
		out = append(out, indicator{r.code, r.description, unit, func(st *Strategy) string {
			if r.enduser {
				return bandEnd(st.EnduserBreakdown, r.key)
			}
			return bandEnd(st.Breakdown, r.key)
		}})
	}
	return out
}

// StrategyColumn is the Startanalyse column of a strategy:
// Strategie_<PBL number>_<name> (Strategie_S2a_warmtenet_mt) for a PBL
// strategy, Strategie_<name> for the reference and the mix, so that PBL's
// scripts, which take the strategy number from the name with the pattern
// [1-5], read the right number or none.
func StrategyColumn(st Strategy) string {
	if st.PBLStrategy != "" {
		return "Strategie_" + st.PBLStrategy + "_" + st.Name
	}
	return "Strategie_" + st.Name
}

// AreaStrategies are the strategies of one area, one block of a
// Startanalyse-style table.
type AreaStrategies struct {
	Area       Area
	Strategies []Strategy
}

// WriteStartanalyse writes the strategies in the layout of PBL's
// Startanalyse result files: ';'-separated, one row per indicator
// (Code_Indicator, with a description and unit), one column per
// strategy (StrategyColumn), then the area columns I01_Buurtcode,
// I02_Buurtnaam and I06_Gemeentenaam repeated on every row. Several
// areas (buurten) follow each other under one header, told apart by
// I01_Buurtcode; they must have the same strategies in the same order.
// Numbers use a decimal point; euro amounts are whole euro.
func WriteStartanalyse(w io.Writer, blocks []AreaStrategies) error {
	if len(blocks) == 0 {
		return errors.New("report: no areas to write")
	}
	cw := csv.NewWriter(w)
	cw.Comma = ';'
	head := []string{"Code_Indicator", "Omschrijving", "Eenheid"}
	names := make([]string, 0, len(blocks[0].Strategies))
	for _, st := range blocks[0].Strategies {
		head = append(head, StrategyColumn(st))
		names = append(names, st.Name)
	}
	head = append(head, "I01_Buurtcode", "I02_Buurtnaam", "I06_Gemeentenaam")
	if err := cw.Write(head); err != nil {
		return err
	}
	row := make([]string, len(head))
	for _, bl := range blocks {
		if len(bl.Strategies) != len(names) {
			return fmt.Errorf("report: area %s has %d strategies, the first area %d", bl.Area.Code, len(bl.Strategies), len(names))
		}
		for i, st := range bl.Strategies {
			if st.Name != names[i] {
				return fmt.Errorf("report: area %s: strategy %d is %s, in the first area %s", bl.Area.Code, i, st.Name, names[i])
			}
		}
		for _, ind := range indicators {
			row = row[:0]
			row = append(row, ind.code, ind.description, ind.unit)
			for i := range bl.Strategies {
				row = append(row, ind.value(&bl.Strategies[i]))
			}
			row = append(row, bl.Area.Code, bl.Area.Name, bl.Area.Gemeente)
			if err := cw.Write(row); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	return cw.Error()
}
