package report

import (
	"strings"
	"testing"
)

func TestCounts(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name                                        string
		used, bij, util, terms, conn, drop, unreach int
		want                                        []string
	}{
		{"demo", 3447, 1551, 205, 1896, 1860, 35, 1,
			[]string{"1.551 bijgebouwen + 1.896 verwarmde panden = 3.447 panden; alle verwarmde panden zijn aan het net aangeboden.",
				"1.860 aangesloten + 35 afgevallen + 1 niet bereikbaar = 1.896 aangeboden panden."}},
		{"not adding up", 10, 2, 1, 8, 5, 1, 1,
			[]string{"2 bijgebouwen + 8 verwarmde panden = 10 panden; alle verwarmde",
				"Let op: 5 aangesloten + 1 afgevallen + 1 niet bereikbaar = 7, niet de 8 aangeboden panden"}},
		{"fewer offered", 10, 2, 1, 6, 6, 0, 0,
			[]string{"6 van de verwarmde panden zijn aan het net aangeboden", "6 aangesloten + 0 afgevallen + 0 niet bereikbaar = 6 aangeboden panden."}},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := &Summary{}
			s.Input.BuildingsUsed = c.used
			s.Stock.Bijgebouwen, s.Stock.UtilityPanden = c.bij, c.util
			s.Network.Terminals, s.Network.Connected, s.Network.Dropped, s.Network.Unreachable = c.terms, c.conn, c.drop, c.unreach
			v := counts(s)
			got := strings.Join(v.Sums, " ")
			for _, w := range c.want {
				if !strings.Contains(got, w) {
					t.Errorf("sums %q lack %q", got, w)
				}
			}
			if len(v.Rows) != 7 || v.Rows[2].N != c.used-c.bij {
				t.Errorf("rows %+v", v.Rows)
			}
			for _, r := range v.Rows {
				if r.Meaning == "" {
					t.Errorf("row %q without a meaning", r.Label)
				}
			}
		})
	}
}

func TestSentence(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{"één warmtenet: x": "Één warmtenet: x", "aquathermie: 3": "Aquathermie: 3", "Demo: y": "Demo: y", "": "", "9 van de 10": "9 van de 10"} {
		if got := sentence(in); got != want {
			t.Errorf("sentence(%q) = %q, want %q", in, got, want)
		}
	}
}
