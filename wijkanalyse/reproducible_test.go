package wijkanalyse

import (
	"context"
	"fmt"
	"testing"
)

// TestScanReproducible: two scans of the demo with the same options give
// the same Result to the last bit, and so do scans with one worker and
// with several (issue 13, defect 5: about 2,800 of 2 million numbers
// differed in their last bits).
func TestScanReproducible(t *testing.T) {
	if testing.Short() {
		t.Skip("three scans of the demo")
	}
	in := loadDelft(t)
	var prints []string
	for _, workers := range []int{4, 4, 1} {
		res, err := Scan(context.Background(), in, Options{Workers: workers})
		if err != nil {
			t.Fatal(err)
		}
		// %v prints every float in full and NaN as NaN, so equal text is
		// equal bits (reflect.DeepEqual would call NaN unequal).
		prints = append(prints, fmt.Sprintf("%v", res))
	}
	if prints[0] != prints[1] {
		t.Error("two scans with 4 workers differ")
	}
	if prints[0] != prints[2] {
		t.Error("a scan with 4 workers differs from one with 1")
	}
}
