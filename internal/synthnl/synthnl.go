// Package synthnl writes a synthetic country in the national file layouts,
// for the batch's tests and scale benchmarks: no national file fits in the
// repository. It tiles the real demo data (internal/demo's OSM extract of
// Delft: footprints with bouwjaar and use, address points, streets) across
// the RD New extent, one tile per gemeente, with fresh valid BAG ids, and
// writes
//
//   - bag.gpkg: layers pand and verblijfsobject as PDOK ships them (column
//     names, 16-digit ids gemeentecode + 10/01 + serial, R-tree indexes);
//   - wegvakken.gpkg: street centrelines with NWB's wvk_id and stt_naam
//     (and the extract's OSM class in highway);
//   - wijkenbuurten.gpkg: layers gemeenten, wijken and buurten with CBS's
//     columns (buurtcode, buurtnaam, wijkcode, gemeentecode, gemeentenaam,
//     water); every gemeente has eight buurten over its panden, one water
//     buurt (water = JA) and one buurt without panden;
//   - ep-online.csv: an EP-Online export labelling two in five
//     verblijfsobjecten.
//
// Everything is in EPSG:28992 and a function of the options only: the same
// options give the same files byte for byte.
package synthnl

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"

	"github.com/wijkwarmte/wijkwarmte/geodata"
	"github.com/wijkwarmte/wijkwarmte/internal/demo"
)

// File names in the output folder.
const (
	BAGFile     = "bag.gpkg"
	StreetsFile = "wegvakken.gpkg"
	AreasFile   = "wijkenbuurten.gpkg"
	LabelsFile  = "ep-online.csv"
)

// Options say how large a country to write.
type Options struct {
	// Panden is the number of panden to write (at least 1).
	Panden int
	// UncoveredEvery leaves every k-th gemeente (k > 1) out of
	// wijkenbuurten.gpkg, so that its panden lie outside every buurt; 0
	// covers every pand.
	UncoveredEvery int
	// DefectEvery spoils every k-th pand (k > 0) the way national files
	// hold faulty records, in turn: a demolished status ("Pand gesloopt"),
	// no footprint (NULL geometry), an id that is no BAG id, a bouwjaar
	// that is not a year. A spoilt pand gets no verblijfsobjecten and no
	// labels. 0 writes none.
	DefectEvery int
}

// defects are the spoilt records of Options.DefectEvery, in turn, under
// the reason geodata counts each.
var defects = []string{geodata.SkipNotStanding, geodata.SkipNoGeometry, geodata.SkipNoID, geodata.SkipBouwjaarNotAYear}

// Stats counts what Write wrote.
type Stats struct {
	Gemeenten, Wijken, Buurten int // rows in wijkenbuurten.gpkg
	WaterBuurten, EmptyBuurten int
	Panden, Verblijfsobjecten  int
	PandenUncovered            int // panden with a footprint in gemeenten left out of the areas
	// PandenWithoutGeometry are the spoilt panden without a footprint
	// (Options.DefectEvery): in no area, wherever they were meant to be.
	PandenWithoutGeometry int
	// Skipped counts the other spoilt panden of covered gemeenten under
	// the reason a scan of their buurt skips them.
	Skipped         map[string]int
	Streets, Labels int
	Bound           orb.Bound // of the panden, EPSG:28992
}

// RD New extent the tiles are laid over (EPSG:28992, m).
const (
	rdMinX, rdMaxX = 13_000.0, 278_000.0
	rdMinY, rdMaxY = 306_000.0, 620_000.0
	// streetPad is how far the streets (and the gemeente's buurten) reach
	// beyond a tile's panden, m; stripM the width of the water buurt and
	// the empty buurt beside them.
	streetPad = 150.0
	stripM    = 300.0
)

// template is the demo data, read once.
type template struct {
	panden  []geodata.Pand
	addrs   [][]geodata.Address // per pand, the address points inside it
	streets []geodata.Street
	bound   orb.Bound // of the panden
}

func readTemplate(ctx context.Context) (*template, error) {
	ex, err := geodata.ReadOSMPBF(ctx, bytes.NewReader(demo.PBF()), demo.FileName)
	if err != nil {
		return nil, err
	}
	ps, _ := geodata.ValidatePanden(ex.Buildings, ex.BuildingReport)
	t := &template{panden: ps, addrs: make([][]geodata.Address, len(ps))}
	t.bound = geodata.StreetBound(ps, 0)
	t.streets = geodata.ClipStreets(ex.Streets, t.bound.Pad(streetPad))
	// Address points to the pand holding them, through a grid of pand
	// bounds (50 m cells).
	const cell = 50.0
	key := func(x, y float64) [2]int {
		return [2]int{int(math.Floor((x - t.bound.Min[0]) / cell)), int(math.Floor((y - t.bound.Min[1]) / cell))}
	}
	grid := map[[2]int][]int{}
	for i := range ps {
		b := ps[i].Footprint.Bound()
		lo, hi := key(b.Min[0], b.Min[1]), key(b.Max[0], b.Max[1])
		for x := lo[0]; x <= hi[0]; x++ {
			for y := lo[1]; y <= hi[1]; y++ {
				grid[[2]int{x, y}] = append(grid[[2]int{x, y}], i)
			}
		}
	}
	for _, a := range ex.Addresses {
		for _, i := range grid[key(a.Point[0], a.Point[1])] {
			if ps[i].Footprint.Bound().Contains(a.Point) && planar.PolygonContains(ps[i].Footprint, a.Point) {
				t.addrs[i] = append(t.addrs[i], a)
				break
			}
		}
	}
	return t, nil
}

// tile is one gemeente: the template shifted by off.
type tile struct {
	index int
	code  string // 4 digits
	off   orb.Point
}

// Write writes the synthetic country into dir (created if missing; the
// files must not exist yet).
func Write(ctx context.Context, dir string, opt Options) (Stats, error) {
	var st Stats
	if opt.Panden < 1 || opt.DefectEvery < 0 {
		return st, fmt.Errorf("synthnl: %d panden, a defect every %d: want at least 1 pand and a defect every k >= 0", opt.Panden, opt.DefectEvery)
	}
	st.Skipped = map[string]int{}
	t, err := readTemplate(ctx)
	if err != nil {
		return st, err
	}
	w, h := t.bound.Max[0]-t.bound.Min[0], t.bound.Max[1]-t.bound.Min[1]
	pitchX, pitchY := w+2*streetPad+stripM, h+2*streetPad+stripM
	cols := int((rdMaxX - rdMinX) / pitchX)
	rows := int((rdMaxY - rdMinY) / pitchY)
	ntiles := (opt.Panden + len(t.panden) - 1) / len(t.panden)
	if ntiles > cols*rows || ntiles > 9999 {
		return st, fmt.Errorf("synthnl: %d panden need %d gemeenten of %d; the RD extent holds %d and gemeentecodes %d",
			opt.Panden, ntiles, len(t.panden), cols*rows, 9999)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return st, err
	}
	g, err := newWriters(dir)
	if err != nil {
		return st, err
	}
	defer g.abort()
	left := opt.Panden
	for i := 0; i < ntiles; i++ {
		if err := ctx.Err(); err != nil {
			return st, err
		}
		tl := tile{index: i, code: fmt.Sprintf("%04d", i+1),
			off: orb.Point{rdMinX + float64(i%cols)*pitchX + streetPad - t.bound.Min[0], rdMinY + float64(i/cols)*pitchY + streetPad - t.bound.Min[1]}}
		n := min(left, len(t.panden))
		left -= n
		covered := opt.UncoveredEvery < 2 || (i+1)%opt.UncoveredEvery != 0
		if err := g.tile(t, tl, n, covered, opt.DefectEvery, &st); err != nil {
			return st, err
		}
	}
	return st, g.close()
}

// writers holds the open outputs.
type writers struct {
	bag, streets, areas *geodata.GeoPackageWriter
	pand, vbo, wegvak   *geodata.GPKGLayerWriter
	gem, wijk, buurt    *geodata.GPKGLayerWriter
	labelsFile          *os.File
	labels              *bufio.Writer
	wvk                 int64
}

func newWriters(dir string) (*writers, error) {
	g := &writers{}
	var err error
	layer := func(w *geodata.GeoPackageWriter, name, typ string, cols ...geodata.GPKGColumn) *geodata.GPKGLayerWriter {
		if err != nil {
			return nil
		}
		var l *geodata.GPKGLayerWriter
		l, err = w.AddLayer(name, typ, cols)
		return l
	}
	text := func(n string) geodata.GPKGColumn { return geodata.GPKGColumn{Name: n, Type: geodata.GPKGText} }
	integer := func(n string) geodata.GPKGColumn { return geodata.GPKGColumn{Name: n, Type: geodata.GPKGInteger} }
	real := func(n string) geodata.GPKGColumn { return geodata.GPKGColumn{Name: n, Type: geodata.GPKGReal} }
	if g.bag, err = geodata.CreateGeoPackage(filepath.Join(dir, BAGFile)); err != nil {
		return nil, err
	}
	g.pand = layer(g.bag, "pand", "POLYGON", text("identificatie"), integer("bouwjaar"), text("status"), text("gebruiksdoel"),
		real("oppervlakte_min"), real("oppervlakte_max"), integer("aantal_verblijfsobjecten"))
	g.vbo = layer(g.bag, "verblijfsobject", "POINT", text("identificatie"), text("pand_identificatie"), text("gebruiksdoel"),
		integer("oppervlakte"), text("status"), text("openbare_ruimte_naam"), text("huisnummer"), text("postcode"), text("woonplaats_naam"))
	if err == nil {
		g.streets, err = geodata.CreateGeoPackage(filepath.Join(dir, StreetsFile))
	}
	if err == nil {
		g.wegvak = layer(g.streets, "wegvakken", "LINESTRING", integer("wvk_id"), text("stt_naam"), text("gme_id"), text("highway"))
	}
	if err == nil {
		g.areas, err = geodata.CreateGeoPackage(filepath.Join(dir, AreasFile))
	}
	if err == nil {
		g.gem = layer(g.areas, "gemeenten", "MULTIPOLYGON", text("gemeentecode"), text("gemeentenaam"), text("water"))
		g.wijk = layer(g.areas, "wijken", "MULTIPOLYGON", text("wijkcode"), text("wijknaam"), text("gemeentecode"), text("gemeentenaam"), text("water"))
		g.buurt = layer(g.areas, "buurten", "MULTIPOLYGON", text("buurtcode"), text("buurtnaam"), text("wijkcode"), text("gemeentecode"), text("gemeentenaam"), text("water"))
	}
	if err == nil {
		g.labelsFile, err = os.OpenFile(filepath.Join(dir, LabelsFile), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	}
	if err != nil {
		g.abort()
		return nil, err
	}
	g.labels = bufio.NewWriter(g.labelsFile)
	fmt.Fprint(g.labels, "PublicatieDatum;20251101\r\nLaatstVerwerkteMutatievolgnummer;1\r\n"+
		"Pand_opnamedatum;Pand_energieklasse;Pand_bagverblijfsobjectid;Pand_bagpandid;Pand_postcode;Pand_huisnummer;Pand_huisnummer_toev;Pand_gebouwtype;Pand_gebruiksoppervlakte\r\n")
	return g, nil
}

func (g *writers) abort() {
	for _, w := range []*geodata.GeoPackageWriter{g.bag, g.streets, g.areas} {
		if w != nil {
			w.Abort()
		}
	}
	if g.labelsFile != nil {
		g.labelsFile.Close()
		os.Remove(g.labelsFile.Name())
	}
}

func (g *writers) close() error {
	for _, w := range []*geodata.GeoPackageWriter{g.bag, g.streets, g.areas} {
		if err := w.Close(); err != nil {
			return err
		}
	}
	err := g.labels.Flush()
	if err == nil {
		err = g.labelsFile.Sync()
	}
	if cerr := g.labelsFile.Close(); err == nil {
		err = cerr
	}
	g.labelsFile = nil
	*g = writers{}
	return err
}

// labelClass is the energy label a synthetic registration gets by bouwjaar.
func labelClass(bouwjaar int) string {
	switch {
	case bouwjaar >= 2015:
		return "A+++"
	case bouwjaar >= 2000:
		return "A"
	case bouwjaar >= 1992:
		return "B"
	case bouwjaar >= 1975:
		return "C"
	case bouwjaar >= 1965:
		return "D"
	case bouwjaar >= 1945:
		return "E"
	case bouwjaar > 0:
		return "F"
	}
	return "G"
}

func shiftRing(r orb.Ring, d orb.Point) orb.Ring {
	out := make(orb.Ring, len(r))
	for i, p := range r {
		out[i] = orb.Point{p[0] + d[0], p[1] + d[1]}
	}
	return out
}

func shiftPolygon(p orb.Polygon, d orb.Point) orb.Polygon {
	out := make(orb.Polygon, len(p))
	for i, r := range p {
		out[i] = shiftRing(r, d)
	}
	return out
}

func box(b orb.Bound) orb.MultiPolygon { return orb.MultiPolygon{b.ToPolygon()} }

// tile writes one gemeente: its first n template panden, their
// verblijfsobjecten and labels, the streets, and (when covered) its areas;
// every defectEvery-th pand of the country spoilt (Options.DefectEvery).
func (g *writers) tile(t *template, tl tile, n int, covered bool, defectEvery int, st *Stats) error {
	gm := "GM" + tl.code
	name := fmt.Sprintf("Synthese %s", tl.code)
	var pandSerial, vboSerial int64
	for i := 0; i < n; i++ {
		p := &t.panden[i]
		pandSerial++
		pid := fmt.Sprintf("%s10%010d", tl.code, pandSerial)
		fp := shiftPolygon(p.Footprint, tl.off)
		addrs := t.addrs[i]
		doel := strings.Join(p.Gebruiksdoel, ",")
		if doel == "" && len(addrs) > 0 {
			doel = "woonfunctie"
		}
		vboDoel := doel
		if i := strings.IndexByte(vboDoel, ','); i >= 0 {
			vboDoel = vboDoel[:i]
		}
		levels := max(p.Levels, 1)
		opp := math.NaN()
		if len(addrs) > 0 {
			opp = math.Round(planar.Area(p.Footprint) * float64(levels) / float64(len(addrs)))
		}
		var bouwjaar any
		if p.Bouwjaar > 0 {
			bouwjaar = p.Bouwjaar
		}
		var geom orb.Geometry = fp
		id, status := pid, "Pand in gebruik"
		defect := ""
		if defectEvery > 0 && (st.Panden+1)%defectEvery == 0 {
			defect = defects[((st.Panden+1)/defectEvery-1)%len(defects)]
			switch defect {
			case geodata.SkipNotStanding:
				status = "Pand gesloopt"
			case geodata.SkipNoGeometry:
				geom = nil
			case geodata.SkipNoID:
				id = "onbekend"
			case geodata.SkipBouwjaarNotAYear:
				bouwjaar = "onbekend"
			}
			addrs = nil
		}
		if err := g.pand.Write(geom, id, bouwjaar, status, doel, opp, opp, len(addrs)); err != nil {
			return err
		}
		st.Panden++
		switch {
		case defect == geodata.SkipNoGeometry:
			st.PandenWithoutGeometry++
		case !covered:
			st.PandenUncovered++
		case defect != "":
			st.Skipped[defect]++
		}
		if st.Panden == 1 {
			st.Bound = fp.Bound()
		} else {
			st.Bound = st.Bound.Union(fp.Bound())
		}
		for _, a := range addrs {
			vboSerial++
			vid := fmt.Sprintf("%s01%010d", tl.code, vboSerial)
			pt := orb.Point{a.Point[0] + tl.off[0], a.Point[1] + tl.off[1]}
			postcode := fmt.Sprintf("%04d%c%c", 1000+(tl.index*7+i/40)%9000, 'A'+rune(i/26%26), 'A'+rune(i%26))
			if err := g.vbo.Write(pt, vid, pid, vboDoel, int64(opp), "Verblijfsobject in gebruik", a.Street, a.Housenumber, postcode, name); err != nil {
				return err
			}
			st.Verblijfsobjecten++
			if vboSerial%5 < 2 {
				fmt.Fprintf(g.labels, "2023%02d%02d;%s;%s;%s;%s;%s;;;%d\r\n", 1+vboSerial%12, 1+vboSerial%28,
					labelClass(p.Bouwjaar), vid, pid, postcode, a.Housenumber, int64(opp))
				st.Labels++
			}
		}
	}
	for _, s := range t.streets {
		g.wvk++
		if err := g.wegvak.Write(shiftLine(s.Line, tl.off), g.wvk, s.Name, tl.code, s.Class); err != nil {
			return err
		}
		st.Streets++
	}
	if !covered {
		return nil
	}
	// The gemeente: its panden's box grown by streetPad, cut into two
	// wijken of four buurten; a third wijk holds a water strip east of
	// it and an empty strip north.
	b := orb.Bound{Min: orb.Point{t.bound.Min[0] + tl.off[0], t.bound.Min[1] + tl.off[1]},
		Max: orb.Point{t.bound.Max[0] + tl.off[0], t.bound.Max[1] + tl.off[1]}}.Pad(streetPad)
	all := orb.Bound{Min: b.Min, Max: orb.Point{b.Max[0] + stripM, b.Max[1] + stripM}}
	if err := g.gem.Write(box(all), gm, name, "NEE"); err != nil {
		return err
	}
	st.Gemeenten++
	midX, midY := (b.Min[0]+b.Max[0])/2, (b.Min[1]+b.Max[1])/2
	type buurt struct {
		b     orb.Bound
		water string
	}
	wijken := [][]buurt{}
	for w := 0; w < 2; w++ {
		x0, x1 := b.Min[0], midX
		if w == 1 {
			x0, x1 = midX, b.Max[0]
		}
		xm := (x0 + x1) / 2
		wijken = append(wijken, []buurt{
			{orb.Bound{Min: orb.Point{x0, b.Min[1]}, Max: orb.Point{xm, midY}}, "NEE"},
			{orb.Bound{Min: orb.Point{xm, b.Min[1]}, Max: orb.Point{x1, midY}}, "NEE"},
			{orb.Bound{Min: orb.Point{x0, midY}, Max: orb.Point{xm, b.Max[1]}}, "NEE"},
			{orb.Bound{Min: orb.Point{xm, midY}, Max: orb.Point{x1, b.Max[1]}}, "NEE"},
		})
	}
	wijken = append(wijken, []buurt{
		{orb.Bound{Min: orb.Point{b.Max[0], b.Min[1]}, Max: orb.Point{all.Max[0], all.Max[1]}}, "JA"},
		{orb.Bound{Min: orb.Point{b.Min[0], b.Max[1]}, Max: orb.Point{b.Max[0], all.Max[1]}}, "NEE"},
	})
	for wi, bs := range wijken {
		wk := fmt.Sprintf("WK%s%02d", tl.code, wi)
		wb := bs[0].b
		for _, x := range bs[1:] {
			wb = wb.Union(x.b)
		}
		if err := g.wijk.Write(box(wb), wk, fmt.Sprintf("Wijk %02d", wi), gm, name, "NEE"); err != nil {
			return err
		}
		st.Wijken++
		for bi, x := range bs {
			bu := fmt.Sprintf("BU%s%02d%02d", tl.code, wi, bi)
			if err := g.buurt.Write(box(x.b), bu, fmt.Sprintf("Buurt %02d-%02d", wi, bi), wk, gm, name, x.water); err != nil {
				return err
			}
			st.Buurten++
			switch {
			case x.water == "JA":
				st.WaterBuurten++
			case wi == 2:
				st.EmptyBuurten++
			}
		}
	}
	return nil
}

func shiftLine(l orb.LineString, d orb.Point) orb.LineString {
	out := make(orb.LineString, len(l))
	for i, p := range l {
		out[i] = orb.Point{p[0] + d[0], p[1] + d[1]}
	}
	return out
}
