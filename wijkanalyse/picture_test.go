package wijkanalyse

import (
	"context"
	"flag"
	"fmt"
	"html"
	"math"
	"os"
	"strings"
	"testing"

	"github.com/paulmach/orb"
)

var writeSVG = flag.String("woningtype-svg", "", "write the Delft woningtype picture to this file (docs/delft-woningtype.svg)")

var typeColours = map[string]string{
	string(TypeVrijstaand): "#1b9e77", string(TypeTweeOnderEenKap): "#66a61e",
	string(TypeHoekwoning): "#e6ab02", string(TypeTussenwoning): "#d95f02",
	string(TypeMeergezinsLaag): "#a6cee3", string(TypeMeergezinsMidden): "#1f78b4",
	string(TypeMeergezinsHoog): "#6a3d9a", string(UseUtiliteit): "#e7298a", string(UseBijgebouw): "#d0d0d0",
}

func typeKey(b *Building) string {
	if b.Use == UseWoning {
		return string(b.Woningtype)
	}
	return string(b.Use)
}

// bestWindow returns the w×h window (on a 50 m lattice) holding the most
// distinct dwelling types, most evenly (score: the sum of the square roots
// of the counts of each type).
func bestWindow(bs []Building, w, h float64) orb.Bound {
	var all orb.Bound
	for i := range bs {
		if i == 0 {
			all = bs[i].Footprint.Bound()
		}
		all = all.Union(bs[i].Footprint.Bound())
	}
	best, bestScore := orb.Bound{}, -1.0
	for x := all.Min[0]; x+w <= all.Max[0]; x += 50 {
		for y := all.Min[1]; y+h <= all.Max[1]; y += 50 {
			win := orb.Bound{Min: orb.Point{x, y}, Max: orb.Point{x + w, y + h}}
			count := map[Woningtype]int{}
			for i := range bs {
				if bs[i].Use == UseWoning && win.Contains(bs[i].Centroid) {
					count[bs[i].Woningtype]++
				}
			}
			s := 0.0
			for _, c := range count {
				s += math.Sqrt(float64(c))
			}
			if s > bestScore {
				best, bestScore = win, s
			}
		}
	}
	return best
}

// TestDelftWoningtypePicture draws the woningtype of the Delft demo in a
// window of a few streets. Run with -woningtype-svg=../docs/delft-woningtype.svg
// to (re)write the picture; without the flag it only checks that the
// window holds every grondgebonden type.
func TestDelftWoningtypePicture(t *testing.T) {
	in := loadDelft(t)
	bs, _, err := Classify(context.Background(), in, Options{})
	if err != nil {
		t.Fatal(err)
	}
	win := bestWindow(bs, 400, 300)
	seen := map[string]int{}
	const W, H = 1200.0, 900.0
	sx := W / (win.Max[0] - win.Min[0])
	px := func(p orb.Point) string {
		return fmt.Sprintf("%.1f,%.1f", (p[0]-win.Min[0])*sx, H-(p[1]-win.Min[1])*sx)
	}
	var sb strings.Builder
	fmt.Fprintf(&sb, `<svg xmlns="http://www.w3.org/2000/svg" width="%.0f" height="%.0f" viewBox="0 0 %.0f %.0f" font-family="sans-serif">`+"\n", W, H+60, W, H+60)
	fmt.Fprintf(&sb, `<rect width="100%%" height="100%%" fill="white"/>`+"\n")
	fmt.Fprintf(&sb, `<defs><clipPath id="map"><rect width="%.0f" height="%.0f"/></clipPath></defs><g clip-path="url(#map)">`+"\n", W, H)
	for _, s := range in.Streets {
		if !s.Line.Bound().Intersects(win) {
			continue
		}
		pts := make([]string, len(s.Line))
		for k, p := range s.Line {
			pts[k] = px(p)
		}
		fmt.Fprintf(&sb, `<polyline points="%s" fill="none" stroke="#bbbbbb" stroke-width="3"/>`+"\n", strings.Join(pts, " "))
	}
	for i := range bs {
		b := &bs[i]
		if !b.Footprint.Bound().Intersects(win) {
			continue
		}
		k := typeKey(b)
		if win.Contains(b.Centroid) {
			seen[k]++
		}
		var d strings.Builder
		for _, r := range b.Footprint {
			for j, p := range r {
				if j == 0 {
					d.WriteString("M" + px(p))
				} else {
					d.WriteString("L" + px(p))
				}
			}
			d.WriteString("Z")
		}
		fmt.Fprintf(&sb, `<path d="%s" fill="%s" stroke="#333" stroke-width="0.6"><title>%s %s %d: %s</title></path>`+"\n",
			d.String(), typeColours[k], b.ID, k, b.Bouwjaar, html.EscapeString(b.TypeReason))
	}
	sb.WriteString("</g>\n")
	x := 10.0
	for _, k := range []string{"vrijstaand", "2-onder-1-kap", "hoekwoning", "tussenwoning", "meergezins laag", "meergezins midden", "meergezins hoog", "utiliteit", "bijgebouw"} {
		fmt.Fprintf(&sb, `<rect x="%.0f" y="%.0f" width="14" height="14" fill="%s" stroke="#333"/><text x="%.0f" y="%.0f" font-size="13">%s (%d)</text>`+"\n",
			x, H+12, typeColours[k], x+18, H+24, k, seen[k])
		x += 18 + 6.6*float64(len(k)) + 26
	}
	fmt.Fprintf(&sb, `<text x="10" y="%.0f" font-size="12" fill="#555">Delft Wippolder, window %.0f,%.0f - %.0f,%.0f (EPSG:28992), 100 m = %.0f px. Footprints: OpenStreetMap contributors (ODbL), BAG import.</text>`+"\n",
		H+50, win.Min[0], win.Min[1], win.Max[0], win.Max[1], 100*sx)
	sb.WriteString("</svg>\n")
	t.Logf("window %v: %v", win, seen)
	for _, k := range []Woningtype{TypeVrijstaand, TypeTweeOnderEenKap, TypeHoekwoning, TypeTussenwoning} {
		if seen[string(k)] == 0 {
			t.Errorf("window holds no %s", k)
		}
	}
	if *writeSVG != "" {
		if err := os.WriteFile(*writeSVG, []byte(sb.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
