package benchmarks

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/wijkwarmte/wijkwarmte/kosten"
	"github.com/wijkwarmte/wijkwarmte/wijkanalyse"
)

// BenchmarkRobust times Monte Carlo robustness on the Delft demo, with
// the solver's default Steiner work and with RouteWork 400,000:
//
//   - scan: one whole wijkanalyse.Scan;
//   - draw: one new draw on a prepared scan (classification, streets and
//     routed trees shared; a draw routes only the trees its expansion
//     needs that are not cached yet, which on the demo is most draws);
//   - draw/cached: a draw whose trees are all cached (the tree does not
//     change: pricing only);
//   - draws=100/workers=2: Prepare plus 100 draws on two goroutines,
//     wall-clock seconds reported as s/100draws.
//
// cpu-ms/op is the process CPU time per operation.
func BenchmarkRobust(b *testing.B) {
	in, err := wijkanalyseDemo()
	if err != nil {
		b.Skipf("demo not readable: %v", err)
	}
	ctx := context.Background()
	for _, rw := range []int{0, 400_000} {
		opt := wijkanalyse.Options{RouteWork: rw}
		b.Run(fmt.Sprintf("route-work=%d/scan", rw), func(b *testing.B) {
			c0 := cpuTime()
			for b.Loop() {
				if _, err := wijkanalyse.Scan(ctx, in, opt); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64((cpuTime()-c0).Milliseconds())/float64(b.N), "cpu-ms/op")
		})
		pp, err := wijkanalyse.Prepare(ctx, in, opt)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := pp.Scan(ctx, nil); err != nil { // fills the route cache as a scan does
			b.Fatal(err)
		}
		s := kosten.NewSampler(pp.Params())
		b.Run(fmt.Sprintf("route-work=%d/draw", rw), func(b *testing.B) {
			c0 := cpuTime()
			i := 1000
			for b.Loop() {
				if _, err := pp.Draw(ctx, s, 1, i); err != nil {
					b.Fatal(err)
				}
				i++
			}
			b.ReportMetric(float64((cpuTime()-c0).Milliseconds())/float64(b.N), "cpu-ms/op")
		})
		b.Run(fmt.Sprintf("route-work=%d/draw/cached", rw), func(b *testing.B) {
			c0 := cpuTime()
			for b.Loop() {
				if _, err := pp.Draw(ctx, s, 1, 1000); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64((cpuTime()-c0).Milliseconds())/float64(b.N), "cpu-ms/op")
		})
		b.Run(fmt.Sprintf("route-work=%d/draws=100/workers=2", rw), func(b *testing.B) {
			c0 := cpuTime()
			for b.Loop() {
				t0 := time.Now()
				pp, err := wijkanalyse.Prepare(ctx, in, opt)
				if err != nil {
					b.Fatal(err)
				}
				if _, err := pp.Draws(ctx, 100, 1, 2); err != nil {
					b.Fatal(err)
				}
				b.ReportMetric(time.Since(t0).Seconds(), "s/100draws")
			}
			b.ReportMetric(float64((cpuTime()-c0).Milliseconds())/float64(b.N), "cpu-ms/op")
		})
	}
}
