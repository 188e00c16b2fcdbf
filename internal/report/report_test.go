package report

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"math"
	"regexp"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"github.com/wijkwarmte/wijkwarmte/internal/htmlcheck"
)

// testPage builds a small wijk: a grid of square buildings along two
// streets, a network with two DN classes and one source.
func testPage() *Page {
	p := &Page{
		Title:        "Wijkanalyse Testwijk",
		Subtitle:     "test",
		Attribution:  "test data",
		EraClasses:   []Class{{Key: "voor 1930", Color: "#a00"}, {Key: "1965 - 1974", Color: "#0a0"}},
		TypeClasses:  []Class{{Key: "tussenwoning", Color: "#00a"}, {Key: "utiliteit", Color: "#aa0"}},
		LabelClasses: []Class{{Key: "A", Color: "#0a0"}, {Key: "G", Color: "#a00"}},
		OptionClasses: []Class{{Key: "all_electric", Label: "all-electric", Color: "#0aa"},
			{Key: "warmtenet_mt", Label: "warmtenet MT", Color: "#a0a"}},
		CostParts:  []Class{{Key: "heat_network", Label: "warmtenet", Color: "#123"}, {Key: "energy", Label: "energie", Color: "#456"}},
		CostGroups: []Class{{Key: "grondgebonden", Label: "grondgebonden woningen", Color: "#789"}},
		Params: []Param{{Name: "discount", Description: "discontovoet", Value: 0.0225, Min: math.NaN(), Max: math.NaN(),
			Unit: "1/jaar", Source: "test & <source>"}},
		Indicators: []Explanation{{Term: "Nationale kosten", Text: "uitleg"}},
	}
	for i := range 40 {
		x, y := 85000+float64(i%10)*20, 445000+float64(i/10)*30
		era, lab, best, typ := "voor 1930", "G", "warmtenet_mt", "tussenwoning"
		if i%3 == 0 {
			era, lab, best, typ = "1965 - 1974", "A", "all_electric", "utiliteit"
		}
		if i == 7 {
			era = "onbekend"
		}
		p.Buildings = append(p.Buildings, Building{
			Footprint: orb.Polygon{{{x, y}, {x + 12, y}, {x + 12, y + 10}, {x, y + 10}, {x, y}}},
			Era:       era, Type: typ, Label: lab, Best: best, Connected: best == "warmtenet_mt",
		})
	}
	p.Streets = []orb.LineString{{{84990, 445015}, {85210, 445015}}, {{84990, 445075}, {85210, 445075}}}
	p.Pipes = []Pipe{
		{Line: orb.LineString{{84990, 445015}, {85100, 445015}}, DN: 100},
		{Line: orb.LineString{{85100, 445015}, {85210, 445015}}, DN: 40},
		{Line: orb.LineString{{85005, 445015}, {85005, 445010}}, Service: true},
	}
	p.Sources = []Marker{{Point: orb.Point{84990, 445015}, Name: "Bron <1>"}}
	p.Summary = &Summary{
		Wijk:         "Testwijk",
		Tool:         "wijkwarmte test",
		OutputCRS:    "EPSG:28992",
		BestStrategy: "warmtenet_mt",
		Input:        Input{BuildingsRead: 41, BuildingsUsed: 40, Skipped: map[string]int{"duplicate_id": 1}},
		Network:      Network{TrenchM: 220, TrenchMByDN: map[string]float64{"DN100": 110, "DN40": 110}},
		Strategies: []Strategy{
			{Name: "gas_boiler", Label: "aardgas (referentie)", NationalCostEURPerYear: 50000, Feasible: true},
			{Name: "warmtenet_mt", Label: "warmtenet MT", NationalCostEURPerYear: 60000, ExtraNationalCostEURPerYear: 10000,
				EURPerTCO2: 150, DwellingEquivalents: 40, Feasible: true,
				Min: map[string]float64{"national_cost_eur_per_year": 50000}, Max: map[string]float64{"national_cost_eur_per_year": 80000},
				ByBuildingGroup:  map[string]float64{"grondgebonden": 20000, "meergezins": 40000},
				Breakdown:        map[string]float64{"heat_network": 21000, "energy": 39000},
				EnduserBreakdown: map[string]float64{"energy": 900, "connection_fee": 300}},
			{Name: "geothermie", Label: "geothermie", Feasible: false, Note: "te weinig vraag"},
		},
		Scenarios: []Scenario{
			{Name: "basis", BestStrategy: "warmtenet_mt", Strategies: []Strategy{{Name: "warmtenet_mt", NationalCostEURPerYear: 1, Feasible: true}}},
			{Name: "duur", BestStrategy: "gas_boiler", Strategies: []Strategy{{Name: "gas_boiler", NationalCostEURPerYear: 2, Feasible: true}}},
		},
	}
	return p
}

// checkHTML fails the test unless doc parses as HTML and closes every
// element it opens, in order.
func checkHTML(t *testing.T, doc []byte) {
	t.Helper()
	if err := htmlcheck.Balanced(doc); err != nil {
		t.Fatalf("report.html: %v", err)
	}
}

var anyURL = regexp.MustCompile(`(?i)(https?:)?//[a-z0-9.-]+\.[a-z]{2,}[^"'\s)]*`)

// offlineURLs are the URLs the embedded Leaflet names without loading
// them: the SVG namespace and its own attribution link (the report
// replaces that prefix).
var offlineURLs = map[string]bool{"http://www.w3.org/2000/svg": true, "https://leafletjs.com": true}

// checkOffline fails the test when the markup of doc refers to an
// external resource, or a URL other than offlineURLs appears anywhere
// (scripts and styles included). The browser test in internal/scan checks
// that no request leaves the page.
func checkOffline(t *testing.T, doc []byte) {
	t.Helper()
	refs, err := htmlcheck.ExternalRefs(doc)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range refs {
		t.Errorf("report.html refers to an external resource: %s", r)
	}
	for _, u := range anyURL.FindAll(doc, -1) {
		if !offlineURLs[string(u)] {
			t.Errorf("report.html names %s", u)
		}
	}
	if bytes.Contains(doc, []byte("sourceMappingURL")) || bytes.Contains(doc, []byte("url(images/")) {
		t.Error("report.html refers to a Leaflet source map or image that it does not carry")
	}
}

func TestRender(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	if err := Render(&buf, testPage()); err != nil {
		t.Fatal(err)
	}
	doc := buf.Bytes()
	checkHTML(t, doc)
	checkOffline(t, doc)
	s := buf.String()
	for _, want := range []string{
		"<svg class=\"map\"",         // maps
		"Bron &lt;1&gt;",             // source name escaped
		"test &amp; &lt;source&gt;",  // parameter source escaped
		"EPSG:28992",                 // CRS stated
		"warmtenet MT",               // strategy label
		"te weinig vraag",            // infeasible note
		"Scenario",                   // scenario table
		"DN 80–100",                  // DN legend
		"overig / onbekend",          // unknown era counted
		"naar soort gebouw",          // building-group chart
		"naar kostensoort",           // component charts
		"Waar bestaan de kosten uit", // component section
		"21.000",                     // component table
		"€\u00a060.000",              // Dutch number format
	} {
		if !strings.Contains(s, want) {
			t.Errorf("report.html lacks %q", want)
		}
	}
}

func TestRenderEmpty(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	if err := Render(&buf, &Page{Title: "leeg", Summary: &Summary{}}); err != nil {
		t.Fatal(err)
	}
	checkHTML(t, buf.Bytes())
	if err := Render(&buf, &Page{}); err == nil {
		t.Error("Render without a summary: no error")
	}
}

func TestWriteStartanalyse(t *testing.T) {
	t.Parallel()
	p := testPage()
	var buf bytes.Buffer
	if err := WriteStartanalyse(&buf, []AreaStrategies{{Area{Name: "Testwijk"}, p.Summary.Strategies}}); err != nil {
		t.Fatal(err)
	}
	r := csv.NewReader(&buf)
	r.Comma = ';'
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	head := rows[0]
	if head[0] != "Code_Indicator" || head[3] != "Strategie_gas_boiler" || head[len(head)-3] != "I01_Buurtcode" {
		t.Errorf("header %v", head)
	}
	byCode := map[string][]string{}
	for _, r := range rows[1:] {
		byCode[r[0]] = r
	}
	for code, want := range map[string][]string{
		"V01_Strategievariant":                 {"aardgas (referentie)", "warmtenet MT", "geothermie"},
		"H16_Nat_meerkost":                     {"0", "10000", "0"},
		"H18_Nat_meerkost_WEQ":                 {"", "250", ""},
		"W02_Nat_kosten_min":                   {"", "50000", ""},
		"W10_Haalbaar":                         {"ja", "ja", "nee"},
		"W13_Nat_kosten_warmtenet":             {"", "21000", ""},
		"W17_Nat_kosten_energie":               {"", "39000", ""},
		"W23_Eindgebr_aansluitbijdrage_woning": {"", "300", ""},
	} {
		got := byCode[code]
		if len(got) < 6 || strings.Join(got[3:6], "|") != strings.Join(want, "|") {
			t.Errorf("%s = %v, want %v", code, got, want)
		}
	}
}

func TestNL(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		x    float64
		dec  int
		want string
	}{
		{0, 0, "0"}, {999, 0, "999"}, {1000, 0, "1.000"}, {1234567.891, 1, "1.234.567,9"},
		{-1234.6, 0, "-1.235"}, {-0.04, 1, "0,0"}, {math.NaN(), 0, "–"}, {math.Inf(1), 2, "–"},
	} {
		if got := nl(c.x, c.dec); got != c.want {
			t.Errorf("nl(%v, %d) = %q, want %q", c.x, c.dec, got, c.want)
		}
	}
}

// TestWriteJSONNotFinite: NaN and infinite numbers are written as null
// and the keys keep their order and omitempty rules.
func TestWriteJSONNotFinite(t *testing.T) {
	t.Parallel()
	s := &Summary{Tool: "t", BestStrategy: "x"}
	s.Network.PeakKW = math.NaN()
	s.Network.CostEUR = math.Inf(1)
	s.Strategies = []Strategy{{Name: "a", NationalCostEURPerYear: math.NaN(), Min: map[string]float64{"eur_per_t_co2": math.Inf(-1)}}}
	var b bytes.Buffer
	if err := s.WriteJSON(&b); err != nil {
		t.Fatal(err)
	}
	var back map[string]any
	if err := json.Unmarshal(b.Bytes(), &back); err != nil {
		t.Fatalf("%v\n%s", err, b.String())
	}
	nw := back["network"].(map[string]any)
	st := back["strategies"].([]any)[0].(map[string]any)
	if nw["peak_kw"] != nil || nw["cost_eur"] != nil || st["national_cost_eur_per_year"] != nil ||
		st["min"].(map[string]any)["eur_per_t_co2"] != nil {
		t.Errorf("non-finite numbers not null:\n%s", b.String())
	}
	if _, ok := nw["street_graph"]; ok {
		t.Error("omitempty street_graph written")
	}
	want, _ := json.MarshalIndent(&Summary{Tool: "t", BestStrategy: "x"}, "", "  ")
	var got bytes.Buffer
	if err := (&Summary{Tool: "t", BestStrategy: "x"}).WriteJSON(&got); err != nil {
		t.Fatal(err)
	}
	if strings.TrimSpace(got.String()) != string(want) {
		t.Errorf("finite summary differs from encoding/json:\n%s\nwant\n%s", got.String(), want)
	}
}

// TestRenderRulesAndExisting checks the sentences of the network rules and
// the existing network in singular and plural, and that the existing
// network's skip reasons are shown in the page's words, in key order.
func TestRenderRulesAndExisting(t *testing.T) {
	t.Parallel()
	render := func(r *NetworkRules, e *ExistingNetwork) string {
		t.Helper()
		p := testPage()
		p.Words = map[string]string{"existing_pipe_out_of_service": "buiten gebruik"}
		p.Summary.Network.Rules = r
		p.Summary.Network.Existing = e
		var buf bytes.Buffer
		if err := Render(&buf, p); err != nil {
			t.Fatal(err)
		}
		checkHTML(t, buf.Bytes())
		return buf.String()
	}
	one := render(&NetworkRules{File: "regels.csv", BuildingsRequired: 1, BuildingsRequiredConnected: 1,
		BuildingsExcluded: 1, BAGIDsUnknown: 1, UnknownBAGIDs: []string{"0503100000099999"}},
		&ExistingNetwork{File: "net.geojson", Pipes: 2, Skipped: map[string]int{"existing_pipe_out_of_service": 1, "existing_pipe_no_length": 2}})
	many := render(&NetworkRules{File: "regels.csv", BuildingsRequired: 3, BuildingsRequiredConnected: 2,
		BuildingsExcluded: 4, BAGIDsUnknown: 2, UnknownBAGIDs: []string{"a", "b"}}, nil)
	for _, c := range []struct {
		doc, want string
		ok        bool
	}{
		{one, "1 pand moet worden aangesloten als het net het kan bereiken (het is aangesloten;", true},
		{one, "1 pand is uitgesloten.", true},
		{one, "1 BAG-id uit de regels staat niet tussen de panden van deze scan en is niet gebruikt: 0503100000099999.", true},
		{one, "(niet gebruikt: 2 × existing_pipe_no_length, 1 × buiten gebruik)", true},
		{one, "panden zijn uitgesloten", false},
		{many, "3 panden moeten worden aangesloten als het net ze kan bereiken (2 zijn aangesloten;", true},
		{many, "4 panden zijn uitgesloten.", true},
		{many, "2 BAG-id's uit de regels staan niet tussen de panden", true},
	} {
		if strings.Contains(c.doc, c.want) != c.ok {
			t.Errorf("report.html contains %q: %v, want %v", c.want, !c.ok, c.ok)
		}
	}
}

// TestInfeasibleNoteInDutch: the strategy table of report.html says in
// Dutch why a strategy is not feasible; it showed summary.json's English
// note ("niet haalbaar in deze wijk: no building can take it: geen bron
// van lagetemperatuur-restwarmte opgegeven ...").
func TestInfeasibleNoteInDutch(t *testing.T) {
	t.Parallel()
	p := testPage()
	p.Summary.Strategies = append(p.Summary.Strategies,
		Strategy{Name: "warmtenet_lt_bron", Label: "S3c Warmtenet LT, LT-restwarmte (50 °C)", Note: "no building can take it: geen bron van lagetemperatuur-restwarmte opgegeven"},
		Strategy{Name: "aquathermie", Label: "S3b", Note: "no heated buildings"})
	var buf bytes.Buffer
	if err := Render(&buf, p); err != nil {
		t.Fatal(err)
	}
	page := buf.String()
	for _, want := range []string{
		"niet haalbaar in deze wijk: voor geen enkel pand haalbaar; reden bij het eerste pand: geen bron van lagetemperatuur-restwarmte opgegeven<",
		"niet haalbaar in deze wijk: er zijn geen verwarmde panden<",
		"niet haalbaar in deze wijk: te weinig vraag<", // a note in Dutch already stays as it is
	} {
		if !strings.Contains(page, want) {
			t.Errorf("report lacks %q", want)
		}
	}
	if strings.Contains(page, "no building can take it") || strings.Contains(page, "no heated buildings") {
		t.Error("report shows an English strategy note")
	}
}

// TestInputCRSInDutch: the report's "CRS van de invoer" reads in Dutch
// (it showed summary.json's "..., transformed to EPSG:28992").
func TestInputCRSInDutch(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ crs, want string }{
		{"EPSG:4326 (OpenStreetMap PBF), transformed to EPSG:28992", "EPSG:4326 (OpenStreetMap PBF), omgerekend naar EPSG:28992"},
		{"EPSG:28992 (GeoPackage layer pand, srs_id 28992)", "EPSG:28992 (GeoPackage-laag pand, srs_id 28992)"},
		{"EPSG:4326 (OGC:CRS84 in the GeoParquet geo metadata), transformed to EPSG:28992",
			"EPSG:4326 (OGC:CRS84 in de geo-metadata van de GeoParquet), omgerekend naar EPSG:28992"},
	} {
		p := testPage()
		p.Summary.Input.CRS = c.crs
		var buf bytes.Buffer
		if err := Render(&buf, p); err != nil {
			t.Fatal(err)
		}
		if want := "<td>CRS van de invoer</td><td>" + c.want + "</td>"; !strings.Contains(buf.String(), want) {
			t.Errorf("input.crs %q: report lacks %q", c.crs, want)
		}
	}
}

// TestLabelSourceCaption: the label-origin note counts woningen only, as
// summary.json's stock.label_source does (wijkanalyse.Stock.ByLabelSource);
// it said "utiliteit per pand", but utility panden are not in the counts
// (the demo: 8,619 = stock.dwellings, its 205 utility panden left out).
func TestLabelSourceCaption(t *testing.T) {
	t.Parallel()
	p := testPage()
	p.Summary.Stock.LabelSource = map[string]int{"default": 30}
	var buf bytes.Buffer
	if err := Render(&buf, p); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "Herkomst van het label (aantal woningen; utiliteitspanden tellen hier niet mee):<br>default: 30") ||
		strings.Contains(buf.String(), "utiliteit per pand") {
		t.Error("the label-origin note does not say it counts woningen only")
	}
}
