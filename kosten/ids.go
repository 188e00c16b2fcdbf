package kosten

// pid identifies a parameter the calculations read on every dwelling,
// option or network: Params.hot holds its band (as band(name) returns
// it, converted to euro of PriceYear), filled by finish from the name in
// pidNames, so that the views and builders index an array instead of
// looking a name up in the index map (issue 12: those look-ups and the
// names built with + were 7 % of the batch's CPU). Each constant's
// comment and pidNames give its parameter name.
type pid uint16

// Parameters read by id. Families whose name is built from a kind
// (installations, heat pump SPFs, CE Delft curves) follow as tables.
const (
	pDiscountHeatCompany                 pid = iota // discount.heat_company
	pDiscountLandlord                               // discount.landlord
	pDiscountNational                               // discount.national
	pDiscountOwnerOccupier                          // discount.owner_occupier
	pDiscountUtilityOwner                           // discount.utility_owner
	pDwellingEquivalentUtilityM2                    // dwelling_equivalent.utility_m2
	pEvalBaseYear                                   // eval.base_year
	pEvalEnd                                        // eval.end
	pEvalStart                                      // eval.start
	pGasEnergyContent                               // gas.energy_content
	pGridElecLsCable                                // grid.elec.ls_cable
	pGridElecMsRoom                                 // grid.elec.ms_room
	pGridElecMsRoomCapacity                         // grid.elec.ms_room_capacity
	pGridElecUpgrade3x25a                           // grid.elec.upgrade_3x25a
	pGridGasCapaciteitstarief                       // grid.gas.capaciteitstarief
	pGridGasLeveringstarief                         // grid.gas.leveringstarief
	pGridGasMeterhuur                               // grid.gas.meterhuur
	pGridGasPeriodiekeAansluitvergoeding            // grid.gas.periodieke_aansluitvergoeding
	pGridGasRemoveConnectionHoogbouw                // grid.gas.remove_connection_hoogbouw
	pGridGasRemoveConnectionLaagbouw                // grid.gas.remove_connection_laagbouw
	pGridGasRemoveMain                              // grid.gas.remove_main
	pGridGasVastrecht                               // grid.gas.vastrecht
	pGridH2Connection                               // grid.h2.connection
	pH2EnergyContent                                // h2.energy_content
	pHnAfleverset                                   // hn.afleverset
	pHnInbuildingEgw                                // hn.inbuilding.egw
	pHnInbuildingMgw                                // hn.inbuilding.mgw
	pHnLtBooster                                    // hn.lt.booster
	pHnOngeriefsvergoeding                          // hn.ongeriefsvergoeding
	pHnProjectmanagement                            // hn.projectmanagement
	pHnSubstationOs                                 // hn.substation.os
	pHnSubstationWosLt                              // hn.substation.wos_lt
	pInsulationCostFactor                           // insulation.cost_factor
	pInsulationLifetime                             // insulation.lifetime
	pLifeGrid                                       // life.grid
	pLifeInbuilding                                 // life.inbuilding
	pLifeNetwork                                    // life.network
	pLifeSource                                     // life.source
	pLifeSubstation                                 // life.substation
	pLtasEgw                                        // ltas.egw
	pLtasMgw                                        // ltas.mgw
	pNetGroundTemperature                           // net.ground_temperature
	pNetLossMethod                                  // net.loss.method
	pNetLossPerConnection                           // net.loss.per_connection
	pNetLossVolumeShare                             // net.loss.volume_share
	pOmCollectiveHp                                 // om.collective_hp
	pOmGeothermie                                   // om.geothermie
	pOmInbuilding                                   // om.inbuilding
	pOmInsulation                                   // om.insulation
	pOmLtRestwarmte                                 // om.lt_restwarmte
	pOmOs                                           // om.os
	pOmPeakBoiler                                   // om.peak_boiler
	pOmPipesPrimary                                 // om.pipes_primary
	pOmPipesSecondary                               // om.pipes_secondary
	pOmRestwarmte                                   // om.restwarmte
	pOmSupplierAdmin                                // om.supplier_admin
	pOmTeo                                          // om.teo
	pOmWko                                          // om.wko
	pOmWos                                          // om.wos
	pPerfCollectiveHp                               // perf.collective_hp
	pPerfGeothermieHeatPerElectricity               // perf.geothermie.heat_per_electricity
	pPerfH2BoilerRv                                 // perf.h2_boiler.rv
	pPerfH2BoilerTw                                 // perf.h2_boiler.tw
	pPerfHpHybridRv                                 // perf.hp_hybrid.rv
	pPerfHpHybridShare                              // perf.hp_hybrid.share
	pPerfHrBoilerRv                                 // perf.hr_boiler.rv
	pPerfHrBoilerTw                                 // perf.hr_boiler.tw
	pPipeDefaultCurve                               // pipe.default_curve
	pPipeVestaMaxA                                  // pipe.vesta.max.a
	pPipeVestaMaxB                                  // pipe.vesta.max.b
	pPipeVestaMaxC                                  // pipe.vesta.max.c
	pPipeVestaMinA                                  // pipe.vesta.min.a
	pPipeVestaMinB                                  // pipe.vesta.min.b
	pPipeVestaMinC                                  // pipe.vesta.min.c
	pPipeVestaOmwegfactor                           // pipe.vesta.omwegfactor
	pPriceGroengasKGCommodity                       // price.groengas.KG.commodity
	pPriceGroengasKMGCommodity                      // price.groengas.KMG.commodity
	pPriceWaterstofChainCost                        // price.waterstof.chain_cost
	pSourceAviPerKw                                 // source.avi.per_kw
	pSourceCollectiveHpPerKw                        // source.collective_hp.per_kw
	pSourceGeothermiePerKw                          // source.geothermie.per_kw
	pSourceLtRestwarmtePerKw                        // source.lt_restwarmte.per_kw
	pSourceMainCapacityShare                        // source.main_capacity_share
	pSourceMainMaxFullLoadHours                     // source.main_max_full_load_hours
	pSourceMainVolumeShare                          // source.main_volume_share
	pSourcePeakBoilerEfficiency                     // source.peak_boiler.efficiency
	pSourcePeakBoilerPerKw                          // source.peak_boiler.per_kw
	pSourceRestwarmtePerKw                          // source.restwarmte.per_kw
	pSourceRestwarmtePriceRatioGas                  // source.restwarmte.price_ratio_gas
	pSourceTeaFixed                                 // source.tea.fixed
	pSourceTeaPerKw                                 // source.tea.per_kw
	pSourceTeoFixed                                 // source.teo.fixed
	pSourceTeoPerKw                                 // source.teo.per_kw
	pSourceWkoFixed                                 // source.wko.fixed
	pSourceWkoPerKw                                 // source.wko.per_kw
	pTariffHeatAcmMaxAansluitbijdrage               // tariff.heat.acm_max_aansluitbijdrage
	pTariffHeatAcmMaxGj                             // tariff.heat.acm_max_gj
	pTariffHeatAcmMaxMeettarief                     // tariff.heat.acm_max_meettarief
	pTariffHeatAcmMaxVastrecht                      // tariff.heat.acm_max_vastrecht
	pTariffHeatMaxAansluitbijdrage                  // tariff.heat.max_aansluitbijdrage
	pTariffHeatMeettarief                           // tariff.heat.meettarief
	pTariffHeatNmda                                 // tariff.heat.nmda
	pTariffHeatNmdaEfficiency                       // tariff.heat.nmda_efficiency
	pTariffHeatPrice                                // tariff.heat.price
	pTariffHeatVastrechtLt                          // tariff.heat.vastrecht_lt
	pTariffHeatVastrechtMt                          // tariff.heat.vastrecht_mt
	pTariffWaterstofPrice                           // tariff.waterstof.price
	pTaxVat                                         // tax.vat
	pTaxVatBuilding                                 // tax.vat_building

	// inst.<installation>.* (installs), then perf.<heat pump>.* (hpPerf),
	// then pipe.cedelft.<class>.* (cedelftCurves).
	pInstFirst
	pHPPerfFirst  = pInstFirst + pid(numInstallations)*pid(numInstFields)
	pCEDelftFirst = pHPPerfFirst + pid(len(hpKinds))*pid(numHPPerfFields)
	numPids       = pCEDelftFirst + pid(len(cedelftClasses))*pid(numCEDelftFields)
)

// pidNames is the parameter name of every pid.
var pidNames = makePidNames()

func makePidNames() [numPids]string {
	n := [numPids]string{
		pDiscountHeatCompany:                 "discount.heat_company",
		pDiscountLandlord:                    "discount.landlord",
		pDiscountNational:                    "discount.national",
		pDiscountOwnerOccupier:               "discount.owner_occupier",
		pDiscountUtilityOwner:                "discount.utility_owner",
		pDwellingEquivalentUtilityM2:         "dwelling_equivalent.utility_m2",
		pEvalBaseYear:                        "eval.base_year",
		pEvalEnd:                             "eval.end",
		pEvalStart:                           "eval.start",
		pGasEnergyContent:                    "gas.energy_content",
		pGridElecLsCable:                     "grid.elec.ls_cable",
		pGridElecMsRoom:                      "grid.elec.ms_room",
		pGridElecMsRoomCapacity:              "grid.elec.ms_room_capacity",
		pGridElecUpgrade3x25a:                "grid.elec.upgrade_3x25a",
		pGridGasCapaciteitstarief:            "grid.gas.capaciteitstarief",
		pGridGasLeveringstarief:              "grid.gas.leveringstarief",
		pGridGasMeterhuur:                    "grid.gas.meterhuur",
		pGridGasPeriodiekeAansluitvergoeding: "grid.gas.periodieke_aansluitvergoeding",
		pGridGasRemoveConnectionHoogbouw:     "grid.gas.remove_connection_hoogbouw",
		pGridGasRemoveConnectionLaagbouw:     "grid.gas.remove_connection_laagbouw",
		pGridGasRemoveMain:                   "grid.gas.remove_main",
		pGridGasVastrecht:                    "grid.gas.vastrecht",
		pGridH2Connection:                    "grid.h2.connection",
		pH2EnergyContent:                     "h2.energy_content",
		pHnAfleverset:                        "hn.afleverset",
		pHnInbuildingEgw:                     "hn.inbuilding.egw",
		pHnInbuildingMgw:                     "hn.inbuilding.mgw",
		pHnLtBooster:                         "hn.lt.booster",
		pHnOngeriefsvergoeding:               "hn.ongeriefsvergoeding",
		pHnProjectmanagement:                 "hn.projectmanagement",
		pHnSubstationOs:                      "hn.substation.os",
		pHnSubstationWosLt:                   "hn.substation.wos_lt",
		pInsulationCostFactor:                "insulation.cost_factor",
		pInsulationLifetime:                  "insulation.lifetime",
		pLifeGrid:                            "life.grid",
		pLifeInbuilding:                      "life.inbuilding",
		pLifeNetwork:                         "life.network",
		pLifeSource:                          "life.source",
		pLifeSubstation:                      "life.substation",
		pLtasEgw:                             "ltas.egw",
		pLtasMgw:                             "ltas.mgw",
		pNetGroundTemperature:                "net.ground_temperature",
		pNetLossMethod:                       "net.loss.method",
		pNetLossPerConnection:                "net.loss.per_connection",
		pNetLossVolumeShare:                  "net.loss.volume_share",
		pOmCollectiveHp:                      "om.collective_hp",
		pOmGeothermie:                        "om.geothermie",
		pOmInbuilding:                        "om.inbuilding",
		pOmInsulation:                        "om.insulation",
		pOmLtRestwarmte:                      "om.lt_restwarmte",
		pOmOs:                                "om.os",
		pOmPeakBoiler:                        "om.peak_boiler",
		pOmPipesPrimary:                      "om.pipes_primary",
		pOmPipesSecondary:                    "om.pipes_secondary",
		pOmRestwarmte:                        "om.restwarmte",
		pOmSupplierAdmin:                     "om.supplier_admin",
		pOmTeo:                               "om.teo",
		pOmWko:                               "om.wko",
		pOmWos:                               "om.wos",
		pPerfCollectiveHp:                    "perf.collective_hp",
		pPerfGeothermieHeatPerElectricity:    "perf.geothermie.heat_per_electricity",
		pPerfH2BoilerRv:                      "perf.h2_boiler.rv",
		pPerfH2BoilerTw:                      "perf.h2_boiler.tw",
		pPerfHpHybridRv:                      "perf.hp_hybrid.rv",
		pPerfHpHybridShare:                   "perf.hp_hybrid.share",
		pPerfHrBoilerRv:                      "perf.hr_boiler.rv",
		pPerfHrBoilerTw:                      "perf.hr_boiler.tw",
		pPipeDefaultCurve:                    "pipe.default_curve",
		pPipeVestaMaxA:                       "pipe.vesta.max.a",
		pPipeVestaMaxB:                       "pipe.vesta.max.b",
		pPipeVestaMaxC:                       "pipe.vesta.max.c",
		pPipeVestaMinA:                       "pipe.vesta.min.a",
		pPipeVestaMinB:                       "pipe.vesta.min.b",
		pPipeVestaMinC:                       "pipe.vesta.min.c",
		pPipeVestaOmwegfactor:                "pipe.vesta.omwegfactor",
		pPriceGroengasKGCommodity:            "price.groengas.KG.commodity",
		pPriceGroengasKMGCommodity:           "price.groengas.KMG.commodity",
		pPriceWaterstofChainCost:             "price.waterstof.chain_cost",
		pSourceAviPerKw:                      "source.avi.per_kw",
		pSourceCollectiveHpPerKw:             "source.collective_hp.per_kw",
		pSourceGeothermiePerKw:               "source.geothermie.per_kw",
		pSourceLtRestwarmtePerKw:             "source.lt_restwarmte.per_kw",
		pSourceMainCapacityShare:             "source.main_capacity_share",
		pSourceMainMaxFullLoadHours:          "source.main_max_full_load_hours",
		pSourceMainVolumeShare:               "source.main_volume_share",
		pSourcePeakBoilerEfficiency:          "source.peak_boiler.efficiency",
		pSourcePeakBoilerPerKw:               "source.peak_boiler.per_kw",
		pSourceRestwarmtePerKw:               "source.restwarmte.per_kw",
		pSourceRestwarmtePriceRatioGas:       "source.restwarmte.price_ratio_gas",
		pSourceTeaFixed:                      "source.tea.fixed",
		pSourceTeaPerKw:                      "source.tea.per_kw",
		pSourceTeoFixed:                      "source.teo.fixed",
		pSourceTeoPerKw:                      "source.teo.per_kw",
		pSourceWkoFixed:                      "source.wko.fixed",
		pSourceWkoPerKw:                      "source.wko.per_kw",
		pTariffHeatAcmMaxAansluitbijdrage:    "tariff.heat.acm_max_aansluitbijdrage",
		pTariffHeatAcmMaxGj:                  "tariff.heat.acm_max_gj",
		pTariffHeatAcmMaxMeettarief:          "tariff.heat.acm_max_meettarief",
		pTariffHeatAcmMaxVastrecht:           "tariff.heat.acm_max_vastrecht",
		pTariffHeatMaxAansluitbijdrage:       "tariff.heat.max_aansluitbijdrage",
		pTariffHeatMeettarief:                "tariff.heat.meettarief",
		pTariffHeatNmda:                      "tariff.heat.nmda",
		pTariffHeatNmdaEfficiency:            "tariff.heat.nmda_efficiency",
		pTariffHeatPrice:                     "tariff.heat.price",
		pTariffHeatVastrechtLt:               "tariff.heat.vastrecht_lt",
		pTariffHeatVastrechtMt:               "tariff.heat.vastrecht_mt",
		pTariffWaterstofPrice:                "tariff.waterstof.price",
		pTaxVat:                              "tax.vat",
		pTaxVatBuilding:                      "tax.vat_building",
	}
	for i, in := range installNames {
		for f, suffix := range instFieldSuffixes {
			n[instID(Installation(i), instField(f))] = "inst." + in + suffix
		}
	}
	for k, kind := range hpKinds {
		for f, suffix := range hpPerfSuffixes {
			n[hpPerfID(k, hpPerfField(f))] = "perf." + string(kind) + suffix
		}
	}
	for c, class := range cedelftClasses {
		for f, suffix := range cedelftSuffixes {
			n[cedelftID(c, cedelftField(f))] = "pipe.cedelft." + class + suffix
		}
	}
	return n
}

// Installation is an individual installation that Params.Installation
// prices from its low and high fits (inst.<name>.{low,high}.eur_per_{asl,kw},
// .lifetime, .om); the dwelling options use them, and callers that
// assemble other buildings' options from the same parameters (wijkanalyse's
// utility buildings) price theirs with it too.
type Installation int

// Installations, with their name in the parameter table (inst.<name>.*)
// and as Investment.Name.
const (
	InstHRBoiler Installation = iota // hr_boiler: HR gas boiler
	InstHPAir                        // hp_air: air-source heat pump (AirHeatPump)
	InstHPGround                     // hp_ground: ground-source heat pump (GroundHeatPump)
	InstHPHybrid                     // hp_hybrid: hybrid heat pump, beside a boiler
	InstH2Boiler                     // h2_boiler: hydrogen boiler
	numInstallations
)

// installNames are the installations' names in the table (and their
// Investment.Name).
var installNames = [numInstallations]string{"hr_boiler", "hp_air", "hp_ground", "hp_hybrid", "h2_boiler"}

type instField int

const (
	instLowAsl instField = iota
	instLowKW
	instHighAsl
	instHighKW
	instLifetime
	instOM
	numInstFields
)

var instFieldSuffixes = [numInstFields]string{".low.eur_per_asl", ".low.eur_per_kw", ".high.eur_per_asl", ".high.eur_per_kw", ".lifetime", ".om"}

func instID(i Installation, f instField) pid {
	return pInstFirst + pid(i)*pid(numInstFields) + pid(f)
}

// hpKinds are the heat pump kinds with perf.<kind>.rv.{C,B,A} and .tw.
var hpKinds = [...]HeatPumpKind{AirHeatPump, GroundHeatPump}

type hpPerfField int

const (
	hpRvC hpPerfField = iota
	hpRvB
	hpRvA
	hpTw
	numHPPerfFields
)

var hpPerfSuffixes = [numHPPerfFields]string{".rv.C", ".rv.B", ".rv.A", ".tw"}

func hpPerfID(kind int, f hpPerfField) pid {
	return pHPPerfFirst + pid(kind)*pid(numHPPerfFields) + pid(f)
}

// cedelftClasses are the temperature-difference classes of the CE Delft
// pipe cost curve (PipeCostCEDelft), with pipe.cedelft.<class>.{min,max}.{a,b}.
var cedelftClasses = [...]string{"dt10", "dt20", "dt30", "dt50", "dt70"}

type cedelftField int

const (
	cedelftMinA cedelftField = iota
	cedelftMinB
	cedelftMaxA
	cedelftMaxB
	numCEDelftFields
)

var cedelftSuffixes = [numCEDelftFields]string{".min.a", ".min.b", ".max.a", ".max.b"}

func cedelftID(class int, f cedelftField) pid {
	return pCEDelftFirst + pid(class)*pid(numCEDelftFields) + pid(f)
}

// band returns a parameter the code relies on, as the calculation uses it
// (see Get); value its central value.
func (p *Params) band(id pid) Band[float64] { return p.hot[id] }

func (p *Params) value(id pid) float64 { return p.hot[id].Value }
