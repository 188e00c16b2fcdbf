package scan

import (
	"fmt"
	"io"
	"os"
	"reflect"
	"strings"

	"github.com/paulmach/orb"

	"github.com/wijkwarmte/wijkwarmte/geodata"
	"github.com/wijkwarmte/wijkwarmte/wijkanalyse"
)

// buildingRow is one row of buildings.parquet and one feature of
// buildings.geojson: a pand with its classification, demand, options and
// costs. Money is EUR per year in the price year of the parameters, energy
// GJ per year, power kW, CO2 tonnes per year.
type buildingRow struct {
	ID                  string  `parquet:"id"`
	Bouwjaar            int32   `parquet:"bouwjaar"`
	Era                 string  `parquet:"era"`
	Use                 string  `parquet:"use"`
	UtilityType         string  `parquet:"utility_type"`
	Woningtype          string  `parquet:"woningtype"`
	TypeReason          string  `parquet:"type_reason"`
	PartyWalls          int32   `parquet:"party_walls"`
	Storeys             int32   `parquet:"storeys"`
	Dwellings           int32   `parquet:"dwellings"`
	DwellingsSource     string  `parquet:"dwellings_source"`
	FloorAreaM2         float64 `parquet:"floor_area_m2"`
	FloorAreaSource     string  `parquet:"floor_area_source"`
	FootprintM2         float64 `parquet:"footprint_m2"`
	DwellingEq          float64 `parquet:"dwelling_eq"`
	Label               string  `parquet:"label"`
	LabelSource         string  `parquet:"label_source"`
	SpaceHeatGJ         float64 `parquet:"space_heat_gj"`
	TapWaterGJ          float64 `parquet:"tap_water_gj"`
	PeakKW              float64 `parquet:"peak_kw"`
	OK70AsIs            bool    `parquet:"ok_70c_as_is"`
	OK50AsIs            bool    `parquet:"ok_50c_as_is"`
	OK50AfterB          bool    `parquet:"ok_50c_after_b"`
	BestOption          string  `parquet:"best_option"`
	Connected           bool    `parquet:"connected"`
	DroppedReason       string  `parquet:"dropped_reason"`
	GasBoilerFeasible   bool    `parquet:"gas_boiler_feasible"`
	GasBoilerNational   float64 `parquet:"gas_boiler_national_eur_yr"`
	GasBoilerEndUser    float64 `parquet:"gas_boiler_enduser_eur_yr"`
	GasBoilerCO2        float64 `parquet:"gas_boiler_co2_t_yr"`
	GasBoilerReason     string  `parquet:"gas_boiler_reason"`
	AllElectricFeasible bool    `parquet:"all_electric_feasible"`
	AllElectricNational float64 `parquet:"all_electric_national_eur_yr"`
	AllElectricEndUser  float64 `parquet:"all_electric_enduser_eur_yr"`
	AllElectricCO2      float64 `parquet:"all_electric_co2_t_yr"`
	AllElectricReason   string  `parquet:"all_electric_reason"`
	WarmtenetMtFeasible bool    `parquet:"warmtenet_mt_feasible"`
	WarmtenetMtNational float64 `parquet:"warmtenet_mt_national_eur_yr"`
	WarmtenetMtEndUser  float64 `parquet:"warmtenet_mt_enduser_eur_yr"`
	WarmtenetMtCO2      float64 `parquet:"warmtenet_mt_co2_t_yr"`
	WarmtenetMtReason   string  `parquet:"warmtenet_mt_reason"`
	WarmtenetLtFeasible bool    `parquet:"warmtenet_lt_feasible"`
	WarmtenetLtNational float64 `parquet:"warmtenet_lt_national_eur_yr"`
	WarmtenetLtEndUser  float64 `parquet:"warmtenet_lt_enduser_eur_yr"`
	WarmtenetLtCO2      float64 `parquet:"warmtenet_lt_co2_t_yr"`
	WarmtenetLtReason   string  `parquet:"warmtenet_lt_reason"`
	AquathermieFeasible bool    `parquet:"aquathermie_feasible"`
	AquathermieNational float64 `parquet:"aquathermie_national_eur_yr"`
	AquathermieEndUser  float64 `parquet:"aquathermie_enduser_eur_yr"`
	AquathermieCO2      float64 `parquet:"aquathermie_co2_t_yr"`
	AquathermieReason   string  `parquet:"aquathermie_reason"`
	GeothermieFeasible  bool    `parquet:"geothermie_feasible"`
	GeothermieNational  float64 `parquet:"geothermie_national_eur_yr"`
	GeothermieEndUser   float64 `parquet:"geothermie_enduser_eur_yr"`
	GeothermieCO2       float64 `parquet:"geothermie_co2_t_yr"`
	GeothermieReason    string  `parquet:"geothermie_reason"`
	Geometry            []byte  `parquet:"geometry"`
	footprint           orb.Polygon
}

func newBuildingRow(b *wijkanalyse.Building) buildingRow {
	r := buildingRow{
		ID: b.ID, Bouwjaar: int32(b.Bouwjaar), Era: b.Era.String(), Use: string(b.Use),
		UtilityType: b.UtilityType, Woningtype: string(b.Woningtype), TypeReason: b.TypeReason,
		PartyWalls: int32(b.PartyWalls), Storeys: int32(b.Storeys), Dwellings: int32(b.Dwellings),
		DwellingsSource: b.DwellingsSource, FloorAreaM2: b.FloorAreaM2, FloorAreaSource: b.FloorAreaSource,
		FootprintM2: b.FootprintM2, DwellingEq: b.DwellingEquivalents, Label: b.Label,
		LabelSource: string(b.LabelSource), SpaceHeatGJ: b.SpaceHeatGJ, TapWaterGJ: b.TapWaterGJ,
		PeakKW: b.PeakKW, OK70AsIs: b.Suitability.AsIs.C70, OK50AsIs: b.Suitability.AsIs.C50,
		OK50AfterB: b.Suitability.AfterB.C50, BestOption: string(b.Best), Connected: b.Connected,
		DroppedReason: b.DroppedReason, footprint: b.Footprint,
	}
	for _, o := range b.Options {
		switch o.Kind {
		case wijkanalyse.OptionGasBoiler:
			r.GasBoilerFeasible, r.GasBoilerNational, r.GasBoilerEndUser, r.GasBoilerCO2, r.GasBoilerReason = o.Feasible, finite(o.National.Value), finite(o.EndUser.Value), finite(o.CO2.Value), o.Reason
		case wijkanalyse.OptionAllElectric:
			r.AllElectricFeasible, r.AllElectricNational, r.AllElectricEndUser, r.AllElectricCO2, r.AllElectricReason = o.Feasible, finite(o.National.Value), finite(o.EndUser.Value), finite(o.CO2.Value), o.Reason
		case wijkanalyse.OptionWarmtenetMT:
			r.WarmtenetMtFeasible, r.WarmtenetMtNational, r.WarmtenetMtEndUser, r.WarmtenetMtCO2, r.WarmtenetMtReason = o.Feasible, finite(o.National.Value), finite(o.EndUser.Value), finite(o.CO2.Value), o.Reason
		case wijkanalyse.OptionWarmtenetLT:
			r.WarmtenetLtFeasible, r.WarmtenetLtNational, r.WarmtenetLtEndUser, r.WarmtenetLtCO2, r.WarmtenetLtReason = o.Feasible, finite(o.National.Value), finite(o.EndUser.Value), finite(o.CO2.Value), o.Reason
		case wijkanalyse.OptionAquathermie:
			r.AquathermieFeasible, r.AquathermieNational, r.AquathermieEndUser, r.AquathermieCO2, r.AquathermieReason = o.Feasible, finite(o.National.Value), finite(o.EndUser.Value), finite(o.CO2.Value), o.Reason
		case wijkanalyse.OptionGeothermie:
			r.GeothermieFeasible, r.GeothermieNational, r.GeothermieEndUser, r.GeothermieCO2, r.GeothermieReason = o.Feasible, finite(o.National.Value), finite(o.EndUser.Value), finite(o.CO2.Value), o.Reason
		}
	}
	return r
}

// segmentRow is one row of network.parquet and one feature of
// network.geojson: a pipe segment.
type segmentRow struct {
	Segment  int32   `parquet:"segment"`
	Kind     string  `parquet:"kind"` // main or service
	DN       int32   `parquet:"dn"`
	LengthM  float64 `parquet:"length_m"`
	PeakKW   float64 `parquet:"peak_kw"`
	CostEUR  float64 `parquet:"cost_eur"` // investment
	Geometry []byte  `parquet:"geometry"`
	line     orb.LineString
}

func segmentRows(res *wijkanalyse.Result) []segmentRow {
	rows := make([]segmentRow, len(res.Network.Segments))
	for i := range res.Network.Segments {
		sg := &res.Network.Segments[i]
		kind := "main"
		if sg.Service {
			kind = "service"
		}
		rows[i] = segmentRow{Segment: int32(i), Kind: kind, DN: int32(sg.DN), LengthM: sg.LengthM,
			PeakKW: sg.PeakKW, CostEUR: sg.CostEUR, line: sg.Line}
	}
	return rows
}

func writeBuildingsParquet(path string, res *wijkanalyse.Result) error {
	return createWith(path, func(w io.Writer) error {
		pw, err := geodata.NewGeoParquetWriter(w, "geometry", func(r *buildingRow) orb.Geometry { return r.footprint })
		if err != nil {
			return err
		}
		buf := make([]buildingRow, 0, 1024)
		for i := range res.Buildings {
			buf = append(buf, newBuildingRow(&res.Buildings[i]))
			if len(buf) == cap(buf) {
				if err := pw.Write(buf); err != nil {
					return err
				}
				buf = buf[:0]
			}
		}
		if err := pw.Write(buf); err != nil {
			return err
		}
		return pw.Close()
	})
}

func writeNetworkParquet(path string, res *wijkanalyse.Result) error {
	return createWith(path, func(w io.Writer) error {
		return geodata.WriteGeoParquet(w, "geometry", segmentRows(res), func(r *segmentRow) orb.Geometry { return r.line })
	})
}

func createWith(path string, fn func(io.Writer) error) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := fn(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// rowProps returns the exported, parquet-tagged fields of a row struct
// (except the geometry) as GeoJSON properties, so that the GeoJSON and
// GeoParquet outputs have the same attributes.
func rowProps(row any) map[string]any {
	v := reflect.ValueOf(row)
	t := v.Type()
	m := make(map[string]any, t.NumField())
	for i := range t.NumField() {
		f := t.Field(i)
		tag, _, _ := strings.Cut(f.Tag.Get("parquet"), ",")
		if !f.IsExported() || tag == "" || tag == "geometry" {
			continue
		}
		m[tag] = v.Field(i).Interface()
	}
	return m
}

func writeBuildingsGeoJSON(w io.Writer, res *wijkanalyse.Result) error {
	gw, err := geodata.NewGeoJSONWriter(w, geodata.GeoJSONOptions{Name: "buildings"})
	if err != nil {
		return err
	}
	for i := range res.Buildings {
		r := newBuildingRow(&res.Buildings[i])
		if err := gw.Write(r.footprint, rowProps(r)); err != nil {
			return fmt.Errorf("pand %s: %w", r.ID, err)
		}
	}
	return gw.Close()
}

func writeNetworkGeoJSON(w io.Writer, res *wijkanalyse.Result) error {
	gw, err := geodata.NewGeoJSONWriter(w, geodata.GeoJSONOptions{Name: "network"})
	if err != nil {
		return err
	}
	for _, r := range segmentRows(res) {
		if err := gw.Write(r.line, rowProps(r)); err != nil {
			return err
		}
	}
	return gw.Close()
}
