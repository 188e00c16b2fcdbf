package kosten

import (
	"fmt"
	"math"
	"sync/atomic"
)

// Payer says who pays an investment; it decides the discount rate and
// whether the end-user view sees it.
type Payer int

// Payers.
const (
	PayerOwner        Payer = iota // the building owner (owner-occupier, landlord or utility owner)
	PayerHeatCompany               // the heat company: network, substations, sources, in-building pipes, afleverset
	PayerGridOperator              // the gas or electricity grid operator (costs socialised through tariffs)
)

// VATClass is the VAT an owner pays on an investment.
type VATClass int

// VAT classes.
const (
	VATStandard VATClass = iota // tax.vat (21 %): installations
	VATBuilding                 // tax.vat_building (Vesta's 15 % mix of 21 % and 9 %): building improvements
	VATNone                     // no VAT (fees that are not supplies, or a payer that reclaims VAT)
)

// Owner is the kind of building owner; it picks the end-user discount rate.
type Owner int

// Owners.
const (
	OwnerOccupier Owner = iota // discount.owner_occupier
	Landlord                   // discount.landlord
	UtilityOwner               // discount.utility_owner
)

// Investment is one cost item paid at the start of the evaluation.
type Investment struct {
	Name string
	// Cost excluding VAT, euro of PriceYear.
	Cost Band[Euro]
	// Lifetime in years; 0 for a one-off cost that buys no asset (see
	// Annualise).
	Lifetime int
	// OM is the yearly operation and maintenance cost as a fraction of Cost.
	OM    float64
	Payer Payer
	VAT   VATClass
	// Part is what the investment buys (PartInsulation .. PartGrid); it
	// decides where its capital cost lands in Breakdown.Parts.
	Part Part
	// Learning is the learning-curve group of the investment (LearnHeatPump
	// .. LearnGeothermie); the views scale Cost by its LearningIndex at
	// eval.base_year. "" (LearnNone) is no curve: index 1 in every year
	// (electricity and gas infrastructure, fees, boilers).
	Learning string
}

// Energy is a yearly use of gas and electricity.
type Energy struct {
	Gas         CubicMetreGas
	Electricity KiloWattHour
	// GreenGas is groengas through the existing gas grid (PBL strategy
	// S4), priced by GreenGasPrice; Hydrogen is hydrogen through a
	// converted gas grid (S5), priced by HydrogenPrice. Neither is
	// counted in CO2 (Vesta books both as zero-emission).
	GreenGas CubicMetreGas
	Hydrogen GigaJoule
}

// Add returns e + f.
func (e Energy) Add(f Energy) Energy {
	return Energy{e.Gas + f.Gas, e.Electricity + f.Electricity, e.GreenGas + f.GreenGas, e.Hydrogen + f.Hydrogen}
}

// Scale returns e * f.
func (e Energy) Scale(f float64) Energy {
	return Energy{e.Gas * CubicMetreGas(f), e.Electricity * KiloWattHour(f), e.GreenGas * CubicMetreGas(f), e.Hydrogen * GigaJoule(f)}
}

// HeatSupply is the heat-network part of an option: what the end users buy
// from the heat company and what the company spends to make it.
type HeatSupply struct {
	// Delivered is the heat sold per year (at the afleverset).
	Delivered GigaJoule
	// Connections is the number of aansluitingen paying vastrecht and a
	// connection fee.
	Connections float64
	// Fee is the connection fee (aansluitbijdrage) per connection asked by
	// the company, excl. VAT; nil charges the ACM maximum. Either way it is
	// capped at tariff.heat.max_aansluitbijdrage.
	Fee *Euro
	// LT selects the low-temperature vastrecht (tariff.heat.vastrecht_lt).
	LT bool
	// Production is the energy the company uses per year (collective heat
	// pumps, pumps), bought as class ClassSmallMedium.
	Production Energy
	// Purchase is heat bought from a source owner per year (restwarmte); a
	// resource cost in the national view.
	Purchase Band[EuroPerYear]
}

// Option is one heat option for one building or a group of buildings:
// every investment, the yearly energy use of the end users and, for a heat
// network, the heat supply. Build one with the Params methods in
// options.go or assemble it; Merge adds options together.
type Option struct {
	Name        string
	Investments []Investment
	// Energy used by the end users per year.
	Energy Energy
	// Class is the end users' KEV user class (ClassSmall for dwellings).
	Class UserClass
	Owner Owner
	// GasConnections is the number of gas connections the end users keep
	// (they pay the fixed gas-grid charges).
	GasConnections float64
	Heat           *HeatSupply
}

// Merge returns an option holding the investments, energy and heat of all
// the given options (e.g. every dwelling of a strategy plus the network).
// Class and Owner are taken from the first option. Connection fees are
// averaged over connections, nil fees counting as the ACM maximum.
func (p *Params) Merge(name string, opts ...Option) Option {
	m := Option{Name: name}
	for i, o := range opts {
		if i == 0 {
			m.Class, m.Owner = o.Class, o.Owner
		}
		m.Investments = append(m.Investments, o.Investments...)
		m.Energy = m.Energy.Add(o.Energy)
		m.GasConnections += o.GasConnections
		if o.Heat == nil {
			continue
		}
		if m.Heat == nil {
			h := *o.Heat
			m.Heat = &h
			continue
		}
		h := m.Heat
		if h.Fee != nil || o.Heat.Fee != nil {
			if n := h.Connections + o.Heat.Connections; n > 0 {
				f := (p.fee(h)*Euro(h.Connections) + p.fee(o.Heat)*Euro(o.Heat.Connections)) / Euro(n)
				h.Fee = &f
			}
		}
		h.Delivered += o.Heat.Delivered
		h.Connections += o.Heat.Connections
		h.LT = h.LT || o.Heat.LT
		h.Production = h.Production.Add(o.Heat.Production)
		h.Purchase = h.Purchase.Add(o.Heat.Purchase)
	}
	return m
}

// Breakdown is a yearly cost split by kind. Total is their sum.
type Breakdown struct {
	Capital Band[EuroPerYear] // annualised investments
	OM      Band[EuroPerYear] // operation and maintenance
	Energy  Band[EuroPerYear] // gas, electricity, production energy and heat purchase
	Tariffs Band[EuroPerYear] // fixed gas charges and heat-network tariffs (end-user view only)
	Total   Band[EuroPerYear]
	// Parts splits Total by component: Capital by each investment's Part,
	// then PartOM = OM, PartEnergy = Energy (end-user view: plus the heat
	// bought at tariff.heat.price), PartFixedCharges and
	// PartConnectionFee the rest of Tariffs. The parts add up to Total,
	// value and ends alike (up to rounding).
	Parts Parts
}

func (b *Breakdown) sum() {
	b.Total = SumBands(b.Capital, b.OM, b.Energy, b.Tariffs)
}

// evalWindow returns s, e and the base year.
func (p *Params) evalWindow() (s, e, base int) {
	return int(p.value(pEvalStart)), int(p.value(pEvalEnd)), int(p.value(pEvalBaseYear))
}

// rateSlot is a discount-rate parameter the views use; its band ends key
// the levelised prices and annuity factors a Params remembers.
type rateSlot int

// The discount rates of the views.
const (
	rateNational rateSlot = iota
	rateHeatCompany
	rateOwnerOccupier
	rateLandlord
	rateUtilityOwner
	numRateSlots
)

var rateParams = [numRateSlots]pid{pDiscountNational, pDiscountHeatCompany, pDiscountOwnerOccupier, pDiscountLandlord, pDiscountUtilityOwner}

// The ends of a rate band, in the order energyCost takes them.
const (
	endValue = iota
	endMin
	endMax
	numEnds
)

// discountRate is a discount rate band and the slot it is remembered by.
type discountRate struct {
	Band[float64]
	slot rateSlot
}

func (p *Params) rate(s rateSlot) discountRate { return discountRate{p.band(rateParams[s]), s} }

// end returns the rate at one end of the band.
func (r discountRate) end(e int) float64 {
	switch e {
	case endMin:
		return r.Min
	case endMax:
		return r.Max
	}
	return r.Value
}

// maxAnnuityLife bounds the lifetimes whose annuity factors a Params
// remembers; longer ones are computed every time.
const maxAnnuityLife = 128

// annuityTable holds math.Float64bits of the annualisation factor per
// rate, end and lifetime (0: one-off, NcwAnnuity over the evaluation
// years); 0 bits is not yet computed (every factor is positive).
type annuityTable [numRateSlots][numEnds][maxAnnuityLife]atomic.Uint64

// annuityFactor is Annuity at the rate's end over lifetime, or NcwAnnuity
// over the evaluation years for lifetime 0.
func (p *Params) annuityFactor(r discountRate, e, lifetime int) float64 {
	if lifetime < maxAnnuityLife {
		if bits := p.annuity[r.slot][e][lifetime].Load(); bits != 0 {
			return math.Float64frombits(bits)
		}
	}
	var f float64
	if lifetime >= 1 {
		f = Annuity(r.end(e), lifetime)
	} else {
		s, en, _ := p.evalWindow()
		f = NcwAnnuity(r.end(e), s, en)
	}
	if lifetime < maxAnnuityLife && f > 0 {
		p.annuity[r.slot][e][lifetime].Store(math.Float64bits(f))
	}
	return f
}

// annualise a cost band with a rate band: the low cost with the low rate,
// the high cost with the high rate.
func (p *Params) annualise(c Band[Euro], rate discountRate, lifetime int) Band[EuroPerYear] {
	lo, hi := p.annuityFactor(rate, endMin, lifetime), p.annuityFactor(rate, endMax, lifetime)
	return Band[EuroPerYear]{
		Value: EuroPerYear(float64(c.Value) * p.annuityFactor(rate, endValue, lifetime)),
		Min:   EuroPerYear(float64(c.Min) * min(lo, hi)),
		Max:   EuroPerYear(float64(c.Max) * max(lo, hi)),
	}
}

// priceView picks the part of an energy price a view pays.
type priceView func(EnergyPrice) float64

// The carriers and classes whose levelised prices a Params remembers.
var (
	levelCarriers = [...]Carrier{Gas, Electricity, GreenGas, Hydrogen}
	levelClasses  = [...]UserClass{ClassSmall, ClassSmallMedium}
)

// levelTable holds the levelised price components per rate, end,
// carrier and class; nil is not yet computed.
type levelTable [numRateSlots][numEnds][len(levelCarriers)][len(levelClasses)]atomic.Pointer[EnergyPrice]

func levelCarrier(c Carrier) int {
	switch c {
	case Gas:
		return 0
	case Electricity:
		return 1
	case GreenGas:
		return 2
	case Hydrogen:
		return 3
	}
	return -1
}

func levelClass(class UserClass) int {
	switch class {
	case ClassSmall:
		return 0
	case ClassSmallMedium:
		return 1
	}
	return -1
}

// levelised is the yearly cost of a constant yearly use of one unit of a
// carrier, priced at each year's price and levelised over the evaluation
// years at the rate's end e (see Levelise), for the part of the price view
// picks. Views are linear in the price components, so the components are
// levelised once per carrier, class and rate and remembered.
func (p *Params) levelised(c Carrier, class UserClass, r discountRate, e int, view priceView) (float64, error) {
	ci, ki := levelCarrier(c), levelClass(class)
	var slot *atomic.Pointer[EnergyPrice]
	if ci >= 0 && ki >= 0 {
		slot = &p.level[r.slot][e][ci][ki]
		if v := slot.Load(); v != nil {
			return view(*v), nil
		}
	}
	rate := r.end(e)
	s, en, base := p.evalWindow()
	var lv EnergyPrice
	for t := s + 1; t <= en; t++ {
		pr, err := p.EnergyPrice(c, class, base+t)
		if err != nil {
			return 0, err
		}
		d := Discount(rate, t)
		lv.Commodity += pr.Commodity * d
		lv.CO2 += pr.CO2 * d
		lv.Network += pr.Network * d
		lv.ODE += pr.ODE * d
		lv.EnergyTax += pr.EnergyTax * d
		lv.VAT += pr.VAT * d
	}
	f := NcwAnnuity(rate, s, en)
	lv = EnergyPrice{lv.Commodity * f, lv.CO2 * f, lv.Network * f, lv.ODE * f, lv.EnergyTax * f, lv.VAT * f}
	if slot != nil {
		slot.Store(&lv)
	}
	return view(lv), nil
}

func (p *Params) energyCost(en Energy, class UserClass, rate discountRate, view priceView) (Band[EuroPerYear], error) {
	var out Band[EuroPerYear]
	for i := range numEnds {
		g, err := p.levelised(Gas, class, rate, i, view)
		if err != nil {
			return out, err
		}
		el, err := p.levelised(Electricity, class, rate, i, view)
		if err != nil {
			return out, err
		}
		v := EuroPerYear(g*float64(en.Gas) + el*float64(en.Electricity))
		if en.GreenGas != 0 {
			gg, err := p.levelised(GreenGas, class, rate, i, view)
			if err != nil {
				return out, err
			}
			v += EuroPerYear(gg * float64(en.GreenGas))
		}
		if en.Hydrogen != 0 {
			h2, err := p.levelised(Hydrogen, class, rate, i, view)
			if err != nil {
				return out, err
			}
			v += EuroPerYear(h2 * float64(en.Hydrogen))
		}
		switch i {
		case endValue:
			out.Value = v
		case endMin:
			out.Min = v
		default:
			out.Max = v
		}
	}
	if out.Min > out.Max {
		out.Min, out.Max = out.Max, out.Min
	}
	out.Min, out.Max = min(out.Min, out.Value), max(out.Max, out.Value)
	return out, nil
}

func validate(o Option) error {
	for _, iv := range o.Investments {
		if !iv.Cost.Valid() || iv.Lifetime < 0 || iv.OM < 0 || math.IsNaN(iv.OM) {
			return fmt.Errorf("kosten: option %q: investment %q: invalid cost %+v, lifetime %d or O&M %g", o.Name, iv.Name, iv.Cost, iv.Lifetime, iv.OM)
		}
		if !iv.Part.Capital() {
			return fmt.Errorf("kosten: option %q: investment %q: part %d is not a part an investment can be for", o.Name, iv.Name, int(iv.Part))
		}
	}
	if o.Energy.Gas < 0 || o.Energy.Electricity < 0 || o.Energy.GreenGas < 0 || o.Energy.Hydrogen < 0 {
		return fmt.Errorf("kosten: option %q: negative energy use %+v", o.Name, o.Energy)
	}
	if o.Class == "" {
		return fmt.Errorf("kosten: option %q: no user class", o.Name)
	}
	return nil
}

// National is the yearly cost of an option to the Netherlands as a whole:
// every investment excluding VAT (whoever pays it) annualised at
// discount.national, O&M, and energy at commodity + CO2 + network prices
// (EnergyPrice.National), plus the company's production energy and heat
// purchases. Energy tax, ODE, VAT, subsidies, connection fees and heat
// tariffs are transfers and are left out.
func (p *Params) National(o Option) (Breakdown, error) {
	var b Breakdown
	if err := validate(o); err != nil {
		return b, err
	}
	rate := p.rate(rateNational)
	for _, iv := range o.Investments {
		c, om, err := p.learned(iv)
		if err != nil {
			return b, fmt.Errorf("kosten: option %q: %w", o.Name, err)
		}
		k := p.annualise(c, rate, iv.Lifetime)
		b.Capital = b.Capital.Add(k)
		b.Parts[iv.Part] = b.Parts[iv.Part].Add(k)
		b.OM = b.OM.Add(om)
	}
	en, err := p.energyCost(o.Energy, o.Class, rate, EnergyPrice.National)
	if err != nil {
		return b, err
	}
	b.Energy = en
	if o.Heat != nil {
		pe, err := p.energyCost(o.Heat.Production, ClassSmallMedium, rate, EnergyPrice.National)
		if err != nil {
			return b, err
		}
		b.Energy = b.Energy.Add(pe).Add(o.Heat.Purchase)
	}
	b.Parts[PartOM], b.Parts[PartEnergy] = b.OM, b.Energy
	b.sum()
	return b, nil
}

func (p *Params) ownerRate(o Owner) discountRate {
	switch o {
	case Landlord:
		return p.rate(rateLandlord)
	case UtilityOwner:
		return p.rate(rateUtilityOwner)
	}
	return p.rate(rateOwnerOccupier)
}

func (p *Params) vatRate(c VATClass) float64 {
	switch c {
	case VATBuilding:
		return p.value(pTaxVatBuilding)
	case VATNone:
		return 0
	}
	return p.value(pTaxVat)
}

// fee is the connection fee per connection after the cap: Vesta's
// maximum (tariff.heat.max_aansluitbijdrage), never above ACM's published
// maximum (tariff.heat.acm_max_aansluitbijdrage).
func (p *Params) fee(h *HeatSupply) Euro {
	limit := Euro(min(p.value(pTariffHeatMaxAansluitbijdrage), p.value(pTariffHeatAcmMaxAansluitbijdrage)))
	if h.Fee == nil {
		return limit
	}
	return min(*h.Fee, limit)
}

// vastrecht is Vesta's vastrecht (MT or LT) plus meettarief, each never
// above ACM's published maximum (tariff.heat.acm_max_vastrecht,
// tariff.heat.acm_max_meettarief).
func (p *Params) vastrecht(h *HeatSupply) EuroPerYear {
	v := p.value(pTariffHeatVastrechtMt)
	if h.LT {
		v = p.value(pTariffHeatVastrechtLt)
	}
	v = min(v, p.value(pTariffHeatAcmMaxVastrecht))
	return EuroPerYear(v + min(p.value(pTariffHeatMeettarief), p.value(pTariffHeatAcmMaxMeettarief)))
}

// gasFixedCharges is the yearly fixed gas-grid bill of one connection, excl. VAT.
func (p *Params) gasFixedCharges() EuroPerYear {
	return EuroPerYear(p.value(pGridGasVastrecht) + p.value(pGridGasPeriodiekeAansluitvergoeding) +
		p.value(pGridGasMeterhuur) + p.value(pGridGasCapaciteitstarief) + p.value(pGridGasLeveringstarief))
}

// EndUser is the yearly cost of an option to its end users: the owner's
// investments plus VAT annualised at the owner's rate (Option.Owner), their
// O&M plus VAT, energy at full consumer prices (ODE, energy tax and VAT
// included), the fixed gas-grid charges of the gas connections kept, and
// for a heat network the connection fee (capped by ACM), vastrecht and
// meettarief (charged at the ACM maximum, as Vesta does) and the heat price
// (HeatPrice), plus VAT. Investments
// paid by the heat company or the grid operator reach the end user only
// through these tariffs. The heffingskorting (an energy-tax rebate per
// electricity connection) is the same in every option and is left out.
func (p *Params) EndUser(o Option) (Breakdown, error) {
	var b Breakdown
	if err := validate(o); err != nil {
		return b, err
	}
	rate := p.ownerRate(o.Owner)
	vat := p.value(pTaxVat)
	for _, iv := range o.Investments {
		if iv.Payer != PayerOwner {
			continue
		}
		c, om, err := p.learned(iv)
		if err != nil {
			return b, fmt.Errorf("kosten: option %q: %w", o.Name, err)
		}
		v := 1 + p.vatRate(iv.VAT)
		k := p.annualise(c.Scale(v), rate, iv.Lifetime)
		b.Capital = b.Capital.Add(k)
		b.Parts[iv.Part] = b.Parts[iv.Part].Add(k)
		b.OM = b.OM.Add(om.Scale(v))
	}
	en, err := p.energyCost(o.Energy, o.Class, rate, EnergyPrice.EndUser)
	if err != nil {
		return b, err
	}
	b.Energy = en
	fixed := Point(p.gasFixedCharges() * EuroPerYear(o.GasConnections*(1+vat)))
	var fee, heat Band[EuroPerYear]
	if h := o.Heat; h != nil {
		fee = p.annualise(Point(p.fee(h)*Euro(h.Connections*(1+vat))), rate, 0)
		fixed = fixed.Add(Point(p.vastrecht(h) * EuroPerYear(h.Connections*(1+vat))))
		heat = Point(EuroPerYear(float64(h.Delivered) * float64(p.HeatPrice()) * (1 + vat)))
	}
	b.Tariffs = fixed.Add(fee).Add(heat)
	b.Parts[PartOM], b.Parts[PartEnergy] = b.OM, b.Energy.Add(heat)
	b.Parts[PartFixedCharges], b.Parts[PartConnectionFee] = fixed, fee
	b.sum()
	return b, nil
}

// CompanyResult is the heat company's yearly account for an option.
type CompanyResult struct {
	// Revenue: connection fees (annualised at the company rate), vastrecht,
	// meettarief and heat sales, excl. VAT.
	Revenue Band[EuroPerYear]
	// Cost: the company's investments annualised at discount.heat_company,
	// their O&M, production energy (excl. VAT, class KMG), heat purchases and
	// supplier administration (om.supplier_admin of vastrecht).
	Cost Band[EuroPerYear]
	// Ratio is Revenue / Cost: above 1 the option pays for itself at the
	// company's rate. Its low end is Revenue.Min / Cost.Max.
	Ratio Band[float64]
}

// Company is the heat company's view of an option with a heat network
// (an option without Heat has no company and returns an error).
func (p *Params) Company(o Option) (CompanyResult, error) {
	var r CompanyResult
	if err := validate(o); err != nil {
		return r, err
	}
	h := o.Heat
	if h == nil {
		return r, fmt.Errorf("kosten: option %q has no heat network", o.Name)
	}
	rate := p.rate(rateHeatCompany)
	rev := p.annualise(Point(p.fee(h)*Euro(h.Connections)), rate, 0)
	// A higher company rate makes the annualised fee larger: that end is
	// the optimistic revenue, so the fee's band stays as annualise gives it.
	vr := p.vastrecht(h) * EuroPerYear(h.Connections)
	rev = rev.Add(Point(vr))
	rev = rev.Add(Point(EuroPerYear(float64(h.Delivered) * float64(p.HeatPrice()))))
	var cost Band[EuroPerYear]
	for _, iv := range o.Investments {
		if iv.Payer != PayerHeatCompany {
			continue
		}
		c, om, err := p.learned(iv)
		if err != nil {
			return r, fmt.Errorf("kosten: option %q: %w", o.Name, err)
		}
		cost = cost.Add(p.annualise(c, rate, iv.Lifetime))
		cost = cost.Add(om)
	}
	pe, err := p.energyCost(h.Production, ClassSmallMedium, rate, EnergyPrice.ExclVAT)
	if err != nil {
		return r, err
	}
	cost = cost.Add(pe).Add(h.Purchase).Add(Point(vr * EuroPerYear(p.value(pOmSupplierAdmin))))
	r.Revenue, r.Cost = rev, cost
	if cost.Min <= 0 {
		return r, fmt.Errorf("kosten: option %q: the heat company has no costs, the return ratio is undefined", o.Name)
	}
	r.Ratio = Band[float64]{
		Value: float64(rev.Value / cost.Value),
		Min:   float64(rev.Min / cost.Max),
		Max:   float64(rev.Max / cost.Min),
	}
	return r, nil
}
