// Command synthnl writes a synthetic country in the national file layouts
// (internal/synthnl): a PDOK-style BAG GeoPackage, NWB-style wegvakken, a
// CBS wijkenbuurten GeoPackage and an EP-Online export, for the batch's
// scale benchmarks (benchmarks/README.md).
//
// Usage:
//
//	go run ./benchmarks/synthnl -panden 1000000 -out /tmp/nl-1m
//	wijkwarmte batch --buildings /tmp/nl-1m/bag.gpkg --layer pand \
//	    --vbo /tmp/nl-1m/bag.gpkg --streets /tmp/nl-1m/wegvakken.gpkg \
//	    --labels /tmp/nl-1m/ep-online.csv --areas /tmp/nl-1m/wijkenbuurten.gpkg --out /tmp/nl-1m-batch
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/wijkwarmte/wijkwarmte/internal/synthnl"
)

func main() {
	n := flag.Int("panden", 10000, "number of panden to write")
	out := flag.String("out", "", "output `DIR` (required; the files must not exist yet)")
	uncovered := flag.Int("uncovered-every", 0, "leave every `K`-th gemeente out of wijkenbuurten.gpkg (0: cover every pand)")
	defect := flag.Int("defect-every", 0, "spoil every `K`-th pand (demolished, no footprint, no BAG id, bouwjaar not a year, in turn; 0: none)")
	flag.Parse()
	if *out == "" || *n < 1 || *uncovered < 0 || *defect < 0 || flag.NArg() > 0 {
		flag.Usage()
		os.Exit(2)
	}
	t := time.Now()
	st, err := synthnl.Write(context.Background(), *out, synthnl.Options{Panden: *n, UncoveredEvery: *uncovered, DefectEvery: *defect})
	if err != nil {
		fmt.Fprintln(os.Stderr, "synthnl:", err)
		os.Exit(1)
	}
	b, _ := json.MarshalIndent(st, "", "  ")
	fmt.Printf("%s\nwritten in %s\n", b, time.Since(t).Round(time.Millisecond))
}
