package main

import (
	"bytes"
	"strings"
	"testing"
)

// --kentallen selects a profile for params (and scan); an unknown one is a
// usage error.
func TestParamsKentallen(t *testing.T) {
	for _, c := range []struct {
		profile, row string
	}{
		{"vesta2020", "inst.hp_air.high.eur_per_asl,4637,"},
		{"hestia2025", "inst.hp_air.low.eur_per_asl,5372,"},
		{"", "inst.hp_air.high.eur_per_asl,12561,"},
	} {
		var out, errb bytes.Buffer
		args := []string{}
		if c.profile != "" {
			args = append(args, "--kentallen", c.profile)
		}
		if err := runParams(args, &out, &errb); err != nil {
			t.Fatalf("%s: %v", c.profile, err)
		}
		if !strings.Contains(out.String(), "\n"+c.row) {
			t.Errorf("%s: no row %q", c.profile, c.row)
		}
	}
	var out, errb bytes.Buffer
	err := runParams([]string{"--kentallen", "vesta2019"}, &out, &errb)
	if err == nil || !strings.Contains(err.Error(), "vesta2020") {
		t.Errorf("unknown profile: %v", err)
	}
}
