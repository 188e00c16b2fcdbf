package sweep

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/testing/ptest"
)

// BenchmarkSweep compares the plain per-buurt loop (RunPlain, two
// goroutines per buurt's draws) with the pipeline on Prism (in-process,
// its default parallelism) on the same data: the demo wijk cut into a
// 2 x 2 grid of buurten (and one empty buurt), 20 draws each on the
// scan's network, RouteWork 400,000. Both include reading the demo
// (the plain loop through Load, the pipeline in its scan DoFn's Setup).
func BenchmarkSweep(b *testing.B) {
	ctx := context.Background()
	areas := demoAreas(b, 2, 2)
	c := Config{Areas: areas, Draws: 20, Seed: 1, RouteWork: 400_000, Workers: 2}
	b.Run("plain", func(b *testing.B) {
		for b.Loop() {
			in, err := Load(ctx, c, nil)
			if err != nil {
				b.Fatal(err)
			}
			if _, err := RunPlain(ctx, c, in); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("prism", func(b *testing.B) {
		for b.Loop() {
			p, s := beam.NewPipelineWithRoot()
			if err := Build(s, c, filepath.Join(b.TempDir(), "sweep.parquet")); err != nil {
				b.Fatal(err)
			}
			if err := ptest.Run(p); err != nil {
				b.Fatal(err)
			}
		}
	})
}
