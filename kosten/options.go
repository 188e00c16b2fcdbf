package kosten

import (
	"fmt"
	"math"
)

// Dwelling is what the option builders need to know of one dwelling.
type Dwelling struct {
	Type   Woningtype
	Period Bouwperiode
	// Label is the current label; "" means Vesta's default for Type x Period.
	Label Label
	// Area is the floor area (gebruiksoppervlakte).
	Area SquareMetre
	// Peak is the design heat load; it sizes heat pumps (euro per kW).
	Peak  KiloWatt
	Owner Owner
}

func (d Dwelling) multiFamily() bool {
	return d.Type == MeergezinsLaagMidden || d.Type == MeergezinsHoog
}

func (p *Params) resolve(d Dwelling) (Dwelling, error) {
	if d.Label == "" {
		l, err := p.DefaultLabel(d.Type, d.Period)
		if err != nil {
			return d, err
		}
		d.Label = l
	}
	if d.Label.Rank() < 0 {
		return d, fmt.Errorf("kosten: unknown energy label %q", d.Label)
	}
	if !(d.Area > 0) || math.IsInf(float64(d.Area), 0) {
		return d, fmt.Errorf("kosten: dwelling floor area must be positive, have %g m2", float64(d.Area))
	}
	return d, nil
}

// demand returns space heat at label l and tap-water heat, GJ per year.
func (p *Params) demand(d Dwelling, l Label) (space, tap GigaJoule, err error) {
	space, err = p.SpaceHeat(d.Type, d.Period, l, d.Area)
	if err != nil {
		return 0, 0, err
	}
	o, err := p.OtherDemands(d.Type, d.Period)
	if err != nil {
		return 0, 0, err
	}
	return space, GigaJoule(max(0, o.TapWater.At(d.Area))), nil
}

// Installation prices installation in at peak kW from its low and high
// fits: Cost spans inst.<name>.low.eur_per_asl + low.eur_per_kw x peak to
// the same of the high fit (Span: the central value their mean), with
// Lifetime inst.<name>.lifetime and OM inst.<name>.om, paid by the owner
// at the standard VAT rate (PartInstallation), and Learning its kind's
// curve (LearnHeatPump for hp_air and hp_ground, LearnHybrid for
// hp_hybrid, none for the boilers). Name is the installation's name,
// such as "hp_air".
func (p *Params) Installation(in Installation, peak KiloWatt) Investment {
	name := installNames[in]
	lo := p.value(instID(in, instLowAsl)) + p.value(instID(in, instLowKW))*float64(peak)
	hi := p.value(instID(in, instHighAsl)) + p.value(instID(in, instHighKW))*float64(peak)
	return Investment{
		Name: name, Cost: Span(Euro(lo), Euro(hi)),
		Lifetime: int(p.value(instID(in, instLifetime))), OM: p.value(instID(in, instOM)),
		Payer: PayerOwner, VAT: VATStandard, Part: PartInstallation,
		Learning: installationLearning(name),
	}
}

// installationLearning is the learning-curve group of an individual
// installation: Vesta's eWP curve for the all-electric heat pumps, its
// hybrid curve for the hybrid heat pump; none for the HR boiler (the
// table has no boiler curve).
func installationLearning(name string) string {
	switch name {
	case string(AirHeatPump), string(GroundHeatPump):
		return LearnHeatPump
	case "hp_hybrid":
		return LearnHybrid
	}
	return LearnNone
}

// InsulationLearning is the learning-curve group of a label jump to
// target: Vesta's curve for jumps to label A and better (LearnInsulationA)
// or its curve for jumps up to C and to B (LearnInsulationCB; a jump to
// D, the MT-network target, is of that kind too).
func InsulationLearning(target Label) string {
	if target.Rank() >= LabelA.Rank() {
		return LearnInsulationA
	}
	return LearnInsulationCB
}

// insulation appends the insulation of d to label to (none if d is at
// or above it) to inv.
func (p *Params) insulation(inv []Investment, d Dwelling, to Label) ([]Investment, error) {
	fi, ti := d.Label.Rank(), to.Rank()
	if ti <= fi {
		return inv, nil
	}
	c, err := p.InsulationCost(d.Type, d.Period, d.Label, to, d.Area)
	if err != nil {
		return nil, err
	}
	name := insulationNames[fi][ti]
	if name == "" {
		name = fmt.Sprintf("insulation %s->%s", d.Label, to)
	}
	return append(inv, Investment{
		Name: name, Cost: c,
		Lifetime: int(p.value(pInsulationLifetime)), OM: p.value(pOmInsulation),
		Payer: PayerOwner, VAT: VATBuilding, Part: PartInsulation,
		Learning: InsulationLearning(to),
	}), nil
}

// insulationNames[from][to] is the name of the insulation investment
// from label rank from to rank to.
var insulationNames = func() (n [8][8]string) {
	for fi, from := range Labels {
		for ti, to := range Labels[fi+1:] {
			n[fi][fi+1+ti] = "insulation " + string(from) + "->" + string(to)
		}
	}
	return n
}()

// insulateNames[k][rank] is "<k>, insulate to <label>" for the heat pump
// kinds (hpKinds) and then the MT and LT heat networks: the names of the
// options HeatPump and HeatNetworkConnection build.
var insulateNames = func() (n [len(hpKinds) + 2][8]string) {
	kinds := []string{string(hpKinds[0]), string(hpKinds[1]), "heat network MT", "heat network LT"}
	for k, kind := range kinds {
		for r, l := range Labels {
			n[k][r] = kind + ", insulate to " + string(l)
		}
	}
	return n
}()

func (p *Params) gasRemoval(d Dwelling) Investment {
	k := pGridGasRemoveConnectionLaagbouw
	if d.Type == MeergezinsHoog {
		k = pGridGasRemoveConnectionHoogbouw
	}
	return Investment{Name: "remove gas connection", Cost: Convert[Euro](p.band(k), 1), Payer: PayerGridOperator, VAT: VATNone, Part: PartGrid}
}

func better(a, b Label) Label {
	if a.Rank() > b.Rank() {
		return a
	}
	return b
}

// GasBoiler is the reference: the dwelling as it is, heated by an HR boiler
// that is replaced at the end of its life (inst.hr_boiler), gas for space
// heat (efficiency perf.hr_boiler.rv) and tap water (perf.hr_boiler.tw),
// and a gas connection kept. Appliance electricity is the same in every
// option and left out of all of them.
func (p *Params) GasBoiler(d Dwelling) (Option, error) {
	d, err := p.resolve(d)
	if err != nil {
		return Option{}, err
	}
	space, tap, err := p.demand(d, d.Label)
	if err != nil {
		return Option{}, err
	}
	gj := float64(space)/p.value(pPerfHrBoilerRv) + float64(tap)/p.value(pPerfHrBoilerTw)
	return Option{
		Name:           "gas boiler (reference)",
		Investments:    []Investment{p.Installation(InstHRBoiler, d.Peak)},
		Energy:         Energy{Gas: p.GasVolume(GigaJoule(gj))},
		Class:          ClassSmall,
		Owner:          d.Owner,
		GasConnections: 1,
	}, nil
}

// HeatPumpKind selects an all-electric heat pump.
type HeatPumpKind string

// Heat pump kinds.
const (
	AirHeatPump    HeatPumpKind = "hp_air"    // Vesta eWP_lw
	GroundHeatPump HeatPumpKind = "hp_ground" // Vesta eWP_bw
)

// HeatPump is the all-electric option: insulate to target (label B in the
// Startanalyse; a dwelling already at or above target is left as is), an
// electric heat pump sized at d.Peak, a low-temperature emission system
// (ltas.egw or ltas.mgw), an upgrade of the electricity connection to
// 3x25 A and removal of the gas connection (both paid by the grid
// operator). Electricity = space heat at the new label / SPF(label) +
// tap water / SPF(tap water) (perf.<kind>.*).
func (p *Params) HeatPump(d Dwelling, kind HeatPumpKind, target Label) (Option, error) {
	d, err := p.resolve(d)
	if err != nil {
		return Option{}, err
	}
	if kind != AirHeatPump && kind != GroundHeatPump {
		return Option{}, fmt.Errorf("kosten: unknown heat pump kind %q", kind)
	}
	if !(d.Peak > 0) {
		return Option{}, fmt.Errorf("kosten: a heat pump needs the dwelling's peak load, have %g kW", float64(d.Peak))
	}
	inv, err := p.insulation(make([]Investment, 0, 5), d, target)
	if err != nil {
		return Option{}, err
	}
	after := better(d.Label, target)
	space, tap, err := p.demand(d, after)
	if err != nil {
		return Option{}, err
	}
	spfLabel := after
	if spfLabel.Rank() < LabelC.Rank() {
		spfLabel = LabelC // Vesta's row "x" (other labels) equals label C
	}
	hp, inst := 0, InstHPAir
	if kind == GroundHeatPump {
		hp, inst = 1, InstHPGround
	}
	spf := hpRvC
	switch spfLabel {
	case LabelB:
		spf = hpRvB
	case LabelA:
		spf = hpRvA
	}
	gj := float64(space)/p.value(hpPerfID(hp, spf)) + float64(tap)/p.value(hpPerfID(hp, hpTw))
	ltas := pLtasEgw
	if d.multiFamily() {
		ltas = pLtasMgw
	}
	inv = append(inv,
		p.Installation(inst, d.Peak),
		Investment{Name: "LT emission system", Cost: Convert[Euro](p.band(ltas), 1), Lifetime: int(p.value(pLifeInbuilding)), Payer: PayerOwner, VAT: VATBuilding, Part: PartInstallation, Learning: LearnLTAS},
		Investment{Name: "electricity connection 3x25 A", Cost: Convert[Euro](p.band(pGridElecUpgrade3x25a), 1), Lifetime: int(p.value(pLifeGrid)), Payer: PayerGridOperator, VAT: VATNone, Part: PartGrid},
		p.gasRemoval(d),
	)
	return Option{
		Name:        insulateNames[hp][after.Rank()],
		Investments: inv,
		Energy:      Energy{Electricity: KWhFromGigaJoule(GigaJoule(gj))},
		Class:       ClassSmall,
		Owner:       d.Owner,
	}, nil
}

// HybridHeatPump keeps the label and the gas boiler and adds a hybrid heat
// pump (inst.hp_hybrid) that delivers perf.hp_hybrid.share of the space
// heat at SPF perf.hp_hybrid.rv; the boiler delivers the rest and the tap
// water.
func (p *Params) HybridHeatPump(d Dwelling) (Option, error) {
	d, err := p.resolve(d)
	if err != nil {
		return Option{}, err
	}
	if !(d.Peak > 0) {
		return Option{}, fmt.Errorf("kosten: a heat pump needs the dwelling's peak load, have %g kW", float64(d.Peak))
	}
	space, tap, err := p.demand(d, d.Label)
	if err != nil {
		return Option{}, err
	}
	share := p.value(pPerfHpHybridShare)
	el := float64(space) * share / p.value(pPerfHpHybridRv)
	gas := float64(space)*(1-share)/p.value(pPerfHrBoilerRv) + float64(tap)/p.value(pPerfHrBoilerTw)
	return Option{
		Name:           "hybrid heat pump",
		Investments:    []Investment{p.Installation(InstHPHybrid, d.Peak), p.Installation(InstHRBoiler, d.Peak)},
		Energy:         Energy{Gas: p.GasVolume(GigaJoule(gas)), Electricity: KWhFromGigaJoule(GigaJoule(el))},
		Class:          ClassSmall,
		Owner:          d.Owner,
		GasConnections: 1,
	}, nil
}

// HeatNetworkConnection is the building side of a heat network for one
// dwelling: insulation to target (label D for MT, B for LT in the
// Startanalyse), in-building pipework (hn.inbuilding.*) and afleverset,
// ongeriefsvergoeding and project management, all paid by the heat
// company; the service pipe cost the router computed (servicePipe, paid by
// the company; pass a zero band if the network price already holds it);
// for LT a booster heat pump for tap water and an LT emission system (paid
// by the owner); removal of the gas connection. The dwelling buys its
// space heat and tap water as heat and pays the capped connection fee.
// Network, substations and source are priced by Network.
func (p *Params) HeatNetworkConnection(d Dwelling, target Label, lt bool, servicePipe Band[Euro]) (Option, error) {
	d, err := p.resolve(d)
	if err != nil {
		return Option{}, err
	}
	inv, err := p.insulation(make([]Investment, 0, 9), d, target)
	if err != nil {
		return Option{}, err
	}
	after := better(d.Label, target)
	space, tap, err := p.demand(d, after)
	if err != nil {
		return Option{}, err
	}
	inb := pHnInbuildingEgw
	if d.multiFamily() {
		inb = pHnInbuildingMgw
	}
	life := int(p.value(pLifeInbuilding))
	inv = append(inv,
		Investment{Name: "in-building pipework", Cost: Convert[Euro](p.band(inb), 1), Lifetime: life, OM: p.value(pOmInbuilding), Payer: PayerHeatCompany, Part: PartInstallation, Learning: LearnInBuilding},
		Investment{Name: "afleverset", Cost: Convert[Euro](p.band(pHnAfleverset), 1), Lifetime: life, OM: p.value(pOmInbuilding), Payer: PayerHeatCompany, Part: PartInstallation, Learning: LearnInBuilding},
		Investment{Name: "ongeriefsvergoeding", Cost: Convert[Euro](p.band(pHnOngeriefsvergoeding), 1), Payer: PayerHeatCompany, Part: PartNetwork},
		Investment{Name: "project management", Cost: Convert[Euro](p.band(pHnProjectmanagement), 1), Payer: PayerHeatCompany, Part: PartNetwork},
		p.gasRemoval(d),
	)
	if servicePipe != (Band[Euro]{}) {
		inv = append(inv, Investment{Name: "service pipe", Cost: servicePipe, Lifetime: int(p.value(pLifeNetwork)), OM: p.value(pOmPipesSecondary), Payer: PayerHeatCompany, Part: PartNetwork, Learning: LearnServicePipes})
	}
	name := len(hpKinds) // insulateNames: heat network MT
	if lt {
		name++
		ltas := pLtasEgw
		if d.multiFamily() {
			ltas = pLtasMgw
		}
		inv = append(inv,
			Investment{Name: "booster heat pump", Cost: Convert[Euro](p.band(pHnLtBooster), 1), Lifetime: int(p.value(instID(InstHPAir, instLifetime))), OM: p.value(instID(InstHPAir, instOM)), Payer: PayerOwner, VAT: VATStandard, Part: PartInstallation, Learning: LearnHeatPump},
			Investment{Name: "LT emission system", Cost: Convert[Euro](p.band(ltas), 1), Lifetime: life, Payer: PayerOwner, VAT: VATBuilding, Part: PartInstallation, Learning: LearnLTAS},
		)
	}
	return Option{
		Name:        insulateNames[name][after.Rank()],
		Investments: inv,
		Class:       ClassSmall,
		Owner:       d.Owner,
		Heat:        &HeatSupply{Delivered: space + tap, Connections: 1, LT: lt},
	}, nil
}

// Source is a heat source of a network.
type Source string

// Heat sources priced by Network.
const (
	SourceRestwarmte   Source = "restwarmte"    // industrial residual heat (TypeInfo Industrie)
	SourceAVI          Source = "avi"           // waste incineration (TypeInfo AVI)
	SourceGeothermie   Source = "geothermie"    // TypeInfo Geothermie
	SourceWKO          Source = "wko"           // aquifer storage with collective heat pump
	SourceTEO          Source = "teo"           // aquathermie from surface water, collective heat pump
	SourceTEA          Source = "tea"           // aquathermie from waste water (priced as TEO: proxy)
	SourceCollectiveHP Source = "collective_hp" // collective air heat pump alone
	SourceLTRest       Source = "lt_restwarmte" // low-temperature residual heat (30 C: data centre, supermarket, RWZI) with a collective heat pump (Hestia TypeInfo)
)

// NetworkQuantities is what the router measured for one network.
type NetworkQuantities struct {
	// Trench is the distribution pipe length per DN (metres of trench),
	// priced at the EDR catalogue price of each DN (PipeCostPerMetre).
	Trench map[int]Metre
	// Pipes is the investment in distribution pipes the caller priced
	// itself (e.g. per segment with PipeCost by the peak it carries);
	// added besides Trench. Zero: none.
	Pipes Band[Euro]
	// Transport is the length of the transport pipe from a source outside
	// the area to the network's feed point, metres of trench (straight
	// distance; Network applies pipe.vesta.omwegfactor), priced with
	// PipeCost at the network's peak and TransportDeltaT. Zero: none.
	Transport       Metre
	TransportDeltaT float64
	// Peak is the simultaneous peak load at the source.
	Peak KiloWatt
	// Delivered is the heat sold per year; Losses the network's heat loss.
	Delivered, Losses GigaJoule
	Source            Source
	LT                bool
}

// SourceSplit is how a network's heat production is shared between its
// main source and the peak (and backup) gas boiler, after Vesta's source
// defaults: the main source is built for source.main_capacity_share of the
// peak and delivers source.main_volume_share of the heat produced, but for
// no less than that heat divided by source.main_max_full_load_hours (a
// source cannot run more full-load hours than a year has); a gas
// boiler (Vesta's HulpKetel) is built for the rest of the peak and burns
// gas for the rest of the heat.
type SourceSplit struct {
	MainKW, BoilerKW KiloWatt
	MainGJ, BoilerGJ GigaJoule
	// BoilerGas is the boiler's gas use: BoilerGJ /
	// source.peak_boiler.efficiency.
	BoilerGas CubicMetreGas
}

// SplitSource splits a network peak and yearly heat production between
// the main source and the peak boiler (see SourceSplit).
func (p *Params) SplitSource(peak KiloWatt, produced GigaJoule) SourceSplit {
	cs, vs := p.value(pSourceMainCapacityShare), p.value(pSourceMainVolumeShare)
	s := SourceSplit{MainKW: peak * KiloWatt(cs), MainGJ: produced * GigaJoule(vs)}
	if h := p.value(pSourceMainMaxFullLoadHours); h > 0 {
		if need := KiloWatt(float64(KWhFromGigaJoule(s.MainGJ)) / h); need > s.MainKW {
			s.MainKW = need
		}
	}
	if s.MainKW > peak {
		// the network itself runs more full-load hours than the maximum
		// (a near-constant load): the main source takes the whole peak
		// and the boiler the heat beyond its maximum hours.
		s.MainKW = peak
		if h := p.value(pSourceMainMaxFullLoadHours); h > 0 {
			s.MainGJ = min(s.MainGJ, GigaJouleFromKWh(KiloWattHour(float64(peak)*h)))
		}
	}
	s.BoilerKW, s.BoilerGJ = peak-s.MainKW, produced-s.MainGJ
	s.BoilerGas = p.GasVolume(s.BoilerGJ / GigaJoule(p.value(pSourcePeakBoilerEfficiency)))
	return s
}

// Network prices the collective part of a heat network (paid by the heat
// company): distribution pipes per DN at PipeCostPerMetre, a substation
// (MT: onderstations at hn.substation.os per kW; LT:
// warmteoverdrachtstation at hn.substation.wos_lt), and the heat
// production split by SplitSource: the main source sized at its capacity
// share of the peak (Vesta: 30 %), or more if it needs more than
// source.main_max_full_load_hours to deliver its volume share of the heat
// (80 %), and a gas peak boiler (source.peak_boiler.*, Vesta's HulpKetel)
// for the rest of the peak, burning gas (Heat.Production.Gas, so the
// network emits CO2) for the rest of the heat. Restwarmte and AVI heat is
// bought at source.restwarmte.price_ratio_gas times the KMG gas commodity
// price per GJ (levelised over the evaluation years at the national rate);
// a geothermal doublet uses pump electricity, 1 GJ per
// perf.geothermie.heat_per_electricity GJ of its heat; WKO, TEO, TEA and
// collective heat pumps add a collective heat pump (hn.lt.collective_hp
// per kW of the main source) whose electricity is its heat / SPF
// perf.collective_hp. Heat produced = delivered + losses. A transport
// pipe (q.Transport) is priced by TransportPipe. The returned
// option's Heat carries production and purchase only (no connections, no
// delivered heat): merge it with the buildings' HeatNetworkConnection
// options, which carry those.
func (p *Params) Network(q NetworkQuantities) (Option, error) {
	var inv []Investment
	life := int(p.value(pLifeNetwork))
	if q.Pipes != (Band[Euro]{}) {
		if !q.Pipes.Valid() {
			return Option{}, fmt.Errorf("kosten: network: invalid pipe cost %+v", q.Pipes)
		}
		inv = append(inv, Investment{Name: "pipes", Cost: q.Pipes, Lifetime: life, OM: p.value(pOmPipesSecondary), Payer: PayerHeatCompany, Part: PartNetwork, Learning: LearnMTNet})
	}
	for dn, m := range q.Trench {
		if m < 0 || math.IsNaN(float64(m)) {
			return Option{}, fmt.Errorf("kosten: network: DN%d has length %g m", dn, float64(m))
		}
		c, err := p.PipeCostPerMetre(dn)
		if err != nil {
			return Option{}, err
		}
		inv = append(inv, Investment{Name: fmt.Sprintf("pipes DN%d", dn), Cost: Convert[Euro](c, float64(m)), Lifetime: life, OM: p.value(pOmPipesSecondary), Payer: PayerHeatCompany, Part: PartNetwork, Learning: LearnMTNet})
	}
	if q.Peak < 0 || q.Delivered < 0 || q.Losses < 0 || q.Transport < 0 {
		return Option{}, fmt.Errorf("kosten: network: negative peak, delivered heat, losses or transport length")
	}
	if q.Transport > 0 {
		c, err := p.TransportPipe(q.Transport, q.Peak, q.TransportDeltaT)
		if err != nil {
			return Option{}, err
		}
		inv = append(inv, Investment{Name: "transport pipe", Cost: c, Lifetime: life, OM: p.value(pOmPipesPrimary), Payer: PayerHeatCompany, Part: PartNetwork, Learning: LearnMTNet})
	}
	kw := float64(q.Peak)
	sub, om := pHnSubstationOs, pOmOs
	if q.LT {
		sub, om = pHnSubstationWosLt, pOmWos
	}
	inv = append(inv, Investment{Name: "substation", Cost: Convert[Euro](p.band(sub), kw), Lifetime: int(p.value(pLifeSubstation)), OM: p.value(om), Payer: PayerHeatCompany, Part: PartNetwork, Learning: LearnMTNet})
	split := p.SplitSource(q.Peak, q.Delivered+q.Losses)
	mainKW, mainGJ := float64(split.MainKW), float64(split.MainGJ)
	h := &HeatSupply{LT: q.LT}
	srcLife := int(p.value(pLifeSource))
	collectiveHP := false
	switch q.Source {
	case SourceRestwarmte, SourceAVI:
		k := pSourceRestwarmtePerKw
		if q.Source == SourceAVI {
			k = pSourceAviPerKw
		}
		inv = append(inv, Investment{Name: string(q.Source), Cost: Convert[Euro](p.band(k), mainKW), Lifetime: srcLife, OM: p.value(pOmRestwarmte), Payer: PayerHeatCompany, Part: PartSource})
		// the gas commodity price levelised over the evaluation years at the national rate
		gp, err := p.levelised(Gas, ClassSmallMedium, p.rate(rateNational), endValue, func(e EnergyPrice) float64 { return e.Commodity })
		if err != nil {
			return Option{}, err
		}
		perGJ := gp * 1000 / p.value(pGasEnergyContent) * p.value(pSourceRestwarmtePriceRatioGas)
		h.Purchase = Point(EuroPerYear(perGJ * mainGJ))
	case SourceGeothermie:
		inv = append(inv, Investment{Name: "geothermie", Cost: Convert[Euro](p.band(pSourceGeothermiePerKw), mainKW), Lifetime: srcLife, OM: p.value(pOmGeothermie), Payer: PayerHeatCompany, Part: PartSource, Learning: LearnGeothermie})
		h.Production.Electricity = KWhFromGigaJoule(GigaJoule(mainGJ / p.value(pPerfGeothermieHeatPerElectricity)))
	case SourceWKO, SourceTEO, SourceTEA:
		perKW, fixed, omk := pSourceTeoPerKw, pSourceTeoFixed, pOmTeo
		switch q.Source {
		case SourceWKO:
			perKW, fixed, omk = pSourceWkoPerKw, pSourceWkoFixed, pOmWko
		case SourceTEA:
			perKW, fixed = pSourceTeaPerKw, pSourceTeaFixed
		}
		c := Convert[Euro](p.band(perKW), mainKW).Add(Convert[Euro](p.band(fixed), 1))
		inv = append(inv, Investment{Name: string(q.Source), Cost: c, Lifetime: srcLife, OM: p.value(omk), Payer: PayerHeatCompany, Part: PartSource, Learning: LearnLTSources})
		collectiveHP = true
	case SourceCollectiveHP:
		collectiveHP = true
	case SourceLTRest:
		inv = append(inv, Investment{Name: string(q.Source), Cost: Convert[Euro](p.band(pSourceLtRestwarmtePerKw), mainKW), Lifetime: srcLife, OM: p.value(pOmLtRestwarmte), Payer: PayerHeatCompany, Part: PartSource, Learning: LearnLTSources})
		collectiveHP = true
	default:
		return Option{}, fmt.Errorf("kosten: network: unknown source %q", q.Source)
	}
	if collectiveHP {
		inv = append(inv, Investment{Name: "collective heat pump", Cost: Convert[Euro](p.band(pSourceCollectiveHpPerKw), mainKW), Lifetime: srcLife, OM: p.value(pOmCollectiveHp), Payer: PayerHeatCompany, Part: PartSource, Learning: LearnLTSources})
		h.Production.Electricity = KWhFromGigaJoule(GigaJoule(mainGJ / p.value(pPerfCollectiveHp)))
	}
	if split.BoilerKW > 0 {
		inv = append(inv, Investment{Name: "peak boiler", Cost: Convert[Euro](p.band(pSourcePeakBoilerPerKw), float64(split.BoilerKW)), Lifetime: srcLife, OM: p.value(pOmPeakBoiler), Payer: PayerHeatCompany, Part: PartSource})
	}
	h.Production.Gas = split.BoilerGas
	return Option{Name: "network " + string(q.Source), Investments: inv, Class: ClassSmall, Heat: h}, nil
}

// GridReinforcement prices the electricity-grid consequences of an area's
// extra peak load, paid by the grid operator: new MS rooms
// (grid.elec.ms_room per grid.elec.ms_room_capacity kW of extra peak,
// rounded up) and reinforced LS cable (grid.elec.ls_cable per metre).
// How much cable needs reinforcing is the caller's estimate.
func (p *Params) GridReinforcement(extraPeak KiloWatt, lsCable Metre) (Investment, error) {
	if extraPeak < 0 || lsCable < 0 || math.IsNaN(float64(extraPeak)) || math.IsNaN(float64(lsCable)) {
		return Investment{}, fmt.Errorf("kosten: grid reinforcement needs a non-negative peak and cable length, have %g kW, %g m", float64(extraPeak), float64(lsCable))
	}
	rooms := math.Ceil(float64(extraPeak) / p.value(pGridElecMsRoomCapacity))
	c := Convert[Euro](p.band(pGridElecMsRoom), rooms).Add(Convert[Euro](p.band(pGridElecLsCable), float64(lsCable)))
	return Investment{Name: "electricity grid reinforcement", Cost: c, Lifetime: int(p.value(pLifeGrid)), Payer: PayerGridOperator, VAT: VATNone, Part: PartGrid}, nil
}

// GasMainRemoval prices taking the low-pressure gas mains of an area out
// (grid.gas.remove_main per metre), a one-off cost of the grid operator.
func (p *Params) GasMainRemoval(mains Metre) (Investment, error) {
	if mains < 0 || math.IsNaN(float64(mains)) {
		return Investment{}, fmt.Errorf("kosten: gas main length %g m", float64(mains))
	}
	return Investment{Name: "remove gas mains", Cost: Convert[Euro](p.band(pGridGasRemoveMain), float64(mains)), Payer: PayerGridOperator, VAT: VATNone, Part: PartGrid}, nil
}
