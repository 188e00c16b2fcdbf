package kader

import (
	"errors"
	"strings"
	"testing"
)

func TestParseVoorbeeld(t *testing.T) {
	k, err := Load("../testdata/kader-voorbeeld.csv")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, c := range k.Criteria {
		names = append(names, c.Name)
	}
	want := "national_cost_per_t_co2 enduser_vs_gas_pct co2_avoided_pct insulation_to_b_pct space_m2 assumed_source_pct"
	if got := strings.Join(names, " "); got != want {
		t.Errorf("criteria %q, want %q", got, want)
	}
	if c := k.Criteria[1]; !c.HasLimit || c.Limit != 10 || c.Weight != 3 {
		t.Errorf("enduser criterion %+v, want weight 3 limit 10", c)
	}
	if c := k.Criteria[0]; c.HasLimit {
		t.Errorf("criterion without a limit read as %+v", c)
	}
	if len(k.Excluded) != 2 || k.Excluded[0].Strategy != "waterstof_boiler" || !strings.Contains(k.Excluded[0].Reason, "waterstof") {
		t.Errorf("excluded %+v", k.Excluded)
	}
	if len(k.Goals) != 3 {
		t.Fatalf("goals %+v", k.Goals)
	}
	g := k.Goals[1] // sorted by indicator: dwellings_label_b_or_better, dwellings_off_gas, warmtenet_connections
	if k.Goals[0].Indicator != "dwellings_label_b_or_better" || !k.Goals[0].Percent || k.Goals[0].Value != 75 || g.Indicator != "dwellings_off_gas" || g.Value != 1500 || g.Year != 2030 {
		t.Errorf("goals %+v", k.Goals)
	}
}

func TestParseForms(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		check    func(*Kader) bool
	}{
		{"comma, English keywords", "criterion,co2_avoided_pct,2,50\nexclude,S5b,no hydrogen\nrequire,warmtenet_mt\n",
			func(k *Kader) bool {
				return k.Criteria[0].Limit == 50 && k.Excluded[0].Strategy == "waterstof_boiler" && k.Required[0] == "warmtenet_mt"
			}},
		{"semicolon with decimal comma", "criterium;betaalbaarheid;1,5;12,5\n",
			func(k *Kader) bool {
				return k.Criteria[0].Name == "affordability_pct" && k.Criteria[0].Weight == 1.5 && k.Criteria[0].Limit == 12.5
			}},
		{"BOM, CRLF, comments and trailing empty cells", "\xef\xbb\xbf# a comment\r\ncriterion;space_m2;1;;\r\n\r\n",
			func(k *Kader) bool { return len(k.Criteria) == 1 && !k.Criteria[0].HasLimit }},
		{"upper case names", "CRITERION,Streets_Opened,1\nDOEL,Warmtenet_Connections,2030,100\n",
			func(k *Kader) bool {
				return k.Criteria[0].Name == "streets_opened" && k.Goals[0].Indicator == "warmtenet_connections"
			}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			k, err := Parse(strings.NewReader(tc.in), "k.csv")
			if err != nil {
				t.Fatal(err)
			}
			if !tc.check(k) {
				t.Errorf("read %+v", k)
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		want     []string
	}{
		{"unknown keyword", "criterion,space_m2,1\nweigh,space_m2,1\n", []string{"k.csv:2:", `unknown keyword "weigh"`, "criterion (criterium)"}},
		{"unknown criterion lists the valid ones", "criterion,cheapness,1\n", []string{"k.csv:1:", `unknown criterion "cheapness"`, "national_cost_per_t_co2", "win_share_pct"}},
		{"unknown strategy", "exclude,kernfusie\n", []string{"k.csv:1:", `unknown strategy "kernfusie"`, "warmtenet_mt"}},
		{"unknown indicator", "goal,happiness,2030,1\n", []string{"k.csv:1:", `unknown indicator "happiness"`, "dwellings_off_gas (woningen_aardgasvrij)", "warmtenet_connections (aansluitingen_warmtenet)"}},
		{"weight not a number", "criterion,space_m2,heavy\n", []string{"k.csv:1:", `weight "heavy" is not a number`}},
		{"weight NaN", "criterion,space_m2,NaN\n", []string{"k.csv:1:", "not a number"}},
		{"weight with an underscore", "criterion,space_m2,1_000\n", []string{"k.csv:1:", `weight "1_000" is not a number`}},
		{"weight in hexadecimal", "criterion;space_m2;0x1p4\n", []string{"k.csv:1:", `weight "0x1p4" is not a number`}},
		{"limit Inf", "criterion,space_m2,1,Inf\n", []string{"k.csv:1:", `limit "Inf"`}},
		{"negative weight", "criterion,space_m2,-1\n", []string{"k.csv:1:", "negative"}},
		{"limit not a number", "criterion,space_m2,1,big\n", []string{"k.csv:1:", `limit "big"`}},
		{"too many fields", "criterion,space_m2,1,2,3\n", []string{"k.csv:1:", "criterion,NAME,WEIGHT[,LIMIT]"}},
		{"duplicate criterion", "criterion,space_m2,1\n# x\ncriterium,ruimtebeslag,2\n", []string{"k.csv:3:", "given twice (first on line 1)"}},
		{"excluded and required", "exclude,all_electric\nrequire,S1a\n", []string{"k.csv:2:", "already excluded or required on line 1"}},
		{"goal year", "goal,dwellings_off_gas,30,100\n", []string{"k.csv:1:", `year "30"`}},
		{"goal percentage above 100", "goal,dwellings_off_gas,2030,120%\n", []string{"k.csv:1:", "out of range"}},
		{"goal fields", "goal,dwellings_off_gas,2030\n", []string{"k.csv:1:", "goal,INDICATOR,YEAR,VALUE"}},
		{"empty", "# only comments\n\n", []string{"k.csv:", "no rows"}},
		{"bad quoting", "criterion,\"space_m2,1\n", []string{"k.csv:1:"}},
		{"too large", strings.Repeat("# filler line of a kader file\n", MaxFileBytes/29+1), []string{"k.csv:", "larger than"}},
		{"too many rows", strings.Repeat("goal,dwellings_off_gas,2030,1\n", MaxRows+1), []string{"k.csv:1001:", "more than 1000 rows"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse(strings.NewReader(tc.in), "k.csv")
			if err == nil {
				t.Fatal("no error")
			}
			if !errors.Is(err, ErrKader) {
				t.Errorf("%v does not wrap ErrKader", err)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("error spans lines: %q", err)
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q lacks %q", err, w)
				}
			}
		})
	}
}

func FuzzParse(f *testing.F) {
	f.Add("criterion,space_m2,1,2\nexclude,S1a,x\nrequire,warmtenet_mt\ngoal,dwellings_off_gas,2030,40%\n")
	f.Add("\xef\xbb\xbfcriterium;betaalbaarheid;1,5;12,5\n")
	f.Add("soort;naam\n# c\n\"a;b\";c\n")
	f.Fuzz(func(t *testing.T, in string) {
		k, err := Parse(strings.NewReader(in), "f.csv")
		if err != nil {
			if !strings.HasPrefix(err.Error(), "f.csv") {
				t.Fatalf("error without the file name: %v", err)
			}
			return
		}
		for _, c := range k.Criteria {
			if _, ok := Def(c.Name); !ok || c.Weight < 0 {
				t.Fatalf("criterion %+v accepted", c)
			}
		}
	})
}
