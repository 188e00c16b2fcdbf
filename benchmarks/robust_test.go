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
//   - draw: one draw on the scan's network (the default: the tree does
//     not change, the draw prices it and every building's options);
//   - draw-reroute: one new draw with DrawOptions.Reroute (the draw runs
//     the economic expansion with its prices and routes every member set
//     not routed before, which on the demo is most draws);
//   - draws=100/workers=2: Prepare, the scan and 100 draws on the scan's
//     network on two goroutines, wall-clock seconds as s/100draws.
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
			i := 0
			for b.Loop() {
				if _, err := pp.Draw(ctx, s, 1, i, false); err != nil {
					b.Fatal(err)
				}
				i++
			}
			b.ReportMetric(float64((cpuTime()-c0).Milliseconds())/float64(b.N), "cpu-ms/op")
		})
		b.Run(fmt.Sprintf("route-work=%d/draw-reroute", rw), func(b *testing.B) {
			c0 := cpuTime()
			i := 1000
			for b.Loop() {
				if _, err := pp.Draw(ctx, s, 1, i, true); err != nil {
					b.Fatal(err)
				}
				i++
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
				if _, err := pp.Draws(ctx, wijkanalyse.DrawOptions{N: 100, Seed: 1, Workers: 2}); err != nil {
					b.Fatal(err)
				}
				b.ReportMetric(time.Since(t0).Seconds(), "s/100draws")
			}
			b.ReportMetric(float64((cpuTime()-c0).Milliseconds())/float64(b.N), "cpu-ms/op")
		})
	}
}
