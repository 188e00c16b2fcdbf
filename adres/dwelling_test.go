package adres

import (
	"bytes"
	"context"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/wijkwarmte/wijkwarmte/geodata"
	"github.com/wijkwarmte/wijkwarmte/kosten"
	"github.com/wijkwarmte/wijkwarmte/wijkanalyse"
)

// TestDemoDwellingLabels: with the demo's (synthetic) EP-Online export,
// an answer by address tells the dwelling's own registration (the newest
// for its postcode and house number, found here from the export itself),
// what must be done in the home follows that label, and answers.json
// keeps it.
func TestDemoDwellingLabels(t *testing.T) {
	d := loadDemo(t)
	const file = "../testdata/ep-online/ep-online-delft-synthetic.csv"
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var rep geodata.Report
	nl, err := geodata.ReadEPOnline(f, file, &rep)
	if err != nil {
		t.Fatal(err)
	}
	in := d.in
	in.Labels = nl.Labels()
	res, err := wijkanalyse.Scan(context.Background(), in, wijkanalyse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ix := FromResultLabels(&res, in.Addresses, in.Labels, "demo")

	// The newest registration per address, from the export.
	newest := map[string]geodata.EnergyLabel{}
	for _, l := range in.Labels {
		if _, err := kosten.ParseLabel(l.Klasse); err != nil || l.Postcode == "" || l.Huisnummer == "" {
			continue
		}
		k := strings.ToUpper(strings.ReplaceAll(l.Postcode, " ", "")) + " " + l.Huisnummer + strings.ToUpper(l.Toevoeging)
		if old, ok := newest[k]; !ok || !l.Opnamedatum.Before(old.Opnamedatum) {
			newest[k] = l
		}
	}
	own, mixedWithout := 0, 0
	for _, ad := range ix.Addresses() {
		if ad.PandID == "" {
			continue
		}
		a, err := ix.ByAddress(ad.Postcode, ad.Huisnummer, ad.Toevoeging)
		if err != nil || a.Address == nil || a.Address.String() != ad.String() {
			continue // an ambiguous or redirected address answers for another one
		}
		l, ok := newest[ad.Postcode+" "+strconv.Itoa(ad.Huisnummer)+ad.Toevoeging]
		if !ok {
			if a.LabelSource == string(wijkanalyse.LabelMixed) {
				mixedWithout++
				if !strings.Contains(a.LabelExplanation, "Voor dit adres zelf staat geen label") {
					t.Errorf("%s: no own label in a mixed pand, explanation %q", ad, a.LabelExplanation)
				}
			}
			continue
		}
		own++
		if a.Label != l.Klasse || a.LabelSource != string(wijkanalyse.LabelEPOnline) || ad.LabelDate != l.Opnamedatum.Format(time.DateOnly) ||
			!strings.Contains(a.LabelExplanation, "voor deze woning") {
			t.Errorf("%s: label %s (%s, %s) %q, want the registration %s of %s", ad, a.Label, a.LabelSource, ad.LabelDate, a.LabelExplanation, l.Klasse, l.Opnamedatum.Format(time.DateOnly))
		}
		model, _ := kosten.ParseLabel(l.Klasse)
		for _, w := range a.Works {
			from := "het label is al " + string(model) + ","
			if strings.HasPrefix(w, "Isoleren van") {
				from = "van label " + string(model) + " naar"
			}
			if strings.HasPrefix(w, "Isoleren") && !strings.Contains(w, from) {
				t.Errorf("%s (label %s): %q does not start from the dwelling's label", ad, l.Klasse, w)
			}
		}
	}
	if own < 20 {
		t.Errorf("%d addresses answered with their own registration; the export has %d registrations with an address", own, len(newest))
	}
	t.Logf("%d addresses with their own label, %d in mixed panden without one", own, mixedWithout)

	var buf bytes.Buffer
	if err := ix.WriteJSON(&buf); err != nil {
		t.Fatal(err)
	}
	back, err := Read(&buf, FileName)
	if err != nil {
		t.Fatal(err)
	}
	for _, ad := range ix.Addresses() {
		if ad.Label == "" {
			continue
		}
		x, err1 := ix.ByAddress(ad.Postcode, ad.Huisnummer, ad.Toevoeging)
		y, err2 := back.ByAddress(ad.Postcode, ad.Huisnummer, ad.Toevoeging)
		if (err1 == nil) != (err2 == nil) || x.Label != y.Label || x.LabelExplanation != y.LabelExplanation || strings.Join(x.Works, "|") != strings.Join(y.Works, "|") {
			t.Errorf("%s: %s %q before, %s %q after reading back", ad, x.Label, x.LabelExplanation, y.Label, y.LabelExplanation)
		}
	}
}
