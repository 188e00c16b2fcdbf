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
	area             int     // index in the areas, -1 for none
}

// Area names a buurt (or wijk) for the per-area breakdown.
type Area struct{ Code, Name string }

// AreaOf gives, for a pand id, the index of its area in the areas
// passed with it, or -1.
type AreaOf func(pandID string) int

// ErrKleinverbruik is wrapped by the errors about the kleinverbruik files
// themselves (the reader's own errors name file and line).
var ErrKleinverbruik = errors.New("kleinverbruik")

// yearFile is a kleinverbruik file with the year in its name.
type yearFile struct {
	year int
	file string
}

// yearFiles reads the year from each file's name, refuses two files
// for one year, and sorts them by year.
func yearFiles(files []string) ([]yearFile, error) {
	var yfs []yearFile
	seen := map[int]string{}
	for _, f := range files {
		y, ok := geodata.KleinverbruikYear(f)
		if !ok {
			return nil, fmt.Errorf("%w: %s: no year in the file name; name it as the netbeheerders do (Stedin_kleinverbruiksgegevens_01012024.csv) or put the year in it", ErrKleinverbruik, f)
		}
		if prev, dup := seen[y]; dup {
			return nil, fmt.Errorf("%w: %s and %s are both for %d; give one kleinverbruik file per year (combine netbeheerders into one file)", ErrKleinverbruik, prev, f, y)
		}
		seen[y] = f
		yfs = append(yfs, yearFile{y, f})
	}
	slices.SortFunc(yfs, func(a, b yearFile) int { return a.year - b.year })
	return yfs, nil
}

// CheckKleinverbruik checks, before any work, that each file has a year
// in its name (one file per year) and a header the reader knows; the
// rows are read later, by Kleinverbruik.
func CheckKleinverbruik(files []string) error {
	yfs, err := yearFiles(files)
	if err != nil {
		return err
	}
	for _, yf := range yfs {
		f, err := os.Open(yf.file)
		if err != nil {
			return fmt.Errorf("%w: %v", ErrKleinverbruik, err)
		}
		_, err = geodata.NewKleinverbruikReader(f, yf.file)
		f.Close()
		if err != nil {
			return err
		}
	}
	return nil
}

// kvRange is a kept row of a file with the homes matched to it.
type kvRange struct {
	row      geodata.KleinverbruikRow
	street   string // normalised
	homes    int
	modelled float64 // sum of the homes' gasM3
}

// Kleinverbruik reads the netbeheerders' kleinverbruik files (one per
// year, the year from the file name) and matches their postcode ranges
// to the dwelling addresses of ix: dwellings off gas per year and the
// measured gas use beside the modelled one (KleinverbruikMethod). With
// areas and areaOf, each year is also broken down per area.
func Kleinverbruik(files []string, ix *adres.Index, areas []Area, areaOf AreaOf) (*report.Kleinverbruik, error) {
	homes := homesOf(ix, areaOf)
	pc4 := map[string]bool{}
	for _, h := range homes {
		pc4[h.postcode[:4]] = true
	}
	kv := &report.Kleinverbruik{Method: KleinverbruikMethod, Calibration: []report.CalibrationRange{}}
	yfs, err := yearFiles(files)
	if err != nil {
		return nil, err
	}
	var last []*kvRange
	for _, yf := range yfs {
		ranges, info, err := readRanges(yf.file, pc4)
		if err != nil {
			return nil, err
		}
		info.Year = yf.year
		y := match(homes, ranges, areas)
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
func homesOf(ix *adres.Index, areaOf AreaOf) []home {
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
		area := -1
		if areaOf != nil {
			area = areaOf(a.PandID)
		}
		out = append(out, home{postcode: pc, street: normStreet(a.Street), gasM3: ans.GasM3, area: area})
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
		return nil, info, fmt.Errorf("%w: %v", ErrKleinverbruik, err)
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
// and counts the year, in total and per area.
func match(homes []home, ranges []*kvRange, areas []Area) report.KleinverbruikYear {
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
	as := make([]report.KleinverbruikArea, len(areas))
	for k, a := range areas {
		as[k].Code, as[k].Name = a.Code, a.Name
	}
	// per range, its homes per area (for sharing out the off-gas count)
	perArea := map[*kvRange]map[int]int{}
	var measured []float64 // per area: sum of the SJV over its homes in a gas range
	if len(areas) > 0 {
		measured = make([]float64, len(areas))
	}
	for _, h := range homes {
		var a *report.KleinverbruikArea
		if h.area >= 0 && h.area < len(as) {
			a = &as[h.area]
			a.Addresses++
		}
		if g := best(h, "GAS"); g != nil {
			y.InGasRange++
			g.homes++
			g.modelled += h.gasM3
			if a != nil {
				a.InGasRange++
				a.ModelledM3 += h.gasM3
				measured[h.area] += g.row.SJVGemiddeld
				if perArea[g] == nil {
					perArea[g] = map[int]int{}
				}
				perArea[g][h.area]++
			}
		} else if best(h, "ELK") != nil {
			y.ElectricOnly++
			if a != nil {
				a.ElectricOnly++
				a.OffGas++
			}
		} else {
			y.NotCovered++
			if a != nil {
				a.NotCovered++
			}
		}
	}
	off := float64(y.ElectricOnly)
	for _, r := range ranges {
		if r.row.Product == "GAS" && r.homes > 0 {
			a := r.row.ActiveConnections()
			y.GasConnections += a
			above := math.Max(0, float64(r.homes)-a)
			off += above
			for k, n := range perArea[r] {
				as[k].OffGas += above * float64(n) / float64(r.homes)
			}
		}
	}
	y.GasConnections = round2(y.GasConnections)
	y.OffGas = int(math.Round(off))
	for k := range as {
		a := &as[k]
		a.OffGas = round2(a.OffGas)
		if a.InGasRange > 0 {
			a.MeasuredM3 = round2(measured[k] / float64(a.InGasRange))
			a.ModelledM3 = round2(a.ModelledM3 / float64(a.InGasRange))
			if a.MeasuredM3 > 0 {
				a.Ratio = round2(a.ModelledM3 / a.MeasuredM3)
			}
		} else {
			a.ModelledM3 = 0
		}
	}
	y.Areas = as
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
