// Package kader applies a municipality's kader (toetsingskader) to a
// wijkwarmte scan: the criteria it weighs with their weights and limits,
// the strategies the council ruled out or requires, and interim goals.
//
// A kader file is CSV, edited in a spreadsheet (";" or "," between
// fields; "#" starts a comment line); each row starts with a keyword
// (English, or the Dutch alias):
//
//	criterion,NAME,WEIGHT[,LIMIT]    criterium
//	exclude,STRATEGY[,reason]        uitsluiten
//	require,STRATEGY                 vereist
//	goal,INDICATOR,YEAR,VALUE        doel (VALUE a count, or "40%")
//
// NAME is one of Criteria (or its Dutch alias), STRATEGY a strategy name
// (wijkanalyse.StrategyNames) or its PBL code (S1a ... S5b), INDICATOR one
// of Indicators. Parse reports every bad row as one error naming the file,
// the line and, for an unknown name, the valid ones.
//
// Assess scores every strategy of a scan on every criterion (ScoringRule),
// checks the limits, and picks the preferred strategy: the best weighted
// total among the strategies that pass every limit, are not excluded and,
// when the kader requires any, are required. When none qualifies, the
// assessment says which limits block which strategy. The national-cost
// ranking stays beside it (NationalBest, NationalRank), so the effect of
// the kader is visible.
package kader
