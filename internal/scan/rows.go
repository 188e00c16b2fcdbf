package scan

import (
	"fmt"
	"io"
	"math"
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
// GJ per year, power kW, CO2 tonnes per year. Each option has the columns
// <option>_feasible, _reason, _score (0-100), _national_eur_yr with _min
// and _max (the cost band), _enduser_eur_yr with _min and _max (for the
// whole building), and _co2_t_yr; the numbers are null for an infeasible
// option, whose reason says why. The nine ok_<T>c_<state> columns say
// whether the building can be heated at a supply temperature T of 70, 50
// or 40 C as it is (as_is), after insulation to label D (after_d) and
// after insulation to label B (after_b) (wijkanalyse.Suitability).
type buildingRow struct {
	ID string `parquet:"id"`
	// BBox is the GeoParquet 1.1 bbox covering of the footprint.
	BBox                         geodata.BBox `parquet:"bbox"`
	Bouwjaar                     int32        `parquet:"bouwjaar"`
	Status                       string       `parquet:"status"`        // as read (BAG pandstatus)
	Gebruiksdoel                 string       `parquet:"gebruiksdoel"`  // as read, comma-joined
	BuildingType                 string       `parquet:"building_type"` // as read: the OSM building tag
	Era                          string       `parquet:"era"`
	Use                          string       `parquet:"use"`
	UtilityType                  string       `parquet:"utility_type"`
	Woningtype                   string       `parquet:"woningtype"`
	TypeReason                   string       `parquet:"type_reason"`
	TypeSource                   string       `parquet:"type_source"`
	PartyWalls                   int32        `parquet:"party_walls"`
	Storeys                      int32        `parquet:"storeys"`
	Dwellings                    int32        `parquet:"dwellings"`
	DwellingsSource              string       `parquet:"dwellings_source"`
	FloorAreaM2                  float64      `parquet:"floor_area_m2"`
	FloorAreaSource              string       `parquet:"floor_area_source"`
	FootprintM2                  float64      `parquet:"footprint_m2"`
	DwellingEq                   float64      `parquet:"dwelling_eq"`
	Label                        string       `parquet:"label"`
	LabelSource                  string       `parquet:"label_source"`
	SpaceHeatGJ                  float64      `parquet:"space_heat_gj"`
	TapWaterGJ                   float64      `parquet:"tap_water_gj"`
	PeakKW                       float64      `parquet:"peak_kw"`
	OK70AsIs                     bool         `parquet:"ok_70c_as_is"`
	OK50AsIs                     bool         `parquet:"ok_50c_as_is"`
	OK40AsIs                     bool         `parquet:"ok_40c_as_is"`
	OK70AfterD                   bool         `parquet:"ok_70c_after_d"`
	OK50AfterD                   bool         `parquet:"ok_50c_after_d"`
	OK40AfterD                   bool         `parquet:"ok_40c_after_d"`
	OK70AfterB                   bool         `parquet:"ok_70c_after_b"`
	OK50AfterB                   bool         `parquet:"ok_50c_after_b"`
	OK40AfterB                   bool         `parquet:"ok_40c_after_b"`
	BestOption                   string       `parquet:"best_option"`
	Connected                    bool         `parquet:"connected"`
	DroppedReason                string       `parquet:"dropped_reason"`
	GasBoilerFeasible            bool         `parquet:"gas_boiler_feasible"`
	GasBoilerReason              string       `parquet:"gas_boiler_reason"`
	GasBoilerScore               *float64     `parquet:"gas_boiler_score"`
	GasBoilerNational            *float64     `parquet:"gas_boiler_national_eur_yr"`
	GasBoilerNationalMin         *float64     `parquet:"gas_boiler_national_eur_yr_min"`
	GasBoilerNationalMax         *float64     `parquet:"gas_boiler_national_eur_yr_max"`
	GasBoilerEndUser             *float64     `parquet:"gas_boiler_enduser_eur_yr"`
	GasBoilerEndUserMin          *float64     `parquet:"gas_boiler_enduser_eur_yr_min"`
	GasBoilerEndUserMax          *float64     `parquet:"gas_boiler_enduser_eur_yr_max"`
	GasBoilerCO2                 *float64     `parquet:"gas_boiler_co2_t_yr"`
	AllElectricFeasible          bool         `parquet:"all_electric_feasible"`
	AllElectricReason            string       `parquet:"all_electric_reason"`
	AllElectricScore             *float64     `parquet:"all_electric_score"`
	AllElectricNational          *float64     `parquet:"all_electric_national_eur_yr"`
	AllElectricNationalMin       *float64     `parquet:"all_electric_national_eur_yr_min"`
	AllElectricNationalMax       *float64     `parquet:"all_electric_national_eur_yr_max"`
	AllElectricEndUser           *float64     `parquet:"all_electric_enduser_eur_yr"`
	AllElectricEndUserMin        *float64     `parquet:"all_electric_enduser_eur_yr_min"`
	AllElectricEndUserMax        *float64     `parquet:"all_electric_enduser_eur_yr_max"`
	AllElectricCO2               *float64     `parquet:"all_electric_co2_t_yr"`
	WarmtenetMtFeasible          bool         `parquet:"warmtenet_mt_feasible"`
	WarmtenetMtReason            string       `parquet:"warmtenet_mt_reason"`
	WarmtenetMtScore             *float64     `parquet:"warmtenet_mt_score"`
	WarmtenetMtNational          *float64     `parquet:"warmtenet_mt_national_eur_yr"`
	WarmtenetMtNationalMin       *float64     `parquet:"warmtenet_mt_national_eur_yr_min"`
	WarmtenetMtNationalMax       *float64     `parquet:"warmtenet_mt_national_eur_yr_max"`
	WarmtenetMtEndUser           *float64     `parquet:"warmtenet_mt_enduser_eur_yr"`
	WarmtenetMtEndUserMin        *float64     `parquet:"warmtenet_mt_enduser_eur_yr_min"`
	WarmtenetMtEndUserMax        *float64     `parquet:"warmtenet_mt_enduser_eur_yr_max"`
	WarmtenetMtCO2               *float64     `parquet:"warmtenet_mt_co2_t_yr"`
	WarmtenetLtFeasible          bool         `parquet:"warmtenet_lt_feasible"`
	WarmtenetLtReason            string       `parquet:"warmtenet_lt_reason"`
	WarmtenetLtScore             *float64     `parquet:"warmtenet_lt_score"`
	WarmtenetLtNational          *float64     `parquet:"warmtenet_lt_national_eur_yr"`
	WarmtenetLtNationalMin       *float64     `parquet:"warmtenet_lt_national_eur_yr_min"`
	WarmtenetLtNationalMax       *float64     `parquet:"warmtenet_lt_national_eur_yr_max"`
	WarmtenetLtEndUser           *float64     `parquet:"warmtenet_lt_enduser_eur_yr"`
	WarmtenetLtEndUserMin        *float64     `parquet:"warmtenet_lt_enduser_eur_yr_min"`
	WarmtenetLtEndUserMax        *float64     `parquet:"warmtenet_lt_enduser_eur_yr_max"`
	WarmtenetLtCO2               *float64     `parquet:"warmtenet_lt_co2_t_yr"`
	AquathermieFeasible          bool         `parquet:"aquathermie_feasible"`
	AquathermieReason            string       `parquet:"aquathermie_reason"`
	AquathermieScore             *float64     `parquet:"aquathermie_score"`
	AquathermieNational          *float64     `parquet:"aquathermie_national_eur_yr"`
	AquathermieNationalMin       *float64     `parquet:"aquathermie_national_eur_yr_min"`
	AquathermieNationalMax       *float64     `parquet:"aquathermie_national_eur_yr_max"`
	AquathermieEndUser           *float64     `parquet:"aquathermie_enduser_eur_yr"`
	AquathermieEndUserMin        *float64     `parquet:"aquathermie_enduser_eur_yr_min"`
	AquathermieEndUserMax        *float64     `parquet:"aquathermie_enduser_eur_yr_max"`
	AquathermieCO2               *float64     `parquet:"aquathermie_co2_t_yr"`
	GeothermieFeasible           bool         `parquet:"geothermie_feasible"`
	GeothermieReason             string       `parquet:"geothermie_reason"`
	GeothermieScore              *float64     `parquet:"geothermie_score"`
	GeothermieNational           *float64     `parquet:"geothermie_national_eur_yr"`
	GeothermieNationalMin        *float64     `parquet:"geothermie_national_eur_yr_min"`
	GeothermieNationalMax        *float64     `parquet:"geothermie_national_eur_yr_max"`
	GeothermieEndUser            *float64     `parquet:"geothermie_enduser_eur_yr"`
	GeothermieEndUserMin         *float64     `parquet:"geothermie_enduser_eur_yr_min"`
	GeothermieEndUserMax         *float64     `parquet:"geothermie_enduser_eur_yr_max"`
	GeothermieCO2                *float64     `parquet:"geothermie_co2_t_yr"`
	AllElectricGroundFeasible    bool         `parquet:"all_electric_ground_feasible"`
	AllElectricGroundReason      string       `parquet:"all_electric_ground_reason"`
	AllElectricGroundScore       *float64     `parquet:"all_electric_ground_score"`
	AllElectricGroundNational    *float64     `parquet:"all_electric_ground_national_eur_yr"`
	AllElectricGroundNationalMin *float64     `parquet:"all_electric_ground_national_eur_yr_min"`
	AllElectricGroundNationalMax *float64     `parquet:"all_electric_ground_national_eur_yr_max"`
	AllElectricGroundEndUser     *float64     `parquet:"all_electric_ground_enduser_eur_yr"`
	AllElectricGroundEndUserMin  *float64     `parquet:"all_electric_ground_enduser_eur_yr_min"`
	AllElectricGroundEndUserMax  *float64     `parquet:"all_electric_ground_enduser_eur_yr_max"`
	AllElectricGroundCO2         *float64     `parquet:"all_electric_ground_co2_t_yr"`
	GroengasHybridFeasible       bool         `parquet:"groengas_hybrid_feasible"`
	GroengasHybridReason         string       `parquet:"groengas_hybrid_reason"`
	GroengasHybridScore          *float64     `parquet:"groengas_hybrid_score"`
	GroengasHybridNational       *float64     `parquet:"groengas_hybrid_national_eur_yr"`
	GroengasHybridNationalMin    *float64     `parquet:"groengas_hybrid_national_eur_yr_min"`
	GroengasHybridNationalMax    *float64     `parquet:"groengas_hybrid_national_eur_yr_max"`
	GroengasHybridEndUser        *float64     `parquet:"groengas_hybrid_enduser_eur_yr"`
	GroengasHybridEndUserMin     *float64     `parquet:"groengas_hybrid_enduser_eur_yr_min"`
	GroengasHybridEndUserMax     *float64     `parquet:"groengas_hybrid_enduser_eur_yr_max"`
	GroengasHybridCO2            *float64     `parquet:"groengas_hybrid_co2_t_yr"`
	GroengasBoilerFeasible       bool         `parquet:"groengas_boiler_feasible"`
	GroengasBoilerReason         string       `parquet:"groengas_boiler_reason"`
	GroengasBoilerScore          *float64     `parquet:"groengas_boiler_score"`
	GroengasBoilerNational       *float64     `parquet:"groengas_boiler_national_eur_yr"`
	GroengasBoilerNationalMin    *float64     `parquet:"groengas_boiler_national_eur_yr_min"`
	GroengasBoilerNationalMax    *float64     `parquet:"groengas_boiler_national_eur_yr_max"`
	GroengasBoilerEndUser        *float64     `parquet:"groengas_boiler_enduser_eur_yr"`
	GroengasBoilerEndUserMin     *float64     `parquet:"groengas_boiler_enduser_eur_yr_min"`
	GroengasBoilerEndUserMax     *float64     `parquet:"groengas_boiler_enduser_eur_yr_max"`
	GroengasBoilerCO2            *float64     `parquet:"groengas_boiler_co2_t_yr"`
	WaterstofHybridFeasible      bool         `parquet:"waterstof_hybrid_feasible"`
	WaterstofHybridReason        string       `parquet:"waterstof_hybrid_reason"`
	WaterstofHybridScore         *float64     `parquet:"waterstof_hybrid_score"`
	WaterstofHybridNational      *float64     `parquet:"waterstof_hybrid_national_eur_yr"`
	WaterstofHybridNationalMin   *float64     `parquet:"waterstof_hybrid_national_eur_yr_min"`
	WaterstofHybridNationalMax   *float64     `parquet:"waterstof_hybrid_national_eur_yr_max"`
	WaterstofHybridEndUser       *float64     `parquet:"waterstof_hybrid_enduser_eur_yr"`
	WaterstofHybridEndUserMin    *float64     `parquet:"waterstof_hybrid_enduser_eur_yr_min"`
	WaterstofHybridEndUserMax    *float64     `parquet:"waterstof_hybrid_enduser_eur_yr_max"`
	WaterstofHybridCO2           *float64     `parquet:"waterstof_hybrid_co2_t_yr"`
	WaterstofBoilerFeasible      bool         `parquet:"waterstof_boiler_feasible"`
	WaterstofBoilerReason        string       `parquet:"waterstof_boiler_reason"`
	WaterstofBoilerScore         *float64     `parquet:"waterstof_boiler_score"`
	WaterstofBoilerNational      *float64     `parquet:"waterstof_boiler_national_eur_yr"`
	WaterstofBoilerNationalMin   *float64     `parquet:"waterstof_boiler_national_eur_yr_min"`
	WaterstofBoilerNationalMax   *float64     `parquet:"waterstof_boiler_national_eur_yr_max"`
	WaterstofBoilerEndUser       *float64     `parquet:"waterstof_boiler_enduser_eur_yr"`
	WaterstofBoilerEndUserMin    *float64     `parquet:"waterstof_boiler_enduser_eur_yr_min"`
	WaterstofBoilerEndUserMax    *float64     `parquet:"waterstof_boiler_enduser_eur_yr_max"`
	WaterstofBoilerCO2           *float64     `parquet:"waterstof_boiler_co2_t_yr"`
	WarmtenetLtBronFeasible      bool         `parquet:"warmtenet_lt_bron_feasible"`
	WarmtenetLtBronReason        string       `parquet:"warmtenet_lt_bron_reason"`
	WarmtenetLtBronScore         *float64     `parquet:"warmtenet_lt_bron_score"`
	WarmtenetLtBronNational      *float64     `parquet:"warmtenet_lt_bron_national_eur_yr"`
	WarmtenetLtBronNationalMin   *float64     `parquet:"warmtenet_lt_bron_national_eur_yr_min"`
	WarmtenetLtBronNationalMax   *float64     `parquet:"warmtenet_lt_bron_national_eur_yr_max"`
	WarmtenetLtBronEndUser       *float64     `parquet:"warmtenet_lt_bron_enduser_eur_yr"`
	WarmtenetLtBronEndUserMin    *float64     `parquet:"warmtenet_lt_bron_enduser_eur_yr_min"`
	WarmtenetLtBronEndUserMax    *float64     `parquet:"warmtenet_lt_bron_enduser_eur_yr_max"`
	WarmtenetLtBronCO2           *float64     `parquet:"warmtenet_lt_bron_co2_t_yr"`
	Geometry                     []byte       `parquet:"geometry"`
	footprint                    orb.Polygon
}

func newBuildingRow(b *wijkanalyse.Building) buildingRow {
	r := buildingRow{
		ID: b.ID, Bouwjaar: int32(b.Bouwjaar), Status: b.Status, Gebruiksdoel: strings.Join(b.Gebruiksdoel, ","), BuildingType: b.BuildingType,
		Era: b.Era.String(), Use: string(b.Use),
		UtilityType: b.UtilityType, Woningtype: string(b.Woningtype), TypeReason: b.TypeReason, TypeSource: b.TypeSource,
		PartyWalls: int32(b.PartyWalls), Storeys: int32(b.Storeys), Dwellings: int32(b.Dwellings),
		DwellingsSource: b.DwellingsSource, FloorAreaM2: b.FloorAreaM2, FloorAreaSource: b.FloorAreaSource,
		FootprintM2: b.FootprintM2, DwellingEq: b.DwellingEquivalents, Label: b.Label,
		LabelSource: string(b.LabelSource), SpaceHeatGJ: b.SpaceHeatGJ, TapWaterGJ: b.TapWaterGJ,
		PeakKW: b.PeakKW, BestOption: string(b.Best), Connected: b.Connected,
		DroppedReason: b.DroppedReason, footprint: b.Footprint,
	}
	su := &b.Suitability
	r.OK70AsIs, r.OK50AsIs, r.OK40AsIs = su.AsIs.C70, su.AsIs.C50, su.AsIs.C40
	r.OK70AfterD, r.OK50AfterD, r.OK40AfterD = su.AfterD.C70, su.AfterD.C50, su.AfterD.C40
	r.OK70AfterB, r.OK50AfterB, r.OK40AfterB = su.AfterB.C70, su.AfterB.C50, su.AfterB.C40
	for i := range b.Options {
		setOption(&r, &b.Options[i])
	}
	return r
}

// segmentRow is one row of network.parquet and one feature of
// network.geojson: a pipe segment (a pair of supply and return pipes) in
// EPSG:28992. This is the one writer of the network: warmtenet hands over
// segments, not files.
type segmentRow struct {
	Segment int32 `parquet:"segment"`
	// Kind is "distribution" (a pipe in the street), "service" (a
	// building's own connection) or "source" (the source's link to the
	// street).
	Kind       string  `parquet:"kind"`
	DN         int32   `parquet:"dn"`
	LengthM    float64 `parquet:"length_m"`
	PeakKW     float64 `parquet:"peak_kw"`   // design load downstream, kW
	Buildings  int32   `parquet:"buildings"` // buildings downstream
	HeatLossGJ float64 `parquet:"heat_loss_gj_per_year"`
	CostEUR    float64 `parquet:"cost_eur"`    // investment, EUR
	BuildingID string  `parquet:"building_id"` // BAG pand id of a service pipe, else ""
	RoadClass  string  `parquet:"road_class"`  // road class of the street the pipe follows, else ""
	Overloaded bool    `parquet:"overloaded"`  // even the largest DN exceeds the pressure-gradient limit
	// WorksM is the length of the segment in a trench shared with planned
	// works (--works), m; WorksID the id of the work holding most of it
	// ("" for none).
	WorksM   float64      `parquet:"works_m"`
	WorksID  string       `parquet:"works_id"`
	BBox     geodata.BBox `parquet:"bbox"` // GeoParquet 1.1 bbox covering of the line
	Geometry []byte       `parquet:"geometry"`
	line     orb.LineString
}

// segmentKind names a segment's kind in the outputs.
func segmentKind(sg *wijkanalyse.Segment) string {
	switch {
	case sg.Service || sg.Kind == "service":
		return "service"
	case sg.Kind == "source":
		return "source"
	}
	return "distribution"
}

func segmentRows(res *wijkanalyse.Result) []segmentRow {
	rows := make([]segmentRow, len(res.Network.Segments))
	for i := range res.Network.Segments {
		sg := &res.Network.Segments[i]
		rows[i] = segmentRow{Segment: int32(i), Kind: segmentKind(sg), DN: int32(sg.DN), LengthM: finite(sg.LengthM),
			PeakKW: finite(sg.PeakKW), Buildings: int32(sg.Buildings), HeatLossGJ: finite(sg.HeatLossGJ),
			CostEUR: finite(sg.CostEUR), BuildingID: sg.BuildingID, RoadClass: sg.Class, Overloaded: sg.Overloaded, line: sg.Line}
		if sg.WorksM > 0 {
			rows[i].WorksM = sg.WorksM
			if sg.Work >= 0 && sg.Work < len(res.Network.Works) {
				rows[i].WorksID = res.Network.Works[sg.Work].ID
			}
		}
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
		if withExisting(res) {
			return writeExistingNetworkParquet(w, res)
		}
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
		if !f.IsExported() || tag == "" || tag == "geometry" || tag == "bbox" {
			continue
		}
		m[tag] = v.Field(i).Interface()
	}
	return m
}

// writeBuildingsGeoJSON writes the panden as GeoJSON: RFC 7946 (WGS84
// lon/lat, counter-clockwise exterior rings, the BAG id as feature id), or
// with rd in EPSG:28992 with a crs member.
func writeBuildingsGeoJSON(w io.Writer, res *wijkanalyse.Result, rd bool) error {
	gw, err := geodata.NewGeoJSONWriter(w, geodata.GeoJSONOptions{Name: "buildings", WGS84: !rd})
	if err != nil {
		return err
	}
	for i := range res.Buildings {
		r := newBuildingRow(&res.Buildings[i])
		if err := gw.WriteFeature(r.ID, r.footprint, rowProps(r)); err != nil {
			return fmt.Errorf("pand %s: %w", r.ID, err)
		}
	}
	return gw.Close()
}

// writeNetworkGeoJSON writes the pipe segments as GeoJSON: RFC 7946, or
// with rd in EPSG:28992; the feature id is the segment number.
func writeNetworkGeoJSON(w io.Writer, res *wijkanalyse.Result, rd bool) error {
	gw, err := geodata.NewGeoJSONWriter(w, geodata.GeoJSONOptions{Name: "network", WGS84: !rd})
	if err != nil {
		return err
	}
	if withExisting(res) {
		for _, r := range existingSegmentRows(res) {
			if err := gw.WriteFeature(fmt.Sprint(r.Segment), r.line, rowProps(r)); err != nil {
				return err
			}
		}
		return gw.Close()
	}
	for _, r := range segmentRows(res) {
		if err := gw.WriteFeature(fmt.Sprint(r.Segment), r.line, rowProps(r)); err != nil {
			return err
		}
	}
	return gw.Close()
}

// optionPrefix is the Go field prefix of each option's columns in
// buildingRow.
var optionPrefix = map[wijkanalyse.OptionKind]string{
	wijkanalyse.OptionGasBoiler:         "GasBoiler",
	wijkanalyse.OptionAllElectric:       "AllElectric",
	wijkanalyse.OptionWarmtenetMT:       "WarmtenetMt",
	wijkanalyse.OptionWarmtenetLT:       "WarmtenetLt",
	wijkanalyse.OptionAquathermie:       "Aquathermie",
	wijkanalyse.OptionGeothermie:        "Geothermie",
	wijkanalyse.OptionAllElectricGround: "AllElectricGround",
	wijkanalyse.OptionGroenGasHybrid:    "GroengasHybrid",
	wijkanalyse.OptionGroenGasBoiler:    "GroengasBoiler",
	wijkanalyse.OptionWaterstofHybrid:   "WaterstofHybrid",
	wijkanalyse.OptionWaterstofBoiler:   "WaterstofBoiler",
	wijkanalyse.OptionWarmtenetLTBron:   "WarmtenetLtBron",
}

// optionFields maps an option kind to the indices in buildingRow of its
// columns, in the order of optionValues.
var optionFields = func() map[wijkanalyse.OptionKind][]int {
	suffixes := []string{"Feasible", "Reason", "Score", "National", "NationalMin", "NationalMax",
		"EndUser", "EndUserMin", "EndUserMax", "CO2"}
	t := reflect.TypeFor[buildingRow]()
	m := map[wijkanalyse.OptionKind][]int{}
	for k, p := range optionPrefix {
		for _, s := range suffixes {
			f, ok := t.FieldByName(p + s)
			if !ok {
				panic("scan: buildingRow lacks " + p + s)
			}
			m[k] = append(m[k], f.Index[0])
		}
	}
	return m
}()

// setOption fills the columns of option o in r. An infeasible option's
// numbers stay null: its costs are not available, only its reason.
func setOption(r *buildingRow, o *wijkanalyse.Option) {
	idx, ok := optionFields[o.Kind]
	if !ok {
		return
	}
	v := reflect.ValueOf(r).Elem()
	v.Field(idx[0]).SetBool(o.Feasible)
	v.Field(idx[1]).SetString(o.Reason)
	if !o.Feasible {
		return
	}
	nums := []float64{o.Score, o.National.Value, o.National.Min, o.National.Max,
		o.EndUser.Value, o.EndUser.Min, o.EndUser.Max, o.CO2.Value}
	for i, x := range nums {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			continue // not available: null
		}
		v.Field(idx[2+i]).Set(reflect.ValueOf(&x))
	}
}

// writeGeoPackage writes wijkwarmte.gpkg: layer "panden" with the columns
// of buildings.parquet and layer "netwerk" with those of network.parquet,
// in EPSG:28992 with R-tree indexes, for QGIS and GDAL (Debian's GDAL 3.6
// has no Parquet driver).
func writeGeoPackage(path string, res *wijkanalyse.Result) error {
	w, err := geodata.CreateGeoPackage(path)
	if err != nil {
		return err
	}
	panden, err := geodata.AddRowLayer(w, "panden", "POLYGON", func(r *buildingRow) orb.Geometry { return r.footprint })
	if err != nil {
		w.Abort()
		return err
	}
	for i := range res.Buildings {
		r := newBuildingRow(&res.Buildings[i])
		if err := panden.Write(&r); err != nil {
			w.Abort()
			return err
		}
	}
	if withExisting(res) {
		if err := writeRowLayer(w, "netwerk", existingSegmentRows(res), func(r *existingSegmentRow) orb.Geometry { return r.line }); err != nil {
			w.Abort()
			return err
		}
		return w.Close()
	}
	if err := writeRowLayer(w, "netwerk", segmentRows(res), func(r *segmentRow) orb.Geometry { return r.line }); err != nil {
		w.Abort()
		return err
	}
	return w.Close()
}

// writeRowLayer adds a line layer of rows to w.
func writeRowLayer[T any](w *geodata.GeoPackageWriter, name string, rows []T, geom func(*T) orb.Geometry) error {
	l, err := geodata.AddRowLayer(w, name, "LINESTRING", geom)
	if err != nil {
		return err
	}
	for i := range rows {
		if err := l.Write(&rows[i]); err != nil {
			return err
		}
	}
	return nil
}
