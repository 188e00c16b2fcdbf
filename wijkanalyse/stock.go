package wijkanalyse

// addStock adds building b to s. Counts by era, type and label are in
// dwellings for woningen and in panden for utility; bijgebouwen count
// only under ByUse and ByType["bijgebouw"].
func (s *Stock) add(b *Building) {
	if s.ByUse == nil {
		s.ByUse, s.ByEra, s.ByType = map[string]int{}, map[string]int{}, map[string]int{}
		s.ByLabel, s.ByLabelSource = map[string]int{}, map[string]int{}
	}
	s.Buildings++
	s.ByUse[string(b.Use)]++
	w := 1
	switch b.Use {
	case UseBijgebouw:
		s.ByType["bijgebouw"]++
		return
	case UseUtiliteit:
		s.ByType["utiliteit"]++
	case UseWoning:
		w = b.Dwellings
		s.ByType[string(b.Woningtype)] += w
		s.Dwellings += b.Dwellings
		s.dwellingHeatGJ += b.SpaceHeatGJ + b.TapWaterGJ
		s.dwellingGasM3 += b.GasM3
	}
	s.ByEra[b.Era.String()] += w
	s.ByLabel[b.Label] += w
	s.ByLabelSource[string(b.LabelSource)] += w
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
