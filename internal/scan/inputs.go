package scan

import (
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"

	"github.com/paulmach/orb"

	"github.com/wijkwarmte/wijkwarmte/geodata"
)

// This file opens the input files of a scan by their format and streams
// them into the geodata model. The readers themselves live in geodata;
// here only the dispatch by file type and the counting.

// detect tells the format of an input file from its first bytes (see
// geodata.Detect); the error names the file.
func detect(path string) (geodata.Format, error) { return geodata.Detect(path) }

// errFormat reports a file whose type the flag does not take.
func errFormat(path, what string) error {
	return &geodata.FeatureError{File: path, Feature: -1,
		Err: fmt.Errorf("%w: %s must be a %s file", geodata.ErrUnknownFormat, filepath.Base(path), what)}
}

// featureReader streams generic features (GeoJSON, a GeoPackage layer,
// GeoParquet).
type featureReader interface {
	Read(dst []geodata.Feature) (int, error)
	Close() error
	// CRS describes the CRS the file was read in (geodata.DescribeCRS).
	CRS() string
}

// closers closes what it holds in reverse order.
type closers []func() error

func (c *closers) add(f func() error) { *c = append(*c, f) }

func (c closers) close() {
	for i := len(c) - 1; i >= 0; i-- {
		c[i]()
	}
}

// openGPKG opens a GeoPackage, as a Within view when bound is set, so that
// its readers take only the rows in the bound (through the R-tree).
func openGPKG(path string, bound *orb.Bound) (*geodata.GeoPackage, error) {
	gp, err := geodata.OpenGeoPackage(path)
	if err != nil || bound == nil {
		return gp, err
	}
	return gp.Within(*bound), nil
}

// openFeatures opens a vector file as a feature stream; layer picks the
// GeoPackage layer ("" = the only layer, or the first of wantKind).
func openFeatures(path, layer string, wantKind geodata.Layout, bound *orb.Bound) (featureReader, error) {
	fm, err := detect(path)
	if err != nil {
		return nil, err
	}
	switch fm {
	case geodata.FormatGeoJSON:
		f, err := os.Open(path)
		if err != nil {
			return nil, err
		}
		g, err := geodata.NewGeoJSONReader(f, path)
		if err != nil {
			f.Close()
			return nil, err
		}
		return fileFeatures{g, f}, nil
	case geodata.FormatGeoPackage:
		gp, err := openGPKG(path, bound)
		if err != nil {
			return nil, err
		}
		name, err := pickLayer(gp, layer, wantKind)
		if err != nil {
			gp.Close()
			return nil, err
		}
		r, err := gp.Features(name)
		if err != nil {
			gp.Close()
			return nil, err
		}
		l, _ := gp.Layer(name)
		return gpkgFeatures{r, gp, gpkgCRS(l)}, nil
	case geodata.FormatGeoParquet:
		return nil, errFormat(path, "GeoJSON or GeoPackage (GeoParquet is read for --buildings only)")
	}
	return nil, errFormat(path, "GeoJSON or GeoPackage")
}

type fileFeatures struct {
	*geodata.GeoJSONReader
	f *os.File
}

func (r fileFeatures) CRS() string {
	if r.CRSDeclared() {
		return geodata.DescribeCRS(r.EPSG(), "crs member of the GeoJSON")
	}
	return geodata.DescribeCRS(r.EPSG(), "RFC 7946 GeoJSON")
}

func (r fileFeatures) Close() error {
	r.GeoJSONReader.Close()
	return r.f.Close()
}

type gpkgFeatures struct {
	*geodata.GPKGFeatureReader
	gp  *geodata.GeoPackage
	crs string
}

func (r gpkgFeatures) CRS() string { return r.crs }

// gpkgCRS describes the CRS of a GeoPackage layer.
func gpkgCRS(l geodata.LayerInfo) string {
	return geodata.DescribeCRS(l.EPSG, fmt.Sprintf("GeoPackage layer %s, srs_id %d", l.Name, l.SRSID))
}

func (r gpkgFeatures) Close() error {
	r.GPKGFeatureReader.Close()
	return r.gp.Close()
}

// pickLayer returns layer when set, else the only layer, else the first
// layer of the wanted layout.
func pickLayer(gp *geodata.GeoPackage, layer string, want geodata.Layout) (string, error) {
	if layer != "" {
		if _, err := gp.Layer(layer); err != nil {
			return "", err // names the file and layer already
		}
		return layer, nil
	}
	ls := gp.Layers()
	if len(ls) == 1 {
		return ls[0].Name, nil
	}
	var names []string
	for _, l := range ls {
		if l.Kind == want {
			return l.Name, nil
		}
		names = append(names, l.Name)
	}
	return "", &geodata.FeatureError{File: gp.Path(), Feature: -1,
		Err: fmt.Errorf("%w: no %s layer among %s; name one with the layer flag", geodata.ErrNoLayer, want, strings.Join(names, ", "))}
}

// eachFeature calls fn for every feature of r, then closes r.
func eachFeature(r featureReader, fn func(geodata.Feature) error) error {
	defer r.Close()
	return geodata.ForEach(r, func(f *geodata.Feature) error { return fn(*f) })
}

// featurePanden maps a feature stream onto a PandReader, counting what it
// skips in rep.
type featurePanden struct {
	r    featureReader
	buf  []geodata.Feature // backing buffer
	next []geodata.Feature // features read but not yet handed on
	rep  *geodata.Report
	err  error // the error that ended the stream, handed on once next is empty
}

func (p *featurePanden) Read(dst []geodata.Pand) (int, error) {
	n := 0
	for n < len(dst) {
		if len(p.next) == 0 {
			if p.err != nil {
				return n, p.err
			}
			k, err := p.r.Read(p.buf)
			p.next = p.buf[:k]
			if err != nil {
				p.err = err
			} else if k == 0 {
				p.err = io.ErrNoProgress
			}
			continue
		}
		f := p.next[0]
		p.next = p.next[1:]
		p.rep.Read++
		pd, reason, repair := geodata.PandFromFeature(f)
		if reason != "" {
			p.rep.Skip(reason)
			continue
		}
		if repair != "" {
			p.rep.Repair(repair)
		}
		p.rep.Used++
		dst[n] = pd
		n++
	}
	return n, nil
}

func (p *featurePanden) Close() error { return p.r.Close() }

// openPanden opens the buildings file and describes the CRS it is in
// (geodata.DescribeCRS). rep counts the records the reader sees (before
// validation).
func openPanden(path, layer string, rep *geodata.Report, bound *orb.Bound) (geodata.PandReader, string, error) {
	fm, err := detect(path)
	if err != nil {
		return nil, "", err
	}
	switch fm {
	case geodata.FormatGeoPackage:
		gp, err := openGPKG(path, bound)
		if err != nil {
			return nil, "", err
		}
		name, err := pickLayer(gp, layer, geodata.LayoutPand)
		if err != nil {
			gp.Close()
			return nil, "", err
		}
		r, err := gp.Panden(name, rep)
		if err != nil {
			gp.Close()
			return nil, "", err
		}
		l, _ := gp.Layer(name)
		return pandCloser{r, gp.Close}, gpkgCRS(l), nil
	case geodata.FormatGeoParquet:
		f, err := geodata.OpenGeoParquet(path)
		if err != nil {
			return nil, "", err
		}
		r, err := f.Panden(rep)
		if err != nil {
			f.Close()
			return nil, "", err
		}
		origin := "GeoParquet geo metadata"
		if f.EPSG() != geodata.EPSGRDNew {
			origin = "OGC:CRS84 in the GeoParquet geo metadata"
		}
		return pandCloser{r, f.Close}, geodata.DescribeCRS(f.EPSG(), origin), nil
	}
	r, err := openFeatures(path, layer, geodata.LayoutPand, bound)
	if err != nil {
		return nil, "", err
	}
	return &featurePanden{r: r, buf: make([]geodata.Feature, 256), rep: rep}, r.CRS(), nil
}

type pandCloser struct {
	geodata.PandReader
	closeFile func() error
}

func (p pandCloser) Close() error {
	err := p.PandReader.Close()
	if cerr := p.closeFile(); err == nil {
		err = cerr
	}
	return err
}

// readStreets reads every street piece of path.
func readStreets(path, layer string, rep *geodata.Report, bound *orb.Bound) ([]geodata.Street, error) {
	fm, err := detect(path)
	if err != nil {
		return nil, err
	}
	if fm == geodata.FormatGeoPackage {
		gp, err := openGPKG(path, bound)
		if err != nil {
			return nil, err
		}
		defer gp.Close()
		name, err := pickLayer(gp, layer, geodata.LayoutStreet)
		if err != nil {
			return nil, err
		}
		r, err := gp.Streets(name, rep)
		if err != nil {
			return nil, err
		}
		defer r.Close()
		return geodata.ReadAll(r)
	}
	r, err := openFeatures(path, layer, geodata.LayoutStreet, bound)
	if err != nil {
		return nil, err
	}
	var out []geodata.Street
	err = eachFeature(r, func(f geodata.Feature) error {
		rep.Read++
		var reason string
		if out, reason = geodata.StreetsFromFeature(f, out); reason != "" {
			rep.Skip(reason)
			return nil
		}
		rep.Used++
		return nil
	})
	return out, err
}

// readAddresses reads address points.
func readAddresses(path, layer string, rep *geodata.Report, bound *orb.Bound) ([]geodata.Address, error) {
	r, err := openFeatures(path, layer, geodata.LayoutOther, bound)
	if err != nil {
		return nil, err
	}
	var out []geodata.Address
	err = eachFeature(r, func(f geodata.Feature) error {
		rep.Read++
		a, reason := geodata.AddressFromFeature(f)
		if reason != "" {
			rep.Skip(reason)
			return nil
		}
		rep.Used++
		out = append(out, a)
		return nil
	})
	return out, err
}

// readAreas reads polygons of the given kind (water, buurt).
func readAreas(path, layer string, kind geodata.AreaKind, rep *geodata.Report, bound *orb.Bound) ([]geodata.Area, error) {
	r, err := openFeatures(path, layer, geodata.LayoutOther, bound)
	if err != nil {
		return nil, err
	}
	var out []geodata.Area
	err = eachFeature(r, func(f geodata.Feature) error {
		rep.Read++
		a, reason := geodata.AreaFromFeature(f, kind)
		if reason != "" {
			rep.Skip(reason)
			return nil
		}
		rep.Used++
		out = append(out, a)
		return nil
	})
	return out, err
}

// readVBOs reads BAG verblijfsobjecten from a GeoPackage layer.
func readVBOs(path, layer string, bound *orb.Bound) ([]geodata.Verblijfsobject, error) {
	if fm, err := detect(path); err != nil {
		return nil, err
	} else if fm != geodata.FormatGeoPackage {
		return nil, errFormat(path, "GeoPackage (BAG verblijfsobject layer)")
	}
	gp, err := openGPKG(path, bound)
	if err != nil {
		return nil, err
	}
	defer gp.Close()
	name, err := pickLayer(gp, layer, geodata.LayoutVerblijfsobject)
	if err != nil {
		return nil, err
	}
	var rep geodata.Report
	r, err := gp.Verblijfsobjecten(name, &rep)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	out, err := geodata.ReadAll(r)
	if err != nil {
		return nil, err
	}
	return out, nil
}

// readLabels reads an EP-Online export, keeping the newest registration
// per verblijfsobject.
func readLabels(path string) ([]geodata.EnergyLabel, *geodata.Report, error) {
	if fm, err := detect(path); err != nil {
		return nil, nil, err
	} else if fm != geodata.FormatCSV {
		return nil, nil, errFormat(path, "CSV (EP-Online export)")
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	rep := &geodata.Report{}
	nl, err := geodata.ReadEPOnline(f, path, rep)
	if err != nil {
		return nil, nil, err
	}
	return nl.Labels(), rep, nil
}

func nan() float64 { return math.NaN() }
