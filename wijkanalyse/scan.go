package wijkanalyse

import "github.com/wijkwarmte/wijkwarmte/kosten"

// Defaults of Options (see result.go for what each means).
const (
	defaultYear            = 2030
	defaultMaxServiceM     = 100.0
	defaultWaterReachM     = 1000.0
	defaultGeoMinDwEq      = 4000.0
	defaultExpansionRounds = 10
)

// withDefaults returns o with every zero field set to its default.
func (o Options) withDefaults() Options {
	if o.Year == 0 {
		o.Year = defaultYear
	}
	if o.MaxServiceM <= 0 {
		o.MaxServiceM = defaultMaxServiceM
	}
	if o.WallGapM <= 0 {
		o.WallGapM = defaultWallGapM
	}
	if o.MinSharedWallM <= 0 {
		o.MinSharedWallM = defaultMinWallM
	}
	if o.WaterReachM <= 0 {
		o.WaterReachM = defaultWaterReachM
	}
	if o.GeothermalMinDwellingEq <= 0 {
		o.GeothermalMinDwellingEq = defaultGeoMinDwEq
	}
	if o.MaxExpansionRounds <= 0 {
		o.MaxExpansionRounds = defaultExpansionRounds
	}
	if o.Workers <= 0 {
		o.Workers = 1
	}
	return o
}

// progress reports to the callback, if any.
func (o Options) progress(stage string, done, total int) {
	if o.Progress != nil {
		o.Progress(stage, done, total)
	}
}

// params returns the parameters, kosten.Defaults() when none are set.
func (o Options) params() *kosten.Params {
	if o.Params != nil {
		return o.Params
	}
	return kosten.Defaults()
}
