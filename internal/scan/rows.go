package scan

import (
	"fmt"
	"io"
	"math"
	"os"
	"reflect"
	"slices"
	"strings"
	"sync"

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
//
// The text columns but id are dictionary-encoded (a buurt's panden share a
// few dozen values); the number columns are Snappy-compressed and the rest
// zstd: zstd saved little on doubles for a third of the writing's cost
// (benchmarks/README.md, "What changed: the buildings GeoParquet").
type buildingRow struct {
	ID string `parquet:"id"`
	// BBox is the GeoParquet 1.1 bbox covering of the footprint.
	BBox                         geodata.BBox `parquet:"bbox"`
	Bouwjaar                     int32        `parquet:"bouwjaar"`
	Status                       string       `parquet:"status,dict"`        // as read (BAG pandstatus)
	Gebruiksdoel                 string       `parquet:"gebruiksdoel,dict"`  // as read, comma-joined
	BuildingType                 string       `parquet:"building_type,dict"` // as read: the OSM building tag
	Era                          string       `parquet:"era,dict"`
	Use                          string       `parquet:"use,dict"`
	UtilityType                  string       `parquet:"utility_type,dict"`
	Woningtype                   string       `parquet:"woningtype,dict"`
	TypeReason                   string       `parquet:"type_reason,dict"`
	TypeSource                   string       `parquet:"type_source,dict"`
	PartyWalls                   int32        `parquet:"party_walls"`
	Storeys                      int32        `parquet:"storeys"`
	Dwellings                    int32        `parquet:"dwellings"`
	DwellingsSource              string       `parquet:"dwellings_source,dict"`
	FloorAreaM2                  float64      `parquet:"floor_area_m2,snappy"`
	FloorAreaSource              string       `parquet:"floor_area_source,dict"`
	FootprintM2                  float64      `parquet:"footprint_m2,snappy"`
	DwellingEq                   float64      `parquet:"dwelling_eq,snappy"`
	Label                        string       `parquet:"label,dict"`
	LabelSource                  string       `parquet:"label_source,dict"`
	SpaceHeatGJ                  float64      `parquet:"space_heat_gj,snappy"`
	TapWaterGJ                   float64      `parquet:"tap_water_gj,snappy"`
	PeakKW                       float64      `parquet:"peak_kw,snappy"`
	OK70AsIs                     bool         `parquet:"ok_70c_as_is"`
	OK50AsIs                     bool         `parquet:"ok_50c_as_is"`
	OK40AsIs                     bool         `parquet:"ok_40c_as_is"`
	OK70AfterD                   bool         `parquet:"ok_70c_after_d"`
	OK50AfterD                   bool         `parquet:"ok_50c_after_d"`
	OK40AfterD                   bool         `parquet:"ok_40c_after_d"`
	OK70AfterB                   bool         `parquet:"ok_70c_after_b"`
	OK50AfterB                   bool         `parquet:"ok_50c_after_b"`
	OK40AfterB                   bool         `parquet:"ok_40c_after_b"`
	BestOption                   string       `parquet:"best_option,dict"`
	Connected                    bool         `parquet:"connected"`
	DroppedReason                string       `parquet:"dropped_reason,dict"`
	GasBoilerFeasible            bool         `parquet:"gas_boiler_feasible"`
	GasBoilerReason              string       `parquet:"gas_boiler_reason,dict"`
	GasBoilerScore               *float64     `parquet:"gas_boiler_score,snappy"`
	GasBoilerNational            *float64     `parquet:"gas_boiler_national_eur_yr,snappy"`
	GasBoilerNationalMin         *float64     `parquet:"gas_boiler_national_eur_yr_min,snappy"`
	GasBoilerNationalMax         *float64     `parquet:"gas_boiler_national_eur_yr_max,snappy"`
	GasBoilerEndUser             *float64     `parquet:"gas_boiler_enduser_eur_yr,snappy"`
	GasBoilerEndUserMin          *float64     `parquet:"gas_boiler_enduser_eur_yr_min,snappy"`
	GasBoilerEndUserMax          *float64     `parquet:"gas_boiler_enduser_eur_yr_max,snappy"`
	GasBoilerCO2                 *float64     `parquet:"gas_boiler_co2_t_yr,snappy"`
	AllElectricFeasible          bool         `parquet:"all_electric_feasible"`
	AllElectricReason            string       `parquet:"all_electric_reason,dict"`
	AllElectricScore             *float64     `parquet:"all_electric_score,snappy"`
	AllElectricNational          *float64     `parquet:"all_electric_national_eur_yr,snappy"`
	AllElectricNationalMin       *float64     `parquet:"all_electric_national_eur_yr_min,snappy"`
	AllElectricNationalMax       *float64     `parquet:"all_electric_national_eur_yr_max,snappy"`
	AllElectricEndUser           *float64     `parquet:"all_electric_enduser_eur_yr,snappy"`
	AllElectricEndUserMin        *float64     `parquet:"all_electric_enduser_eur_yr_min,snappy"`
	AllElectricEndUserMax        *float64     `parquet:"all_electric_enduser_eur_yr_max,snappy"`
	AllElectricCO2               *float64     `parquet:"all_electric_co2_t_yr,snappy"`
	WarmtenetMtFeasible          bool         `parquet:"warmtenet_mt_feasible"`
	WarmtenetMtReason            string       `parquet:"warmtenet_mt_reason,dict"`
	WarmtenetMtScore             *float64     `parquet:"warmtenet_mt_score,snappy"`
	WarmtenetMtNational          *float64     `parquet:"warmtenet_mt_national_eur_yr,snappy"`
	WarmtenetMtNationalMin       *float64     `parquet:"warmtenet_mt_national_eur_yr_min,snappy"`
	WarmtenetMtNationalMax       *float64     `parquet:"warmtenet_mt_national_eur_yr_max,snappy"`
	WarmtenetMtEndUser           *float64     `parquet:"warmtenet_mt_enduser_eur_yr,snappy"`
	WarmtenetMtEndUserMin        *float64     `parquet:"warmtenet_mt_enduser_eur_yr_min,snappy"`
	WarmtenetMtEndUserMax        *float64     `parquet:"warmtenet_mt_enduser_eur_yr_max,snappy"`
	WarmtenetMtCO2               *float64     `parquet:"warmtenet_mt_co2_t_yr,snappy"`
	WarmtenetLtFeasible          bool         `parquet:"warmtenet_lt_feasible"`
	WarmtenetLtReason            string       `parquet:"warmtenet_lt_reason,dict"`
	WarmtenetLtScore             *float64     `parquet:"warmtenet_lt_score,snappy"`
	WarmtenetLtNational          *float64     `parquet:"warmtenet_lt_national_eur_yr,snappy"`
	WarmtenetLtNationalMin       *float64     `parquet:"warmtenet_lt_national_eur_yr_min,snappy"`
	WarmtenetLtNationalMax       *float64     `parquet:"warmtenet_lt_national_eur_yr_max,snappy"`
	WarmtenetLtEndUser           *float64     `parquet:"warmtenet_lt_enduser_eur_yr,snappy"`
	WarmtenetLtEndUserMin        *float64     `parquet:"warmtenet_lt_enduser_eur_yr_min,snappy"`
	WarmtenetLtEndUserMax        *float64     `parquet:"warmtenet_lt_enduser_eur_yr_max,snappy"`
	WarmtenetLtCO2               *float64     `parquet:"warmtenet_lt_co2_t_yr,snappy"`
	AquathermieFeasible          bool         `parquet:"aquathermie_feasible"`
	AquathermieReason            string       `parquet:"aquathermie_reason,dict"`
	AquathermieScore             *float64     `parquet:"aquathermie_score,snappy"`
	AquathermieNational          *float64     `parquet:"aquathermie_national_eur_yr,snappy"`
	AquathermieNationalMin       *float64     `parquet:"aquathermie_national_eur_yr_min,snappy"`
	AquathermieNationalMax       *float64     `parquet:"aquathermie_national_eur_yr_max,snappy"`
	AquathermieEndUser           *float64     `parquet:"aquathermie_enduser_eur_yr,snappy"`
	AquathermieEndUserMin        *float64     `parquet:"aquathermie_enduser_eur_yr_min,snappy"`
	AquathermieEndUserMax        *float64     `parquet:"aquathermie_enduser_eur_yr_max,snappy"`
	AquathermieCO2               *float64     `parquet:"aquathermie_co2_t_yr,snappy"`
	GeothermieFeasible           bool         `parquet:"geothermie_feasible"`
	GeothermieReason             string       `parquet:"geothermie_reason,dict"`
	GeothermieScore              *float64     `parquet:"geothermie_score,snappy"`
	GeothermieNational           *float64     `parquet:"geothermie_national_eur_yr,snappy"`
	GeothermieNationalMin        *float64     `parquet:"geothermie_national_eur_yr_min,snappy"`
	GeothermieNationalMax        *float64     `parquet:"geothermie_national_eur_yr_max,snappy"`
	GeothermieEndUser            *float64     `parquet:"geothermie_enduser_eur_yr,snappy"`
	GeothermieEndUserMin         *float64     `parquet:"geothermie_enduser_eur_yr_min,snappy"`
	GeothermieEndUserMax         *float64     `parquet:"geothermie_enduser_eur_yr_max,snappy"`
	GeothermieCO2                *float64     `parquet:"geothermie_co2_t_yr,snappy"`
	AllElectricGroundFeasible    bool         `parquet:"all_electric_ground_feasible"`
	AllElectricGroundReason      string       `parquet:"all_electric_ground_reason,dict"`
	AllElectricGroundScore       *float64     `parquet:"all_electric_ground_score,snappy"`
	AllElectricGroundNational    *float64     `parquet:"all_electric_ground_national_eur_yr,snappy"`
	AllElectricGroundNationalMin *float64     `parquet:"all_electric_ground_national_eur_yr_min,snappy"`
	AllElectricGroundNationalMax *float64     `parquet:"all_electric_ground_national_eur_yr_max,snappy"`
	AllElectricGroundEndUser     *float64     `parquet:"all_electric_ground_enduser_eur_yr,snappy"`
	AllElectricGroundEndUserMin  *float64     `parquet:"all_electric_ground_enduser_eur_yr_min,snappy"`
	AllElectricGroundEndUserMax  *float64     `parquet:"all_electric_ground_enduser_eur_yr_max,snappy"`
	AllElectricGroundCO2         *float64     `parquet:"all_electric_ground_co2_t_yr,snappy"`
	GroengasHybridFeasible       bool         `parquet:"groengas_hybrid_feasible"`
	GroengasHybridReason         string       `parquet:"groengas_hybrid_reason,dict"`
	GroengasHybridScore          *float64     `parquet:"groengas_hybrid_score,snappy"`
	GroengasHybridNational       *float64     `parquet:"groengas_hybrid_national_eur_yr,snappy"`
	GroengasHybridNationalMin    *float64     `parquet:"groengas_hybrid_national_eur_yr_min,snappy"`
	GroengasHybridNationalMax    *float64     `parquet:"groengas_hybrid_national_eur_yr_max,snappy"`
	GroengasHybridEndUser        *float64     `parquet:"groengas_hybrid_enduser_eur_yr,snappy"`
	GroengasHybridEndUserMin     *float64     `parquet:"groengas_hybrid_enduser_eur_yr_min,snappy"`
	GroengasHybridEndUserMax     *float64     `parquet:"groengas_hybrid_enduser_eur_yr_max,snappy"`
	GroengasHybridCO2            *float64     `parquet:"groengas_hybrid_co2_t_yr,snappy"`
	GroengasBoilerFeasible       bool         `parquet:"groengas_boiler_feasible"`
	GroengasBoilerReason         string       `parquet:"groengas_boiler_reason,dict"`
	GroengasBoilerScore          *float64     `parquet:"groengas_boiler_score,snappy"`
	GroengasBoilerNational       *float64     `parquet:"groengas_boiler_national_eur_yr,snappy"`
	GroengasBoilerNationalMin    *float64     `parquet:"groengas_boiler_national_eur_yr_min,snappy"`
	GroengasBoilerNationalMax    *float64     `parquet:"groengas_boiler_national_eur_yr_max,snappy"`
	GroengasBoilerEndUser        *float64     `parquet:"groengas_boiler_enduser_eur_yr,snappy"`
	GroengasBoilerEndUserMin     *float64     `parquet:"groengas_boiler_enduser_eur_yr_min,snappy"`
	GroengasBoilerEndUserMax     *float64     `parquet:"groengas_boiler_enduser_eur_yr_max,snappy"`
	GroengasBoilerCO2            *float64     `parquet:"groengas_boiler_co2_t_yr,snappy"`
	WaterstofHybridFeasible      bool         `parquet:"waterstof_hybrid_feasible"`
	WaterstofHybridReason        string       `parquet:"waterstof_hybrid_reason,dict"`
	WaterstofHybridScore         *float64     `parquet:"waterstof_hybrid_score,snappy"`
	WaterstofHybridNational      *float64     `parquet:"waterstof_hybrid_national_eur_yr,snappy"`
	WaterstofHybridNationalMin   *float64     `parquet:"waterstof_hybrid_national_eur_yr_min,snappy"`
	WaterstofHybridNationalMax   *float64     `parquet:"waterstof_hybrid_national_eur_yr_max,snappy"`
	WaterstofHybridEndUser       *float64     `parquet:"waterstof_hybrid_enduser_eur_yr,snappy"`
	WaterstofHybridEndUserMin    *float64     `parquet:"waterstof_hybrid_enduser_eur_yr_min,snappy"`
	WaterstofHybridEndUserMax    *float64     `parquet:"waterstof_hybrid_enduser_eur_yr_max,snappy"`
	WaterstofHybridCO2           *float64     `parquet:"waterstof_hybrid_co2_t_yr,snappy"`
	WaterstofBoilerFeasible      bool         `parquet:"waterstof_boiler_feasible"`
	WaterstofBoilerReason        string       `parquet:"waterstof_boiler_reason,dict"`
	WaterstofBoilerScore         *float64     `parquet:"waterstof_boiler_score,snappy"`
	WaterstofBoilerNational      *float64     `parquet:"waterstof_boiler_national_eur_yr,snappy"`
	WaterstofBoilerNationalMin   *float64     `parquet:"waterstof_boiler_national_eur_yr_min,snappy"`
	WaterstofBoilerNationalMax   *float64     `parquet:"waterstof_boiler_national_eur_yr_max,snappy"`
	WaterstofBoilerEndUser       *float64     `parquet:"waterstof_boiler_enduser_eur_yr,snappy"`
	WaterstofBoilerEndUserMin    *float64     `parquet:"waterstof_boiler_enduser_eur_yr_min,snappy"`
	WaterstofBoilerEndUserMax    *float64     `parquet:"waterstof_boiler_enduser_eur_yr_max,snappy"`
	WaterstofBoilerCO2           *float64     `parquet:"waterstof_boiler_co2_t_yr,snappy"`
	WarmtenetLtBronFeasible      bool         `parquet:"warmtenet_lt_bron_feasible"`
	WarmtenetLtBronReason        string       `parquet:"warmtenet_lt_bron_reason,dict"`
	WarmtenetLtBronScore         *float64     `parquet:"warmtenet_lt_bron_score,snappy"`
	WarmtenetLtBronNational      *float64     `parquet:"warmtenet_lt_bron_national_eur_yr,snappy"`
	WarmtenetLtBronNationalMin   *float64     `parquet:"warmtenet_lt_bron_national_eur_yr_min,snappy"`
	WarmtenetLtBronNationalMax   *float64     `parquet:"warmtenet_lt_bron_national_eur_yr_max,snappy"`
	WarmtenetLtBronEndUser       *float64     `parquet:"warmtenet_lt_bron_enduser_eur_yr,snappy"`
	WarmtenetLtBronEndUserMin    *float64     `parquet:"warmtenet_lt_bron_enduser_eur_yr_min,snappy"`
	WarmtenetLtBronEndUserMax    *float64     `parquet:"warmtenet_lt_bron_enduser_eur_yr_max,snappy"`
	WarmtenetLtBronCO2           *float64     `parquet:"warmtenet_lt_bron_co2_t_yr,snappy"`
	Geometry                     []byte       `parquet:"geometry"`
	footprint                    orb.Polygon
}

// optionNums is the number of nullable numbers of one option's columns
// (score, national cost with min and max, end-user cost with min and max,
// CO2), and rowNums those of a row.
const (
	optionNums = 8
	rowNums    = optionNums * 12
)

// newBuildingRow returns the row of b, its numbers in a new array.
func newBuildingRow(b *wijkanalyse.Building) buildingRow {
	var r buildingRow
	r.fill(b, make([]float64, 0, rowNums))
	return r
}

// fill sets r to the row of b. The option numbers that are not null are
// appended to nums, which must have room for rowNums more (so that it is
// not reallocated under the pointers of earlier rows); r points into it.
// It returns nums with r's numbers appended.
func (r *buildingRow) fill(b *wijkanalyse.Building, nums []float64) []float64 {
	wkb := r.Geometry[:0] // the buffer of the row's last geometry, reused
	*r = buildingRow{
		Geometry: wkb, ID: b.ID, Bouwjaar: int32(b.Bouwjaar), Status: b.Status, Gebruiksdoel: strings.Join(b.Gebruiksdoel, ","), BuildingType: b.BuildingType,
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
		nums = setOption(r, &b.Options[i], nums)
	}
	return nums
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

// buildingRows holds the rows of a buildings.parquet being written and
// their numbers; kept in rowBuffers for the next file, since a batch
// writes one per buurt.
type buildingRows struct {
	rows []buildingRow
	nums []float64
}

var rowBuffers = sync.Pool{New: func() any { return new(buildingRows) }}

// buildingRowsPerWrite is the number of rows handed to the parquet
// writer at a time.
const buildingRowsPerWrite = 1024

func writeBuildingsParquet(path string, res *wijkanalyse.Result) error {
	return createWith(path, func(w io.Writer) error {
		pw, err := geodata.NewGeoParquetWriter(w, "geometry", func(r *buildingRow) orb.Geometry { return r.footprint })
		if err != nil {
			return err
		}
		buf := rowBuffers.Get().(*buildingRows)
		defer func() {
			for i := range buf.rows { // keep nothing of res
				buf.rows[i] = buildingRow{Geometry: buf.rows[i].Geometry[:0]}
			}
			rowBuffers.Put(buf)
		}()
		n := min(len(res.Buildings), buildingRowsPerWrite)
		buf.rows = slices.Grow(buf.rows[:0], n)[:n]
		buf.nums = slices.Grow(buf.nums[:0], n*rowNums)
		for start := 0; start < len(res.Buildings); start += n {
			chunk := res.Buildings[start:min(start+n, len(res.Buildings))]
			rows, nums := buf.rows[:len(chunk)], buf.nums[:0]
			for i := range chunk {
				nums = rows[i].fill(&chunk[i], nums)
			}
			if err := pw.Write(rows); err != nil {
				return err
			}
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

// optionColumns points at the columns of one option in a row: whether it
// is feasible, why (not), and its numbers in the order of optionNums.
type optionColumns struct {
	feasible *bool
	reason   *string
	nums     [optionNums]**float64
}

// option returns the columns of option k in r (false for a kind without
// columns). TestOptionColumns checks it against the field names.
func (r *buildingRow) option(k wijkanalyse.OptionKind) (optionColumns, bool) {
	switch k {
	case wijkanalyse.OptionGasBoiler:
		return optionColumns{&r.GasBoilerFeasible, &r.GasBoilerReason, [optionNums]**float64{&r.GasBoilerScore,
			&r.GasBoilerNational, &r.GasBoilerNationalMin, &r.GasBoilerNationalMax,
			&r.GasBoilerEndUser, &r.GasBoilerEndUserMin, &r.GasBoilerEndUserMax, &r.GasBoilerCO2}}, true
	case wijkanalyse.OptionAllElectric:
		return optionColumns{&r.AllElectricFeasible, &r.AllElectricReason, [optionNums]**float64{&r.AllElectricScore,
			&r.AllElectricNational, &r.AllElectricNationalMin, &r.AllElectricNationalMax,
			&r.AllElectricEndUser, &r.AllElectricEndUserMin, &r.AllElectricEndUserMax, &r.AllElectricCO2}}, true
	case wijkanalyse.OptionWarmtenetMT:
		return optionColumns{&r.WarmtenetMtFeasible, &r.WarmtenetMtReason, [optionNums]**float64{&r.WarmtenetMtScore,
			&r.WarmtenetMtNational, &r.WarmtenetMtNationalMin, &r.WarmtenetMtNationalMax,
			&r.WarmtenetMtEndUser, &r.WarmtenetMtEndUserMin, &r.WarmtenetMtEndUserMax, &r.WarmtenetMtCO2}}, true
	case wijkanalyse.OptionWarmtenetLT:
		return optionColumns{&r.WarmtenetLtFeasible, &r.WarmtenetLtReason, [optionNums]**float64{&r.WarmtenetLtScore,
			&r.WarmtenetLtNational, &r.WarmtenetLtNationalMin, &r.WarmtenetLtNationalMax,
			&r.WarmtenetLtEndUser, &r.WarmtenetLtEndUserMin, &r.WarmtenetLtEndUserMax, &r.WarmtenetLtCO2}}, true
	case wijkanalyse.OptionAquathermie:
		return optionColumns{&r.AquathermieFeasible, &r.AquathermieReason, [optionNums]**float64{&r.AquathermieScore,
			&r.AquathermieNational, &r.AquathermieNationalMin, &r.AquathermieNationalMax,
			&r.AquathermieEndUser, &r.AquathermieEndUserMin, &r.AquathermieEndUserMax, &r.AquathermieCO2}}, true
	case wijkanalyse.OptionGeothermie:
		return optionColumns{&r.GeothermieFeasible, &r.GeothermieReason, [optionNums]**float64{&r.GeothermieScore,
			&r.GeothermieNational, &r.GeothermieNationalMin, &r.GeothermieNationalMax,
			&r.GeothermieEndUser, &r.GeothermieEndUserMin, &r.GeothermieEndUserMax, &r.GeothermieCO2}}, true
	case wijkanalyse.OptionAllElectricGround:
		return optionColumns{&r.AllElectricGroundFeasible, &r.AllElectricGroundReason, [optionNums]**float64{&r.AllElectricGroundScore,
			&r.AllElectricGroundNational, &r.AllElectricGroundNationalMin, &r.AllElectricGroundNationalMax,
			&r.AllElectricGroundEndUser, &r.AllElectricGroundEndUserMin, &r.AllElectricGroundEndUserMax, &r.AllElectricGroundCO2}}, true
	case wijkanalyse.OptionGroenGasHybrid:
		return optionColumns{&r.GroengasHybridFeasible, &r.GroengasHybridReason, [optionNums]**float64{&r.GroengasHybridScore,
			&r.GroengasHybridNational, &r.GroengasHybridNationalMin, &r.GroengasHybridNationalMax,
			&r.GroengasHybridEndUser, &r.GroengasHybridEndUserMin, &r.GroengasHybridEndUserMax, &r.GroengasHybridCO2}}, true
	case wijkanalyse.OptionGroenGasBoiler:
		return optionColumns{&r.GroengasBoilerFeasible, &r.GroengasBoilerReason, [optionNums]**float64{&r.GroengasBoilerScore,
			&r.GroengasBoilerNational, &r.GroengasBoilerNationalMin, &r.GroengasBoilerNationalMax,
			&r.GroengasBoilerEndUser, &r.GroengasBoilerEndUserMin, &r.GroengasBoilerEndUserMax, &r.GroengasBoilerCO2}}, true
	case wijkanalyse.OptionWaterstofHybrid:
		return optionColumns{&r.WaterstofHybridFeasible, &r.WaterstofHybridReason, [optionNums]**float64{&r.WaterstofHybridScore,
			&r.WaterstofHybridNational, &r.WaterstofHybridNationalMin, &r.WaterstofHybridNationalMax,
			&r.WaterstofHybridEndUser, &r.WaterstofHybridEndUserMin, &r.WaterstofHybridEndUserMax, &r.WaterstofHybridCO2}}, true
	case wijkanalyse.OptionWaterstofBoiler:
		return optionColumns{&r.WaterstofBoilerFeasible, &r.WaterstofBoilerReason, [optionNums]**float64{&r.WaterstofBoilerScore,
			&r.WaterstofBoilerNational, &r.WaterstofBoilerNationalMin, &r.WaterstofBoilerNationalMax,
			&r.WaterstofBoilerEndUser, &r.WaterstofBoilerEndUserMin, &r.WaterstofBoilerEndUserMax, &r.WaterstofBoilerCO2}}, true
	case wijkanalyse.OptionWarmtenetLTBron:
		return optionColumns{&r.WarmtenetLtBronFeasible, &r.WarmtenetLtBronReason, [optionNums]**float64{&r.WarmtenetLtBronScore,
			&r.WarmtenetLtBronNational, &r.WarmtenetLtBronNationalMin, &r.WarmtenetLtBronNationalMax,
			&r.WarmtenetLtBronEndUser, &r.WarmtenetLtBronEndUserMin, &r.WarmtenetLtBronEndUserMax, &r.WarmtenetLtBronCO2}}, true
	}
	return optionColumns{}, false
}

// setOption fills the columns of option o in r, appending its numbers to
// nums (see fill). An infeasible option's numbers stay null: its costs are
// not available, only its reason.
func setOption(r *buildingRow, o *wijkanalyse.Option, nums []float64) []float64 {
	c, ok := r.option(o.Kind)
	if !ok {
		return nums
	}
	*c.feasible, *c.reason = o.Feasible, o.Reason
	if !o.Feasible {
		return nums
	}
	for i, x := range [optionNums]float64{o.Score, o.National.Value, o.National.Min, o.National.Max,
		o.EndUser.Value, o.EndUser.Min, o.EndUser.Max, o.CO2.Value} {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			continue // not available: null
		}
		nums = append(nums, x)
		*c.nums[i] = &nums[len(nums)-1]
	}
	return nums
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
