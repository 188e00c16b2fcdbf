package geodata

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"slices"

	"github.com/parquet-go/parquet-go"
)

// ConcatGeoParquet writes the rows of the GeoParquet files at paths, in
// order, as one GeoParquet file on w: each source row group becomes a row
// group of the output (copied verbatim where parquet-go can, else
// re-encoded column by column), and the "geo" metadata is the first
// file's with the bbox and geometry types of all. The files must have
// the same schema and primary column (an error naming the file that
// differs). Each file is read into memory whole before its row groups
// are copied (a batch's buurt parts are some 100 kB each, and the copy
// then costs no system call per column chunk), so memory is bounded by
// the largest file; w is not closed.
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
		buf   []byte
	)
	for i, path := range paths {
		var err error
		if buf, err = readFileInto(buf[:0], path); err != nil {
			return err
		}
		f, err := openGeoParquetBytes(path, buf)
		if err != nil {
			return err
		}
		g := f.Geo()
		c := g.Columns[g.PrimaryColumn]
		if i == 0 {
			geo, col = g, c
			pw = parquet.NewWriter(writeOnly{w}, f.pf.Schema(), parquet.Compression(&parquet.Zstd), parquet.MaxRowsPerRowGroup(MaxRowsPerRowGroup))
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

// readFileInto appends the contents of the file at path to dst.
func readFileInto(dst []byte, path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return dst, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return dst, err
	}
	n := int(st.Size())
	dst = slices.Grow(dst, n)[:len(dst)+n]
	if _, err := io.ReadFull(f, dst[len(dst)-n:]); err != nil {
		return dst[:len(dst)-n], fmt.Errorf("geodata: reading %s: %w", path, err)
	}
	return dst, nil
}

// writeOnly hides an io.ReaderFrom of its writer, so that the column
// chunks parquet-go copies verbatim pass through the parquet writer's own
// buffer. Otherwise that buffer's ReadFrom hands a chunk to w's ReadFrom
// whenever it is empty, and a *bufio.Writer over an *os.File hands it on
// to the file's, which copies through a new 32 kB buffer with a write
// system call of its own (BenchmarkConcatBuildingsParquet in
// internal/scan: 50.2 -> 7.0 MB and about 45 -> 24 ms per join of eight
// parts).
type writeOnly struct{ w io.Writer }

func (w writeOnly) Write(b []byte) (int, error) { return w.w.Write(b) }
