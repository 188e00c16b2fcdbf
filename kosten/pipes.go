package kosten

import (
	"fmt"
	"math"
	"strconv"
)

// Pipe is one size of pre-insulated twin-run steel pipe (supply and return
// in one trench) from the ESDL Energy Data Repository series Steel-S1 as
// shipped by MESIDO (src/mesido/esdl/_edr_pipes.json, commit 3ab9258c,
// LGPL-3.0; data source "Logstor Product Catalogue Version 2020.03").
type Pipe struct {
	DN            int     // nominal diameter, mm
	InnerDiameter Metre   // of one pipe
	OuterDiameter Metre   // of the insulation casing
	U1            float64 // heat-loss coefficient of one pipe to the ground, W/(m K)
	U2            float64 // coupling coefficient between supply and return, W/(m K)
}

// pipeCatalogue: dimensions and loss coefficients (not prices; those are
// parameters pipe.edr.dn<DN>).
var pipeCatalogue = []Pipe{
	{20, 0.0217, 0.09, 0.1426, 0.00364},
	{25, 0.0285, 0.09, 0.1760, 0.00554},
	{32, 0.0372, 0.11, 0.1796, 0.00535},
	{40, 0.0431, 0.11, 0.2084, 0.00719},
	{50, 0.0545, 0.125, 0.2340, 0.00861},
	{65, 0.0703, 0.14, 0.2784, 0.01162},
	{80, 0.0825, 0.16, 0.2869, 0.01164},
	{100, 0.1071, 0.2, 0.2996, 0.01144},
	{125, 0.1325, 0.225, 0.3507, 0.01479},
	{150, 0.1603, 0.25, 0.4210, 0.02016},
	{200, 0.2101, 0.315, 0.4577, 0.02099},
	{250, 0.263, 0.4, 0.4357, 0.01650},
	{300, 0.3127, 0.45, 0.5051, 0.02058},
	{350, 0.3444, 0.5, 0.4881, 0.01793},
	{400, 0.3938, 0.56, 0.5168, 0.01861},
	{450, 0.4444, 0.63, 0.5157, 0.01707},
	{500, 0.4954, 0.71, 0.4959, 0.01448},
	{600, 0.5958, 0.8, 0.6135, 0.02027},
	{700, 0.695, 0.9, 0.7061, 0.02455},
	{800, 0.7954, 1.0, 0.8032, 0.02929},
	{900, 0.894, 1.1, 0.8981, 0.03399},
	{1000, 0.994, 1.2, 1.0000, 0.03937},
	{1100, 1.096, 1.3, 1.1046, 0.04510},
	{1200, 1.194, 1.4, 1.2037, 0.05053},
}

// Pipes returns the DN catalogue, smallest first (a copy).
func Pipes() []Pipe { return append([]Pipe(nil), pipeCatalogue...) }

// PipeByDN returns the catalogue entry of a DN.
func PipeByDN(dn int) (Pipe, bool) {
	for _, p := range pipeCatalogue {
		if p.DN == dn {
			return p, true
		}
	}
	return Pipe{}, false
}

// PipeCostPerMetre is the default price of a distribution pipe pair of
// nominal diameter dn per metre of trench, trench and civil works included
// (parameter pipe.edr.dn<DN>): the EDR/Logstor "combined investment and
// installation costs" (euro of 2020 as published, not indexed to 2018).
// The band's other end is topotherm's price for the same DN where it has
// one. EDR is the default because it prices every DN of the catalogue with
// the dimensions and loss coefficients used for sizing, it states that
// installation is included, and it is the table of the Dutch ESDL/MESIDO
// tool chain. Alternatives: PipeCostTopotherm, PipeCostCEDelft (by peak
// MW), PipeCostVesta (by peak MW).
//
// Safe for concurrent use. An unknown DN returns ErrNoData.
func (p *Params) PipeCostPerMetre(dn int) (Band[EuroPerMetre], error) {
	prm, err := p.Get("pipe.edr.dn" + strconv.Itoa(dn))
	if err != nil {
		return Band[EuroPerMetre]{}, fmt.Errorf("%w: no EDR pipe price for DN%d", ErrNoData, dn)
	}
	return Convert[EuroPerMetre](prm.Band, 1), nil
}

// PipeCostTopotherm is topotherm's price per metre of trench for a DN
// (parameter pipe.topotherm.dn<DN>; DN25-DN600; price year not stated by
// topotherm, taken as 2020).
func (p *Params) PipeCostTopotherm(dn int) (Band[EuroPerMetre], error) {
	prm, err := p.Get("pipe.topotherm.dn" + strconv.Itoa(dn))
	if err != nil {
		return Band[EuroPerMetre]{}, fmt.Errorf("%w: no topotherm pipe price for DN%d", ErrNoData, dn)
	}
	return Convert[EuroPerMetre](prm.Band, 1), nil
}

// PipeCostCEDelft is the CE Delft (2022, report 210347) pipe cost curve as
// Hestia uses it: Ki = a*P^b euro per metre with P the peak load carried by
// the pipe in MW, for the temperature difference class of deltaT (supply
// minus return, K: <=10, <=20, <=30, <=50, above). The band runs from the
// min curve to the max curve; the value is their mean.
func (p *Params) PipeCostCEDelft(peak MegaWatt, deltaT float64) (Band[EuroPerMetre], error) {
	if !(peak > 0) || math.IsInf(float64(peak), 0) {
		return Band[EuroPerMetre]{}, fmt.Errorf("kosten: pipe cost curve needs a positive peak, have %g MW", float64(peak))
	}
	if !(deltaT > 0) {
		return Band[EuroPerMetre]{}, fmt.Errorf("kosten: pipe cost curve needs a positive temperature difference, have %g K", deltaT)
	}
	class := 4 // cedelftClasses: dt70
	switch {
	case deltaT <= 10:
		class = 0
	case deltaT <= 20:
		class = 1
	case deltaT <= 30:
		class = 2
	case deltaT <= 50:
		class = 3
	}
	lo := p.value(cedelftID(class, cedelftMinA)) * math.Pow(float64(peak), p.value(cedelftID(class, cedelftMinB)))
	hi := p.value(cedelftID(class, cedelftMaxA)) * math.Pow(float64(peak), p.value(cedelftID(class, cedelftMaxB)))
	return Span(EuroPerMetre(lo), EuroPerMetre(hi)), nil
}

// PipeCostVesta is Vesta 5's BuisKosten curve (FO 4.0 bijlage A.11):
// K_min = 400 + 210*P^0.5, K_max = 800 + 200*P^0.6 euro (2018) per metre,
// P in MW. Vesta multiplies transport pipes by pipe.vesta.omwegfactor; this
// function does not.
func (p *Params) PipeCostVesta(peak MegaWatt) Band[EuroPerMetre] {
	P := max(0, float64(peak))
	lo := p.value(pPipeVestaMinA) + p.value(pPipeVestaMinB)*math.Pow(P, p.value(pPipeVestaMinC))
	hi := p.value(pPipeVestaMaxA) + p.value(pPipeVestaMaxB)*math.Pow(P, p.value(pPipeVestaMaxC))
	return Span(EuroPerMetre(lo), EuroPerMetre(hi))
}

// ServicePipeCostPerMetre prices the service pipe (aansluitleiding) from
// the street to one building the way Vesta does (KostenWoningen.dms:
// L_aansl * K_m(P_building)): the BuisKosten curve at the building's peak.
// Callers that size service pipes by DN can use PipeCostPerMetre instead.
func (p *Params) ServicePipeCostPerMetre(peak KiloWatt) Band[EuroPerMetre] {
	return p.PipeCostVesta(MegaWattFromKiloWatt(peak))
}

// Pipe price curves (parameter pipe.default_curve).
const (
	CurveEDR     = 0 // EDR/Logstor 2020 price by DN (PipeCostPerMetre)
	CurveCEDelft = 1 // CE Delft 2022 as Hestia 2025 uses it, by peak MW and temperature difference (PipeCostCEDelft)
	CurveVesta   = 2 // Vesta 2020 BuisKosten, by peak MW (PipeCostVesta)
)

// PipeCost is the default price per metre of trench of a supply+return
// pipe pair that carries peak at a supply-return difference of deltaT K,
// of nominal diameter dn, by the curve pipe.default_curve names: CE Delft
// 2022 / Hestia 2025 (the default: the curve PBL's current model uses,
// by capacity and temperature band), Vesta 2020 BuisKosten, or the EDR
// catalogue price of dn. The peak is what the pipe carries (for a
// service pipe the building's peak); a peak of zero or less is priced at
// 1 kW.
//
// Safe for concurrent use. An unknown DN (EDR) or curve returns an error.
func (p *Params) PipeCost(peak KiloWatt, deltaT float64, dn int) (Band[EuroPerMetre], error) {
	mw := MegaWattFromKiloWatt(max(peak, 1))
	switch c := int(p.value(pPipeDefaultCurve)); c {
	case CurveEDR:
		return p.PipeCostPerMetre(dn)
	case CurveCEDelft:
		return p.PipeCostCEDelft(mw, deltaT)
	case CurveVesta:
		return p.PipeCostVesta(mw), nil
	default:
		return Band[EuroPerMetre]{}, fmt.Errorf("kosten: pipe.default_curve %d: want %d (EDR), %d (CE Delft) or %d (Vesta)", c, CurveEDR, CurveCEDelft, CurveVesta)
	}
}

// TransportPipe prices the transport pipe from a source to a network as
// Vesta does: the straight distance times pipe.vesta.omwegfactor (1.25,
// the detour of a real route), times PipeCost at the network's peak and
// supply-return difference deltaT (Vesta's BuisKosten under the EDR
// curve, which prices by DN only).
func (p *Params) TransportPipe(straight Metre, peak KiloWatt, deltaT float64) (Band[Euro], error) {
	if int(p.value(pPipeDefaultCurve)) == CurveEDR {
		// the EDR table is by DN; a transport pipe has none here
		return Convert[Euro](p.PipeCostVesta(MegaWattFromKiloWatt(peak)), float64(straight)*p.value(pPipeVestaOmwegfactor)), nil
	}
	c, err := p.PipeCost(peak, deltaT, 0)
	if err != nil {
		return Band[Euro]{}, fmt.Errorf("kosten: transport pipe: %w", err)
	}
	return Convert[Euro](c, float64(straight)*p.value(pPipeVestaOmwegfactor)), nil
}
