package main

import (
	"flag"
	"testing"
)

// The sweep's flags live on flag.CommandLine beside those Beam's packages
// register at init (the Dataflow runner's --labels once clashed with
// ours, a panic at start): defining them there must not panic, and the
// Beam flags the README names must be there.
func TestFlags(t *testing.T) {
	c, seed, out := defineFlags(flag.CommandLine)
	if c.Draws != 100 || *seed != 1 || *out != "" {
		t.Errorf("defaults: draws %d, seed %d, out %q", c.Draws, *seed, *out)
	}
	for _, name := range []string{"runner", "endpoint", "project", "region", "temp_location", "staging_location", "environment_type", "ep-online", "areas"} {
		if flag.Lookup(name) == nil {
			t.Errorf("no flag --%s", name)
		}
	}
}
