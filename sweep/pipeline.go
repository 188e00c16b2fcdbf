package sweep

import (
	"context"
	"fmt"
	"io"
	"os"
	"path"
	"slices"
	"strings"
	"sync"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/gcs" // gs:// inputs and outputs
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/local"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/s3" // s3:// inputs and outputs
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"
	"github.com/parquet-go/parquet-go"

	"github.com/wijkwarmte/wijkwarmte/geodata"
	"github.com/wijkwarmte/wijkwarmte/internal/parquetcheck"
	"github.com/wijkwarmte/wijkwarmte/internal/scan"
)

func init() {
	register.DoFn3x1[context.Context, string, func(Task), error](&tasksFn{})
	register.DoFn3x1[context.Context, Task, func(string, DrawRecord), error](&scanFn{})
	register.DoFn3x1[string, func(*DrawRecord) bool, func(Row), error](&combineFn{})
	register.DoFn3x1[context.Context, int, func(*Row) bool, error](&writeFn{})
	register.Emitter1[Task]()
	register.Emitter2[string, DrawRecord]()
	register.Emitter1[Row]()
	register.Iter1[DrawRecord]()
	register.Iter1[Row]()
}

// Build adds the sweep to s: the areas file becomes tasks (on a worker, so
// the launcher opens no input), the tasks are spread over the workers,
// scanned, grouped per buurt, combined and written to out as one Parquet
// file (local, gs:// or s3://) sorted by buurt code.
func Build(s beam.Scope, c Config, out string) error {
	if err := c.check(); err != nil {
		return err
	}
	if out == "" {
		return fmt.Errorf("%w: no output path", ErrConfig)
	}
	filesystem.ValidateScheme(out)
	tasks := beam.ParDo(s.Scope("tasks"), &tasksFn{Cfg: c}, beam.Create(s, c.Areas))
	recs := beam.ParDo(s.Scope("scan"), &scanFn{Cfg: c}, beam.Reshuffle(s, tasks))
	rows := beam.ParDo(s.Scope("combine"), &combineFn{Cfg: c}, beam.GroupByKey(s, recs))
	beam.ParDo0(s.Scope("write"), &writeFn{Path: out}, beam.GroupByKey(s, beam.AddFixedKey(s, rows)))
	return nil
}

// tasksFn reads the areas file and emits the tasks of its buurten.
type tasksFn struct {
	Cfg Config `json:"cfg"`
}

func (f *tasksFn) ProcessElement(ctx context.Context, areas string, emit func(Task)) error {
	local, err := stage(ctx, areas)
	if err != nil {
		return err
	}
	var rep geodata.Report
	as, err := scan.ReadBuurten(local, &rep, nil)
	if err != nil {
		return err
	}
	bs, _ := Buurten(as)
	if len(bs) == 0 {
		return fmt.Errorf("%w: %s: no buurt polygon", ErrConfig, areas)
	}
	for _, t := range Tasks(bs, f.Cfg.Draws, f.Cfg.DrawsPerTask) {
		emit(t)
	}
	return nil
}

// scanFn scans tasks. Setup stages object-storage inputs to local files
// (once per worker process) and reads the areas; each task then reads
// its buurt within the buurt's bound, as the batch does.
type scanFn struct {
	Cfg Config `json:"cfg"`
	s   *Scanner
}

func (f *scanFn) Setup(ctx context.Context) error {
	c, err := Staged(ctx, f.Cfg, stage)
	if err != nil {
		return err
	}
	f.s, err = NewScanner(c)
	return err
}

func (f *scanFn) ProcessElement(ctx context.Context, t Task, emit func(string, DrawRecord)) error {
	recs, err := f.s.ScanTask(ctx, t)
	if err != nil {
		return err
	}
	for _, r := range recs {
		emit(r.Buurt, r)
	}
	return nil
}

// combineFn combines one buurt's records into its rows.
type combineFn struct {
	Cfg Config `json:"cfg"`
}

func (f *combineFn) ProcessElement(code string, iter func(*DrawRecord) bool, emit func(Row)) error {
	var recs []DrawRecord
	var r DrawRecord
	for iter(&r) {
		recs = append(recs, r)
	}
	rows, err := Combine(f.Cfg, recs)
	if err != nil {
		return err
	}
	for _, row := range rows {
		emit(row)
	}
	return nil
}

// writeFn writes every row, sorted, as one Parquet file.
type writeFn struct {
	Path string `json:"path"`
}

func (f *writeFn) ProcessElement(ctx context.Context, _ int, iter func(*Row) bool) error {
	var rs []Row
	var r Row
	for iter(&r) {
		rs = append(rs, r)
	}
	SortRows(rs)
	fs, err := filesystem.New(ctx, f.Path)
	if err != nil {
		return err
	}
	defer fs.Close()
	w, err := fs.OpenWrite(ctx, f.Path)
	if err != nil {
		return err
	}
	if err := WriteRows(w, rs); err != nil {
		w.Close()
		return fmt.Errorf("sweep: writing %s: %w", f.Path, err)
	}
	return w.Close()
}

// WriteRows writes rows as Parquet (one row group; columns as Row's
// parquet tags, the percentiles optional).
func WriteRows(w io.Writer, rs []Row) error {
	pw := parquet.NewGenericWriter[Row](w)
	if _, err := pw.Write(rs); err != nil {
		return err
	}
	return pw.Close()
}

// readBatch is how many rows ReadRows decodes at a time.
const readBatch = 4096

// ReadRows reads a file WriteRows wrote. Its footer is checked before
// parquet-go decodes it (internal/parquetcheck: its length within the
// file, no list longer than the bytes left), and the rows are decoded
// readBatch at a time, so what is allocated follows the rows the file
// holds, not the count its footer declares; a file that holds another
// number of rows than it declares is refused.
func ReadRows(r io.ReaderAt, size int64) ([]Row, error) {
	if err := parquetcheck.Footer(r, size); err != nil {
		return nil, fmt.Errorf("sweep: parquet footer: %w", err)
	}
	f, err := parquet.OpenFile(r, size)
	if err != nil {
		return nil, fmt.Errorf("sweep: %w", err)
	}
	declared := f.NumRows()
	if declared < 0 {
		return nil, fmt.Errorf("sweep: the footer declares %d rows", declared)
	}
	pr := parquet.NewGenericReader[Row](f)
	defer pr.Close()
	var rs []Row
	for int64(len(rs)) < declared {
		k := int(min(declared-int64(len(rs)), readBatch))
		rs = slices.Grow(rs, k)
		n, err := pr.Read(rs[len(rs) : len(rs)+k])
		rs = rs[:len(rs)+n]
		if err == io.EOF || (err == nil && n == 0) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("sweep: row %d: %w", len(rs), err)
		}
	}
	if int64(len(rs)) != declared {
		return nil, fmt.Errorf("sweep: the footer declares %d rows, the file holds %d", declared, len(rs))
	}
	return rs, nil
}

var (
	stageMu   sync.Mutex
	stageDone = map[string]string{}
)

// stage returns a local path for p: p itself when it has no scheme (or
// file://), else a copy in the worker's temporary directory made once
// per process through Beam's filesystem (gs://, s3://).
func stage(ctx context.Context, p string) (string, error) {
	if !strings.Contains(p, "://") {
		return p, nil
	}
	if rest, ok := strings.CutPrefix(p, "file://"); ok {
		return rest, nil
	}
	stageMu.Lock()
	defer stageMu.Unlock()
	if local, ok := stageDone[p]; ok {
		return local, nil
	}
	fs, err := filesystem.New(ctx, p)
	if err != nil {
		return "", fmt.Errorf("sweep: %s: %w", p, err)
	}
	defer fs.Close()
	rc, err := fs.OpenRead(ctx, p)
	if err != nil {
		return "", fmt.Errorf("sweep: %s: %w", p, err)
	}
	defer rc.Close()
	dir, err := os.MkdirTemp("", "wijkwarmte-sweep-")
	if err != nil {
		return "", err
	}
	local := path.Join(dir, path.Base(p))
	out, err := os.Create(local)
	if err != nil {
		return "", err
	}
	if _, err := io.Copy(out, rc); err != nil {
		out.Close()
		return "", fmt.Errorf("sweep: copying %s: %w", p, err)
	}
	if err := out.Close(); err != nil {
		return "", err
	}
	stageDone[p] = local
	return local, nil
}
