package kosten

import "fmt"

// CO2 is the yearly CO2 emission of an option's gas and electricity use
// (end users and heat production), with each calendar year's emission
// factor (co2.gas.*, co2.electricity.*) averaged without discounting over
// the evaluation years base_year+s+1 .. base_year+e. Emissions of heat
// bought from a source (restwarmte) are counted as zero. The band has no
// spread: emission factors carry none.
func (p *Params) CO2(o Option) (Band[TonneCO2], error) {
	en := o.Energy
	if o.Heat != nil {
		en = en.Add(o.Heat.Production)
	}
	s, e, base := p.evalWindow()
	if s < e && base+s+1 < FirstPriceYear {
		_, err := clampYear(base + s + 1)
		return Band[TonneCO2]{}, err
	}
	// CO2Factor's table read directly, year by year as it gives them
	// (every option of every building is priced here).
	gas, el := p.prices.co2[levelCarrier(Gas)], p.prices.co2[levelCarrier(Electricity)]
	var kg float64
	for t := s + 1; t <= e; t++ {
		y := min(base+t, LastPriceYear) - FirstPriceYear
		kg += gas[y]*float64(en.Gas) + el[y]*float64(en.Electricity)
	}
	return Point(TonneCO2(kg / float64(e-s) / 1000)), nil
}

// Strategy is one heat strategy for an area (a buurt or wijk) and the
// gas-boiler reference for the same buildings, each merged over every
// building (and, for a heat network, the network) with Params.Merge.
type Strategy struct {
	Name      string
	Option    Option
	Reference Option
	// Dwellings and UtilityArea give the dwelling-equivalents:
	// Dwellings + UtilityArea / dwelling_equivalent.utility_m2 (130 m2).
	Dwellings   float64
	UtilityArea SquareMetre
}

// Indicators are the Startanalyse-style results of a strategy. Every band
// runs between the low-cost and the high-cost scenario.
type Indicators struct {
	// NationalCost is the strategy's national cost per year.
	NationalCost Band[EuroPerYear]
	// NationalExtraCost is NationalCost minus the reference's (Startanalyse
	// H16, nationale meerkosten).
	NationalExtraCost Band[EuroPerYear]
	// EndUserPerDwelling is the end-user cost per year per
	// dwelling-equivalent.
	EndUserPerDwelling Band[EuroPerYear]
	// CO2Avoided is the reference's emission minus the strategy's, per year.
	CO2Avoided Band[TonneCO2]
	// EuroPerTonneCO2 is NationalExtraCost / CO2Avoided (Startanalyse H17);
	// only meaningful when EuroPerTonneDefined (CO2Avoided > 0).
	EuroPerTonneCO2     Band[float64]
	EuroPerTonneDefined bool
	// DwellingEquivalents and the national extra cost per
	// dwelling-equivalent per year (Startanalyse H18).
	DwellingEquivalents            float64
	ExtraCostPerDwellingEquivalent Band[EuroPerYear]
}

// Indicators computes the strategy indicators.
func (p *Params) Indicators(s Strategy) (Indicators, error) {
	var in Indicators
	weq := s.Dwellings + float64(s.UtilityArea)/p.value(pDwellingEquivalentUtilityM2)
	if !(weq > 0) {
		return in, fmt.Errorf("kosten: strategy %q has no dwellings or utility floor area", s.Name)
	}
	in.DwellingEquivalents = weq
	nat, err := p.National(s.Option)
	if err != nil {
		return in, err
	}
	ref, err := p.National(s.Reference)
	if err != nil {
		return in, err
	}
	eu, err := p.EndUser(s.Option)
	if err != nil {
		return in, err
	}
	co2, err := p.CO2(s.Option)
	if err != nil {
		return in, err
	}
	co2ref, err := p.CO2(s.Reference)
	if err != nil {
		return in, err
	}
	in.NationalCost = nat.Total
	in.NationalExtraCost = nat.Total.Sub(ref.Total)
	in.EndUserPerDwelling = eu.Total.Scale(1 / weq)
	in.CO2Avoided = co2ref.Sub(co2)
	in.ExtraCostPerDwellingEquivalent = in.NationalExtraCost.Scale(1 / weq)
	if av := float64(in.CO2Avoided.Value); av > 0 {
		x := in.NationalExtraCost
		in.EuroPerTonneCO2 = ordered(float64(x.Value)/av, float64(x.Min)/av, float64(x.Max)/av)
		in.EuroPerTonneDefined = true
	}
	return in, nil
}
