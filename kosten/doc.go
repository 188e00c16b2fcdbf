// Package kosten prices heat-transition measures the way PBL's Vesta MAIS
// (the model behind the Startanalyse aardgasvrije buurten) does: building
// insulation, individual installations, heat networks and their sources, and
// the consequences for the gas and electricity grids; as yearly costs in
// three views (national, end-user, heat company), each with a min-max band.
// It knows nothing of geometry: callers pass quantities (metres of pipe per
// DN, kW, dwellings, m2) and get euros back.
//
// # Units and price year
//
// Money is Euro (an amount) or EuroPerYear (a yearly flow), always in euro
// of PriceYear = 2018 excluding VAT unless a name says otherwise. Vesta's
// tables are in euro of 2018 and are used without indexing. The default
// pipe price curve (CE Delft 2022 as Hestia uses it, pipe.cedelft.*; see
// PipeCost and pipe.default_curve), the EDR catalogue (EDR/Logstor
// 2020.03, pipe.edr.*, with topotherm band ends) and ACM's maxima
// (tariff.heat.acm_max_*) are published in euro of 2020-2021. Every
// parameter carries its own price year (Param.PriceYear, printed by
// 'wijkwarmte params' with the figure as published; an override may not
// change it); Get and every calculation divide an amount of another year
// by the CBS consumer price index of that year on 2018 (index.cpi.<year>,
// CBS StatLine 83131NED), and Params.PriceYearNotes says which groups were
// indexed (and which, for a year without an index, were not), so a scan
// says so in its notes.
//
// Energy: GigaJoule, KiloWattHour, CubicMetreGas (31.65 MJ per m3, parameter
// gas.energy_content); power: KiloWatt, MegaWatt; length: Metre; area:
// SquareMetre; emissions: TonneCO2. Conversions are named functions
// (GigaJouleFromKWh, Params.GasVolume, CostOfLength, ...).
//
// Every result is a Band{Value, Min, Max}. The ends are Vesta's min and max
// variants carried through as fully correlated scenarios (all low, all
// high); Value is their 50/50 mix as in Vesta's default.
//
// # Parameters
//
// Params is the parameter set: the embedded, versioned default table
// (params.csv, Version) plus the Vesta dwelling table and the KEV 2019
// energy price paths (vesta/), every number with its unit, price year and
// source. Defaults returns it; WithOverrides or LoadOverrides apply a CSV
// override file (format in overrides.go: name,value[,min,max],unit
// [,price_year,source]; a UTF-8 byte-order mark at the start is skipped;
// unknown names, missing units, unit mismatches and values out of bounds
// are errors naming the line). Bounds (check.go): discount rates in
// [0, 1), fractions in [0, 1], main-source shares in (0, 1], lifetimes
// and evaluation years whole, efficiencies, SPFs and the technical scan
// and network defaults (scan.*, net.*) positive, temperatures -30..200 C,
// eval.base_year 2000..2050 (LastPriceYear), and every other number --
// money, energy prices, CO2 factors -- not negative, except the Vesta
// dwelling fits (woning.*) whose intercepts are negative in the source.
// Relations are checked on the whole set: eval.start < eval.end, the
// first evaluation year not before FirstPriceYear, design return below
// supply and ground below return. A *Params is immutable and safe for
// concurrent use.
//
// The table also holds the technical defaults of a scan that package
// wijkanalyse reads from it (scan.max_service_distance, scan.water_reach,
// scan.teo.*, scan.geothermal.min_demand, net.design.{mt,lt}.{supply,return},
// net.ground_temperature, net.max_pressure_gradient, net.simultaneity.*,
// net.service_estimate), each with its unit and its source or the
// reasoning of the assumption, so that 'wijkwarmte params' prints them
// and --params overrides them.
//
// # Years
//
// The KEV 2019 price paths and CO2 factors run from FirstPriceYear (2018)
// to LastPriceYear (2050) and are flat from about 2030. Evaluation years
// after 2050 (base year + 3 .. base year + 30) use the 2050 figures; the
// base year itself may not lie after 2050 (an override or Options.Year
// beyond it is an error). EvalYearsAfterHorizon says how many evaluation
// years are held at 2050, for a note.
//
// # Learning curves
//
// Investments get cheaper as technologies mature. As Vesta does
// (model/Kengetallen/Leercurves.dms with its ZichtJaar), every investment
// is multiplied by the learning index of its kind at the evaluation base
// year (eval.base_year, 'scan --year'), linear between the table's points
// 2020 (= 1), 2030, 2040 and 2050 (parameters learning.<group>.<year>),
// 1 before 2020 and the 2050 figure after it (LearningIndex). The groups
// (Investment.Learning, set by the option builders): all-electric heat
// pumps and the LT booster (hp), hybrid heat pumps (hybrid), LT emission
// systems (ltas), label jumps up to C or B (insulation_cb, also the jump
// to D of an MT network) and to A (insulation_a), distribution pipes and
// substations of MT and LT networks (mt_net), in-building pipework and
// afleverset (inbuilding), service pipes (service_pipes), WKO, TEO, TEA
// and collective heat pumps (lt_sources) and geothermal doublets
// (geothermie). The O&M of an investment with a group is its O&M fraction
// of the cost before learning times the O&M index (om), so that O&M is
// not lowered by two curves. No curve (LearnNone, index 1): the
// electricity and gas grids (Vesta's Infra curve is 100 % in every year),
// the HR boiler and the peak boiler, restwarmte and AVI capacity, and the
// one-off fees (ongeriefsvergoeding, project management); their O&M is
// not indexed either. Vesta's curve for network heat losses (Verl) is not
// applied. The views apply the same index to an investment in the
// national, end-user (before VAT is added) and heat-company view.
//
// Variant: the table holds Vesta's optimistic and pessimistic curves (the
// pessimistic one is 100 % in every year); the index is a Band with min =
// optimistic, max = pessimistic and value = their 50/50 mix, Vesta's
// default LeercurveMinMaxSchuif of 0.5. A cost band times an index band is
// taken end by end (low cost with the optimistic curve, high cost with
// the pessimistic one), the fully correlated scenarios every Band in this
// package stands for; the value is Vesta's mixed cost times its mixed
// curve. The index is real (no inflation): a cost keeps its price year
// (euro of 2018: the Vesta tables as they are, pipe.cedelft.* and pipe.edr.* indexed from 2020). At the
// default base year 2020 every index is 1 and nothing changes; from 2021
// on the curves lower the costs.
//
// # Heat sources of a network
//
// After Vesta's source defaults (VestaDV model/Kengetallen/
// WarmteBronnen.dms: Pcap_default 0.3, Pvol_default 0.8) the main source
// of every network (restwarmte, AVI, a geothermal doublet, WKO, TEO, TEA
// or a collective heat pump) is built for source.main_capacity_share
// (30 %) of the peak and delivers source.main_volume_share (80 %) of the
// heat. Vesta applies the 30 % to its own peak; the peak here is the
// diversified network peak, where 30 % can imply more full-load hours than
// a year has, so the main source is built for at least its heat divided
// by source.main_max_full_load_hours (7,000 h/yr, an assumption of
// wijkwarmte). A gas peak and backup boiler (Vesta's HulpKetel:
// source.peak_boiler.per_kw 800-1800 EUR/kW, om.peak_boiler 1 %, gas
// 1/0.963 GJ per GJ of heat) covers the rest of the peak and burns gas
// for the rest of the heat, so every network emits some CO2. A geothermal
// doublet's pumps use 1 GJ of electricity per 23.04 GJ of heat
// (perf.geothermie.heat_per_electricity). Not modelled: the transport
// pipe from a source outside the wijk, and a backup boiler for the full
// peak (only the part the main source does not cover).
//
// # Annualising: the formulas
//
// Plain annuity (Annuity):
//
//	A(r, n) = r / (1 - (1+r)^-n)
//
// Vesta's NcwSchema annuity (NcwAnnuity), with d = 1 + r, first paying
// year s and last year e (Vesta: s = 2, e = 30, parameters eval.start and
// eval.end):
//
//	N(r, s, e) = 1 / [(d^-s - d^-e) / r]   where (d^-s - d^-e)/r = sum_{t=s+1..e} d^-t
//
// Which is used where:
//
//   - An asset with a lifetime L (a heat pump 15 yr, a pipe 30 yr):
//     yearly capital cost = I * A(r, L). This is the equivalent annual cost:
//     an asset that wears out within the evaluation years is in effect
//     replaced at the same cost, one that outlives them is charged only
//     for the years used. (Annualise with lifetime >= 1.)
//   - A one-off cost that buys no asset (project management, removing a gas
//     connection, a connection fee paid to the heat company): invested at
//     the start (t = 0) and spread over the evaluation years s+1..e,
//     yearly = I * N(r, s, e). (Annualise with lifetime 0.)
//   - Flows that change from year to year (energy at the KEV 2019 price of
//     each calendar year eval.base_year + t): discounted over t = s+1..e and
//     levelised with N, yearly = N(r,s,e) * sum_{t=s+1..e} F(t) d^-t
//     (Levelise). A constant flow comes back unchanged.
//
// Rates: national 3 % (discount.national), heat company 6 %
// (discount.heat_company, band up to Hestia's 6.8 %), owner-occupier and
// landlord 5.5 % (Vesta uses one rate for all owners of existing
// dwellings), utility owners 8 %.
//
// # Views
//
// National: all investments (excluding VAT) annualised at the national
// rate, O&M, and energy at commodity + CO2 + network prices; no energy
// tax, ODE, VAT, subsidies or tariffs between parties (the heat tariff and
// connection fee are transfers). End-user: the owner's own investments
// plus VAT (tax.vat_building on insulation, tax.vat on installations)
// annualised at the owner's rate, O&M, energy at full consumer prices,
// the fixed gas-grid charges while a gas connection stays, and for a heat
// network the connection fee (capped by ACM at
// tariff.heat.max_aansluitbijdrage), vastrecht, meettarief and heat price,
// plus VAT. Heat company: revenues (fees, vastrecht, heat sales, excl. VAT)
// against its costs (its investments at the company rate, O&M, production
// energy excl. VAT), with the return ratio revenue/cost.
//
// # API at a glance
//
// Parameters (params.go, overrides.go):
//
//	func Defaults() *Params
//	func LoadOverrides(path string) (*Params, error)
//	func (p *Params) WithOverrides(r io.Reader, file string) (*Params, error)
//	func (p *Params) WithOverridesFile(path string) (*Params, error)
//	func PlainNumber(s string) bool
//	func (p *Params) Get(name string) (Param, error)
//	func (p *Params) All() []Param
//	func (p *Params) Overridden() []string
//	func (p *Params) PriceYearNotes() []string
//	func (p *Params) EvalYearsAfterHorizon() int
//	func (p *Params) WriteCSV(w io.Writer) error
//	type Param struct { Name string; Band[float64]; Unit Unit; PriceYear int; Source string }
//
// Money and bands (units.go, band.go, annuity.go):
//
//	type Band[T ~float64] struct{ Value, Min, Max T }
//	func Point, Span, Convert, SumBands, Mul; methods Add, Sub, Scale, ClampMin, Valid
//	func Annuity(rate float64, years int) float64
//	func NcwAnnuity(rate float64, s, e int) float64
//	func Discount(rate float64, t int) float64
//	func Annualise(k Band[Euro], rate float64, lifetime, s, e int) Band[EuroPerYear]
//	func Levelise(rate float64, s, e int, flow func(t int) float64) float64
//
// Pipes for the router (pipes.go):
//
//	func Pipes() []Pipe                 // DN, inner/outer diameter, u-values
//	func PipeByDN(dn int) (Pipe, bool)
//	func (p *Params) PipeCost(peak KiloWatt, deltaT float64, dn int) (Band[EuroPerMetre], error) // default curve (pipe.default_curve: CE Delft 2022)
//	func (p *Params) TransportPipe(straight Metre, peak KiloWatt, deltaT float64) (Band[Euro], error)
//	func (p *Params) PipeCostPerMetre(dn int) (Band[EuroPerMetre], error)   // EDR/Logstor by DN
//	func (p *Params) PipeCostTopotherm(dn int) (Band[EuroPerMetre], error)
//	func (p *Params) PipeCostCEDelft(peak MegaWatt, deltaT float64) (Band[EuroPerMetre], error)
//	func (p *Params) PipeCostVesta(peak MegaWatt) Band[EuroPerMetre]
//	func (p *Params) ServicePipeCostPerMetre(peak KiloWatt) Band[EuroPerMetre]
//
// Buildings (woning.go; Vesta's 6 dwelling types x 11 periods):
//
//	func BouwperiodeOf(bouwjaar int) Bouwperiode
//	func ParseLabel(s string) (Label, error)
//	func (p *Params) DefaultLabel(t Woningtype, e Bouwperiode) (Label, error)
//	func (p *Params) DemandFit(t Woningtype, e Bouwperiode, l Label) (Fit, error)   // GJ/yr = a + b*m2
//	func (p *Params) SpaceHeat(t Woningtype, e Bouwperiode, l Label, area SquareMetre) (GigaJoule, error)
//	func (p *Params) OtherDemands(t Woningtype, e Bouwperiode) (OtherDemand, error)
//	func (p *Params) InsulationCost(t Woningtype, e Bouwperiode, from, to Label, area SquareMetre) (Band[Euro], error)
//
// Energy (energy.go):
//
//	func (p *Params) EnergyPrice(c Carrier, class UserClass, year int) (EnergyPrice, error)
//	func (p *Params) CO2Factor(c Carrier, year int) (float64, error)
//	func (p *Params) GasVolume(e GigaJoule) CubicMetreGas
//	func (p *Params) LearningIndex(group string, year int) (Band[float64], error)   // learning.go
//	func InsulationLearning(target Label) string
//	type Investment struct { ...; Learning string }   // LearnHeatPump .. LearnGeothermie, LearnNone
//
// Options, views and indicators (options.go, views.go, indicators.go):
//
//	func (p *Params) GasBoiler(d Dwelling) (Option, error)
//	func (p *Params) HeatPump(d Dwelling, kind HeatPumpKind, target Label) (Option, error)
//	func (p *Params) HybridHeatPump(d Dwelling) (Option, error)
//	func (p *Params) Installation(in Installation, peak KiloWatt) Investment   // InstHRBoiler .. InstH2Boiler, from inst.<name>.*
//	func (p *Params) HeatNetworkConnection(d Dwelling, target Label, lt bool, servicePipe Band[Euro]) (Option, error)
//	func (p *Params) Network(q NetworkQuantities) (Option, error)
//	func (p *Params) SplitSource(peak KiloWatt, produced GigaJoule) SourceSplit
//	func (p *Params) GridReinforcement(extraPeak KiloWatt, lsCable Metre) (Investment, error)
//	func (p *Params) GasMainRemoval(mains Metre) (Investment, error)
//	func (p *Params) Merge(name string, opts ...Option) Option
//	func (p *Params) National(o Option) (Breakdown, error)
//	func (p *Params) EndUser(o Option) (Breakdown, error)
//	func (p *Params) Company(o Option) (CompanyResult, error)
//	func (ps *Parts) Sum() Band[EuroPerYear]   // Breakdown.Parts: the total by Part (parts.go)
//	func (p *Params) CO2(o Option) (Band[TonneCO2], error)
//	func (p *Params) Indicators(s Strategy) (Indicators, error)
//
// Data: VestaDV (github.com/RuudvandenWijngaart/VestaDV, commit 4742ff05,
// GPL-3.0), MESIDO EDR pipes (LGPL-3.0), topotherm (MIT), Hestia
// (GPL-3.0), collected in the project's reference/kengetallen.md.
package kosten
