package wijkanalyse

import (
	"fmt"
	"strconv"

	"github.com/wijkwarmte/wijkwarmte/geodata"
	"github.com/wijkwarmte/wijkwarmte/warmtenet"
)

// Planned street works (koppelkansen). A work counts when its year lies
// within net.works.window years (before or after) of eval.base_year; the
// router then prices the street edges along it (within net.works.buffer
// metres) at 1 - net.works.trench_share of their price per metre, before
// the solve, so that the tree prefers a street that is dug up anyway when
// the saving outweighs the extra length, and the costs carry the reduced
// price on those metres.

// worksInWindow returns the works of ws whose year lies within the
// window of the base year, each with its index in ws as ID (the router
// hands it back per segment), and a Dutch note on what was used.
func worksInWindow(ws []geodata.Work, pr *pricer) ([]geodata.Work, string) {
	if len(ws) == 0 {
		return nil, ""
	}
	base, window := int(pr.v("eval.base_year")), int(pr.v("net.works.window"))
	var in []geodata.Work
	for i, w := range ws {
		if inWindow(w.Year, base, window) {
			w.ID = strconv.Itoa(i)
			in = append(in, w)
		}
	}
	note := fmt.Sprintf("geplande werkzaamheden (koppelkansen): %d opgegeven, %d binnen %d jaar van het basisjaar %d; langs die werken (binnen %s m van de straatas) kost de sleuf van het warmtenet %s %% minder per meter (net.works.trench_share), en de routering ziet die goedkopere straten",
		len(ws), len(in), window, base, decimal(pr.v("net.works.buffer"), 0), decimal(100*pr.v("net.works.trench_share"), 0))
	if out := len(ws) - len(in); out > 0 {
		note += fmt.Sprintf("; %d buiten dat venster niet meegenomen", out)
	}
	return in, note
}

func inWindow(year, base, window int) bool {
	d := year - base
	return d >= -window && d <= window
}

// worksSaving is the investment a segment saves by sharing its trench
// with planned works, as a band: the segment's cost band (already
// reduced) times the router's saving over its cost.
func worksSaving(s warmtenet.Segment, cost Band) Band {
	if s.WorksSavingEUR <= 0 || s.CostEUR <= 0 {
		return Band{}
	}
	return cost.Scale(s.WorksSavingEUR / s.CostEUR)
}

// worksUse lists every work of ws with what the network's segments share
// with it (the segments' Work indexes point into ws).
func worksUse(ws []geodata.Work, segs []Segment, pr *pricer) []WorkUse {
	if len(ws) == 0 {
		return nil
	}
	base, window := int(pr.v("eval.base_year")), int(pr.v("net.works.window"))
	out := make([]WorkUse, len(ws))
	for i, w := range ws {
		out[i] = WorkUse{ID: w.ID, Name: w.Name, Kind: w.Kind, Year: w.Year, InWindow: inWindow(w.Year, base, window)}
	}
	for _, s := range segs {
		if s.WorksM > 0 && s.Work >= 0 && s.Work < len(ws) {
			out[s.Work].SharedM += s.WorksM
			out[s.Work].SavingEUR += s.WorksSavingEUR
		}
	}
	for i := range out {
		out[i].SavingEURPerYear = pr.pipeYear(Band{Value: out[i].SavingEUR})
	}
	return out
}
