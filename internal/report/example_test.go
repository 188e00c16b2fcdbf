package report_test

import (
	"os"

	"github.com/wijkwarmte/wijkwarmte/internal/report"
)

func ExampleWriteStartanalyse() {
	sts := []report.Strategy{
		{Name: "gas_boiler", Label: "Aardgas (referentie)", NationalCostEURPerYear: 700000, Buildings: 100, Dwellings: 120, DwellingEquivalents: 125, Feasible: true,
			Breakdown: map[string]float64{"installations": 150000, "om": 50000, "energy": 500000}},
		{Name: "warmtenet_mt", Label: "Warmtenet MT", NationalCostEURPerYear: 900000, ExtraNationalCostEURPerYear: 200000,
			EURPerTCO2: 180, CO2AvoidedTPerYear: 1111.1, Buildings: 100, Dwellings: 120, DwellingEquivalents: 125, Feasible: true,
			Min: map[string]float64{"national_cost_eur_per_year": 800000}, Max: map[string]float64{"national_cost_eur_per_year": 1000000},
			Breakdown: map[string]float64{"insulation": 150000, "installations": 200000, "heat_network": 250000, "heat_source": 100000,
				"grid": 0, "om": 50000, "energy": 150000},
			EnduserBreakdown: map[string]float64{"energy": 1100, "fixed_charges": 450, "connection_fee": 250}},
	}
	report.WriteStartanalyse(os.Stdout, []report.AreaStrategies{{Area: report.Area{Code: "BU05031234", Name: "Voorbeeldbuurt", Gemeente: "Delft"}, Strategies: sts}})
	// Output:
	// Code_Indicator;Omschrijving;Eenheid;Strategie_gas_boiler;Strategie_warmtenet_mt;I01_Buurtcode;I02_Buurtnaam;I06_Gemeentenaam
	// V01_Strategievariant;Strategie;;Aardgas (referentie);Warmtenet MT;BU05031234;Voorbeeldbuurt;Delft
	// H16_Nat_meerkost;Nationale meerkosten t.o.v. aardgas (referentie);euro/jaar;0;200000;BU05031234;Voorbeeldbuurt;Delft
	// H17_Nat_meerkost_CO2;Nationale meerkosten per ton vermeden CO2;euro/ton CO2;0;180;BU05031234;Voorbeeldbuurt;Delft
	// H18_Nat_meerkost_WEQ;Nationale meerkosten per woningequivalent;euro/jaar per WEQ;0;1600;BU05031234;Voorbeeldbuurt;Delft
	// W01_Nat_kosten;Nationale kosten (totaal, niet t.o.v. referentie);euro/jaar;700000;900000;BU05031234;Voorbeeldbuurt;Delft
	// W02_Nat_kosten_min;Nationale kosten, lage kentallen;euro/jaar;;800000;BU05031234;Voorbeeldbuurt;Delft
	// W03_Nat_kosten_max;Nationale kosten, hoge kentallen;euro/jaar;;1000000;BU05031234;Voorbeeldbuurt;Delft
	// W04_Nat_kosten_WEQ;Nationale kosten per woningequivalent;euro/jaar per WEQ;0;0;BU05031234;Voorbeeldbuurt;Delft
	// W05_Eindgebr_kosten_woning;Kosten eindgebruiker per woning;euro/jaar per woning;0;0;BU05031234;Voorbeeldbuurt;Delft
	// W24_Eindgebr_kosten_WEQ;Kosten eindgebruiker per woningequivalent (woningen en utiliteit);euro/jaar per WEQ;0;0;BU05031234;Voorbeeldbuurt;Delft
	// W06_CO2_reductie;Vermeden CO2-uitstoot t.o.v. aardgas;ton CO2/jaar;0.0;1111.1;BU05031234;Voorbeeldbuurt;Delft
	// W07_Aantal_panden;Panden;aantal;100;100;BU05031234;Voorbeeldbuurt;Delft
	// W08_Aantal_woningen;Woningen;aantal;120;120;BU05031234;Voorbeeldbuurt;Delft
	// W09_Aantal_WEQ;Woningequivalenten (woning of 130 m2 utiliteit);aantal;125.0;125.0;BU05031234;Voorbeeldbuurt;Delft
	// W10_Haalbaar;Technisch haalbaar in deze wijk;ja/nee;ja;ja;BU05031234;Voorbeeldbuurt;Delft
	// W11_Nat_kosten_isolatie;Nationale kosten: isolatie;euro/jaar;;150000;BU05031234;Voorbeeldbuurt;Delft
	// W12_Nat_kosten_installaties;Nationale kosten: installaties in het gebouw;euro/jaar;150000;200000;BU05031234;Voorbeeldbuurt;Delft
	// W13_Nat_kosten_warmtenet;Nationale kosten: warmtenet (leidingen, onderstations, aansluiten);euro/jaar;;250000;BU05031234;Voorbeeldbuurt;Delft
	// W14_Nat_kosten_warmtebron;Nationale kosten: warmtebron;euro/jaar;;100000;BU05031234;Voorbeeldbuurt;Delft
	// W15_Nat_kosten_netten;Nationale kosten: elektriciteitsnet en gasnet;euro/jaar;;0;BU05031234;Voorbeeldbuurt;Delft
	// W16_Nat_kosten_onderhoud;Nationale kosten: onderhoud;euro/jaar;50000;50000;BU05031234;Voorbeeldbuurt;Delft
	// W17_Nat_kosten_energie;Nationale kosten: energie (excl. belastingen);euro/jaar;500000;150000;BU05031234;Voorbeeldbuurt;Delft
	// W18_Eindgebr_isolatie_woning;Kosten eindgebruiker per woning: isolatie;euro/jaar per woning;;;BU05031234;Voorbeeldbuurt;Delft
	// W19_Eindgebr_installaties_woning;Kosten eindgebruiker per woning: installaties;euro/jaar per woning;;;BU05031234;Voorbeeldbuurt;Delft
	// W20_Eindgebr_onderhoud_woning;Kosten eindgebruiker per woning: onderhoud;euro/jaar per woning;;;BU05031234;Voorbeeldbuurt;Delft
	// W21_Eindgebr_energie_woning;Kosten eindgebruiker per woning: energie en warmte (incl. belastingen);euro/jaar per woning;;1100;BU05031234;Voorbeeldbuurt;Delft
	// W22_Eindgebr_vastrecht_woning;Kosten eindgebruiker per woning: vastrecht en vaste netkosten;euro/jaar per woning;;450;BU05031234;Voorbeeldbuurt;Delft
	// W23_Eindgebr_aansluitbijdrage_woning;Kosten eindgebruiker per woning: aansluitbijdrage (per jaar);euro/jaar per woning;;250;BU05031234;Voorbeeldbuurt;Delft
}
