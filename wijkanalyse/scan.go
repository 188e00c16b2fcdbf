package wijkanalyse

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strings"

	"github.com/wijkwarmte/wijkwarmte/geodata"
	"github.com/wijkwarmte/wijkwarmte/kosten"
)

// defaultExpansionRounds is the default of Options.MaxExpansionRounds (a
// bound on a loop, not a physical assumption).
const defaultExpansionRounds = 10

// withDefaults returns o with every zero field set to its default. The
// technical defaults come from the parameter table (o.Params, else
// kosten.Defaults()), where each has its unit and source and can be
// overridden: scan.max_service_distance, scan.water_reach,
// scan.teo.min_water_area, scan.teo.yield and scan.geothermal.min_demand.
func (o Options) withDefaults() Options {
	p := o.params()
	param := func(name string) float64 {
		prm, err := p.Get(name)
		if err != nil {
			// every kosten parameter set holds the defaults' names
			panic("wijkanalyse: internal: " + err.Error())
		}
		return prm.Value
	}
	if o.MaxServiceM <= 0 {
		o.MaxServiceM = param("scan.max_service_distance")
	}
	if o.StreetMarginM <= 0 {
		o.StreetMarginM = defaultStreetMarginM
	}
	if o.WallGapM <= 0 {
		o.WallGapM = defaultWallGapM
	}
	if o.MinSharedWallM <= 0 {
		o.MinSharedWallM = defaultMinWallM
	}
	if o.WaterReachM <= 0 {
		o.WaterReachM = param("scan.water_reach")
	}
	if o.TEOMinWaterM2 <= 0 {
		o.TEOMinWaterM2 = param("scan.teo.min_water_area")
	}
	if o.TEOYieldGJPerM2 <= 0 {
		o.TEOYieldGJPerM2 = param("scan.teo.yield")
	}
	if o.GeothermalMinDwellingEq <= 0 {
		o.GeothermalMinDwellingEq = param("scan.geothermal.min_demand")
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

// Sentinel errors of Scan and Classify.
var (
	// ErrNoBuildings: the input holds no panden.
	ErrNoBuildings = errors.New("wijkanalyse: no buildings to scan")
	// ErrBadFootprint: a pand's footprint is empty, has a ring of fewer
	// than 4 points or a non-finite coordinate (geodata's Validator
	// rejects such records; Scan expects validated input). It comes
	// wrapped in a *geodata.FeatureError naming the pand's index and id.
	ErrBadFootprint = errors.New("wijkanalyse: bad footprint")
	// ErrYear: Options.Year lies outside the energy price paths
	// (kosten.FirstPriceYear..kosten.LastPriceYear, 2018..2050). Evaluation
	// years after 2050 use the 2050 prices and a note says so.
	ErrYear = errors.New("wijkanalyse: base year outside the energy price paths")
)

// checkPanden returns a *geodata.FeatureError for the first pand with an
// unusable footprint.
func checkPanden(ps []geodata.Pand) error {
	for i, p := range ps {
		bad := len(p.Footprint) == 0
		for _, r := range p.Footprint {
			if len(r) < 4 {
				bad = true
			}
			for _, pt := range r {
				if math.IsNaN(pt[0]) || math.IsNaN(pt[1]) || math.IsInf(pt[0], 0) || math.IsInf(pt[1], 0) {
					bad = true
				}
			}
		}
		if bad {
			return &geodata.FeatureError{Layer: "panden", Feature: i, ID: p.ID,
				Err: fmt.Errorf("%w: %d rings", ErrBadFootprint, len(p.Footprint))}
		}
	}
	return nil
}

// defaultStreetMarginM is how far beyond the buildings' bounding box
// streets are kept for routing, m (Options.StreetMarginM). The OSM demo's
// ways run far outside its box; routing them all would only cost time.
const defaultStreetMarginM = 250

// Scan runs a wijkanalyse on in: it classifies every pand (era,
// woningtype, use, dwellings, label, demand, peak, temperature
// suitability), routes a heat network over the streets (or estimates one
// from the footprints when there are none) and expands it economically,
// prices every option per building in three views, and aggregates per
// buurt or wijk into strategies with Startanalyse-style indicators.
//
// Scan is cancellable through ctx (checked between stages and inside the
// long ones). It keeps references to the footprints of in (Building.Footprint
// shares them). It is safe to run several Scans concurrently. On the
// Delft demo (3,448 panden, 8,932 addresses, streets) it runs in about a
// second on one core; see benchmarks/README.md.
func Scan(ctx context.Context, in Input, opt Options) (Result, error) {
	pp, err := Prepare(ctx, in, opt)
	if err != nil {
		return Result{}, err
	}
	return pp.price(ctx, pp.params, pp.opt, nil, false)
}

// Prepare runs the part of a scan that does not depend on prices: it
// checks the input, applies Options.Year to the parameters, classifies
// every pand (era, woningtype, use, dwellings) and selects the streets
// and the surface water in reach. (*Prepared).Scan then prices, routes
// and aggregates; Scan is Prepare followed by that.
func Prepare(ctx context.Context, in Input, opt Options) (*Prepared, error) {
	opt = opt.withDefaults()
	if len(in.Panden) == 0 {
		return nil, ErrNoBuildings
	}
	if err := checkPanden(in.Panden); err != nil {
		return nil, err
	}
	p := opt.params()
	if opt.Year != 0 && (opt.Year < kosten.FirstPriceYear || opt.Year > kosten.LastPriceYear) {
		return nil, fmt.Errorf("%w: %d: the KEV 2019 energy prices and CO2 factors run from %d to %d", ErrYear, opt.Year, kosten.FirstPriceYear, kosten.LastPriceYear)
	}
	if opt.Year != 0 {
		base, err := p.Get("eval.base_year")
		if err != nil {
			return nil, fmt.Errorf("wijkanalyse: %w", err)
		}
		if int(base.Value) != opt.Year {
			row := fmt.Sprintf("name,value,unit\neval.base_year,%d,%s\n", opt.Year, base.Unit)
			if p, err = p.WithOverrides(strings.NewReader(row), "wijkanalyse Options.Year"); err != nil {
				return nil, fmt.Errorf("wijkanalyse: year %d: %w", opt.Year, err)
			}
		}
	}
	bs, fs, notes, err := classify(ctx, in, opt)
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	pp := &Prepared{in: in, opt: opt, params: p, bs: bs, fs: fs, notes: notes}
	pp.streets = geodata.ClipStreets(in.Streets, geodata.StreetBound(in.Panden, opt.StreetMarginM))
	if len(pp.streets) == 0 {
		pp.notes = append(pp.notes, "geen straten: de lengte van het warmtenet is geschat uit de panden (minimaal opspannende boom over de middelpunten × omwegfactor)")
	} else if len(pp.streets) < len(in.Streets) {
		pp.notes = append(pp.notes, fmt.Sprintf("straten beperkt tot de omhullende rechthoek van de panden plus %.0f m: %d van de %d straatdelen gebruikt", opt.StreetMarginM, len(pp.streets), len(in.Streets)))
	}
	pp.teo = teoWater(in.Water, opt.TEOMinWaterM2)
	if len(in.Water) > 0 {
		pp.waterNote = fmt.Sprintf("oppervlaktewater: %d vlakken, waarvan %d van minstens %s m² meetellen voor aquathermie", len(in.Water), len(pp.teo), thousands(opt.TEOMinWaterM2))
	}
	pp.water = waterDistance(bs, pp.teo, opt.WaterReachM)
	pp.routes = newRouteCache(p)
	if len(in.Works) > 0 {
		var note string
		pp.routes.works, note = worksInWindow(in.Works, pp.routes.base)
		pp.notes = append(pp.notes, note)
	}
	if len(in.Existing) > 0 {
		pp.routes.existing = in.Existing
		pp.notes = append(pp.notes, existingNote(in.Existing, pp.routes.base))
	}
	if in.Rules != nil {
		pp.routes.streetRules = in.Rules.Streets
		pp.rules = matchRules(in.Rules, bs)
	}
	pp.areas = indexAreas(bs, in.Areas)
	return pp, nil
}

// price runs the price-dependent part of a scan with parameters p: demand
// and insulation costs, the building sides of every option, the economic
// expansion and routing (through the route cache), the options per
// building and the aggregation. With a plan it skips the expansion and
// prices the plan's network (members and option kind) instead. Priced with
// pp's own parameters and no plan, it records its expansion as pp's plan.
// lean leaves out what a draw does not report (CO2 and the heat company's
// view stay zero).
func (pp *Prepared) price(ctx context.Context, p *kosten.Params, opt Options, fixed *plan, lean bool) (Result, error) {
	in := pp.in
	pr := newPricer(p)
	pr.assumedMT = MTSourceAssumed(in.Sources)
	pr.ltSource = LTSourceGiven(in.Sources)
	pr.lean = lean
	res := Result{CRS: geodata.CRS, Year: int(pr.v("eval.base_year"))}
	bs := append([]Building(nil), pp.bs...)
	fs := pp.fs
	streets, teo, water := pp.streets, pp.teo, pp.water
	res.Notes = append(res.Notes, pp.notes...)
	opt.progress("demand", 0, len(bs))
	ds, notes, err := assignDemand(&in, bs, fs, p)
	if err != nil {
		return Result{}, err
	}
	res.Notes = append(res.Notes, notes...)
	opt.progress("demand", len(bs), len(bs))
	if err := ctx.Err(); err != nil {
		return Result{}, err
	}
	opt.progress("options", 0, len(bs))
	sides := make([][nSides]views, len(bs))
	// Dwelling-equivalents with the parameter (classify used its default).
	if weq := pr.v("dwelling_equivalent.utility_m2"); weq > 0 {
		for i := range bs {
			switch bs[i].Use {
			case UseWoning:
				bs[i].DwellingEquivalents = float64(bs[i].Dwellings) + fs[i].utilM2/weq
			case UseUtiliteit:
				bs[i].DwellingEquivalents = bs[i].FloorAreaM2 / weq
			}
		}
	}
	rv, tw := pr.v("perf.hr_boiler.rv"), pr.v("perf.hr_boiler.tw")
	for i := range bs {
		if bs[i].Use != UseBijgebouw {
			sides[i] = pr.buildingSides(&bs[i], &ds[i])
			bs[i].GasM3 = float64(p.GasVolume(kosten.GigaJoule(bs[i].SpaceHeatGJ/rv + bs[i].TapWaterGJ/tw)))
		}
	}
	if pr.err != nil {
		return Result{}, pr.err
	}
	if pp.waterNote != "" {
		res.Notes = append(res.Notes, pp.waterNote)
	}
	var nr *netResult
	var kind OptionKind
	var drops []Drop
	var rounds int
	if fixed == nil {
		nr, kind, drops, rounds, err = expandNetwork(ctx, streets, &in, bs, ds, sides, water, opt, pr, pp.routes, pp.rules)
		if err != nil {
			return Result{}, err
		}
		if p == pp.params {
			pp.record(nr, kind, drops, rounds, bs)
		}
	} else {
		if nr, err = routeNetwork(ctx, streets, in.Sources, bs, fixed.members, designMT, false, nil, opt, pr, pp.routes); err != nil {
			return Result{}, err
		}
		kind, drops, rounds = fixed.kind, fixed.drops, fixed.rounds
		for i := range bs {
			bs[i].DroppedReason = fixed.reasons[i]
		}
	}
	for i := range bs {
		bs[i].Connected = nr.connected[i]
		if bs[i].Connected {
			bs[i].DroppedReason = ""
		}
	}
	// The LT options are priced on the same buildings routed again at LT
	// design temperatures: a smaller temperature difference needs larger
	// pipes.
	nets := map[OptionKind]*netResult{OptionWarmtenetMT: nr, OptionGeothermie: nr, OptionWarmtenetLT: nr, OptionAquathermie: nr, OptionWarmtenetLTBron: nr}
	var ltNet *netResult
	if nr.routed && nr.summary.Connected > 0 {
		var on []int
		for _, i := range nr.members {
			if nr.connected[i] {
				on = append(on, i)
			}
		}
		if ltNet, err = routeNetwork(ctx, streets, in.Sources, bs, on, designLT, false, nr, opt, pr, pp.routes); err != nil {
			return Result{}, err
		}
		nets[OptionWarmtenetLT], nets[OptionAquathermie], nets[OptionWarmtenetLTBron] = ltNet, ltNet, ltNet
		ms, mr := designMT.temps(pr)
		ls, lr := designLT.temps(pr)
		res.Notes = append(res.Notes, fmt.Sprintf("het warmtenet is gerouteerd op %.0f/%.0f °C voor de MT-opties en nog eens op %.0f/%.0f °C voor de LT-opties (dikkere leidingen voor het kleinere temperatuurverschil)",
			ms, mr, ls, lr))
	} else if !nr.routed && nr.summary.Connected > 0 {
		// The estimated network costs the same at LT (Vesta's cost curve
		// has no temperature) but loses less heat.
		lt := *nr
		lt.summary.HeatLossGJ = estimateLossGJ(nr.summary.TrenchM, designLT, pr)
		nets[OptionWarmtenetLT], nets[OptionAquathermie], nets[OptionWarmtenetLTBron] = &lt, &lt, &lt
	}
	netViews := map[OptionKind]views{}
	for _, k := range OptionKinds {
		if k.Network() {
			netViews[k] = pr.networkViews(k, nets[k], bs, ds, true)
		}
	}
	// The heat-loss band of each network as the costs price it (physics
	// stays the low end; see kosten.NetworkLosses).
	lossOf := func(n *netResult, lt bool) (Band, float64) {
		var delivered float64
		for i := range bs {
			if n.connected[i] {
				h := ds[i].heatD
				if lt {
					h = ds[i].heatB
				}
				delivered += h + bs[i].TapWaterGJ
			}
		}
		return plain(pr.losses(n, bs, delivered)), delivered
	}
	var aqBlock []string
	if aq := nets[OptionAquathermie]; len(teo) > 0 && aq.summary.Connected > 0 {
		heat := make([]float64, len(bs))
		for i := range bs {
			heat[i] = ds[i].heatB + bs[i].TapWaterGJ
		}
		var note string
		aqLoss, _ := lossOf(aq, true)
		aqBlock, note = teoCheck(teo, water, aq.connected, heat, aqLoss.Value, pr.v("perf.collective_hp"), pr.v("source.main_volume_share"), bs, opt)
		if note != "" {
			res.Notes = append(res.Notes, note)
		}
	}
	evalOptions(bs, sides, nr, nets, netViews, water, len(in.Water) > 0, aqBlock, opt, pr)
	if pr.err != nil {
		return Result{}, pr.err
	}
	opt.progress("options", len(bs), len(bs))
	res.Network = nr.summary
	if ltNet != nil {
		res.NetworkLT = ltNet.summary
		res.NetworkLT.Option = OptionWarmtenetLT
		res.NetworkLT.Rounds = 1
	}
	setLoss := func(ns *NetworkSummary, n *netResult, lt bool) {
		if ns.Connected == 0 {
			return
		}
		b, delivered := lossOf(n, lt)
		ns.HeatLoss, ns.HeatLossGJ = b, b.Value
		for i := range bs {
			if n.connected[i] {
				ns.Aansluitingen += float64(max(1, bs[i].Dwellings))
			}
		}
		share := func(l float64) float64 { return l / (delivered + l) }
		ns.HeatLossShare = Band{Value: share(b.Value), Min: share(b.Min), Max: share(b.Max)}
	}
	setLoss(&res.Network, nr, false)
	if pr.assumedMT && res.Network.Connected > 0 && res.Network.PeakKW > 0 {
		sc, rc := designMT.temps(pr)
		d := pr.v("source.assumed.distance")
		c, err := p.TransportPipe(kosten.Metre(d), kosten.KiloWatt(res.Network.PeakKW), sc-rc)
		if err != nil {
			return Result{}, fmt.Errorf("wijkanalyse: %w", err)
		}
		res.Network.TransportM, res.Network.TransportCostEUR = d, plain(c)
		res.Notes = append(res.Notes, fmt.Sprintf("transportleiding naar de aangenomen restwarmtebron: %s m hemelsbreed × omwegfactor %s bij de piek van het net van %s kW kost %s euro (%s-%s), gedragen door warmtenet_mt naast de leidingen van het net",
			thousands(d), decimal(pr.v("pipe.vesta.omwegfactor"), 2), thousands(res.Network.PeakKW), thousands(float64(c.Value)), thousands(float64(c.Min)), thousands(float64(c.Max))))
	}
	if ltNet != nil {
		setLoss(&res.NetworkLT, ltNet, true)
	}
	if res.Network.Connected > 0 {
		res.Notes = append(res.Notes, fmt.Sprintf("warmteverlies van het net: %s GJ per jaar (%s %% van de ingevoede warmte), bandbreedte %s-%s GJ per jaar (%s-%s %%): de onderkant is het stationaire verlies van de gerouteerde leidingen bij de ontwerptemperaturen, de waarde Hestia's %s GJ per jaar per aansluiting (WarmtenetTempl.dms Volumeverlies), de bovenkant Vesta's %.0f %% van de ingevoede warmte (Kengetallen.dms Leidingverlies_max); gemeten Nederlandse netten verliezen 20-36 %% (deellast in de zomer, aansluitleidingen, onderstations)",
			thousands(res.Network.HeatLoss.Value), decimal(100*res.Network.HeatLossShare.Value, 1), thousands(res.Network.HeatLoss.Min), thousands(res.Network.HeatLoss.Max), decimal(100*res.Network.HeatLossShare.Min, 1), decimal(100*res.Network.HeatLossShare.Max, 1),
			decimal(pr.v("net.loss.per_connection"), 1), 100*pr.b("net.loss.volume_share").Max))
	}
	res.Network.Option = kind
	res.Network.Rounds = rounds
	res.Network.Works = worksUse(in.Works, res.Network.Segments, pr)
	if res.Network.Rules = rulesSummary(in.Rules, pp.rules, nr, bs); res.Network.Rules != nil {
		res.Notes = append(res.Notes, rulesNote(res.Network.Rules))
	}
	res.Network.Terminals = 0
	res.Network.Unreachable = 0
	for i := range bs {
		if bs[i].Use != UseBijgebouw && bs[i].SpaceHeatGJ+bs[i].TapWaterGJ > 0 && !pp.rules.isExcluded(i) {
			res.Network.Terminals++
		}
		if strings.HasPrefix(bs[i].DroppedReason, reasonUnreachable) {
			res.Network.Unreachable++
		}
	}
	if nr.net != nil && nr.net.SourceChosen != "" {
		res.Notes = append(res.Notes, sourceNote(nr.net, res.Network.Connected))
	}
	res.Notes = append(res.Notes, sourceNotes(in.Sources, pr)...)
	for _, n := range p.PriceYearNotes() {
		res.Notes = append(res.Notes, "prijspeil: "+n)
	}
	if n := p.EvalYearsAfterHorizon(); n > 0 {
		res.Notes = append(res.Notes, fmt.Sprintf("energieprijzen en CO2-factoren: de KEV 2019-reeksen lopen tot %d; de laatste %d van de %d rekenjaren (%d-%d) gebruiken de cijfers van %d",
			kosten.LastPriceYear, n, int(pr.v("eval.end")-pr.v("eval.start")), res.Year+int(pr.v("eval.start"))+1, res.Year+int(pr.v("eval.end")), kosten.LastPriceYear))
	}
	if !nr.routed && len(nr.members) > 0 {
		res.Notes = append(res.Notes, fmt.Sprintf("het warmteverlies van het net is een schatting: zonder straten zijn er geen gerouteerde leidingen om het uit te berekenen, dus is het %s W per meter sleuf (net.estimate_loss_per_trench_metre, bij %.0f/%.0f °C; voor LT geschaald naar de gemiddelde watertemperatuur boven die van de grond) het hele jaar: %s GJ per jaar over %s m geschatte sleuf, bovenop de warmte die de bronnen leveren",
			decimal(pr.v("net.estimate_loss_per_trench_metre"), 1), pr.v("net.design.mt.supply"), pr.v("net.design.mt.return"), thousands(res.Network.HeatLoss.Min), thousands(res.Network.TrenchM)))
	}
	if res.Network.Unreachable > 0 {
		res.Notes = append(res.Notes, fmt.Sprintf("%d van de %d verwarmde gebouwen zijn niet bereikbaar voor het warmtenet (geen straat binnen %.0f m, of alleen een deel van het stratennet zonder verbinding met de bron)",
			res.Network.Unreachable, res.Network.Terminals, opt.MaxServiceM))
	}
	if res.Network.Connected == 0 {
		res.Notes = append(res.Notes, "geen enkel gebouw ligt aan het warmtenet: elke warmtenetoptie is niet haalbaar")
	}
	res.Notes = append(res.Notes, fmt.Sprintf("warmtenetoptie van de economische uitbreiding: %s; %d gebouwen afgevallen in %d rondes", kind, len(drops), rounds))
	res.Dropped = drops
	res.Buildings = bs

	opt.progress("aggregate", 0, 1)
	all := make([]int, len(bs))
	for i := range bs {
		all[i] = i
		res.Stock.add(&bs[i])
	}
	res.Strategies, res.BestStrategy = strategies(bs, all)
	if res.Network.Connected > 0 {
		res.Notes = append(res.Notes, expansionNote(kind, res.Network.Connected, nr.routed, res.Strategies))
	}
	if lean && len(in.Areas) == 0 {
		// A draw without areas reports the whole scan only.
		return res, nil
	}
	agg := aggregate(bs, in.Areas, nr, pp.areas)
	res.Areas = agg.areas
	res.Notes = append(res.Notes, agg.notes...)
	opt.progress("aggregate", 1, 1)

	rep := in.BuildingsReport
	res.Input = InputSummary{
		BuildingsRead: rep.Read, BuildingsUsed: len(in.Panden), Skipped: rep.Skipped, Repaired: rep.Repaired,
		StreetsRead: in.StreetsReport.Read, StreetsUsed: len(streets), CRS: in.CRS,
		Verblijfsobjecten: len(in.Verblijfsobjecten), Addresses: len(in.Addresses), Labels: len(in.Labels),
		LabelsSkipped: in.LabelsReport.Skipped, Report: rep,
	}
	agg.count(&res.Input, len(in.Areas), in.AreasReport)
	if res.Input.BuildingsRead == 0 {
		res.Input.BuildingsRead = len(in.Panden)
	}
	if res.Input.StreetsRead == 0 {
		res.Input.StreetsRead = len(in.Streets)
	}
	if res.Input.CRS == "" {
		res.Input.CRS = geodata.CRS
	}
	for i := range bs {
		if bs[i].LabelsEPOnline > 0 {
			res.Input.LabelsMatched++
		}
	}
	return res, nil
}

// expansionNote says, in plain words, that one network was expanded (for
// option kind) and that every network option is priced on its connected
// buildings, and whether mixed then comes out the same as kind.
func expansionNote(kind OptionKind, connected int, routed bool, sts []Strategy) string {
	var others []string
	for _, k := range OptionKinds {
		if k.Network() && k != kind {
			others = append(others, string(k))
		}
	}
	lt := ""
	if routed {
		lt = " (de LT-opties opnieuw gerouteerd op 50/30 °C)"
	}
	note := fmt.Sprintf("één warmtenet: het is uitgebreid voor %s (de warmtenetoptie met de laagste nationale kosten in ronde 1), en %s zijn doorgerekend op dezelfde %d aangesloten gebouwen%s, niet op een net dat voor elk van hen apart is uitgebreid; gebouwen buiten het net nemen in die strategieën all-electric",
		kind, strings.Join(others, ", "), connected, lt)
	var mixed, own *Strategy
	for i := range sts {
		switch sts[i].Name {
		case StrategyMixed:
			mixed = &sts[i]
		case string(kind):
			own = &sts[i]
		}
	}
	if mixed != nil && own != nil && mixed.Feasible && own.Feasible && mixed.NationalCostEURPerYear == own.NationalCostEURPerYear {
		note += fmt.Sprintf("; de mix (de gebouwen aan het net op %s, de andere hun beste eigen optie) komt uit op hetzelfde als %s, omdat buiten het net all-electric voor elk gebouw de beste duurzame optie is", kind, kind)
	}
	return note
}
