package geodata

import (
	"time"

	"github.com/paulmach/orb"
)

// CRS is the working coordinate reference system of the whole project.
const CRS = "EPSG:28992"

// Pand is one BAG building (pand): a footprint with its original
// construction year. Coordinates are EPSG:28992 metres.
type Pand struct {
	// ID is the 16-digit BAG pand identificatie, zero-padded
	// ("0503100000012345"); see NormalizeBAGID.
	ID string
	// Footprint is the ground outline, holes kept. A footprint that GEOS
	// MakeValid turns into several parts keeps its largest part (counted).
	Footprint orb.Polygon
	// Bouwjaar is the oorspronkelijk bouwjaar as recorded, including
	// placeholders such as 9999; 0 when the source has none. Use
	// PlausibleBouwjaar before deriving a construction era from it.
	Bouwjaar int
	// Status is the BAG status ("Pand in gebruik", ...); empty when the
	// source has none (OSM), which counts as standing.
	Status string
	// Gebruiksdoel lists the uses of the pand's verblijfsobjecten
	// ("woonfunctie", "kantoorfunctie", ...), as PDOK joins them; empty
	// when unknown.
	Gebruiksdoel []string
	// Verblijfsobjecten is the number of verblijfsobjecten (units) in the
	// pand; 0 when unknown.
	Verblijfsobjecten int
	// OppervlakteM2 is the total usable floor area of the pand's
	// verblijfsobjecten in m2; 0 when unknown.
	OppervlakteM2 float64
	// Levels is the number of storeys above ground where known (OSM
	// building:levels), 0 when unknown.
	Levels int
	// BuildingType is the free-form building tag of the source (OSM
	// building=house/apartments/...), empty when none.
	BuildingType string
	// Address is a street address of the pand where the source has one.
	Address string
	// Registered orders duplicate records of one id: the newest wins.
	// Zero when the source has no date (then the later record wins).
	Registered time.Time

	// repaired holds the Report.Repaired reasons a Validator counted for
	// this record (a bit per repairReasons entry), so that Dedup can take
	// them back when it discards the record.
	repaired uint8
}

// Verblijfsobject is one BAG unit (dwelling, office, shop, ...) in a pand.
type Verblijfsobject struct {
	ID            string    // 16-digit BAG verblijfsobject id
	PandID        string    // 16-digit BAG pand id it lies in; "" when unknown
	Gebruiksdoel  []string  // uses ("woonfunctie", ...)
	OppervlakteM2 float64   // usable floor area, m2
	Status        string    // BAG status
	Point         orb.Point // EPSG:28992
}

// Address is an address point (BAG nummeraanduiding or OSM addr:*), used to
// count dwellings per pand when verblijfsobjecten are not available.
type Address struct {
	ID                string // source id (BAG or OSM node id)
	VerblijfsobjectID string // 16-digit id when known
	PandID            string // 16-digit id when known
	Street            string
	Housenumber       string
	Postcode          string
	City              string
	Point             orb.Point // EPSG:28992
}

// EnergyLabel is one EP-Online registration.
type EnergyLabel struct {
	VerblijfsobjectID string // 16-digit id; "" when the label is for a whole pand only
	PandID            string // 16-digit id; "" when not given
	Postcode          string
	Huisnummer        string
	Toevoeging        string
	Klasse            string    // A++++, A+++, A++, A+, A, B, C, D, E, F, G
	Opnamedatum       time.Time // registration date; the newest wins
	Gebouwtype        string    // EP-Online Pand_gebouwtype, e.g. "Tussenwoning"
	OppervlakteM2     float64   // Pand_gebruiksoppervlakte
}

// Street is one street piece: a road centreline in EPSG:28992.
type Street struct {
	ID    string // source id (NWB wvk_id, OSM way id, ...)
	Name  string
	Class string // road class: OSM highway value or NWB/BGT class
	Line  orb.LineString
}

// AreaKind says what an Area polygon stands for.
type AreaKind string

// Area kinds.
const (
	AreaBuurt AreaKind = "buurt"
	AreaWijk  AreaKind = "wijk"
	AreaWater AreaKind = "water"
)

// Area is a named polygon: a CBS buurt or wijk, or surface water.
type Area struct {
	Code     string // CBS code such as BU05031234, or a source id
	Name     string
	Gemeente string // CBS gemeentenaam of the area, when the file has the column
	// WijkCode and GemeenteCode are the CBS codes of the wijk and gemeente
	// the area lies in (WK050309, GM0503), when the file has the columns.
	WijkCode, GemeenteCode string
	// Water is the CBS "water" column: JA for a buurt that is (nearly)
	// all water.
	Water bool
	// IncomeKEUR is the CBS kerncijfer gemiddeld_gestandaardiseerd_
	// inkomen_van_huishoudens (mean standardised household income), in
	// 1,000 EUR; 0 when the file has no such column or CBS keeps the
	// figure secret (its negative markers such as -99999999).
	IncomeKEUR float64
	Kind       AreaKind
	Geometry   orb.MultiPolygon // EPSG:28992
}
