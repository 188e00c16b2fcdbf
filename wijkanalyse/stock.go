package wijkanalyse

// addStock adds building b to s. Every count map has one unit:
//
//   - ByEra, ByType, ByLabel, ByLabelSource: dwellings, of woningen only;
//   - ByTypeSource: woning panden by what decided their woningtype;
//   - UtilityM2ByType, UtilityM2ByEra, UtilityM2ByLabel: usable floor
//     area (m2) of utility panden, by Vesta utility type, era and label;
//   - ByUse: panden of every use; Bijgebouwen: unheated panden (sheds,
//     garages), counted nowhere else; UtilityPanden: utility panden.
func (s *Stock) add(b *Building) {
	if s.ByUse == nil {
		s.ByUse, s.ByEra, s.ByType = map[string]int{}, map[string]int{}, map[string]int{}
		s.ByLabel, s.ByLabelSource = map[string]int{}, map[string]int{}
		s.ByTypeSource = map[string]int{}
		s.UtilityM2ByType, s.UtilityM2ByEra, s.UtilityM2ByLabel = map[string]float64{}, map[string]float64{}, map[string]float64{}
	}
	s.Buildings++
	s.ByUse[string(b.Use)]++
	switch b.Use {
	case UseBijgebouw:
		s.Bijgebouwen++
		return
	case UseUtiliteit:
		s.UtilityPanden++
		s.UtilityFloorAreaM2 += b.FloorAreaM2
		s.UtilityM2ByType[b.UtilityType] += b.FloorAreaM2
		s.UtilityM2ByEra[b.Era.String()] += b.FloorAreaM2
		s.UtilityM2ByLabel[b.Label] += b.FloorAreaM2
		s.HeatDemandUtiliteitGJ += b.SpaceHeatGJ + b.TapWaterGJ
	case UseWoning:
		w := b.Dwellings
		s.ByType[string(b.Woningtype)] += w
		s.ByEra[b.Era.String()] += w
		s.ByLabel[b.Label] += w
		s.ByLabelSource[string(b.LabelSource)] += w
		s.ByTypeSource[b.TypeSource]++
		s.Dwellings += b.Dwellings
		s.dwellingHeatGJ += b.SpaceHeatGJ + b.TapWaterGJ
		s.HeatDemandWoningenGJ += b.SpaceHeatGJ + b.TapWaterGJ
		s.dwellingGasM3 += b.GasM3
	}
	s.DwellingEquivalents += b.DwellingEquivalents
	s.FloorAreaM2 += b.FloorAreaM2
	s.SpaceHeatGJ += b.SpaceHeatGJ
	s.TapWaterGJ += b.TapWaterGJ
	s.HeatDemandGJ += b.SpaceHeatGJ + b.TapWaterGJ
	s.PeakKW += b.PeakKW
	s.GasM3 += b.GasM3
	if s.Dwellings > 0 {
		s.MeanDemandGJPerDwelling = s.dwellingHeatGJ / float64(s.Dwellings)
		s.MeanGasM3PerDwelling = s.dwellingGasM3 / float64(s.Dwellings)
	}
}
