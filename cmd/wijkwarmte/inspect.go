package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
	"github.com/wijkwarmte/wijkwarmte/geodata"
)

func init() {
	register("inspect", command{
		summary: "show what a data file holds: format, layers, CRS, counts, skips, bbox",
		run:     runInspect,
	})
}

// inspectLayer is the JSON report of one layer.
type inspectLayer struct {
	Name     string            `json:"name"`
	Kind     geodata.LayerKind `json:"kind"`
	CRS      string            `json:"crs,omitempty"` // as found in the file
	Features int               `json:"features"`      // records read
	// BuildingsUsed: panden that pass the Validator and de-duplication.
	BuildingsUsed *int           `json:"buildings_used,omitempty"`
	Used          int            `json:"used"` // records handed on (any kind)
	Skipped       map[string]int `json:"skipped"`
	Repaired      map[string]int `json:"repaired,omitempty"`
	BBox          []float64      `json:"bbox,omitempty"` // EPSG:28992 minx, miny, maxx, maxy
	Lines         *int           `json:"lines,omitempty"`
	LengthM       *float64       `json:"length_m,omitempty"`
	// OSM only: building features by OSM type.
	OSMBuildingWays      *int `json:"osm_building_ways,omitempty"`
	OSMBuildingRelations *int `json:"osm_building_relations,omitempty"`
	// Areas (OSM water): polygons handed on and their total area, m2
	// (EPSG:28992; holes subtracted, overlaps counted twice).
	Areas  *int     `json:"areas,omitempty"`
	AreaM2 *float64 `json:"area_m2,omitempty"`
	// EP-Online only: distinct verblijfsobjecten (or panden) labelled.
	LabelledIDs *int `json:"labelled_ids,omitempty"`
	// GeoPackage polygon layers read as "other": the columns a BAG pand
	// layer needs that it lacks (see geodata.MissingPandColumns).
	MissingPandColumns []string `json:"missing_pand_columns,omitempty"`
}

// inspectResult is what "wijkwarmte inspect" prints.
type inspectResult struct {
	File          string         `json:"file"`
	Format        geodata.Format `json:"format"`
	CRS           string         `json:"crs"`
	Layers        []inspectLayer `json:"layers"`
	FeaturesRead  int            `json:"features_read"`
	BuildingsUsed int            `json:"buildings_used"`
	Skipped       map[string]int `json:"skipped"`
	BBox          []float64      `json:"bbox,omitempty"`
	BBoxCRS       string         `json:"bbox_crs"`
}

func runInspect(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("inspect", "inspect PATH [--layer NAME]", stderr)
	layer := fs.String("layer", "", "inspect only the layer `NAME` (default: every layer)")
	// flags may come before or after PATH
	var paths []string
	for {
		if err := parseFlags(fs, args); err != nil {
			return err
		}
		if fs.NArg() == 0 {
			break
		}
		paths = append(paths, fs.Arg(0))
		args = fs.Args()[1:]
	}
	if len(paths) != 1 {
		return usagef("want one PATH, got %d; usage: wijkwarmte inspect PATH [--layer NAME]", len(paths))
	}
	res, err := inspectFile(context.Background(), paths[0], *layer)
	if err != nil {
		return err
	}
	enc := json.NewEncoder(stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(res)
}

// inspectFile reads the file at path (every layer, or only the named one)
// and summarises it.
func inspectFile(ctx context.Context, path, only string) (*inspectResult, error) {
	format, err := geodata.Detect(path)
	if err != nil {
		return nil, err
	}
	res := &inspectResult{File: path, Format: format, Skipped: map[string]int{}, BBoxCRS: geodata.CRS}
	var layers []inspectLayer
	switch format {
	case geodata.FormatGeoJSON:
		layers, err = inspectGeoJSON(path, only)
	case geodata.FormatOSMPBF:
		layers, err = inspectOSM(ctx, path, only)
	case geodata.FormatGeoPackage:
		layers, err = inspectGPKG(path, only)
	case geodata.FormatGeoParquet:
		layers, err = inspectGeoParquet(path, only)
	case geodata.FormatCSV:
		layers, err = inspectEPOnline(path, only)
	default:
		err = &geodata.FeatureError{File: path, Feature: -1, Err: fmt.Errorf("%w: %s", geodata.ErrUnknownFormat, format)}
	}
	if err != nil {
		return nil, err
	}
	res.Layers = layers
	var box inspBboxAcc
	for _, l := range layers {
		res.FeaturesRead += l.Features
		if l.BuildingsUsed != nil {
			res.BuildingsUsed += *l.BuildingsUsed
		}
		for k, v := range l.Skipped {
			res.Skipped[k] += v
		}
		if len(l.BBox) == 4 {
			box.add(orb.Bound{Min: orb.Point{l.BBox[0], l.BBox[1]}, Max: orb.Point{l.BBox[2], l.BBox[3]}})
		}
		if res.CRS == "" {
			res.CRS = l.CRS
		} else if l.CRS != "" && l.CRS != res.CRS {
			res.CRS = "mixed"
		}
	}
	if res.CRS == "" {
		res.CRS = "none"
	}
	res.BBox = box.json()
	return res, nil
}

// inspPickLayerName checks --layer against the layers a file has.
func inspPickLayerName(path, only string, names []string) error {
	if only == "" {
		return nil
	}
	for _, n := range names {
		if n == only {
			return nil
		}
	}
	return &geodata.FeatureError{File: path, Layer: only, Feature: -1,
		Err: fmt.Errorf("%w (the file has: %s)", geodata.ErrNoLayer, strings.Join(names, ", "))}
}

func inspBaseName(path string) string {
	b := filepath.Base(path)
	for _, ext := range []string{".geojson", ".json", ".parquet", ".csv"} {
		if strings.HasSuffix(strings.ToLower(b), ext) {
			return b[:len(b)-len(ext)]
		}
	}
	return b
}

func inspEpsgName(code int) string {
	if code == 0 {
		return ""
	}
	return fmt.Sprintf("EPSG:%d", code)
}

// inspBboxAcc accumulates a bounding box.
type inspBboxAcc struct {
	b  orb.Bound
	ok bool
}

func (a *inspBboxAcc) add(b orb.Bound) {
	if b.Min[0] > b.Max[0] || math.IsNaN(b.Min[0]) {
		return
	}
	if !a.ok {
		a.b, a.ok = b, true
		return
	}
	a.b = a.b.Union(b)
}

func (a *inspBboxAcc) addGeom(g orb.Geometry) {
	if g != nil {
		a.add(g.Bound())
	}
}

func (a *inspBboxAcc) json() []float64 {
	if !a.ok {
		return nil
	}
	r := func(x float64) float64 { return math.Round(x*1000) / 1000 }
	return []float64{r(a.b.Min[0]), r(a.b.Min[1]), r(a.b.Max[0]), r(a.b.Max[1])}
}

// inspBuildingCheck runs panden through the Validator and de-duplication and
// fills a layer report; readerRep holds what the reader counted.
type inspBuildingCheck struct {
	v     *geodata.Validator
	dedup *geodata.Dedup
	box   inspBboxAcc
}

func inspNewBuildingCheck() *inspBuildingCheck {
	v := geodata.NewValidator()
	return &inspBuildingCheck{v: v, dedup: geodata.NewDedup(&v.Report)}
}

func (c *inspBuildingCheck) add(p geodata.Pand) {
	c.box.addGeom(p.Footprint)
	if c.v.Pand(&p) {
		c.dedup.Add(p)
	}
}

// fill writes the counts into l: Skipped from reader and Validator
// together, BuildingsUsed after de-duplication. readerRep holds what the
// reader skipped (the panden it handed on are counted by the Validator),
// so Features = skipped by the reader + read by the Validator.
func (c *inspBuildingCheck) fill(l *inspectLayer, readerRep geodata.Report) {
	l.Features = readerRep.SkippedTotal() + c.v.Report.Read
	used := c.v.Report.Used
	l.BuildingsUsed = &used
	l.Used = used
	l.Skipped = map[string]int{}
	for k, v := range readerRep.Skipped {
		l.Skipped[k] += v
	}
	for k, v := range c.v.Report.Skipped {
		l.Skipped[k] += v
	}
	if len(readerRep.Repaired)+len(c.v.Report.Repaired) > 0 {
		l.Repaired = map[string]int{}
		for k, v := range readerRep.Repaired {
			l.Repaired[k] += v
		}
		for k, v := range c.v.Report.Repaired {
			l.Repaired[k] += v
		}
	}
	l.BBox = c.box.json()
}

// inspStreets sums street pieces as they stream past.
type inspStreets struct {
	n   int
	m   float64
	box inspBboxAcc
}

func (a *inspStreets) add(ss []geodata.Street) {
	for i := range ss {
		a.addOne(&ss[i])
	}
}

func (a *inspStreets) addOne(s *geodata.Street) {
	a.n++
	a.m += planar.Length(s.Line)
	a.box.addGeom(s.Line)
}

func (a *inspStreets) fill(l *inspectLayer) {
	n, m := a.n, math.Round(a.m*10)/10
	l.Lines, l.LengthM, l.BBox = &n, &m, a.box.json()
}

func inspStreetTotals(l *inspectLayer, ss []geodata.Street) {
	var a inspStreets
	a.add(ss)
	a.fill(l)
}

// inspHandedOut turns the report of a geodata reader that counts only
// the records it skips (GeoPackage readers) into a full one, given the
// number of records it handed out.
func inspHandedOut(rep geodata.Report, n int) geodata.Report {
	rep.Read = rep.SkippedTotal() + n
	rep.Used = n
	return rep
}

func inspReportLayer(l *inspectLayer, rep geodata.Report) {
	l.Features, l.Used = rep.Read, rep.Used
	l.Skipped = map[string]int{}
	for k, v := range rep.Skipped {
		l.Skipped[k] = v
	}
	if len(rep.Repaired) > 0 {
		l.Repaired = rep.Repaired
	}
}

func inspectGeoJSON(path, only string) ([]inspectLayer, error) {
	name := inspBaseName(path)
	if err := inspPickLayerName(path, only, []string{name}); err != nil {
		return nil, err
	}
	fh, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	g, err := geodata.NewGeoJSONReader(fh, path)
	if err != nil {
		return nil, err
	}
	defer g.Close()
	l := inspectLayer{Name: name, CRS: inspEpsgName(g.EPSG())}
	var (
		rep     geodata.Report
		check   *inspBuildingCheck
		streets inspStreets
		pieces  []geodata.Street
		box     inspBboxAcc
	)
	for {
		f, err := g.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		rep.Read++
		if l.Kind == "" && f.Geometry != nil {
			l.Kind = f.Kind()
			if l.Kind == geodata.KindBuildings {
				check = inspNewBuildingCheck()
			}
		}
		var reason string
		switch l.Kind {
		case "":
			reason = geodata.SkipNoGeometry
		case geodata.KindBuildings:
			p, why, repair := geodata.PandFromFeature(f)
			if why != "" {
				reason = why
				break
			}
			if repair != "" {
				rep.Repair(repair)
			}
			rep.Used++
			check.add(p)
			continue
		case geodata.KindStreets:
			pieces, reason = geodata.StreetsFromFeature(f, pieces[:0])
			streets.add(pieces)
		case geodata.KindAddresses:
			_, reason = geodata.AddressFromFeature(f)
		case geodata.KindAreas:
			_, reason = geodata.AreaFromFeature(f, geodata.AreaBuurt)
		}
		if reason != "" {
			rep.Skip(reason)
			continue
		}
		rep.Used++
		box.addGeom(f.Geometry)
	}
	if l.Kind == "" {
		l.Kind = geodata.KindOther
	}
	switch l.Kind {
	case geodata.KindBuildings:
		check.fill(&l, rep)
	case geodata.KindStreets:
		inspReportLayer(&l, rep)
		streets.fill(&l)
	default:
		inspReportLayer(&l, rep)
		l.BBox = box.json()
	}
	return []inspectLayer{l}, nil
}

func inspectOSM(ctx context.Context, path, only string) ([]inspectLayer, error) {
	if err := inspPickLayerName(path, only, []string{"buildings", "streets", "addresses", "water"}); err != nil {
		return nil, err
	}
	fh, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	ex, err := geodata.ReadOSMPBF(ctx, fh, path)
	if err != nil {
		return nil, err
	}
	var out []inspectLayer
	if only == "" || only == "buildings" {
		l := inspectLayer{Name: "buildings", Kind: geodata.KindBuildings, CRS: "EPSG:4326"}
		check := inspNewBuildingCheck()
		ways := 0
		for i, p := range ex.Buildings {
			if strings.HasPrefix(ex.BuildingOSMIDs[i], "way/") {
				ways++
			}
			check.add(p)
		}
		check.fill(&l, ex.BuildingReport)
		// ways skipped by the reader (unclosed, nodes missing) were read too
		ways += ex.BuildingReport.Skipped[geodata.SkipUnclosedBuilding] + ex.BuildingReport.Skipped[geodata.SkipMissingNodes]
		rels := ex.BuildingRelations
		l.OSMBuildingWays, l.OSMBuildingRelations = &ways, &rels
		out = append(out, l)
	}
	if only == "" || only == "streets" {
		l := inspectLayer{Name: "streets", Kind: geodata.KindStreets, CRS: "EPSG:4326"}
		inspReportLayer(&l, ex.StreetReport)
		inspStreetTotals(&l, ex.Streets)
		out = append(out, l)
	}
	if only == "" || only == "addresses" {
		l := inspectLayer{Name: "addresses", Kind: geodata.KindAddresses, CRS: "EPSG:4326"}
		inspReportLayer(&l, ex.AddressReport)
		var box inspBboxAcc
		for _, a := range ex.Addresses {
			box.addGeom(a.Point)
		}
		l.BBox = box.json()
		out = append(out, l)
	}
	if only == "" || only == "water" {
		l := inspectLayer{Name: "water", Kind: geodata.KindAreas, CRS: "EPSG:4326"}
		inspReportLayer(&l, ex.WaterReport)
		var box inspBboxAcc
		var m2 float64
		for _, w := range ex.Water {
			box.addGeom(w.Geometry)
			m2 += planar.Area(w.Geometry)
		}
		n, m2 := len(ex.Water), math.Round(m2)
		l.Areas, l.AreaM2, l.BBox = &n, &m2, box.json()
		out = append(out, l)
	}
	return out, nil
}

func inspectGPKG(path, only string) ([]inspectLayer, error) {
	g, err := geodata.OpenGeoPackage(path)
	if err != nil {
		return nil, err
	}
	defer g.Close()
	infos := g.Layers()
	names := make([]string, len(infos))
	for i, li := range infos {
		names[i] = li.Name
	}
	if err := inspPickLayerName(path, only, names); err != nil {
		return nil, err
	}
	var out []inspectLayer
	for _, li := range infos {
		if only != "" && li.Name != only {
			continue
		}
		l := inspectLayer{Name: li.Name, CRS: inspEpsgName(li.EPSG)}
		if l.CRS == "" {
			l.CRS = fmt.Sprintf("%s:%d", li.Organization, li.OrgCoordsysID)
		}
		var err error
		switch li.Kind {
		case geodata.LayoutPand:
			l.Kind = geodata.KindBuildings
			err = inspGpkgBuildings(g, li.Name, &l)
		case geodata.LayoutStreet:
			l.Kind = geodata.KindStreets
			err = inspGpkgStreets(g, li.Name, &l)
		case geodata.LayoutVerblijfsobject:
			l.Kind = geodata.KindAddresses
			err = inspGpkgVBOs(g, li.Name, &l)
		default:
			l.Kind = geodata.KindOther
			if strings.Contains(strings.ToUpper(li.GeometryType), "POLYGON") {
				l.MissingPandColumns = geodata.MissingPandColumns(li.Columns)
			}
			err = inspGpkgFeatures(g, li.Name, &l)
		}
		if err != nil {
			return nil, err
		}
		out = append(out, l)
	}
	return out, nil
}

func inspGpkgBuildings(g *geodata.GeoPackage, layer string, l *inspectLayer) error {
	var rep geodata.Report
	r, err := g.Panden(layer, &rep)
	if err != nil {
		return err
	}
	defer r.Close()
	check := inspNewBuildingCheck()
	if err := inspEachPand(r, check.add); err != nil {
		return err
	}
	check.fill(l, rep)
	return nil
}

func inspEachPand(r geodata.PandReader, fn func(geodata.Pand)) error {
	return geodata.ForEach(r, func(p *geodata.Pand) error {
		fn(*p)
		return nil
	})
}

func inspGpkgStreets(g *geodata.GeoPackage, layer string, l *inspectLayer) error {
	var rep geodata.Report
	r, err := g.Streets(layer, &rep)
	if err != nil {
		return err
	}
	defer r.Close()
	var sum inspStreets
	if err := geodata.ForEach(r, func(s *geodata.Street) error {
		sum.addOne(s)
		return nil
	}); err != nil {
		return err
	}
	inspReportLayer(l, inspHandedOut(rep, sum.n))
	sum.fill(l)
	return nil
}

func inspGpkgVBOs(g *geodata.GeoPackage, layer string, l *inspectLayer) error {
	var rep geodata.Report
	r, err := g.Verblijfsobjecten(layer, &rep)
	if err != nil {
		return err
	}
	defer r.Close()
	var box inspBboxAcc
	total := 0
	if err := geodata.ForEach(r, func(v *geodata.Verblijfsobject) error {
		total++
		box.addGeom(v.Point)
		return nil
	}); err != nil {
		return err
	}
	inspReportLayer(l, inspHandedOut(rep, total))
	l.BBox = box.json()
	return nil
}

func inspGpkgFeatures(g *geodata.GeoPackage, layer string, l *inspectLayer) error {
	r, err := g.Features(layer)
	if err != nil {
		return err
	}
	defer r.Close()
	var box inspBboxAcc
	n := 0
	if err := geodata.ForEach(r, func(f *geodata.Feature) error {
		n++
		box.addGeom(f.Geometry)
		return nil
	}); err != nil {
		return err
	}
	l.Features, l.Used, l.Skipped, l.BBox = n, n, map[string]int{}, box.json()
	return nil
}

func inspectGeoParquet(path, only string) ([]inspectLayer, error) {
	name := inspBaseName(path)
	if err := inspPickLayerName(path, only, []string{name}); err != nil {
		return nil, err
	}
	f, err := geodata.OpenGeoParquet(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	l := inspectLayer{Name: name, CRS: inspEpsgName(f.EPSG())}
	var rep geodata.Report
	r, err := f.Panden(&rep)
	if errors.Is(err, geodata.ErrColumns) {
		// Not a pand file (e.g. a network): read every row and decode its
		// geometry, so that a corrupt page is found, and report the rows
		// and their bbox.
		l.Kind = geodata.KindOther
		var box inspBboxAcc
		n, empty := 0, 0
		if err := f.Geometries(func(_ int, g orb.Geometry) error {
			n++
			if g == nil {
				empty++
			} else {
				box.addGeom(g)
			}
			return nil
		}); err != nil {
			return nil, err
		}
		l.Features, l.Used, l.Skipped = n, n-empty, map[string]int{}
		if empty > 0 {
			l.Skipped[geodata.SkipNoGeometry] = empty
		}
		l.BBox = box.json()
		return []inspectLayer{l}, nil
	}
	if err != nil {
		return nil, err
	}
	defer r.Close()
	l.Kind = geodata.KindBuildings
	check := inspNewBuildingCheck()
	if err := inspEachPand(r, check.add); err != nil {
		return nil, err
	}
	check.fill(&l, rep)
	return []inspectLayer{l}, nil
}

func inspectEPOnline(path, only string) ([]inspectLayer, error) {
	name := inspBaseName(path)
	if err := inspPickLayerName(path, only, []string{name}); err != nil {
		return nil, err
	}
	fh, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	var rep geodata.Report
	labels, err := geodata.ReadEPOnline(fh, path, &rep)
	if err != nil {
		return nil, err
	}
	l := inspectLayer{Name: name, Kind: geodata.KindLabels}
	inspReportLayer(&l, rep)
	n := labels.Len()
	l.LabelledIDs = &n
	return []inspectLayer{l}, nil
}
