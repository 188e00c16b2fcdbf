package report

import "testing"

func TestRobustSentence(t *testing.T) {
	label := func(name string) string {
		return map[string]string{"warmtenet_mt": "Warmtenet MT", "all_electric": "All-electric"}[name]
	}
	r := &Robustness{Draws: 100}
	for _, tc := range []struct {
		name string
		sts  []RobustStrategy
		want string
	}{
		{"most wins", []RobustStrategy{{Name: "all_electric", Wins: 17}, {Name: "warmtenet_mt", Wins: 83}},
			"In 83 van de 100 doorrekeningen is Warmtenet MT de goedkoopste optie."},
		{"every draw", []RobustStrategy{{Name: "warmtenet_mt", Wins: 100}, {Name: "all_electric"}},
			"In alle 100 doorrekeningen is Warmtenet MT de goedkoopste optie."},
		{"a tie goes to the first", []RobustStrategy{{Name: "all_electric", Wins: 50}, {Name: "warmtenet_mt", Wins: 50}},
			"In 50 van de 100 doorrekeningen is All-electric de goedkoopste optie."},
		{"none feasible", []RobustStrategy{{Name: "warmtenet_mt"}},
			"In geen van de 100 doorrekeningen is een duurzame strategie haalbaar."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := r.Sentence(tc.sts, label); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}
