package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/parquet-go/parquet-go"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"

	"github.com/wijkwarmte/wijkwarmte/geodata"
)

// mapScreenshotEnv names a PNG file the browser test writes a screenshot
// of the interactive map to (docs/kaart.png is made this way).
const mapScreenshotEnv = "WIJKWARMTE_MAP_SCREENSHOT"

// chromium returns the path of a Chromium or Chrome binary, or "".
func chromium() string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "headless-shell"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// knownPand returns, from the demo's buildings.parquet, the first pand on
// the heat network whose footprint holds its own centroid, with that
// point (EPSG:28992) to click on.
func knownPand(t *testing.T, path string) (id, best string, at orb.Point) {
	t.Helper()
	type row struct {
		ID         string `parquet:"id"`
		BestOption string `parquet:"best_option"`
		Connected  bool   `parquet:"connected"`
		Geometry   []byte `parquet:"geometry"`
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := parquet.NewGenericReader[row](f)
	defer r.Close()
	buf := make([]row, 256)
	for {
		n, err := r.Read(buf)
		for _, b := range buf[:n] {
			if !b.Connected {
				continue
			}
			g, gerr := geodata.DecodeWKB(b.Geometry)
			if gerr != nil {
				t.Fatalf("%s: pand %s: %v", path, b.ID, gerr)
			}
			var poly orb.Polygon
			switch g := g.(type) {
			case orb.Polygon:
				poly = g
			case orb.MultiPolygon:
				poly = g[0]
			default:
				continue
			}
			c, _ := planar.CentroidArea(poly)
			if planar.PolygonContains(poly, c) && poly.Bound().Max[0]-poly.Bound().Min[0] > 8 {
				return b.ID, b.BestOption, c
			}
		}
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
	}
	t.Fatalf("%s: no pand on the network", path)
	return
}

// TestReportMapInBrowser loads the demo's report.html from a file:// URL
// in headless Chromium and checks that no request leaves the page, that
// the map draws every pand, that a mouse click on a known pand opens a
// pop-up naming its BAG id and best option, that the layer switch and the
// address search work, that printing hides the interactive map and keeps
// the static ones, and that no script error occurs.
func TestReportMapInBrowser(t *testing.T) {
	exe := chromium()
	if exe == "" {
		t.Skip("chromium not installed (apt-get install chromium): the browser test of report.html's map is skipped")
	}
	dir := scanDemo(t)
	report := filepath.Join(dir, "report.html")
	id, best, at := knownPand(t, filepath.Join(dir, "buildings.parquet"))

	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(exe), chromedp.NoSandbox,
		chromedp.DisableGPU, chromedp.WindowSize(1360, 1000))
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancel()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	time.AfterFunc(60*time.Second, cancel) // the whole browser, not one step

	var mu sync.Mutex
	var requests, exceptions []string
	listen := func(ev any) {
		mu.Lock()
		defer mu.Unlock()
		switch ev := ev.(type) {
		case *network.EventRequestWillBeSent:
			requests = append(requests, ev.Request.URL)
		case *runtime.EventExceptionThrown:
			d := ev.ExceptionDetails
			msg := d.Text
			if d.Exception != nil {
				msg += " " + d.Exception.Description
			}
			exceptions = append(exceptions, fmt.Sprintf("%s (line %d, column %d)", msg, d.LineNumber+1, d.ColumnNumber+1))
		}
	}
	if err := chromedp.Listen(ctx, listen); err != nil {
		t.Fatalf("starting %s: %v", exe, err)
	}
	css := func(s string) chromedp.CSS { return chromedp.CSS(s) }
	text := func(sel string) string {
		t.Helper()
		s, err := chromedp.Run(ctx, chromedp.Text(css(sel)))
		if err != nil {
			t.Fatalf("text of %s: %v", sel, err)
		}
		return s
	}
	attr := func(sel, name string) string {
		t.Helper()
		a, err := chromedp.Run(ctx, chromedp.AttributeValue(css(sel), name))
		if err != nil {
			t.Fatalf("attribute %s of %s: %v", name, sel, err)
		}
		return a.Value
	}
	do := func(what string, steps ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, steps...); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}

	start := time.Now()
	do("loading "+report,
		chromedp.Navigate("file://"+report),
		chromedp.WaitVisible(css(`#webmap[data-ready]`)),
	)
	t.Logf("report.html loaded and the map drawn in %v", time.Since(start).Round(time.Millisecond))
	do("scrolling to the map", chromedp.ScrollIntoView(css(`#webmap`)))
	ready := attr(`#webmap`, "data-ready")
	// Show the pand, close the pop-up openPand opens, zoom out a little,
	// then click on the pand with the mouse as a user would.
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`wijkkaart.openPand(`+jsString(id)+`) !== null && (wijkkaart.map.closePopup(), wijkkaart.map.setZoom(wijkkaart.map.getZoom() - 1.5, {animate: false}), true)`)); err != nil {
		t.Fatal(err)
	}
	do("waiting for the map to draw", chromedp.Sleep(500*time.Millisecond))
	pt, err := chromedp.Run(ctx, chromedp.Evaluate[struct{ X, Y float64 }](`wijkkaart.pixelOf(`+jsNum(at[0])+`, `+jsNum(at[1])+`)`))
	if err != nil {
		t.Fatal(err)
	}
	do("clicking pand "+id, chromedp.MouseClickXY(pt.X, pt.Y), chromedp.WaitVisible(css(`.leaflet-popup-content .wm-id`)))
	popup := text(`.leaflet-popup-content`)
	popupBest := text(`.leaflet-popup-content .wm-best`)
	bestKey := attr(`.leaflet-popup-content .wm-best`, "data-key")
	if shot := os.Getenv(mapScreenshotEnv); shot != "" {
		do("waiting for the pop-up to fade in", chromedp.Sleep(500*time.Millisecond))
		png, err := chromedp.Run(ctx, chromedp.Screenshot(css(`.webmap-wrap`)))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(shot, png, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("screenshot of the map: %s (%d bytes)", shot, len(png))
	}
	firstAddress, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(document.querySelector('.leaflet-popup-content .wm-adr') || {}).textContent || ''`))
	if err != nil {
		t.Fatal(err)
	}
	switched, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`wijkkaart.setTheme('label')`))
	if err != nil {
		t.Fatal(err)
	}
	themeLegend := text(`.wm-legend`)
	// Search the first address of the pand's pop-up ("Straat 12, 2628RC"),
	// typed as a resident would ("2628 rc 12").
	var found, notFound string
	if i := strings.LastIndex(firstAddress, ", "); i > 0 {
		street, pc := firstAddress[:i], firstAddress[i+2:]
		nr := street[strings.LastIndex(street, " ")+1:]
		if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`wijkkaart.map.closePopup(), true`)); err != nil {
			t.Fatal(err)
		}
		do("searching "+firstAddress,
			chromedp.SetValue(css(`#wm-q`), pc[:4]+" "+strings.ToLower(pc[4:])+" "+nr),
			chromedp.Click(css(`.wm-find button`)),
			chromedp.WaitVisible(css(`.leaflet-popup-content .wm-id`)),
		)
		found = text(`.leaflet-popup-content .wm-id`)
		do("searching an address outside the wijk",
			chromedp.SetValue(css(`#wm-q`), "9999 ZZ 1"),
			chromedp.Click(css(`.wm-find button`)),
			chromedp.Sleep(200*time.Millisecond),
		)
		notFound = text(`.wm-msg`)
	} else {
		t.Errorf("pop-up of pand %s names no address (%q)", id, firstAddress)
	}

	// Printed, the interactive map is hidden and the static maps show.
	if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
		t.Fatal(err)
	}
	printed, err := chromedp.Run(ctx, chromedp.Evaluate[string](`getComputedStyle(document.querySelector('.webmap-wrap')).display + ' ' + getComputedStyle(document.querySelector('svg.map')).display`))
	if err != nil {
		t.Fatal(err)
	}
	if printed != "none block" {
		t.Errorf("printed: interactive map and static map display %q, want \"none block\"", printed)
	}

	mu.Lock()
	defer mu.Unlock()
	for _, u := range requests {
		if !strings.HasPrefix(u, "file://") && !strings.HasPrefix(u, "data:") {
			t.Errorf("the page asked for %s", u)
		}
	}
	for _, e := range exceptions {
		t.Errorf("script error: %s", e)
	}
	if ready != "3447" {
		t.Errorf("map drew %s panden, want the demo's 3447", ready)
	}
	if !strings.Contains(popup, id) || len(id) != 16 {
		t.Errorf("click on pand %s at %v (pixel %v) opened %q", id, at, pt, popup)
	}
	if bestKey != best || !strings.Contains(popupBest, "Warmtenet") || !strings.Contains(popup, "aangesloten") {
		t.Errorf("pop-up of %s says best option %q (%s), want %s as in buildings.parquet", id, popupBest, bestKey, best)
	}
	for _, w := range []string{"Bouwjaar", "Energielabel", "Kosten bewoner", "per jaar", "Warmtenet"} {
		if !strings.Contains(popup, w) {
			t.Errorf("pop-up of %s lacks %q: %q", id, w, popup)
		}
	}
	if !switched || !strings.Contains(themeLegend, "G") || strings.Contains(themeLegend, "1946") {
		t.Errorf("switching to the label layer: %v, legend %q", switched, themeLegend)
	}
	if firstAddress != "" && found != id {
		t.Errorf("searching %q found pand %q, want %s", firstAddress, found, id)
	}
	if !strings.Contains(notFound, "niet in deze wijk") {
		t.Errorf("searching an address outside the wijk says %q", notFound)
	}
	t.Logf("pand %s: %s", id, popup)
}

func jsString(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}

func jsNum(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }
