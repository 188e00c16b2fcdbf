package kosten

import (
	"bytes"
	_ "embed"
	"encoding/csv"
	"fmt"
	"strconv"
	"strings"
)

// Energy prices and CO2 factors per year from PBL's KEV 2019 price paths as
// Vesta uses them (VestaDV data/20200812_Energieprijzen_KEV2019_{Aardgas,
// Elek}.csv, commit 4742ff05, GPL-3.0). Every figure is a parameter named
// price.<carrier>.<class>.<year>.<component>, co2.<carrier>.<year> or
// price.co2.<year>, for the years FirstPriceYear..LastPriceYear.

//go:embed vesta/20200812_Energieprijzen_KEV2019_Aardgas.csv
var gasPricesCSV []byte

//go:embed vesta/20200812_Energieprijzen_KEV2019_Elek.csv
var elecPricesCSV []byte

// The years of the embedded price paths. Later years use LastPriceYear
// (the KEV paths are flat from 2030 on).
const (
	FirstPriceYear = 2018
	LastPriceYear  = 2050
)

// Carrier is an energy carrier with a yearly price.
type Carrier string

// Carriers.
const (
	Gas         Carrier = "gas"         // natural gas, priced per m3
	Electricity Carrier = "electricity" // priced per kWh
	GreenGas    Carrier = "groengas"    // green gas through the gas grid, priced per m3 (GreenGasPrice)
	Hydrogen    Carrier = "waterstof"   // hydrogen through a converted gas grid, priced per GJ (HydrogenPrice)
)

// UserClass is a KEV consumer class. Households are KG.
type UserClass string

// KEV user classes embedded here.
const (
	ClassSmall       UserClass = "KG"  // kleingebruikers: households and small businesses
	ClassSmallMedium UserClass = "KMG" // klein-middelgrootgebruikers: larger utility buildings
)

var priceComponents = [...]struct{ name, column string }{
	{"commodity", "PC_COM_EXCL_CO2"},
	{"co2", "PC_CO2"},
	{"network", "PC_NET"},
	{"ode", "PC_SDE"},
	{"energy_tax", "PC_BEL_EL"},
	{"vat", "PC_BTW"},
}

// EnergyPrice is the build-up of one unit of a carrier (EUR per m3 of gas
// or per kWh of electricity, euro of 2018) in one year for one user class.
// Commodity, CO2 and Network are resource costs; ODE (the SDE levy),
// EnergyTax and VAT are transfers to the state.
type EnergyPrice struct {
	Commodity, CO2, Network float64
	ODE, EnergyTax, VAT     float64
}

// National is the price without taxes and levies: commodity + CO2 + network.
func (e EnergyPrice) National() float64 { return e.Commodity + e.CO2 + e.Network }

// ExclVAT is what a company that reclaims VAT pays: everything but VAT.
func (e EnergyPrice) ExclVAT() float64 { return e.National() + e.ODE + e.EnergyTax }

// EndUser is the full consumer price including ODE, energy tax and VAT.
func (e EnergyPrice) EndUser() float64 { return e.ExclVAT() + e.VAT }

func carrierPrices(c Carrier) ([]byte, string, Unit, Unit) {
	if c == Gas {
		return gasPricesCSV, "VestaDV data/20200812_Energieprijzen_KEV2019_Aardgas.csv (commit 4742ff05, GPL-3.0)", "EUR/m3", "kgCO2/m3"
	}
	return elecPricesCSV, "VestaDV data/20200812_Energieprijzen_KEV2019_Elek.csv (commit 4742ff05, GPL-3.0)", "EUR/kWh", "kgCO2/kWh"
}

func priceParamName(c Carrier, class UserClass, year int, comp string) string {
	return "price." + string(c) + "." + string(class) + "." + strconv.Itoa(year) + "." + comp
}

func co2ParamName(c Carrier, year int) string { return "co2." + string(c) + "." + strconv.Itoa(year) }

func energyParams() ([]Param, error) {
	var out []Param
	for _, c := range []Carrier{Gas, Electricity} {
		data, src, unit, co2unit := carrierPrices(c)
		cr := csv.NewReader(bytes.NewReader(data))
		cr.Comma = ';'
		recs, err := cr.ReadAll()
		if err != nil {
			return nil, fmt.Errorf("kosten: embedded %s: %w", src, err)
		}
		col := map[string]int{}
		for i, h := range recs[0] {
			col[strings.TrimSpace(h)] = i
		}
		num := func(rec []string, name string, line int) (float64, error) {
			i, ok := col[name]
			if !ok || i >= len(rec) {
				return 0, fmt.Errorf("kosten: embedded %s line %d: no column %s", src, line, name)
			}
			v, err := strconv.ParseFloat(rec[i], 64)
			if err != nil {
				return 0, fmt.Errorf("kosten: embedded %s line %d column %s: %w", src, line, name, err)
			}
			return v, nil
		}
		for li, rec := range recs[1:] {
			line := li + 2
			year, err := strconv.Atoi(rec[0])
			if err != nil {
				return nil, fmt.Errorf("kosten: embedded %s line %d: year %q", src, line, rec[0])
			}
			if year < FirstPriceYear || year > LastPriceYear {
				continue
			}
			for _, class := range []UserClass{ClassSmall, ClassSmallMedium} {
				for _, pc := range priceComponents {
					v, err := num(rec, string(class)+"_"+pc.column, line)
					if err != nil {
						return nil, err
					}
					out = append(out, Param{Name: priceParamName(c, class, year, pc.name), Band: Point(v), Unit: unit, PriceYear: 2018,
						Source: src + " column " + string(class) + "_" + pc.column})
				}
			}
			v, err := num(rec, "RAT_CO2_KWH", line)
			if err != nil {
				return nil, err
			}
			out = append(out, Param{Name: co2ParamName(c, year), Band: Point(v), Unit: co2unit, Source: src + " column RAT_CO2_KWH"})
			if c == Gas {
				v, err := num(rec, "P_CO2", line)
				if err != nil {
					return nil, err
				}
				out = append(out, Param{Name: "price.co2." + strconv.Itoa(year), Band: Point(v), Unit: "EUR/t", PriceYear: 2018, Source: src + " column P_CO2"})
			}
		}
	}
	return out, nil
}

// EvalYearsAfterHorizon is the number of evaluation years (base_year+s+1
// .. base_year+e) after LastPriceYear: their energy prices and CO2
// factors are those of LastPriceYear.
func (p *Params) EvalYearsAfterHorizon() int {
	s, e, base := p.evalWindow()
	return max(0, min(e-s, base+e-LastPriceYear))
}

func clampYear(year int) (int, error) {
	if year < FirstPriceYear {
		return 0, fmt.Errorf("%w: energy prices start in %d, asked for %d", ErrNoData, FirstPriceYear, year)
	}
	return min(year, LastPriceYear), nil
}

// priceTable holds the (possibly overridden) price paths, indexed by
// year - FirstPriceYear, built once per Params.
// The paths are indexed by carrier (pathCarriers) and user class
// (levelClasses).
type priceTable struct {
	price [len(pathCarriers)][len(levelClasses)][]EnergyPrice
	co2   [len(pathCarriers)][]float64
}

// pathCarriers are the carriers with price paths and CO2 factors, in
// the order of levelCarriers.
var pathCarriers = [...]Carrier{Gas, Electricity}

func newPriceTable(p *Params) (*priceTable, error) {
	n := LastPriceYear - FirstPriceYear + 1
	t := &priceTable{}
	for ci, c := range pathCarriers {
		co2 := make([]float64, n)
		for y := FirstPriceYear; y <= LastPriceYear; y++ {
			prm, err := p.Get(co2ParamName(c, y))
			if err != nil {
				return nil, err
			}
			co2[y-FirstPriceYear] = prm.Value
		}
		t.co2[ci] = co2
		for ki, class := range levelClasses {
			ps := make([]EnergyPrice, n)
			for y := FirstPriceYear; y <= LastPriceYear; y++ {
				var v [len(priceComponents)]float64
				for i, pc := range priceComponents {
					prm, err := p.Get(priceParamName(c, class, y, pc.name))
					if err != nil {
						return nil, err
					}
					v[i] = prm.Value
				}
				ps[y-FirstPriceYear] = EnergyPrice{v[0], v[1], v[2], v[3], v[4], v[5]}
			}
			t.price[ci][ki] = ps
		}
	}
	return t, nil
}

// EnergyPrice returns the price build-up of a carrier for a user class in a
// year (euro 2018 per m3 or kWh). Years after LastPriceYear use
// LastPriceYear.
func (p *Params) EnergyPrice(c Carrier, class UserClass, year int) (EnergyPrice, error) {
	y, err := clampYear(year)
	if err != nil {
		return EnergyPrice{}, err
	}
	switch c {
	case GreenGas:
		return p.GreenGasPrice(class, y)
	case Hydrogen:
		return p.HydrogenPrice(), nil
	}
	ci, ki := levelCarrier(c), levelClass(class)
	if ci < 0 || ci >= len(pathCarriers) || ki < 0 {
		return EnergyPrice{}, fmt.Errorf("kosten: no price path for carrier %q, user class %q", c, class)
	}
	return p.prices.price[ci][ki][y-FirstPriceYear], nil
}

// CO2Factor is the emission factor of a carrier in a year: kg CO2 per m3 of
// gas or per kWh of electricity. Years after LastPriceYear use LastPriceYear.
func (p *Params) CO2Factor(c Carrier, year int) (float64, error) {
	y, err := clampYear(year)
	if err != nil {
		return 0, err
	}
	ci := levelCarrier(c)
	if ci < 0 || ci >= len(pathCarriers) {
		return 0, fmt.Errorf("kosten: unknown carrier %q", c)
	}
	return p.prices.co2[ci][y-FirstPriceYear], nil
}

// GasVolume converts a gas energy amount to m3 with gas.energy_content
// (31.65 MJ per m3, lower heating value).
func (p *Params) GasVolume(e GigaJoule) CubicMetreGas {
	return CubicMetreGas(float64(e) * 1000 / p.value(pGasEnergyContent))
}

// GreenGasPrice is the price build-up of one m3 of green gas (euro 2018)
// for a user class in a year: the natural-gas path of that year with its
// commodity replaced by price.groengas.<class>.commodity (Vesta's green-gas
// commodity price, the same in every year from 2030 on) and no CO2 price;
// ODE and energy tax as for natural gas; VAT tax.vat on the sum.
func (p *Params) GreenGasPrice(class UserClass, year int) (EnergyPrice, error) {
	ng, err := p.EnergyPrice(Gas, class, year)
	if err != nil {
		return EnergyPrice{}, err
	}
	var commodity float64
	switch class {
	case ClassSmall:
		commodity = p.value(pPriceGroengasKGCommodity)
	case ClassSmallMedium:
		commodity = p.value(pPriceGroengasKMGCommodity)
	default:
		// EnergyPrice above has no path for another class either
		prm, err := p.Get("price.groengas." + string(class) + ".commodity")
		if err != nil {
			return EnergyPrice{}, fmt.Errorf("kosten: no green-gas price for user class %q: %w", class, err)
		}
		commodity = prm.Value
	}
	e := EnergyPrice{Commodity: commodity, Network: ng.Network, ODE: ng.ODE, EnergyTax: ng.EnergyTax}
	e.VAT = p.value(pTaxVat) * e.ExclVAT()
	return e, nil
}

// HydrogenPrice is the price build-up of one GJ of hydrogen (euro 2018),
// the same in every year and user class: the resource cost is Vesta's
// integral chain cost (price.waterstof.chain_cost, EUR/kg, over
// h2.energy_content MJ/kg) as Commodity; the consumer price excl. VAT
// (tariff.waterstof.price) less that cost is booked as EnergyTax (the
// transfers and margins a consumer pays on top); VAT tax.vat on the
// consumer price.
func (p *Params) HydrogenPrice() EnergyPrice {
	chain := p.value(pPriceWaterstofChainCost) * 1000 / p.value(pH2EnergyContent)
	consumer := p.value(pTariffWaterstofPrice)
	return EnergyPrice{Commodity: chain, EnergyTax: max(0, consumer-chain), VAT: p.value(pTaxVat) * max(consumer, chain)}
}
