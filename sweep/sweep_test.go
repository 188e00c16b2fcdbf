package sweep

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/testing/ptest"
	"github.com/paulmach/orb"

	"github.com/wijkwarmte/wijkwarmte/internal/scan"
)

func TestMain(m *testing.M) { ptest.Main(m) }

// demoAreas writes a buurten file over the demo wijk: a grid of nx x ny
// cells over the panden's box, and one buurt beside it without panden.
func demoAreas(t testing.TB, nx, ny int) string {
	t.Helper()
	in, err := scan.ReadInputs(context.Background(), scan.Config{StreetMarginM: 250})
	if err != nil {
		t.Fatal(err)
	}
	box := in.Panden[0].Footprint.Bound()
	for _, p := range in.Panden {
		box = box.Union(p.Footprint.Bound())
	}
	rect := func(x0, y0, x1, y1 float64) [][][2]float64 {
		return [][][2]float64{{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}, {x0, y0}}}
	}
	type feature struct {
		Type       string            `json:"type"`
		Properties map[string]string `json:"properties"`
		Geometry   map[string]any    `json:"geometry"`
	}
	var fs []feature
	dx, dy := (box.Max[0]-box.Min[0])/float64(nx), (box.Max[1]-box.Min[1])/float64(ny)
	for j := range ny {
		for i := range nx {
			x0, y0 := box.Min[0]+float64(i)*dx, box.Min[1]+float64(j)*dy
			fs = append(fs, feature{"Feature", map[string]string{"buurtcode": fmt.Sprintf("BU9999%02d%02d", j, i), "buurtnaam": fmt.Sprintf("vak %d,%d", i, j)},
				map[string]any{"type": "Polygon", "coordinates": rect(x0-1, y0-1, x0+dx+1, y0+dy+1)}})
		}
	}
	empty := orb.Point{box.Max[0] + 2000, box.Min[1]}
	fs = append(fs, feature{"Feature", map[string]string{"buurtcode": "BU99990000X", "buurtnaam": "leeg"},
		map[string]any{"type": "Polygon", "coordinates": rect(empty[0], empty[1], empty[0]+300, empty[1]+300)}})
	b, err := json.Marshal(map[string]any{"type": "FeatureCollection",
		"crs": map[string]any{"type": "name", "properties": map[string]string{"name": "urn:ogc:def:crs:EPSG::28992"}}, "features": fs})
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "buurten.geojson")
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func readParquet(t *testing.T, path string) []Row {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		t.Fatal(err)
	}
	rs, err := ReadRows(f, st.Size())
	if err != nil {
		t.Fatal(err)
	}
	return rs
}

// The pipeline on Prism and the plain per-buurt loop give the same rows
// for the same seed, with a buurt's draws in one task or split over
// several.
func TestPipelineMatchesPlain(t *testing.T) {
	ctx := context.Background()
	areas := demoAreas(t, 2, 2)
	for _, c := range []Config{
		{Areas: areas, Draws: 6, Seed: 3, RouteWork: 400_000},
		{Areas: areas, Draws: 6, Seed: 3, RouteWork: 400_000, DrawsPerTask: 4},
	} {
		t.Run(fmt.Sprintf("draws-per-task=%d", c.DrawsPerTask), func(t *testing.T) {
			in, err := Load(ctx, c, nil)
			if err != nil {
				t.Fatal(err)
			}
			t0 := time.Now()
			want, err := RunPlain(ctx, c, in)
			if err != nil {
				t.Fatal(err)
			}
			plain := time.Since(t0)
			out := filepath.Join(t.TempDir(), "sweep.parquet")
			p, s := beam.NewPipelineWithRoot()
			if err := Build(s, c, out); err != nil {
				t.Fatal(err)
			}
			t0 = time.Now()
			if err := ptest.Run(p); err != nil {
				t.Fatal(err)
			}
			t.Logf("plain %v, prism %v (4 buurten with panden, %d draws each)", plain, time.Since(t0), c.Draws)
			got := readParquet(t, out)
			a, _ := json.Marshal(got)
			b, _ := json.Marshal(want)
			if !bytes.Equal(a, b) {
				t.Fatalf("pipeline rows differ from the plain loop:\n%s\n%s", a, b)
			}
			buurten, wins, empty := map[string]bool{}, map[string]int64{}, 0
			for _, r := range got {
				buurten[r.Buurtcode] = true
				wins[r.Buurtcode] += r.Wins
				if r.Reason != "" {
					empty++
				}
			}
			if len(buurten) != 5 || empty != 1 {
				t.Errorf("%d buurten, %d without panden; want 5 and 1", len(buurten), empty)
			}
			for code, w := range wins {
				if w != int64(c.Draws) && !strings.HasSuffix(code, "X") {
					t.Errorf("buurt %s: %d wins over %d draws", code, w, c.Draws)
				}
			}
		})
	}
}

func TestConfigErrors(t *testing.T) {
	p, s := beam.NewPipelineWithRoot()
	_ = p
	for _, c := range []Config{{Draws: 5}, {Areas: "x.geojson", Draws: 0}, {Areas: "x.geojson", Draws: 5, DrawsPerTask: -1}} {
		if err := Build(s, c, "out.parquet"); err == nil {
			t.Errorf("%+v: no error", c)
		}
	}
}

func TestTasks(t *testing.T) {
	bs := []Buurt{{Code: "a"}, {Code: "b"}}
	for _, c := range []struct {
		draws, per, want int
	}{{10, 0, 2}, {10, 4, 6}, {10, 10, 2}, {10, 20, 2}, {1, 1, 2}} {
		ts := Tasks(bs, c.draws, c.per)
		n := 0
		for _, x := range ts {
			n += x.To - x.From
		}
		if len(ts) != c.want || n != 2*c.draws {
			t.Errorf("draws %d per %d: %d tasks covering %d draws", c.draws, c.per, len(ts), n)
		}
	}
}
