package warmtenet

// Capacities returns the largest load (kW) each pipe of cat carries at
// the supply-return difference supplyC-returnC without exceeding
// maxPaPerM, in the order of cat: the capacities the sizing picks a DN
// by. Callers use them to price a DN by the load it is sized for.
func Capacities(cat Catalogue, supplyC, returnC, maxPaPerM float64) ([]float64, error) {
	s, err := newSizer(cat, supplyC, returnC, 0, maxPaPerM)
	if err != nil {
		return nil, err
	}
	return s.capKW, nil
}
