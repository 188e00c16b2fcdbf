package sweep

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/testing/ptest"
)

// BenchmarkSweep compares the plain per-buurt loop (RunPlain, two
// goroutines for a buurt's draws) with the pipeline on Prism (in-process,
// its default parallelism) on the same data: the batch's test country
// (the demo's panden and streets under two buurten, a water buurt and an
// empty one), 20 draws per buurt on the scan's network, RouteWork 400,000.
// Both read every buurt through the same bounded reads.
func BenchmarkSweep(b *testing.B) {
	ctx := context.Background()
	c := testConfig(20, 0)
	b.Run("plain", func(b *testing.B) {
		for b.Loop() {
			if _, err := RunPlain(ctx, c); err != nil {
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
