package main

import (
	"context"
	"encoding/json"
	"io"
	"math"
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

const inspectSynopsis = `inspect PATH [--layer NAME]

Detects the format of PATH (GeoPackage, GeoParquet, OSM .osm.pbf, GeoJSON,
EP-Online CSV) and prints JSON on stdout: the format, the CRS as found and,
per layer, its kind (buildings, streets, addresses, areas, labels, other),
the features read, the buildings a scan would use (the same checks and
de-duplication), what was skipped or repaired under its reason and the
bounding box in EPSG:28992; then the totals. Every feature is read, so a
damaged file is found.

Exit status: 0 ok, 1 a file that cannot be read (one line naming the file
and, where known, the layer and feature), 2 usage error.`

func runInspect(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("inspect", inspectSynopsis, stderr)
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

// inspectFile reads the file at path through the input door (every
// layer, or only the named one) and summarises it.
func inspectFile(ctx context.Context, path, only string) (*inspectResult, error) {
	s, err := geodata.Open(path)
	if err != nil {
		return nil, err
	}
	defer s.Close()
	var layers []geodata.SourceLayer
	if only != "" {
		l, err := s.Layer(only)
		if err != nil {
			return nil, err
		}
		layers = []geodata.SourceLayer{l}
	} else if layers, err = s.Contents(); err != nil {
		return nil, err
	}
	res := &inspectResult{File: path, Format: s.Format(), Skipped: map[string]int{}, BBoxCRS: geodata.CRS}
	var box inspBboxAcc
	for _, sl := range layers {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		l, err := inspectOne(ctx, s, sl)
		if err != nil {
			return nil, err
		}
		res.Layers = append(res.Layers, l)
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

// inspectOne reads one layer of s with the door's reader for its kind.
func inspectOne(ctx context.Context, s *geodata.Source, sl geodata.SourceLayer) (inspectLayer, error) {
	l := inspectLayer{Name: sl.Name, Kind: sl.Kind, CRS: sl.CRS}
	var (
		rep geodata.Report
		box inspBboxAcc
		err error
	)
	switch sl.Kind {
	case geodata.KindBuildings:
		var r geodata.PandReader
		if r, _, err = s.Panden(sl.Name, &rep); err != nil {
			return l, err
		}
		check := inspNewBuildingCheck()
		err = inspEachPand(r, check.add)
		r.Close()
		if err != nil {
			return l, err
		}
		check.fill(&l, rep)
		if s.Format() == geodata.FormatOSMPBF {
			ex, err := s.OSM(ctx)
			if err != nil {
				return l, err
			}
			ways := 0
			for _, id := range ex.BuildingOSMIDs {
				if strings.HasPrefix(id, "way/") {
					ways++
				}
			}
			// ways skipped by the reader (unclosed, nodes missing) were read too
			ways += ex.BuildingReport.Skipped[geodata.SkipUnclosedBuilding] + ex.BuildingReport.Skipped[geodata.SkipMissingNodes]
			rels := ex.BuildingRelations
			l.OSMBuildingWays, l.OSMBuildingRelations = &ways, &rels
		}
		return l, nil
	case geodata.KindStreets:
		var sum inspStreets
		if err := s.EachStreet(sl.Name, &rep, func(st *geodata.Street) error {
			sum.addOne(st)
			return nil
		}); err != nil {
			return l, err
		}
		inspReportLayer(&l, rep)
		sum.fill(&l)
		return l, nil
	case geodata.KindAddresses:
		if sl.Layout == geodata.LayoutVerblijfsobject {
			err = s.EachVerblijfsobject(sl.Name, &rep, func(v *geodata.Verblijfsobject) error {
				box.addGeom(v.Point)
				return nil
			})
		} else {
			err = s.EachAddress(sl.Name, &rep, func(a *geodata.Address) error {
				box.addGeom(a.Point)
				return nil
			})
		}
	case geodata.KindAreas:
		var m2 float64
		n := 0
		err = s.EachArea(sl.Name, geodata.AreaBuurt, &rep, func(a *geodata.Area) error {
			n++
			box.addGeom(a.Geometry)
			m2 += planar.Area(a.Geometry)
			return nil
		})
		m2 = math.Round(m2)
		l.Areas, l.AreaM2 = &n, &m2
	case geodata.KindLabels:
		var labels []geodata.EnergyLabel
		labels, err = s.Labels(&rep)
		n := len(labels)
		l.LabelledIDs = &n
	default:
		if sl.Info != nil && strings.Contains(strings.ToUpper(sl.Info.GeometryType), "POLYGON") {
			l.MissingPandColumns = geodata.MissingPandColumns(sl.Info.Columns)
		}
		err = s.EachGeometry(sl.Name, &rep, func(g orb.Geometry) error {
			box.addGeom(g)
			return nil
		})
	}
	if err != nil {
		return l, err
	}
	inspReportLayer(&l, rep)
	l.BBox = box.json()
	return l, nil
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

func (a *inspStreets) addOne(s *geodata.Street) {
	a.n++
	a.m += planar.Length(s.Line)
	a.box.addGeom(s.Line)
}

func (a *inspStreets) fill(l *inspectLayer) {
	n, m := a.n, math.Round(a.m*10)/10
	l.Lines, l.LengthM, l.BBox = &n, &m, a.box.json()
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

func inspEachPand(r geodata.PandReader, fn func(geodata.Pand)) error {
	return geodata.ForEach(r, func(p *geodata.Pand) error {
		fn(*p)
		return nil
	})
}
