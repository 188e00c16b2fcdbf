package wijkanalyse

import (
	"context"
	"testing"
)

// osmAgrees says whether a woningtype agrees with an OSM building tag
// that names a dwelling form; ok is false for tags that name none.
func osmAgrees(tag string, t Woningtype) (agree, ok bool) {
	switch tag {
	case "house":
		return t.Grondgebonden(), true
	case "detached", "bungalow":
		return t == TypeVrijstaand, true
	case "semidetached_house":
		return t == TypeTweeOnderEenKap, true
	case "terrace":
		return t == TypeHoekwoning || t == TypeTussenwoning, true
	case "apartments":
		return t == TypeMeergezinsLaag || t == TypeMeergezinsMidden || t == TypeMeergezinsHoog, true
	}
	return false, false
}

// TestDelftOSMAgreement compares the woningtype from footprints and
// address counts with the independent OSM building tags of the demo.
// The tags come from the 2013 BAG import and name only house (single
// family) or apartments (multi-family), plus a few bungalows.
func TestDelftOSMAgreement(t *testing.T) {
	in := loadDelft(t)
	bs, _, err := Classify(context.Background(), in, Options{})
	if err != nil {
		t.Fatal(err)
	}
	type tally struct{ n, agree int }
	per := map[string]*tally{}
	confusion := map[string]map[Woningtype]int{}
	var all tally
	for i, b := range bs {
		tag := in.Panden[i].BuildingType
		if b.Use != UseWoning {
			continue
		}
		agree, ok := osmAgrees(tag, b.Woningtype)
		if !ok {
			continue
		}
		if per[tag] == nil {
			per[tag] = &tally{}
			confusion[tag] = map[Woningtype]int{}
		}
		per[tag].n++
		all.n++
		confusion[tag][b.Woningtype]++
		if agree {
			per[tag].agree++
			all.agree++
		}
	}
	for tag, c := range per {
		t.Logf("building=%-10s n=%4d agree %.1f %%  %v", tag, c.n, 100*float64(c.agree)/float64(c.n), confusion[tag])
	}
	rate := float64(all.agree) / float64(all.n)
	t.Logf("overall agreement %.1f %% of %d tagged woningen", 100*rate, all.n)
	if all.n < 1000 || rate < 0.85 {
		t.Errorf("agreement %.3f over %d buildings, want at least 0.85 over 1000+", rate, all.n)
	}
}
