package report

// kvView is the report's kleinverbruik section (scan --kleinverbruik).
type kvView struct {
	*Kleinverbruik
	Last     *KleinverbruikYear
	YearList []int
	Areas    []kvAreaRow
}

// kvAreaRow is one buurt: its dwellings off gas per year (in the order
// of YearList) and the latest year's measured and modelled gas use.
type kvAreaRow struct {
	Code, Name string
	Addresses  int
	OffGas     []float64
	Last       KleinverbruikArea
}

func kleinverbruikSection(s *Summary) *kvView {
	k := s.Kleinverbruik
	if k == nil || len(k.Years) == 0 {
		return nil
	}
	v := &kvView{Kleinverbruik: k, Last: &k.Years[len(k.Years)-1]}
	for _, y := range k.Years {
		v.YearList = append(v.YearList, y.Year)
	}
	for i, a := range v.Last.Areas {
		row := kvAreaRow{Code: a.Code, Name: a.Name, Addresses: a.Addresses, Last: a}
		for _, y := range k.Years {
			off := 0.0
			if i < len(y.Areas) {
				off = y.Areas[i].OffGas
			}
			row.OffGas = append(row.OffGas, off)
		}
		v.Areas = append(v.Areas, row)
	}
	return v
}
