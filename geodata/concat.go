package geodata

import (
	"encoding/json"
	"fmt"
	"io"
	"slices"

	"github.com/parquet-go/parquet-go"
)

// ConcatGeoParquet writes the rows of the GeoParquet files at paths, in
// order, as one GeoParquet file on w: each source row group becomes a row
// group of the output (copied verbatim where parquet-go can, else
// re-encoded column by column), and the "geo" metadata is the first
// file's with the bbox and geometry types of all. The files must have
// the same schema and primary column (an error naming the file that
// differs). Memory is bounded by one row group; w is not closed.
func ConcatGeoParquet(w io.Writer, paths []string) error {
	if len(paths) == 0 {
		return fmt.Errorf("geodata: ConcatGeoParquet of no files")
	}
	var (
		pw    *parquet.Writer
		geo   GeoMetadata
		col   GeoColumn
		bbox  []float64
		types = []string{}
	)
	for i, path := range paths {
		f, err := OpenGeoParquet(path)
		if err != nil {
			return err
		}
		g := f.Geo()
		c := g.Columns[g.PrimaryColumn]
		if i == 0 {
			geo, col = g, c
			pw = parquet.NewWriter(w, f.pf.Schema(), parquet.Compression(&parquet.Zstd), parquet.MaxRowsPerRowGroup(MaxRowsPerRowGroup))
		} else if g.PrimaryColumn != geo.PrimaryColumn || !parquet.EqualNodes(f.pf.Schema(), pw.Schema()) {
			f.Close()
			return &FeatureError{File: path, Feature: -1, Err: fmt.Errorf("%w: schema differs from %s", ErrColumns, paths[0])}
		}
		if len(c.BBox) == 4 {
			if bbox == nil {
				bbox = slices.Clone(c.BBox)
			} else {
				bbox[0], bbox[1] = min(bbox[0], c.BBox[0]), min(bbox[1], c.BBox[1])
				bbox[2], bbox[3] = max(bbox[2], c.BBox[2]), max(bbox[3], c.BBox[3])
			}
		}
		for _, t := range c.GeometryTypes {
			if !slices.Contains(types, t) {
				types = append(types, t)
			}
		}
		for _, rg := range f.pf.RowGroups() {
			if _, err := pw.WriteRowGroup(rg); err != nil {
				f.Close()
				return &FeatureError{File: path, Feature: -1, Err: err}
			}
		}
		if err := f.Close(); err != nil {
			return err
		}
	}
	slices.Sort(types)
	col.BBox, col.GeometryTypes = bbox, types
	geo.Columns = map[string]GeoColumn{geo.PrimaryColumn: col}
	meta, err := json.Marshal(geo)
	if err != nil {
		return err
	}
	pw.SetKeyValueMetadata("geo", string(meta))
	return pw.Close()
}
