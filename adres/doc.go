// Package adres answers "what does the scan mean for my home?": per
// pand, per address and per point, from a finished wijkanalyse scan.
//
// An Index is built once from a wijkanalyse.Result and the scan's address
// points (FromResult), or read from the answers.json a scan writes into
// its output set (Load, Read); it is never a new scan. Look-ups are by
// BAG pand id in any accepted form (ByPandID), by postcode + huisnummer
// + toevoeging (ByAddress), by a point (ByPoint: the pand whose
// footprint contains it, else the nearest within NearM) or by free text
// (Find). They are map or grid look-ups, O(1) in the size of the wijk,
// and safe for concurrent use. Handler serves them over HTTP with the
// scan's report and a search page; Sheet writes the one-page printable
// answer.
//
// An Answer is for one dwelling: the figures of a pand with several
// dwellings are its building figures times Answer.Share (one dwelling's
// part of the pand's dwelling-equivalents), so that the dwellings
// together with the pand's utility part (UtilityShare) add up to the
// building. A utility pand is answered as a whole (Unit "pand").
// Explanations are in Dutch; JSON keys are snake_case English. A figure
// that does not apply (an infeasible option) is null in JSON and NaN in
// Go.
//
// # Units and CRS
//
// Costs are EUR per year of the kosten price year (end user incl.
// taxes, national excl. taxes), CO2 tonne per year, demand GJ per year,
// gas m3 per year, floor area m2. Coordinates are EPSG:28992 (RD New),
// metres.
package adres
