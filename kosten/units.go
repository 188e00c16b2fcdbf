package kosten

// Typed units. Money is always euro of one price year (PriceYear, 2018,
// excluding VAT unless a name says otherwise); energy, power, length and
// emissions each have their own type so that adding a GJ to a kWh or a euro
// to a euro-per-year does not compile. Conversions between units are named
// functions; there are no hidden factors in arithmetic.

// PriceYear is the price year of every Euro in this package: the Vesta MAIS
// tables are in euro of 2018 and are used without indexing. Parameters
// published in another price year (the pipe catalogue, euro 2020) are used as
// published; their own price year is shown in the parameter table.
const PriceYear = 2018

// Euro is an amount of money in euro of PriceYear.
type Euro float64

// EuroPerYear is a yearly cost or revenue in euro of PriceYear.
type EuroPerYear float64

// EuroPerMetre is a price per metre of trench (pipes) or cable.
type EuroPerMetre float64

// GigaJoule is an amount of heat or fuel energy.
type GigaJoule float64

// KiloWattHour is an amount of (mostly electric) energy.
type KiloWattHour float64

// CubicMetreGas is a volume of natural gas (Groningen quality, m3(n)).
type CubicMetreGas float64

// KiloWatt is a thermal or electric power.
type KiloWatt float64

// MegaWatt is a thermal power, used by the CE Delft and Vesta pipe cost curves.
type MegaWatt float64

// Metre is a length.
type Metre float64

// SquareMetre is a floor area (gebruiksoppervlakte).
type SquareMetre float64

// TonneCO2 is a mass of CO2.
type TonneCO2 float64

// Conversion constants; exact by definition.
const (
	gjPerKWh = 0.0036 // 1 kWh = 3.6 MJ
	kwPerMW  = 1000
)

// GigaJouleFromKWh converts electric energy to GJ (1 kWh = 3.6 MJ).
func GigaJouleFromKWh(e KiloWattHour) GigaJoule { return GigaJoule(float64(e) * gjPerKWh) }

// KWhFromGigaJoule converts GJ to kWh (1 GJ = 277.78 kWh).
func KWhFromGigaJoule(e GigaJoule) KiloWattHour { return KiloWattHour(float64(e) / gjPerKWh) }

// MegaWattFromKiloWatt converts kW to MW.
func MegaWattFromKiloWatt(p KiloWatt) MegaWatt { return MegaWatt(float64(p) / kwPerMW) }

// KiloWattFromMegaWatt converts MW to kW.
func KiloWattFromMegaWatt(p MegaWatt) KiloWatt { return KiloWatt(float64(p) * kwPerMW) }

// PerYear spreads nothing: it states that an amount is paid every year. Use
// it only for amounts that are yearly by nature (a tariff per year); turning
// an investment into a yearly cost is Annualise.
func PerYear(e Euro) EuroPerYear { return EuroPerYear(e) }

// CostOfLength is the cost of length metres at price per metre.
func CostOfLength(price EuroPerMetre, length Metre) Euro {
	return Euro(float64(price) * float64(length))
}
