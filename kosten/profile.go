package kosten

import (
	"bytes"
	"embed"
	"fmt"
	"slices"
)

// Parameter profiles: the default table, or the default table with the
// rows of one reference model's figures (kosten/profiles/*.csv, the
// override format; each row names its source).
const (
	ProfileDefault = "wijkwarmte" // the embedded table as it is (see README)
	ProfileVesta   = "vesta2020"  // PBL Vesta MAIS 5.0, Startanalyse 2020
	ProfileHestia  = "hestia2025" // PBL/TNO Hestia 2025
)

// Profiles lists the profile names, the default first.
var Profiles = []string{ProfileDefault, ProfileVesta, ProfileHestia}

//go:embed profiles/*.csv
var profileFS embed.FS

// Profile returns the parameter table of a profile: Defaults() for
// ProfileDefault (or ""), else Defaults() with the profile's rows as
// overrides (so Overridden lists them). An unknown name is an error
// naming the known ones.
func Profile(name string) (*Params, error) {
	if name == "" || name == ProfileDefault {
		return Defaults(), nil
	}
	if !slices.Contains(Profiles, name) {
		return nil, fmt.Errorf("kosten: unknown parameter profile %q (known: %v)", name, Profiles)
	}
	data, err := profileFS.ReadFile("profiles/" + name + ".csv")
	if err != nil {
		return nil, fmt.Errorf("kosten: profile %s: %w", name, err)
	}
	return Defaults().WithOverrides(bytes.NewReader(data), "kosten/profiles/"+name+".csv")
}
