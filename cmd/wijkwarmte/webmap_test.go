package main

import (
	"bytes"
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

	"github.com/wijkwarmte/wijkwarmte/adres"
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

	br := newBrowser(t, exe)
	ctx, text, attr, do := br.ctx, br.text, br.attr, br.do
	css := func(s string) chromedp.CSS { return chromedp.CSS(s) }

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
	do("waiting for the map to draw", chromedp.Sleep(500*time.Millisecond), popupGone())
	pt, err := chromedp.Run(ctx, chromedp.Evaluate[struct{ X, Y float64 }](`wijkkaart.pixelOf(`+jsNum(at[0])+`, `+jsNum(at[1])+`)`))
	if err != nil {
		t.Fatal(err)
	}
	do("clicking pand "+id, chromedp.MouseClickXY(pt.X, pt.Y), chromedp.WaitVisible(css(`.leaflet-popup-content .wm-id`)))
	popup := text(`.leaflet-popup-content`)
	selected, err := chromedp.Run(ctx, chromedp.Evaluate[string](`wijkkaart.selected()`))
	if err != nil || selected != id {
		t.Errorf("after the click the outlined pand is %q (%v), want %s", selected, err, id)
	}
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
		do("searching "+firstAddress, popupGone(),
			chromedp.SetValue(css(`#wm-q`), pc[:4]+" "+strings.ToLower(pc[4:])+" "+nr),
			chromedp.Click(css(`.wm-find button`)),
			chromedp.WaitVisible(css(`.leaflet-popup-content .wm-id`)),
		)
		found = text(`.leaflet-popup-content .wm-id`)
		do("searching an address outside the wijk",
			chromedp.SetValue(css(`#wm-q`), "9999 ZZ 1"),
			chromedp.Click(css(`.wm-find button`)),
		)
		// The found address left the message empty: wait for the search
		// to write one (no fixed sleep).
		if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.querySelector('.wm-msg').textContent !== ''`,
			chromedp.WithPollingTimeout(10*time.Second))); err != nil {
			t.Fatalf("waiting for the message of a search outside the wijk: %v", err)
		}
		notFound = text(`.wm-msg`)
		// The search's other answers, through wijkkaart.search: the pand's
		// index (or -1) and the message under the box.
		reset := `wijkkaart.openPand(` + jsString(id) + `), wijkkaart.map.closePopup(), ` // no pop-up open before each search
		for _, c := range []struct {
			q, msg string
			found  bool
		}{
			{pc + nr, "", true},
			{pc[:4] + " " + pc[4:] + ", " + nr + " zz", "Toevoeging ZZ niet gevonden", true},
			{pc + " " + nr + "-zz", "Toevoeging ZZ niet gevonden", true},
			{"9999ZZ 1", "ligt niet in deze wijk", false},
			{"Leeghwaterstraat", "Typ een postcode en een huisnummer", false},
		} {
			got, err := chromedp.Run(ctx, chromedp.Evaluate[struct {
				I   int
				Msg string
				ID  string
			}](reset+`(function () { var i = wijkkaart.search(`+jsString(c.q)+`);
				var id = document.querySelector('.leaflet-popup-content .wm-id');
				return {i: i, msg: document.querySelector('.wm-msg').textContent, id: i >= 0 && id ? id.textContent : ''}; })()`))
			if err != nil {
				t.Fatalf("search %q: %v", c.q, err)
			}
			if (got.I >= 0) != c.found || (c.found && got.ID != id) || !strings.Contains(got.Msg, c.msg) {
				t.Errorf("search %q: pand %d %q, message %q; want found %v (%s), message with %q", c.q, got.I, got.ID, got.Msg, c.found, id, c.msg)
			}
		}
	} else {
		t.Errorf("pop-up of pand %s names no address (%q)", id, firstAddress)
	}

	// A link into the report opens the pand.
	do("opening report.html#pand="+id, chromedp.Navigate("file://"+report+"#pand="+id), chromedp.Reload(),
		chromedp.WaitVisible(css(`.leaflet-popup-content .wm-id`)))
	if got := text(`.leaflet-popup-content .wm-id`); got != id {
		t.Errorf("report.html#pand=%s opened pand %q", id, got)
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

	br.check()
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

// browser is a headless Chromium tab that records every request and
// script error of the pages it opens.
type browser struct {
	t   *testing.T
	ctx context.Context

	mu                   sync.Mutex
	requests, exceptions []string
}

// newBrowser starts exe headless; it stops when the test ends or after
// 2 minutes.
func newBrowser(t *testing.T, exe string) *browser {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(exe), chromedp.NoSandbox,
		chromedp.DisableGPU, chromedp.WindowSize(1360, 1000))
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(func() { cancel(); cancelAlloc() })
	time.AfterFunc(2*time.Minute, cancel) // the whole browser, not one step: room for a loaded CI machine
	b := &browser{t: t, ctx: ctx}
	listen := func(ev any) {
		b.mu.Lock()
		defer b.mu.Unlock()
		switch ev := ev.(type) {
		case *network.EventRequestWillBeSent:
			b.requests = append(b.requests, ev.Request.URL)
		case *runtime.EventExceptionThrown:
			d := ev.ExceptionDetails
			msg := d.Text
			if d.Exception != nil {
				msg += " " + d.Exception.Description
			}
			b.exceptions = append(b.exceptions, fmt.Sprintf("%s (line %d, column %d)", msg, d.LineNumber+1, d.ColumnNumber+1))
		}
	}
	if err := chromedp.Listen(ctx, listen); err != nil {
		t.Fatalf("starting %s: %v", exe, err)
	}
	return b
}

func (b *browser) text(sel string) string {
	b.t.Helper()
	s, err := chromedp.Run(b.ctx, chromedp.Text(chromedp.CSS(sel)))
	if err != nil {
		b.t.Fatalf("text of %s: %v", sel, err)
	}
	return s
}

func (b *browser) attr(sel, name string) string {
	b.t.Helper()
	a, err := chromedp.Run(b.ctx, chromedp.AttributeValue(chromedp.CSS(sel), name))
	if err != nil {
		b.t.Fatalf("attribute %s of %s: %v", name, sel, err)
	}
	return a.Value
}

func (b *browser) do(what string, steps ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	if err := chromedp.Do(b.ctx, steps...); err != nil {
		b.t.Fatalf("%s: %v", what, err)
	}
}

// check fails the test for every request that left the page (anything
// but file: and data:) and every script error.
func (b *browser) check() {
	b.t.Helper()
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, u := range b.requests {
		if !strings.HasPrefix(u, "file://") && !strings.HasPrefix(u, "data:") {
			b.t.Errorf("the page asked for %s", u)
		}
	}
	for _, e := range b.exceptions {
		b.t.Errorf("script error: %s", e)
	}
}

// TestBatchReportMapInBrowser: the batch's report.html over the demo's
// buurten loads offline, draws every buurt, finds a buurt by its code
// and opens its pop-up, and a mouse click on a buurt opens one too.
func TestBatchReportMapInBrowser(t *testing.T) {
	exe := chromium()
	if exe == "" {
		t.Skip("chromium not installed (apt-get install chromium): the browser test of the batch report's map is skipped")
	}
	t.Parallel()
	out := filepath.Join(t.TempDir(), "batch")
	root := filepath.Join("..", "..", "testdata", "delft-wippolder")
	var stdout, stderr strings.Builder
	if code := run([]string{"batch", "--quiet", "--buildings", filepath.Join(root, "buildings_rd_approx.geojson"),
		"--streets", filepath.Join(root, "streets_in_bbox_rd_approx.geojson"), "--street-margin", "250",
		"--areas", filepath.Join("..", "..", "internal", "batch", "testdata", "buurten.geojson"), "--out", out}, &stdout, &stderr); code != 0 {
		t.Fatalf("batch: exit %d: %s", code, stderr.String())
	}
	b := newBrowser(t, exe)
	b.do("loading the batch report", chromedp.Navigate("file://"+filepath.Join(out, "report.html")),
		chromedp.WaitVisible(chromedp.CSS(`#areamap[data-ready]`)), chromedp.ScrollIntoView(chromedp.CSS(`#areamap`)))
	if n := b.attr(`#areamap`, "data-ready"); n != "4" {
		t.Errorf("the map drew %s buurten, want the 4 of the test areas", n)
	}
	first, err := chromedp.Run(b.ctx, chromedp.Evaluate[string](`JSON.parse(document.getElementById('areamap-data').textContent).search.find(function (s) { return s[0]; })[0]`))
	if err != nil {
		t.Fatal(err)
	}
	b.do("searching "+first, chromedp.SetValue(chromedp.CSS(`#am-q`), strings.ToLower(first)), chromedp.Click(chromedp.CSS(`.wm-find button`)),
		chromedp.WaitVisible(chromedp.CSS(`.leaflet-popup-content .wm-title`)))
	if got := b.text(`.leaflet-popup-content .wm-title`); !strings.HasPrefix(got, first) {
		t.Errorf("searching %s opened %q", first, got)
	}
	if pop := b.text(`.leaflet-popup-content`); !strings.Contains(pop, "Status") {
		t.Errorf("pop-up of %s: %q", first, pop)
	}
	// A click on the point of the first buurt where its pop-up stood (the
	// buurt's centre), as drawn: the pop-up's opening pans the map in an
	// animation that may still run, so the map is stopped where it is and
	// the point taken from the pop-up's place, not from the map's centre.
	pt, err := chromedp.Run(b.ctx, chromedp.Evaluate[struct{ X, Y float64 }](`(function () {
		var m = gebiedskaart.map, pop = null; m.eachLayer(function (l) { if (l instanceof L.Popup) { pop = l; } });
		var c = pop.getLatLng(); m.closePopup(); m.stop(); var p = m.latLngToContainerPoint(c);
		var r = document.getElementById('areamap').getBoundingClientRect(); return {x: p.x + r.left, y: p.y + r.top}; })()`))
	if err != nil {
		t.Fatal(err)
	}
	b.do("clicking the buurt", popupGone(), chromedp.MouseClickXY(pt.X, pt.Y), chromedp.WaitVisible(chromedp.CSS(`.leaflet-popup-content .wm-title`)))
	if got := b.text(`.leaflet-popup-content .wm-title`); !strings.HasPrefix(got, first) {
		t.Errorf("a click on %s opened %q", first, got)
	}
	b.check()
}

// popupGone waits until a closed pop-up has left the page. Leaflet fades
// a closed pop-up out and removes its element 200 ms later, so until then
// a wait for the next pop-up's content can find the closed one's, whose
// node is then gone when its text is read ("No node with given id found")
// or whose text passes for the new pop-up's. Each test closes the pop-up
// and waits for this before the action that opens the next one.
func popupGone() chromedp.Action[chromedp.Void] {
	return chromedp.WaitNotPresent(chromedp.CSS(`.leaflet-popup`))
}

func jsString(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}

func jsNum(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }

// TestReportSearchAsAdres: the report map's address search finds the pand
// that 'wijkwarmte adres' names for the same query, on addresses of the
// demo as OpenStreetMap writes them. The search refused a huisletter with
// a toevoeging ("2628AL 139A-1", 233 addresses of the demo) with "Typ een
// postcode en een huisnummer" while adres answered it.
func TestReportSearchAsAdres(t *testing.T) {
	exe := chromium()
	if exe == "" {
		t.Skip("chromium not installed (apt-get install chromium): the browser test of report.html's search is skipped")
	}
	dir := scanDemo(t)
	ix, err := adres.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	br := newBrowser(t, exe)
	br.do("loading report.html", chromedp.Navigate("file://"+filepath.Join(dir, "report.html")),
		chromedp.WaitVisible(chromedp.CSS(`#webmap[data-ready]`)))
	for _, q := range []string{"2628AL 139A-1", "2628al 139a-10", "2628AL 139 A-1", "2628AL 139A", "2624AK 123B",
		"2624ak 123-b", "2628RM 1-II", "2628RM 1 ii", "2628DB 20-49", "2628CD 8"} {
		a, err := ix.Find(q)
		if err != nil {
			t.Fatalf("adres %q: %v", q, err)
		}
		got, err := chromedp.Run(br.ctx, chromedp.Evaluate[struct {
			I   int
			Msg string
			ID  string
		}](`wijkkaart.map.closePopup(), (function () { var i = wijkkaart.search(`+jsString(q)+`);
			return {i: i, msg: document.querySelector('.wm-msg').textContent, id: i >= 0 ? wijkkaart.selected() : ''}; })()`))
		if err != nil {
			t.Fatalf("search %q: %v", q, err)
		}
		if got.ID != a.PandID {
			t.Errorf("search %q: pand %q (message %q); adres answers pand %s", q, got.ID, got.Msg, a.PandID)
		}
	}
	br.check()
}

// TestReportMapWithoutNetwork: the report of the PDOK pand sample on its
// own (no streets, no water, no network) draws its 59 panden on the
// interactive map without a script error (a null list stopped the script
// and left the map blank) and offers no layers it does not have (the
// panel offered "warmtenet" and "straten").
func TestReportMapWithoutNetwork(t *testing.T) {
	exe := chromium()
	if exe == "" {
		t.Skip("chromium not installed (apt-get install chromium): the browser test of report.html's map is skipped")
	}
	dir := filepath.Join(t.TempDir(), "out")
	var out, errb bytes.Buffer
	sample := filepath.Join("..", "..", "testdata", "pdok-bag-pand-sample", "bag_pand_kerk_delft.gpkg")
	if st := run([]string{"scan", "--quiet", "--buildings", sample, "--out", dir}, &out, &errb); st != 0 {
		t.Fatalf("scan: exit %d: %s", st, errb.String())
	}
	br := newBrowser(t, exe)
	br.do("loading report.html", chromedp.Navigate("file://"+filepath.Join(dir, "report.html")),
		chromedp.WaitVisible(chromedp.CSS(`#webmap[data-ready]`)))
	if got := br.attr(`#webmap`, "data-ready"); got != "59" {
		t.Errorf("map drew %s panden, want the sample's 59", got)
	}
	layers, err := chromedp.Run(br.ctx, chromedp.Evaluate[string](`Array.from(document.querySelectorAll('.wm-ctl input[type=checkbox]')).map(function (e) { return e.name; }).join(',')`))
	if err != nil {
		t.Fatal(err)
	}
	if layers != "" {
		t.Errorf("layer boxes %q on a map without network, streets or buurten", layers)
	}
	br.check()
}

// TestReportMapUtilityPopup: the pop-up of a utility pand speaks of its
// user ("Kosten gebruiker", as the adres answer), a woning's of its
// resident; the utility pand's said "Kosten bewoner".
func TestReportMapUtilityPopup(t *testing.T) {
	exe := chromium()
	if exe == "" {
		t.Skip("chromium not installed (apt-get install chromium): the browser test of report.html's map is skipped")
	}
	t.Parallel()
	out := filepath.Join(t.TempDir(), "out")
	sample := filepath.Join("..", "..", "testdata", "pdok-bag-pand-sample", "bag_pand_kerk_delft.gpkg")
	var stdout, stderr strings.Builder
	if code := run([]string{"scan", "--quiet", "--buildings", sample, "--out", out}, &stdout, &stderr); code != 0 {
		t.Fatalf("scan: exit %d: %s", code, stderr.String())
	}
	b := newBrowser(t, exe)
	report := "file://" + filepath.Join(out, "report.html")
	for _, c := range []struct{ id, want, not string }{
		{"0503100000025503", "Kosten gebruiker", "Kosten bewoner"}, // Kantoor (see wijkanalyse TestPDOKUseAndDwellings)
		{"0503100000004254", "Kosten bewoner", "Kosten gebruiker"}, // a woning of 1 dwelling
	} {
		b.do("opening report.html#pand="+c.id, chromedp.Navigate(report+"#pand="+c.id), chromedp.Reload(),
			chromedp.WaitVisible(chromedp.CSS(`.leaflet-popup-content .wm-id`)))
		pop := b.text(`.leaflet-popup-content`)
		if !strings.Contains(pop, c.id) || !strings.Contains(pop, c.want) || strings.Contains(pop, c.not) {
			t.Errorf("pop-up of %s: want %q, not %q: %q", c.id, c.want, c.not, pop)
		}
	}
	b.check()
}
