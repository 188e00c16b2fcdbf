package wijkanalyse

import (
	"fmt"

	"github.com/wijkwarmte/wijkwarmte/kosten"
)

// Demand rules (see doc.go):
//
//   - Dwellings: space heat per dwelling is Vesta's fit a + b·m2 for its
//     woningtype x era x label (kosten.Params.SpaceHeat, clamped at zero),
//     with m2 the pand's floor area divided by its dwellings; tap water is
//     Vesta's Vww fit (label independent). Meergezins laag and midden both
//     use Vesta's "meergezins: laag en midden". A pand whose era is unknown
//     uses the 1965 - 1974 class (the middle of the Dutch stock) and is
//     counted in a note.
//   - Utility: Vesta's per-m2 figures of the utility table for its type x
//     period x label (the table has an "onbekend" period).
//   - Peak load: space heat / (3.6e-3 GJ/kWh × fullLoadHours) plus tap water
//     at its mean load (storage in the dwelling or the network smooths it).
//   - Temperature suitability by label: 70 C works for every label; 50 C
//     needs label B or better; 40 C needs label A or better. After
//     insulation the label is the better of the current one and D or B.

// fullLoadHours is the number of full-load hours of space heating used to
// turn annual space heat into a design peak, h per year. Assumption: Dutch
// heat-network studies use 1,500-2,000 h for dwellings (CE Delft, Vesta's
// capacity ratio); 1,800 h gives 4.6 kW for a 30 GJ dwelling.
const fullLoadHours = 1800

// eraFallback is the class used for demand when the bouwjaar is unknown.
const eraFallback = Era1965to1974

// gjPerKWh converts kWh to GJ (exact).
const gjPerKWh = 0.0036

// demandFacts are the demand figures options need besides Building's.
type demandFacts struct {
	labels         []kosten.Label // per unit
	heatD, heatB   float64        // space heat after insulation to D / to B, GJ/yr
	insulD, insulB Band           // insulation cost to D / to B, EUR (2018)
	insulFailed    bool           // a jump Vesta does not define (cost taken as 0)
}

// kostenType maps a woningtype to Vesta's dwelling type.
func kostenType(t Woningtype) kosten.Woningtype {
	switch t {
	case TypeVrijstaand:
		return kosten.Vrijstaand
	case TypeTweeOnderEenKap:
		return kosten.TweeOnderEenKap
	case TypeHoekwoning:
		return kosten.RijwoningHoek
	case TypeTussenwoning:
		return kosten.RijwoningTussen
	case TypeMeergezinsHoog:
		return kosten.MeergezinsHoog
	default:
		return kosten.MeergezinsLaagMidden
	}
}

// better returns the better of two labels.
func better(a, b kosten.Label) kosten.Label {
	if b.Rank() > a.Rank() {
		return b
	}
	return a
}

// temps returns the temperature suitability of a label.
func temps(l kosten.Label) Temperatures {
	r := l.Rank()
	return Temperatures{C70: r >= 0, C50: r >= kosten.LabelB.Rank(), C40: r >= kosten.LabelA.Rank()}
}

// assignDemand sets label, demand, peak and suitability of every heated
// building and returns the facts options need.
func assignDemand(in *Input, bs []Building, fs []facts, p *kosten.Params) ([]demandFacts, []string, error) {
	lx := newLabelIndex(in.Labels)
	ds := make([]demandFacts, len(bs))
	unknownEra, noJump := 0, 0
	for i := range bs {
		b, f, d := &bs[i], &fs[i], &ds[i]
		if b.Use == UseBijgebouw {
			continue
		}
		ep := lx.unitLabels(in, b, f)
		d.labels = make([]kosten.Label, len(ep))
		var def kosten.Label
		var urow *utilRow
		era := b.Era
		if era == EraUnknown {
			era = eraFallback
			unknownEra++
		}
		per := kosten.Bouwperiode(era.String())
		kt := kostenType(b.Woningtype)
		if b.Use == UseWoning {
			l, err := p.DefaultLabel(kt, per)
			if err != nil {
				return nil, nil, fmt.Errorf("wijkanalyse: pand %s: %w", b.ID, err)
			}
			def = l
		} else {
			r, err := utilityRow(b.UtilityType, b.Bouwjaar)
			if err != nil {
				return nil, nil, fmt.Errorf("wijkanalyse: pand %s: %w", b.ID, err)
			}
			urow, def = r, r.defaultLabel
		}
		for k, s := range ep {
			l, err := kosten.ParseLabel(s)
			if s == "" || err != nil {
				d.labels[k] = def
				continue
			}
			d.labels[k] = l
			b.LabelsEPOnline++
		}
		switch {
		case b.LabelsEPOnline == 0:
			b.LabelSource = LabelDefault
		case b.LabelsEPOnline == len(d.labels):
			b.LabelSource = LabelEPOnline
		default:
			b.LabelSource = LabelMixed
		}
		mode := modeLabel(d.labels)
		b.Label = string(mode)
		b.Suitability = Suitability{
			AsIs:   temps(mode),
			AfterD: temps(better(mode, kosten.LabelD)),
			AfterB: temps(better(mode, kosten.LabelB)),
		}

		if b.Use == UseUtiliteit {
			m2 := b.FloorAreaM2
			heat := func(l kosten.Label) float64 { return max(0, urow.heatPerM2[l.Rank()]*m2) }
			b.SpaceHeatGJ = heat(mode)
			b.TapWaterGJ = max(0, urow.tapPerM2*m2)
			d.heatD = heat(better(mode, kosten.LabelD))
			d.heatB = heat(better(mode, kosten.LabelB))
			// Vesta defines utility jumps to B and A only; MT (to D) needs none.
			var ok bool
			if d.insulB, ok = urow.insulation(mode, better(mode, kosten.LabelB), m2); !ok {
				d.insulFailed = true
			}
		} else {
			n := len(d.labels)
			m2 := b.FloorAreaM2 / float64(max(1, b.Dwellings))
			area := kosten.SquareMetre(m2)
			other, err := p.OtherDemands(kt, per)
			if err != nil {
				return nil, nil, fmt.Errorf("wijkanalyse: pand %s: %w", b.ID, err)
			}
			for _, l := range d.labels {
				for _, tgt := range [...]struct {
					heat  *float64
					insul *Band
					to    kosten.Label
				}{{&b.SpaceHeatGJ, nil, l}, {&d.heatD, &d.insulD, better(l, kosten.LabelD)}, {&d.heatB, &d.insulB, better(l, kosten.LabelB)}} {
					h, err := p.SpaceHeat(kt, per, tgt.to, area)
					if err != nil {
						return nil, nil, fmt.Errorf("wijkanalyse: pand %s: %w", b.ID, err)
					}
					*tgt.heat += float64(h)
					if tgt.insul == nil {
						continue
					}
					c, err := p.InsulationCost(kt, per, l, tgt.to, area)
					if err != nil {
						d.insulFailed = true
						continue
					}
					*tgt.insul = tgt.insul.Add(Band{Value: float64(c.Value), Min: float64(c.Min), Max: float64(c.Max)})
				}
			}
			b.TapWaterGJ = max(0, other.TapWater.At(area)) * float64(n)
			// Vesta's fits are not monotone across labels: insulation never
			// raises demand in this model.
			d.heatD = min(d.heatD, b.SpaceHeatGJ)
			d.heatB = min(d.heatB, d.heatD)
		}
		if d.insulFailed {
			noJump++
		}
		b.PeakKW = b.SpaceHeatGJ/(gjPerKWh*fullLoadHours) + b.TapWaterGJ/(gjPerKWh*8760)
	}
	var notes []string
	if unknownEra > 0 {
		notes = append(notes, fmt.Sprintf("%d verwarmde gebouwen hebben geen plausibel bouwjaar: hun warmtevraag gebruikt de bouwperiode %s", unknownEra, eraFallback))
	}
	if noJump > 0 {
		notes = append(notes, fmt.Sprintf("%d gebouwen hebben een labelsprong nodig waar Vesta geen kosten voor geeft; dat deel van hun isolatiekosten is op 0 gezet", noJump))
	}
	return ds, notes, nil
}
