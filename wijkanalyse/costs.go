package wijkanalyse

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/wijkwarmte/wijkwarmte/kosten"
)

// This file builds the kosten options of one building and evaluates them
// with kosten's three views (National, EndUser, Company) and CO2. Dwellings
// use kosten's option builders per dwelling (GasBoiler, HeatPump,
// HeatNetworkConnection), grouped by label and scaled by the number of
// dwellings with that label. kosten has no utility builders, so utility
// buildings are assembled here from the same parameters (Vesta's utility
// insulation fits from vesta/, heat pump per kW, ltas.utility per m2) and
// evaluated by the same kosten views. The collective part of a network
// (trench pipes, substation, source, heat production) is kosten.Network
// over the whole network, allocated to buildings by peak share.

// views holds the yearly cost of one option in three views and its CO2,
// and the national and end-user cost split by component (kosten's
// Breakdown.Parts).
type views struct {
	national, enduser, company, revenue, co2 Band
	natParts, euParts                        Parts
}

// addIn adds w to v: v = v + w band by band and part by part.
func (v *views) addIn(w *views) {
	v.national, v.enduser, v.company, v.revenue, v.co2 = v.national.Add(w.national), v.enduser.Add(w.enduser), v.company.Add(w.company), v.revenue.Add(w.revenue), v.co2.Add(w.co2)
	v.natParts.addIn(&w.natParts)
	v.euParts.addIn(&w.euParts)
}

// addScaled adds f*w to v: v = v + w.Scale(f) band by band and part by
// part (the same products and sums as adding a scaled copy of w).
func (v *views) addScaled(w *views, f float64) {
	v.national, v.enduser, v.company = v.national.Add(w.national.Scale(f)), v.enduser.Add(w.enduser.Scale(f)), v.company.Add(w.company.Scale(f))
	v.revenue, v.co2 = v.revenue.Add(w.revenue.Scale(f)), v.co2.Add(w.co2.Scale(f))
	v.natParts.addScaled(&w.natParts, f)
	v.euParts.addScaled(&w.euParts, f)
}

// addIn adds qs to ps part by part.
func (ps *Parts) addIn(qs *Parts) {
	for k := range ps {
		ps[k] = ps[k].Add(qs[k])
	}
}

// addScaled adds f*qs to ps part by part.
func (ps *Parts) addScaled(qs *Parts, f float64) {
	for k := range ps {
		ps[k] = ps[k].Add(qs[k].Scale(f))
	}
}

// scale returns f*ps part by part.
func (ps Parts) scale(f float64) Parts {
	for k := range ps {
		ps[k] = ps[k].Scale(f)
	}
	return ps
}

// partsOf converts kosten's typed parts to plain bands.
func partsOf(kp *kosten.Parts) Parts {
	var ps Parts
	for k := range kp {
		ps[k] = plain(kp[k])
	}
	return ps
}

// plain converts a typed kosten band to a plain one.
func plain[T ~float64](b kosten.Band[T]) Band {
	return Band{Value: float64(b.Value), Min: float64(b.Min), Max: float64(b.Max)}
}

// euro converts a plain band to a kosten euro band.
func euro(b Band) kosten.Band[kosten.Euro] {
	return kosten.Band[kosten.Euro]{Value: kosten.Euro(b.Value), Min: kosten.Euro(b.Min), Max: kosten.Euro(b.Max)}
}

// pricer evaluates options with one parameter set and remembers the
// first error.
type pricer struct {
	p   *kosten.Params
	err error
	// assumedMT: warmtenet_mt's restwarmte source is assumed (no source
	// of kind restwarmte given), so its transport pipe is priced over
	// source.assumed.distance (MTSourceAssumed).
	assumedMT bool
	// ltSource: a source of kind lt_restwarmte was given, so
	// warmtenet_lt_bron (S3c) is feasible (LTSourceGiven).
	ltSource bool
	// lean skips what a Monte Carlo draw does not report (CO2, the heat
	// company's view): those figures stay zero.
	lean bool
	// param holds the parameters read by id (pparam), have which of them
	// have been read: each is looked up by name once per pricer.
	param [numPparams]Band
	have  [numPparams]bool
	// pipe holds pipeYear's constants once pipeOK.
	pipe   pipeConsts
	pipeOK bool
	// service remembers serviceViews' last two results (a building's
	// network options price the pipes of the MT and the LT network in
	// turn), serviceNext the slot to fill next.
	service     [2]servicePriced
	serviceNext int
}

type servicePriced struct {
	pipe Band
	v    views
	ok   bool
}

func newPricer(p *kosten.Params) *pricer { return &pricer{p: p} }

// pparam is a parameter the pricer reads for every building or network
// node; pb reads it by name (b) the first time and keeps it.
type pparam int

// Parameters read by id; perf.<heat pump>.* follows as a family
// (utilityHP). The installations (inst.<installation>.*) are priced by
// kosten's Params.Installation.
const (
	ppGridGasRemoveConnectionUtility pparam = iota
	ppGridH2Connection
	ppHnAfleverset
	ppHnInbuildingMgw
	ppHnLtBooster
	ppHnOngeriefsvergoeding
	ppHnProjectmanagement
	ppLtasUtility
	ppInsulationLifetime
	ppLifeGrid
	ppLifeInbuilding
	ppLifeNetwork
	ppOmInbuilding
	ppOmPipesSecondary
	ppPerfH2BoilerRv
	ppPerfH2BoilerTw
	ppPerfHpHybridRv
	ppPerfHpHybridShare
	ppPerfHrBoilerRv
	ppPerfHrBoilerTw
	ppTariffHeatMaxAansluitbijdrage
	ppTariffHeatUtilityAansluitbijdrageFactor
	ppHPFirst
	numPparams = ppHPFirst + pparam(numUtilityHP)*pparam(numHPFields)
)

// pparamNames is the parameter name of every pparam.
var pparamNames = func() [numPparams]string {
	n := [numPparams]string{
		ppGridGasRemoveConnectionUtility:          "grid.gas.remove_connection_utility",
		ppGridH2Connection:                        "grid.h2.connection",
		ppHnAfleverset:                            "hn.afleverset",
		ppHnInbuildingMgw:                         "hn.inbuilding.mgw",
		ppHnLtBooster:                             "hn.lt.booster",
		ppHnOngeriefsvergoeding:                   "hn.ongeriefsvergoeding",
		ppHnProjectmanagement:                     "hn.projectmanagement",
		ppLtasUtility:                             "ltas.utility",
		ppInsulationLifetime:                      "insulation.lifetime",
		ppLifeGrid:                                "life.grid",
		ppLifeInbuilding:                          "life.inbuilding",
		ppLifeNetwork:                             "life.network",
		ppOmInbuilding:                            "om.inbuilding",
		ppOmPipesSecondary:                        "om.pipes_secondary",
		ppPerfH2BoilerRv:                          "perf.h2_boiler.rv",
		ppPerfH2BoilerTw:                          "perf.h2_boiler.tw",
		ppPerfHpHybridRv:                          "perf.hp_hybrid.rv",
		ppPerfHpHybridShare:                       "perf.hp_hybrid.share",
		ppPerfHrBoilerRv:                          "perf.hr_boiler.rv",
		ppPerfHrBoilerTw:                          "perf.hr_boiler.tw",
		ppTariffHeatMaxAansluitbijdrage:           "tariff.heat.max_aansluitbijdrage",
		ppTariffHeatUtilityAansluitbijdrageFactor: "tariff.heat.utility_aansluitbijdrage_factor",
	}
	for i, name := range utilityHPNames {
		for f, suffix := range hpFieldSuffixes {
			n[hpParam(utilityHP(i), hpField(f))] = "perf." + name + suffix
		}
	}
	return n
}()

// utilityHP is an all-electric heat pump of utilityOption.
type utilityHP int

const (
	utilityHPAir utilityHP = iota
	utilityHPGround
	numUtilityHP
)

var utilityHPNames = [numUtilityHP]string{"hp_air", "hp_ground"}

type hpField int

const (
	hpRvB hpField = iota
	hpRvA
	hpTw
	numHPFields
)

var hpFieldSuffixes = [numHPFields]string{".rv.B", ".rv.A", ".tw"}

func hpParam(h utilityHP, f hpField) pparam {
	return ppHPFirst + pparam(h)*pparam(numHPFields) + pparam(f)
}

// pb returns a parameter band read by id.
func (pr *pricer) pb(k pparam) Band {
	if !pr.have[k] {
		pr.param[k], pr.have[k] = pr.b(pparamNames[k]), true
	}
	return pr.param[k]
}

// pv returns a parameter's central value read by id.
func (pr *pricer) pv(k pparam) float64 { return pr.pb(k).Value }

func (pr *pricer) fail(err error) {
	if err != nil && pr.err == nil {
		pr.err = err
	}
}

// b returns a parameter band.
func (pr *pricer) b(name string) Band {
	prm, err := pr.p.Get(name)
	if err != nil {
		pr.fail(fmt.Errorf("wijkanalyse: %w", err))
		return Band{}
	}
	return prm.Band
}

// v returns a parameter's central value.
func (pr *pricer) v(name string) float64 { return pr.b(name).Value }

// eval runs the kosten views on an option.
func (pr *pricer) eval(o kosten.Option) views {
	var v views
	nat, err := pr.p.National(o)
	pr.fail(err)
	eu, err := pr.p.EndUser(o)
	pr.fail(err)
	v.national, v.enduser = plain(nat.Total), plain(eu.Total)
	v.natParts, v.euParts = partsOf(&nat.Parts), partsOf(&eu.Parts)
	if pr.lean {
		return v
	}
	co2, err := pr.p.CO2(o)
	pr.fail(err)
	v.co2 = plain(co2)
	if o.Heat != nil {
		// Company errors only when it has no costs at all; then it is 0.
		if c, err := pr.p.Company(o); err == nil {
			v.company, v.revenue = plain(c.Cost), plain(c.Revenue)
		}
	}
	return v
}

// scaleOption multiplies everything an option holds by f (f identical
// dwellings of one pand).
func scaleOption(o kosten.Option, f float64) kosten.Option {
	out := o
	out.Investments = make([]kosten.Investment, len(o.Investments))
	for i, iv := range o.Investments {
		iv.Cost = iv.Cost.Scale(f)
		out.Investments[i] = iv
	}
	out.Energy = o.Energy.Scale(f)
	out.GasConnections *= f
	if o.Heat != nil {
		h := *o.Heat
		h.Delivered *= kosten.GigaJoule(f)
		h.Connections *= f
		h.Production = h.Production.Scale(f)
		h.Purchase = h.Purchase.Scale(f)
		out.Heat = &h
	}
	return out
}

// side says which building side an option needs.
type side int

const (
	sideGas side = iota
	sideElectric
	sideNetMT // insulate to D, 70 C
	sideNetLT // insulate to B, LTAS, booster
	sideGround
	sideGGHybrid
	sideGGBoiler
	sideH2Hybrid
	sideH2Boiler
	nSides
)

func sideOf(k OptionKind) side {
	switch k {
	case OptionGasBoiler:
		return sideGas
	case OptionAllElectric:
		return sideElectric
	case OptionWarmtenetLT, OptionAquathermie, OptionWarmtenetLTBron:
		return sideNetLT
	case OptionAllElectricGround:
		return sideGround
	case OptionGroenGasHybrid:
		return sideGGHybrid
	case OptionGroenGasBoiler:
		return sideGGBoiler
	case OptionWaterstofHybrid:
		return sideH2Hybrid
	case OptionWaterstofBoiler:
		return sideH2Boiler
	}
	return sideNetMT
}

// buildingSides prices the building side of every option of one heated
// building: its own investments, energy and (for networks) heat bought,
// without network pipes. The result is indexed by side.
func (pr *pricer) buildingSides(b *Building, d *demandFacts) [nSides]views {
	var out [nSides]views
	if b.Use == UseUtiliteit {
		for s := range nSides {
			out[s] = pr.eval(pr.utilityOption(b, d, s))
		}
		return out
	}
	era := b.Era
	if era == EraUnknown {
		era = eraFallback
	}
	n := max(1, b.Dwellings)
	area := kosten.SquareMetre(max(1, b.FloorAreaM2/float64(n)))
	// dwellings per label, by rank (count[0]: a label without a rank,
	// which kosten refuses; demand.go assigns none)
	var count [1 + 8]int // kosten.Labels: N, G, ..., A
	var unranked kosten.Label
	for _, l := range d.labels {
		r := l.Rank()
		if r < 0 && count[0] == 0 {
			unranked = l
		}
		count[r+1]++
	}
	for r, c := range count {
		if c == 0 {
			continue
		}
		l := unranked
		if r > 0 {
			l = kosten.Labels[r-1]
		}
		dw := kosten.Dwelling{Type: kostenType(b.Woningtype), Period: kosten.Bouwperiode(era.String()), Label: l, Area: area}
		peakAfter := func(to kosten.Label) kosten.KiloWatt {
			s, err := pr.p.SpaceHeat(dw.Type, dw.Period, better(l, to), area)
			pr.fail(err)
			return kosten.KiloWatt(float64(s)/(gjPerKWh*fullLoadHours) + b.TapWaterGJ/float64(n)/(gjPerKWh*8760))
		}
		dw.Peak = max(peakAfter(l), 0.5)
		peakB := max(peakAfter(kosten.LabelB), 0.5) // the heat pumps' peak, insulated to B
		for s := range nSides {
			var o kosten.Option
			var err error
			switch s {
			case sideGas:
				o, err = pr.p.GasBoiler(dw)
			case sideElectric, sideGround:
				e := dw
				e.Peak = peakB
				kind := kosten.AirHeatPump
				if s == sideGround {
					kind = kosten.GroundHeatPump
				}
				o, err = pr.p.HeatPump(e, kind, kosten.LabelB)
			case sideGGHybrid, sideGGBoiler:
				o, err = pr.p.GreenGas(dw, s == sideGGHybrid)
			case sideH2Hybrid, sideH2Boiler:
				o, err = pr.p.Hydrogen(dw, s == sideH2Hybrid)
			case sideNetMT:
				o, err = pr.p.HeatNetworkConnection(dw, kosten.LabelD, false, kosten.Band[kosten.Euro]{})
			case sideNetLT:
				o, err = pr.p.HeatNetworkConnection(dw, kosten.LabelB, true, kosten.Band[kosten.Euro]{})
			}
			if err != nil {
				pr.fail(fmt.Errorf("wijkanalyse: pand %s: %w", b.ID, err))
				continue
			}
			e := pr.eval(o)
			out[s].addScaled(&e, float64(c))
		}
	}
	return out
}

// utilityOption assembles the building side of a utility building from
// kosten parameters (kosten has dwelling builders only): the same items
// as the dwelling options with Vesta's utility insulation fits, ltas.utility
// per m2, one connection, KMG energy prices and the utility owner's rate.
func (pr *pricer) utilityOption(b *Building, d *demandFacts, s side) kosten.Option {
	mode, _ := kosten.ParseLabel(b.Label)
	inst := func(in kosten.Installation, peak float64) kosten.Investment {
		return pr.p.Installation(in, kosten.KiloWatt(peak))
	}
	insul := func(c Band) []kosten.Investment {
		if c == (Band{}) {
			return nil
		}
		return []kosten.Investment{{Name: "insulation", Cost: euro(c), Lifetime: int(pr.pv(ppInsulationLifetime)), Payer: kosten.PayerOwner, VAT: kosten.VATBuilding, Part: kosten.PartInsulation,
			Learning: kosten.InsulationLearning(kosten.LabelB)}}
	}
	removal := kosten.Investment{Name: "remove gas connection", Cost: euro(pr.pb(ppGridGasRemoveConnectionUtility)), Payer: kosten.PayerGridOperator, VAT: kosten.VATNone, Part: kosten.PartGrid}
	ltas := kosten.Investment{Name: "LT emission system", Cost: euro(pr.pb(ppLtasUtility).Scale(b.FloorAreaM2)), Lifetime: int(pr.pv(ppLifeInbuilding)), Payer: kosten.PayerOwner, VAT: kosten.VATBuilding, Part: kosten.PartInstallation,
		Learning: kosten.LearnLTAS}
	o := kosten.Option{Class: kosten.ClassSmallMedium, Owner: kosten.UtilityOwner}
	peak := func(space float64) float64 { return space/(gjPerKWh*fullLoadHours) + b.TapWaterGJ/(gjPerKWh*8760) }
	switch s {
	case sideGas:
		o.Name = "gas boiler (reference)"
		o.Investments = []kosten.Investment{inst(kosten.InstHRBoiler, b.PeakKW)}
		o.Energy.Gas = pr.p.GasVolume(kosten.GigaJoule(b.SpaceHeatGJ/pr.pv(ppPerfHrBoilerRv) + b.TapWaterGJ/pr.pv(ppPerfHrBoilerTw)))
		o.GasConnections = 1
	case sideElectric, sideGround:
		hp, in := utilityHPAir, kosten.InstHPAir
		o.Name = "hp_air, insulate to B"
		if s == sideGround {
			hp, in = utilityHPGround, kosten.InstHPGround
			o.Name = "hp_ground, insulate to B"
		}
		o.Investments = append(insul(d.insulB), inst(in, peak(d.heatB)), ltas, removal)
		spf := hpParam(hp, hpRvB)
		if mode == kosten.LabelA {
			spf = hpParam(hp, hpRvA)
		}
		o.Energy.Electricity = kosten.KWhFromGigaJoule(kosten.GigaJoule(d.heatB/pr.pv(spf) + b.TapWaterGJ/pr.pv(hpParam(hp, hpTw))))
	case sideGGHybrid, sideGGBoiler, sideH2Hybrid, sideH2Boiler:
		// The gas reference with green gas or hydrogen; the hybrid heat
		// pump (inst.hp_hybrid at the building's peak, the dwelling fit:
		// a proxy, the tables have no utility hybrid) takes
		// perf.hp_hybrid.share of the space heat.
		h2 := s == sideH2Hybrid || s == sideH2Boiler
		boilerSpace := b.SpaceHeatGJ
		o.Name = "gas grid"
		boiler := kosten.InstHRBoiler
		if h2 {
			boiler = kosten.InstH2Boiler
		}
		o.Investments = []kosten.Investment{inst(boiler, b.PeakKW)}
		if s == sideGGHybrid || s == sideH2Hybrid {
			share := pr.pv(ppPerfHpHybridShare)
			boilerSpace *= 1 - share
			o.Investments = append(o.Investments, inst(kosten.InstHPHybrid, b.PeakKW))
			o.Energy.Electricity = kosten.KWhFromGigaJoule(kosten.GigaJoule(b.SpaceHeatGJ * share / pr.pv(ppPerfHpHybridRv)))
		}
		o.GasConnections = 1
		if h2 {
			o.Energy.Hydrogen = kosten.GigaJoule(boilerSpace/pr.pv(ppPerfH2BoilerRv) + b.TapWaterGJ/pr.pv(ppPerfH2BoilerTw))
			o.Investments = append(o.Investments, kosten.Investment{Name: "hydrogen-ready gas connection", Cost: euro(pr.pb(ppGridH2Connection)), Lifetime: int(pr.pv(ppLifeGrid)), Payer: kosten.PayerGridOperator, VAT: kosten.VATNone, Part: kosten.PartGrid})
		} else {
			o.Energy.GreenGas = pr.p.GasVolume(kosten.GigaJoule(boilerSpace/pr.pv(ppPerfHrBoilerRv) + b.TapWaterGJ/pr.pv(ppPerfHrBoilerTw)))
		}
	case sideNetMT, sideNetLT:
		lt := s == sideNetLT
		heat := d.heatD
		o.Name = "heat network MT"
		if lt {
			heat = d.heatB
			o.Name = "heat network LT"
			o.Investments = insul(d.insulB)
		}
		life := int(pr.pv(ppLifeInbuilding))
		o.Investments = append(o.Investments,
			kosten.Investment{Name: "in-building pipework", Cost: euro(pr.pb(ppHnInbuildingMgw)), Lifetime: life, OM: pr.pv(ppOmInbuilding), Payer: kosten.PayerHeatCompany, Part: kosten.PartInstallation, Learning: kosten.LearnInBuilding},
			kosten.Investment{Name: "afleverset", Cost: euro(pr.pb(ppHnAfleverset)), Lifetime: life, OM: pr.pv(ppOmInbuilding), Payer: kosten.PayerHeatCompany, Part: kosten.PartInstallation, Learning: kosten.LearnInBuilding},
			kosten.Investment{Name: "ongeriefsvergoeding", Cost: euro(pr.pb(ppHnOngeriefsvergoeding)), Payer: kosten.PayerHeatCompany, Part: kosten.PartNetwork},
			kosten.Investment{Name: "project management", Cost: euro(pr.pb(ppHnProjectmanagement)), Payer: kosten.PayerHeatCompany, Part: kosten.PartNetwork},
			removal)
		if lt {
			// The booster has the air heat pump's lifetime and O&M.
			hpAir := inst(kosten.InstHPAir, 0)
			o.Investments = append(o.Investments,
				kosten.Investment{Name: "booster heat pump", Cost: euro(pr.pb(ppHnLtBooster)), Lifetime: hpAir.Lifetime, OM: hpAir.OM, Payer: kosten.PayerOwner, VAT: kosten.VATStandard, Part: kosten.PartInstallation, Learning: kosten.LearnHeatPump},
				ltas)
		}
		fee := kosten.Euro(pr.pv(ppTariffHeatMaxAansluitbijdrage) * pr.pv(ppTariffHeatUtilityAansluitbijdrageFactor))
		o.Heat = &kosten.HeatSupply{Delivered: kosten.GigaJoule(heat + b.TapWaterGJ), Connections: 1, Fee: &fee, LT: lt}
	}
	return o
}

// NetworkSource is the kosten source a network option is priced with:
// WKO for warmtenet_lt, TEO for aquathermie, a geothermal doublet for
// geothermie and restwarmte for warmtenet_mt; lt says whether the option
// is a low-temperature network. The kind of a given Input.Sources entry
// does not change it (the sources only place the network's feed point):
// warmtenet_mt is priced as restwarmte whatever is given, and when no
// source of kind "restwarmte" is given that restwarmte is an assumption
// (MTSourceAssumed). Every source is the main source of Vesta's split
// (kosten.SplitSource): 30 % of the peak but at least its heat / 7,000
// full-load hours, 80 % of the heat, a gas peak boiler for the rest.
func NetworkSource(k OptionKind) (src kosten.Source, lt bool) {
	switch k {
	case OptionWarmtenetLT:
		return kosten.SourceWKO, true
	case OptionWarmtenetLTBron:
		return kosten.SourceLTRest, true
	case OptionAquathermie:
		return kosten.SourceTEO, true
	case OptionGeothermie:
		return kosten.SourceGeothermie, false
	}
	return kosten.SourceRestwarmte, false
}

// AssumedSourceLabel is the label for warmtenet_mt's source when it is
// assumed (see MTSourceAssumed), for reports.
const AssumedSourceLabel = "aangenomen restwarmte"

// MTSourceAssumed reports whether warmtenet_mt is priced with an assumed
// restwarmte source: none of the given sources is of kind "restwarmte".
// The heat is then priced as if a residual-heat source with spare
// capacity stood source.assumed.distance from the network's feed point
// (its transport pipe priced by kosten.TransportPipe), at
// source.restwarmte.price_ratio_gas times the gas commodity price.
func MTSourceAssumed(sources []Source) bool {
	for _, s := range sources {
		if strings.EqualFold(strings.TrimSpace(s.Kind), string(kosten.SourceRestwarmte)) {
			return false
		}
	}
	return true
}

// LTSourceGiven reports whether a source of kind lt_restwarmte (a 30 C
// residual-heat source: data centre, supermarket, RWZI) is among the given
// sources; without one warmtenet_lt_bron (S3c) is infeasible. The LT heat
// itself is not priced (Hestia prices such point sources by their own
// K_GJ, which a source file here does not carry): its source investment
// (source.lt_restwarmte.per_kw) and the collective heat pump's investment
// and electricity are.
func LTSourceGiven(sources []Source) bool {
	for _, s := range sources {
		if strings.EqualFold(strings.TrimSpace(s.Kind), string(kosten.SourceLTRest)) {
			return true
		}
	}
	return false
}

// sourceNotes are the Result.Notes on how network heat sources are priced.
func sourceNotes(sources []Source, pr *pricer) []string {
	notes := []string{fmt.Sprintf("warmtebronnen: de hoofdbron van elke warmtenetoptie is gebouwd voor %.0f %% van de piek van het net (maar niet kleiner dan zijn warmte / %s vollasturen per jaar) en levert %.0f %% van de warmte; een gasgestookte hulpketel (Vesta HulpKetel, %s-%s euro/kW) dekt de rest van de piek en stookt gas voor de andere %.0f %% van de warmte (standaardwaarden van VestaDV); de pompen van een geothermisch doublet gebruiken 1 GJ elektriciteit per %s GJ warmte; een opgegeven bron is met een eigen gerouteerde leiding op het stratennet aangesloten",
		100*pr.v("source.main_capacity_share"), thousands(pr.v("source.main_max_full_load_hours")), 100*pr.v("source.main_volume_share"), thousands(pr.b("source.peak_boiler.per_kw").Min), thousands(pr.b("source.peak_boiler.per_kw").Max), 100*(1-pr.v("source.main_volume_share")), decimal(pr.v("perf.geothermie.heat_per_electricity"), 2))}
	if MTSourceAssumed(sources) {
		notes = append(notes, fmt.Sprintf("bron van warmtenet_mt: %s -- er is geen bron van de soort restwarmte opgegeven, dus is warmtenet_mt doorgerekend alsof er restwarmte beschikbaar is op %s m van het voedingspunt van het net (source.assumed.distance; de transportleiding geprijsd zoals Vesta doet: die afstand × omwegfactor %s × de leidingprijs bij de piek van het net) tegen %s × de commodityprijs van gas; geef de echte bron op met ligging en vermogen",
			AssumedSourceLabel, thousands(pr.v("source.assumed.distance")), decimal(pr.v("pipe.vesta.omwegfactor"), 2), strings.Replace(strconv.FormatFloat(pr.v("source.restwarmte.price_ratio_gas"), 'g', 4, 64), ".", ",", 1)))
	}
	return notes
}

// networkViews prices the collective part of the network nr for option
// kind: kosten.Network over the trench per DN (or the estimated trench),
// the peak, and the heat the connected buildings buy at that option's
// insulation level. withPipes false leaves the trench out (the marginal
// part per kW used by the expansion).
func (pr *pricer) networkViews(k OptionKind, nr *netResult, bs []Building, ds []demandFacts, withPipes bool) views {
	src, lt := NetworkSource(k)
	var delivered float64
	for i := range bs {
		if !nr.connected[i] {
			continue
		}
		h := ds[i].heatD
		if lt {
			h = ds[i].heatB
		}
		delivered += h + bs[i].TapWaterGJ
	}
	q := kosten.NetworkQuantities{
		Peak: kosten.KiloWatt(nr.summary.PeakKW), Delivered: kosten.GigaJoule(delivered),
		Losses: pr.losses(nr, bs, delivered).Value, Source: src, LT: lt,
	}
	if withPipes && nr.routed {
		// the distribution pipes as priced per segment (segBand); the
		// service pipes are each building's own (serviceViews)
		for k, s := range nr.summary.Segments {
			if !s.Service && k < len(nr.tree) {
				q.Pipes = q.Pipes.Add(euro(nr.tree[k].cost))
			}
		}
	}
	if withPipes && pr.assumedMT && src == kosten.SourceRestwarmte && nr.summary.PeakKW > 0 {
		sc, rc := designMT.temps(pr)
		q.Transport, q.TransportDeltaT = kosten.Metre(pr.v("source.assumed.distance")), sc-rc
	}
	o, err := pr.p.Network(q)
	if err != nil {
		pr.fail(fmt.Errorf("wijkanalyse: network %s: %w", k, err))
		return views{}
	}
	if withPipes && !nr.routed && nr.trenchEstimate != (Band{}) {
		o.Investments = append(o.Investments, kosten.Investment{Name: "pipes (estimated, Vesta cost curve)", Cost: euro(nr.trenchEstimate),
			Lifetime: int(pr.pv(ppLifeNetwork)), OM: pr.pv(ppOmPipesSecondary), Payer: kosten.PayerHeatCompany, Part: kosten.PartNetwork, Learning: kosten.LearnMTNet})
	}
	return pr.eval(o)
}

// serviceViews prices a building's service pipe (investment paid by the
// heat company).
// The network options of a building price the same two pipes (MT and LT
// network) in turn, so the last two results are kept.
func (pr *pricer) serviceViews(c Band) views {
	if c == (Band{}) {
		return views{}
	}
	for _, s := range pr.service {
		if s.ok && s.pipe == c {
			return s.v
		}
	}
	inv := [1]kosten.Investment{{Name: "service pipe", Cost: euro(c), Lifetime: int(pr.pv(ppLifeNetwork)), OM: pr.pv(ppOmPipesSecondary), Payer: kosten.PayerHeatCompany, Part: kosten.PartNetwork, Learning: kosten.LearnServicePipes}}
	o := kosten.Option{Name: "service pipe", Class: kosten.ClassSmall, Heat: &kosten.HeatSupply{}, Investments: inv[:]}
	v := pr.eval(o)
	pr.service[pr.serviceNext] = servicePriced{c, v, true}
	pr.serviceNext = 1 - pr.serviceNext
	return v
}

// pipeYear is the national yearly cost of a pipe investment: annualised
// at discount.national over life.network plus O&M, both scaled by their
// learning curves at eval.base_year as kosten's views do (the investment by
// the mt_net curve, O&M by the om curve on the cost before learning). The
// expansion prices service pipes with the street pipes through it, so they
// take the mt_net curve here, where the options use service_pipes; the two
// curves differ by at most a few percent.
func (pr *pricer) pipeYear(c Band) float64 {
	if !pr.pipeOK {
		pr.pipe, pr.pipeOK = pr.pipeConsts(), true
	}
	k := pr.pipe
	// rounded to EuroPerYear as kosten.Annualise rounds it (no fused multiply-add)
	capital := float64(kosten.EuroPerYear(float64(euro(c.Scale(k.capital)).Value) * k.annuity))
	return capital + c.Value*k.om*k.omLearning
}

// pipeConsts are the figures pipeYear prices with: the learning indices
// (pipeLearning), the annualisation factor of a pipe (kosten.Annualise of
// one euro at discount.national over life.network) and its O&M fraction.
type pipeConsts struct {
	capital, omLearning, annuity, om float64
}

func (pr *pricer) pipeConsts() pipeConsts {
	var k pipeConsts
	k.capital, k.omLearning = pr.pipeLearning()
	k.annuity = float64(kosten.Annualise(kosten.Point[kosten.Euro](1), pr.v("discount.national"), int(pr.pv(ppLifeNetwork)), int(pr.v("eval.start")), int(pr.v("eval.end"))).Value)
	k.om = pr.pv(ppOmPipesSecondary)
	return k
}

// pipeLearning returns the central learning indices of network pipes and
// of O&M at eval.base_year (1 where a curve is missing).
func (pr *pricer) pipeLearning() (capital, om float64) {
	year := int(pr.v("eval.base_year"))
	capital, om = 1, 1
	if li, err := pr.p.LearningIndex(kosten.LearnMTNet, year); err == nil {
		capital = li.Value
	}
	if li, err := pr.p.LearningIndex(kosten.LearnOM, year); err == nil {
		om = li.Value
	}
	return capital, om
}

// losses is the network heat-loss band of nr (kosten.NetworkLosses): the
// routed pipes' steady-state loss (nr.summary.HeatLossGJ) as the low end,
// Hestia's loss per connection as the value, Vesta's high volume share of
// delivered as the high end. Connections are the connected buildings'
// dwellings (one for a building without dwellings).
func (pr *pricer) losses(nr *netResult, bs []Building, delivered float64) kosten.Band[kosten.GigaJoule] {
	var conn float64
	for i := range bs {
		if nr.connected[i] {
			conn += float64(max(1, bs[i].Dwellings))
		}
	}
	return pr.p.NetworkLosses(kosten.GigaJoule(nr.summary.HeatLossGJ), kosten.GigaJoule(delivered), conn)
}
