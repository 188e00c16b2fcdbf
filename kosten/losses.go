package kosten

// Heat-loss methods (parameter net.loss.method).
const (
	LossPerConnection = 1 // Hestia 2025: net.loss.per_connection GJ a year per connection
	LossVolumeShare   = 2 // Vesta 2020: net.loss.volume_share of the heat fed in
)

// NetworkLosses is the yearly heat loss of a heat network as a band.
//
// The steady-state loss of new pre-insulated pipes at design temperatures
// (physics: what the per-segment catalogue coefficients give) is what a
// network loses at best; measured Dutch networks lose far more: summer
// part load (the loss runs all year while the sales halve), service pipes
// and substations, older and smaller pipes. PBL's models put the loss
// where those networks are measured:
//
//   - Hestia 2025 (WarmtenetTempl.dms, Volumeverlies): a loss per
//     connection, net.loss.per_connection GJ a year for networks above
//     35 C (10.5 GJ); this is the value.
//   - Vesta MAIS 2020 (Kengetallen.dms, Leidingverlies_min/max): a share
//     of the heat fed in, net.loss.volume_share (20-36 %, 28 % central),
//     so loss = delivered * s / (1 - s); its high end is the band's max.
//
// The band: Min is physics, Value max(physics, per-connection loss), Max
// max(Value, delivered * s_max / (1 - s_max)). connections are
// aansluitingen (dwellings, and one per utility building).
//
// With net.loss.method 2 (the vesta2020 profile) the value is Vesta's
// central share instead: max(physics, delivered * s / (1 - s)).
func (p *Params) NetworkLosses(physics, delivered GigaJoule, connections float64) Band[GigaJoule] {
	phys := max(0, physics)
	value := max(phys, GigaJoule(p.value(pNetLossPerConnection)*max(0, connections)))
	if p.value(pNetLossMethod) == LossVolumeShare {
		value = max(phys, VolumeShareLoss(max(0, delivered), p.band(pNetLossVolumeShare).Value))
	}
	hi := max(value, VolumeShareLoss(max(0, delivered), p.band(pNetLossVolumeShare).Max))
	return Band[GigaJoule]{Value: value, Min: phys, Max: hi}
}

// VolumeShareLoss is the loss of a network that loses share s of the heat
// fed in while it delivers delivered: delivered * s / (1 - s).
func VolumeShareLoss(delivered GigaJoule, s float64) GigaJoule {
	if !(s > 0 && s < 1) {
		return 0
	}
	return delivered * GigaJoule(s/(1-s))
}
