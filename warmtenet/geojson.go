package warmtenet

import (
	"github.com/paulmach/orb/geojson"
)

// FeatureCollection returns the segments as GeoJSON features in
// EPSG:28992 (the caller writes the CRS), one per segment, with the
// properties kind, length_m, peak_kw, buildings, dn, heat_loss_gj_per_year,
// cost_eur, and building_id, class and overloaded where they apply. The
// geometries share their coordinates with n.
func (n *Network) FeatureCollection() *geojson.FeatureCollection {
	fc := geojson.NewFeatureCollection()
	for _, s := range n.Segments {
		f := geojson.NewFeature(s.Line)
		f.Properties["kind"] = s.Kind
		f.Properties["length_m"] = s.LengthM
		f.Properties["peak_kw"] = s.PeakKW
		f.Properties["buildings"] = s.Buildings
		f.Properties["dn"] = s.DN
		f.Properties["heat_loss_gj_per_year"] = s.HeatLossGJ
		f.Properties["cost_eur"] = s.CostEUR
		if s.BuildingID != "" {
			f.Properties["building_id"] = s.BuildingID
		}
		if s.Class != "" {
			f.Properties["class"] = s.Class
		}
		if s.Overloaded {
			f.Properties["overloaded"] = true
		}
		fc.Append(f)
	}
	return fc
}
