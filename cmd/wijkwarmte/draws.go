package main

import "flag"

// drawFlags checks --draws and --seed after parsing: --draws, when given,
// must be at least 1 (not given: no draws, *draws = 0); --seed must not be
// negative and needs --draws.
func drawFlags(fs *flag.FlagSet, draws *int, seed int64, out *uint64) error {
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	switch {
	case set["draws"] && *draws < 1:
		return usagef("--draws %d: want at least 1 draw (leave --draws out for none)", *draws)
	case seed < 0:
		return usagef("--seed %d: want 0 or more", seed)
	case set["seed"] && !set["draws"]:
		return usagef("--seed needs --draws N")
	case set["reroute"] && !set["draws"]:
		return usagef("--reroute needs --draws N")
	}
	if !set["draws"] {
		*draws = 0
	}
	*out = uint64(seed)
	return nil
}
