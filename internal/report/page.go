package report

import (
	"github.com/paulmach/orb"
)

// Page is everything report.html shows. Geometry is EPSG:28992 metres.
// Class lists set the order, labels and colours of legends; a key met in
// the data but missing from its list is drawn grey and listed as "overig".
type Page struct {
	Title       string // e.g. "Wijkanalyse Delft, Wippolder"
	Subtitle    string // one line under the title: data, year, parameters
	Attribution string // data credit line(s), e.g. the ODbL notice
	Summary     *Summary

	Buildings []Building
	Pipes     []Pipe
	Streets   []orb.LineString
	Water     []orb.MultiPolygon
	Sources   []Marker
	// Outlines are area boundaries (buurten) drawn on every map, with
	// their names.
	Outlines []Outline

	EraClasses    []Class // construction-year classes, oldest first
	TypeClasses   []Class // woningtypes and utility
	LabelClasses  []Class // energy labels, best first
	OptionClasses []Class // heat options
	CostParts     []Class // cost components of Strategy.Breakdown and EnduserBreakdown, in stacking order
	CostGroups    []Class // building groups of Strategy.ByBuildingGroup, in stacking order

	// Words translate keys of the summary for people: skip and repair
	// reasons (Input.Skipped, Input.Repaired), label sources
	// (Stock.LabelSource) and file roles (Input.Files). Keys without a
	// translation are shown as they are.
	Words map[string]string
	// NetworkCaption replaces the caption of the network map when set.
	NetworkCaption string
	// StockNote is shown under the stock chart (which counts the buildings
	// whose Type is in TypeClasses).
	StockNote string

	Params []Param
	// ParamNotes say which parameters are not listed one by one (large
	// source tables), and where to find them.
	ParamNotes []string
	// Indicators explains each indicator in plain Dutch; the report shows
	// them as a definition list, in order.
	Indicators []Explanation
}

// Building is one pand on the maps and in the stock chart.
type Building struct {
	Footprint orb.Polygon
	Era       string // key into Page.EraClasses
	Type      string // key into Page.TypeClasses
	Label     string // key into Page.LabelClasses
	Best      string // key into Page.OptionClasses
	Connected bool   // connected to the routed network
	// Info is what the interactive map shows when the pand is clicked;
	// nil shows only its classes.
	Info *PandInfo
}

// Pipe is one network segment: a main with its DN or a service pipe.
type Pipe struct {
	Line    orb.LineString
	DN      int
	Service bool // aansluitleiding from the street to the building
	// Works is set when the pipe shares its trench with planned street
	// works (--works): the network map draws it highlighted.
	Works bool
	// Existing is set when the pipe reuses an existing heat network's
	// pipe (--existing-network), ExistingTooSmall when it runs along one
	// too small for its load: the network map draws both highlighted.
	Existing, ExistingTooSmall bool
}

// Outline is a named area boundary.
type Outline struct {
	Name     string
	Geometry orb.MultiPolygon
}

// Marker is a named point, such as a heat source.
type Marker struct {
	Point orb.Point
	Name  string
}

// Class is one legend entry.
type Class struct {
	Key   string
	Label string // shown; Key when empty
	Color string // CSS colour
}

// Param is one row of the parameter table.
type Param struct {
	Name, Description string
	Value, Min, Max   float64 // Min, Max NaN when no band
	Unit              string
	PriceYear         int // 0 when not a price
	Source            string
	Overridden        bool // changed from the default by --params or a scenario
}

// Explanation is a plain-Dutch explanation of one indicator.
type Explanation struct {
	Term, Text string
}
