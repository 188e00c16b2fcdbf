package benchmarks

import (
	"os"
	"runtime"
	"testing"
	"time"

	"github.com/wijkwarmte/wijkwarmte/geodata"
	"github.com/wijkwarmte/wijkwarmte/internal/scan"
)

// TestLabelSetBytes measures what the batch's EP-Online index holds per
// registration: the heap in use after a GC with the set alive, less the
// heap before, divided by the registrations read, and the same for the
// []geodata.EnergyLabel that scan --labels reads (the batch's path before
// the compact set). Skipped unless WIJKWARMTE_LABELS names an EP-Online
// export (e.g. a synthnl country's ep-online.csv); see
// benchmarks/README.md, "batch".
func TestLabelSetBytes(t *testing.T) {
	path := os.Getenv("WIJKWARMTE_LABELS")
	if path == "" {
		t.Skip("set WIJKWARMTE_LABELS to an EP-Online export")
	}
	heap := func() uint64 {
		runtime.GC()
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		return m.HeapAlloc
	}
	h0 := heap()
	t0 := time.Now()
	var rep geodata.Report
	set, err := scan.ReadLabelSet(path, &rep)
	if err != nil {
		t.Fatal(err)
	}
	d := time.Since(t0)
	h1 := heap()
	t.Logf("compact set: %d rows read, %d registrations kept (%v), %.1f MB heap, %.1f bytes per registration read (%d bytes counted by Bytes), read in %v",
		rep.Read, set.Len(), rep.Skipped, float64(h1-h0)/1e6, float64(h1-h0)/float64(rep.Read), set.Bytes(), d.Round(time.Millisecond))
	runtime.KeepAlive(set)
	set = nil
	h0 = heap()
	t0 = time.Now()
	labels, err := scan.ReadLabels(path)
	if err != nil {
		t.Fatal(err)
	}
	d = time.Since(t0)
	h1 = heap()
	t.Logf("[]geodata.EnergyLabel (scan --labels): %d registrations, %.1f MB heap, %.1f bytes per registration read, read in %v",
		len(labels), float64(h1-h0)/1e6, float64(h1-h0)/float64(rep.Read), d.Round(time.Millisecond))
	runtime.KeepAlive(labels)
}
