package dashboard

import (
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"slices"
	"strings"

	"github.com/wijkwarmte/wijkwarmte/adres"
	"github.com/wijkwarmte/wijkwarmte/geodata"
	"github.com/wijkwarmte/wijkwarmte/internal/report"
)

// KleinverbruikMethod says in Dutch how the kleinverbruik files are used.
const KleinverbruikMethod = "Elk woonadres van de nieuwste scan (een adres in een pand met woningen) wordt gekoppeld aan de postcodereeks (POSTCODE_VAN tot en met POSTCODE_TOT) van het bestand waarin zijn postcode valt, bij voorkeur die in dezelfde straat. Per reeks met een GAS-regel tellen de woonadressen boven het aantal actieve gasaansluitingen (AANSLUITINGEN_AANTAL × FYSIEKE_STATUS_PERC) als van het aardgas af; een adres in een reeks met alleen een ELK-regel telt helemaal als van het aardgas af; een adres in geen enkele reeks (een andere netbeheerder, of te weinig aansluitingen om te publiceren) telt niet mee. Kleinverbruik omvat ook kleine bedrijven, dus dit is eerder een ondergrens. De kalibratie zet per reeks het gemeten standaardjaarverbruik (SJV_GEMIDDELD, m³ per aansluiting in het jaar vóór de peildatum, gecorrigeerd naar een normaal weerjaar) naast het gemodelleerde gasverbruik van de woningen in de reeks (m³ per woning per jaar met een HR-ketel voor ruimteverwarming en warm tapwater, zonder koken); de totalen wegen de reeksen naar aansluitingen en woningen. Een verhouding ver van 1 wijst op een label- of oppervlakte-aanname die niet klopt, of op een reeks die maar deels in het gebied ligt."

// home is one dwelling address of the newest run.
type home struct {
	postcode, street string
	gasM3            float64 // modelled gas use per dwelling, m3 per year
}

// kvRange is a kept row of a file with the homes matched to it.
type kvRange struct {
	row      geodata.KleinverbruikRow
	street   string // normalised
	homes    int
	modelled float64 // sum of the homes' gasM3
}

// kleinverbruik reads the files (one per year, the year from the name)
// and matches their postcode ranges to the dwelling addresses of ix.
func kleinverbruik(files []string, ix *adres.Index) (*report.Kleinverbruik, error) {
	homes := homesOf(ix)
	pc4 := map[string]bool{}
	for _, h := range homes {
		pc4[h.postcode[:4]] = true
	}
	kv := &report.Kleinverbruik{Method: KleinverbruikMethod, Calibration: []report.CalibrationRange{}}
	type yearFile struct {
		year int
		file string
	}
	var yfs []yearFile
	seen := map[int]string{}
	for _, f := range files {
		y, ok := geodata.KleinverbruikYear(f)
		if !ok {
			return nil, fmt.Errorf("%w: %s: no year in the file name; name it as the netbeheerders do (Stedin_kleinverbruiksgegevens_01012024.csv) or put the year in it", ErrInput, f)
		}
		if prev, dup := seen[y]; dup {
			return nil, fmt.Errorf("%w: %s and %s are both for %d; give one kleinverbruik file per year (combine netbeheerders into one file)", ErrInput, prev, f, y)
		}
		seen[y] = f
		yfs = append(yfs, yearFile{y, f})
	}
	slices.SortFunc(yfs, func(a, b yearFile) int { return a.year - b.year })
	var last []*kvRange
	for _, yf := range yfs {
		ranges, info, err := readRanges(yf.file, pc4)
		if err != nil {
			return nil, err
		}
		info.Year = yf.year
		y := match(homes, ranges)
		y.Year, y.Date = yf.year, fmt.Sprintf("%04d-01-01", yf.year)
		for _, r := range ranges {
			if r.homes > 0 {
				info.RowsArea++
			}
		}
		kv.Files = append(kv.Files, info)
		kv.Years = append(kv.Years, y)
		last = ranges
	}
	var tot report.CalibrationRange
	var measured float64
	for _, r := range last {
		if r.row.Product != "GAS" || r.homes == 0 {
			continue
		}
		c := report.CalibrationRange{Street: r.row.Straatnaam, PostcodeVan: r.row.PostcodeVan, PostcodeTot: r.row.PostcodeTot,
			Connections: round2(r.row.ActiveConnections()), Dwellings: r.homes, MeasuredM3: r.row.SJVGemiddeld,
			ModelledM3: round2(r.modelled / float64(r.homes))}
		if c.MeasuredM3 > 0 {
			c.Ratio = round2(c.ModelledM3 / c.MeasuredM3)
		}
		kv.Calibration = append(kv.Calibration, c)
		tot.Connections += r.row.ActiveConnections()
		measured += r.row.SJVGemiddeld * r.row.ActiveConnections()
		tot.Dwellings += r.homes
		tot.ModelledM3 += r.modelled
	}
	if tot.Dwellings > 0 && tot.Connections > 0 {
		tot.Street = "alle reeksen met woningen van het gebied"
		tot.MeasuredM3 = round2(measured / tot.Connections)
		tot.ModelledM3 = round2(tot.ModelledM3 / float64(tot.Dwellings))
		tot.Connections = round2(tot.Connections)
		if tot.MeasuredM3 > 0 {
			tot.Ratio = round2(tot.ModelledM3 / tot.MeasuredM3)
		}
		kv.CalibrationTotal = &tot
	}
	return kv, nil
}

func round2(x float64) float64 { return math.Round(x*100) / 100 }

// homesOf lists the dwelling addresses of the index, in its order.
func homesOf(ix *adres.Index) []home {
	byID := make(map[string]*adres.Answer, ix.Len())
	for i := range ix.Len() {
		p := ix.Pand(i)
		byID[p.ID] = &p.Answer
	}
	var out []home
	for _, a := range ix.Addresses() {
		ans, ok := byID[a.PandID]
		if !ok || ans.Dwellings == 0 {
			continue
		}
		pc, ok := geodata.NormalizePostcode(a.Postcode)
		if !ok {
			continue // adres.Read refuses such addresses
		}
		out = append(out, home{postcode: pc, street: normStreet(a.Street), gasM3: ans.GasM3})
	}
	return out
}

func normStreet(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }

// readRanges reads a kleinverbruik file and keeps the rows whose range
// touches a four-digit postcode of the area (memory bounded by the area,
// not the file).
func readRanges(file string, pc4 map[string]bool) ([]*kvRange, report.KleinverbruikFile, error) {
	info := report.KleinverbruikFile{File: file}
	f, err := os.Open(file)
	if err != nil {
		return nil, info, fmt.Errorf("%w: %v", ErrInput, err)
	}
	defer f.Close()
	rd, err := geodata.NewKleinverbruikReader(f, file)
	if err != nil {
		return nil, info, err
	}
	info.Variant = rd.Variant
	info.Separator = map[rune]string{'\t': "tab", ';': ";", ',': ","}[rd.Separator]
	var out []*kvRange
	buf := make([]geodata.KleinverbruikRow, 256)
	for {
		n, err := rd.Read(buf)
		for _, r := range buf[:n] {
			if touches(r.PostcodeVan[:4], r.PostcodeTot[:4], pc4) {
				out = append(out, &kvRange{row: r, street: normStreet(r.Straatnaam)})
			}
		}
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, info, err
		}
	}
	info.RowsRead, info.RowsUsed = rd.Report.Read, rd.Report.Used
	info.Skipped = rd.Report.Skipped
	if info.Skipped == nil {
		info.Skipped = map[string]int{}
	}
	return out, info, nil
}

func touches(a, b string, pc4 map[string]bool) bool {
	if pc4[a] || pc4[b] {
		return true
	}
	if a == b {
		return false
	}
	for p := range pc4 {
		if a <= p && p <= b {
			return true
		}
	}
	return false
}

// match assigns every home to the best GAS and ELK range of its postcode
// and counts the year.
func match(homes []home, ranges []*kvRange) report.KleinverbruikYear {
	byPC4 := map[string][]*kvRange{}
	for _, r := range ranges {
		byPC4[r.row.PostcodeVan[:4]] = append(byPC4[r.row.PostcodeVan[:4]], r)
		if t := r.row.PostcodeTot[:4]; t != r.row.PostcodeVan[:4] {
			byPC4[t] = append(byPC4[t], r)
		}
	}
	best := func(h home, product string) *kvRange {
		var b *kvRange
		for _, r := range byPC4[h.postcode[:4]] {
			if r.row.Product != product || !r.row.Contains(h.postcode) {
				continue
			}
			if b == nil || better(r, b, h.street) {
				b = r
			}
		}
		return b
	}
	y := report.KleinverbruikYear{Addresses: len(homes)}
	for _, h := range homes {
		if g := best(h, "GAS"); g != nil {
			y.InGasRange++
			g.homes++
			g.modelled += h.gasM3
		} else if best(h, "ELK") != nil {
			y.ElectricOnly++
		} else {
			y.NotCovered++
		}
	}
	off := float64(y.ElectricOnly)
	for _, r := range ranges {
		if r.row.Product == "GAS" && r.homes > 0 {
			a := r.row.ActiveConnections()
			y.GasConnections += a
			off += math.Max(0, float64(r.homes)-a)
		}
	}
	y.GasConnections = round2(y.GasConnections)
	y.OffGas = int(math.Round(off))
	return y
}

// better prefers a range in the home's street, then the narrower range,
// then the earlier line.
func better(r, b *kvRange, street string) bool {
	if rs, bs := r.street == street, b.street == street; rs != bs {
		return rs
	}
	if wr, wb := width(r), width(b); wr != wb {
		return wr < wb
	}
	return r.row.Line < b.row.Line
}

// width orders ranges by how many postcodes they span (an ordering, not a
// count: letters count as base 26 within the four digits).
func width(r *kvRange) int {
	return pcOrdinal(r.row.PostcodeTot) - pcOrdinal(r.row.PostcodeVan)
}

func pcOrdinal(pc string) int {
	n := 0
	for i := 0; i < 4; i++ {
		n = n*10 + int(pc[i]-'0')
	}
	return n*676 + int(pc[4]-'A')*26 + int(pc[5]-'A')
}
