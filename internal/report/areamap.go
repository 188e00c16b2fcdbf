package report

import (
	_ "embed"
	"html/template"
	"math"

	"github.com/paulmach/orb"
)

//go:embed areamap.js
var areamapJS string

// AreaFeature is one area of an interactive area map, such as a buurt of
// a batch. Geometry is EPSG:28992.
type AreaFeature struct {
	Geometry orb.MultiPolygon
	Class    string // key into the classes the map is coloured by
	Title    string // the pop-up's heading, e.g. "BU05030000 Wippolder"
	// Rows are the pop-up's table: label and value, in Dutch.
	Rows [][2]string
	// Search are the texts the search box finds the area by (code, name).
	Search []string
}

type areamapData struct {
	Origin   [2]float64    `json:"origin"`
	Title    string        `json:"title"`
	Classes  []webmapClass `json:"classes"`
	Class    []int         `json:"class"`
	Titles   []string      `json:"titles"`
	Rows     [][][2]string `json:"rows"`
	Search   [][]string    `json:"search"`
	Geometry [][][]int64   `json:"geometry"` // per area its rings, metres from the origin, as differences
}

// AreaMap returns an interactive map of areas coloured by their class
// (Leaflet, embedded like the scan's map: no tiles, no requests), with a
// pop-up per area and a search by code or name, as one block of HTML to
// put into a page. Rings are written in whole metres. Keys not among
// classes are drawn grey as "overig". Printing hides it. It is empty
// without areas.
func AreaMap(areas []AreaFeature, classes []Class, title string) template.HTML {
	if len(areas) == 0 {
		return ""
	}
	var bound orb.Bound
	for i, a := range areas {
		if i == 0 {
			bound = a.Geometry.Bound()
		} else {
			bound = bound.Union(a.Geometry.Bound())
		}
	}
	f := webmapFrame{math.Floor(bound.Min[0]), math.Floor(bound.Min[1]), 1}
	d := areamapData{Origin: [2]float64{f.x0, f.y0}, Title: title}
	idx := map[string]int{}
	for _, c := range classes {
		idx[c.Key] = len(d.Classes)
		d.Classes = append(d.Classes, webmapClass{Key: c.Key, Label: orDefault(c.Label, c.Key), Color: c.Color})
	}
	other := -1
	for _, a := range areas {
		k, ok := idx[a.Class]
		if !ok {
			if other < 0 {
				other = len(d.Classes)
				d.Classes = append(d.Classes, webmapClass{Label: "overig / onbekend", Color: "#bdbdbd"})
			}
			k = other
		}
		d.Classes[k].Count++
		d.Class = append(d.Class, k)
		d.Titles = append(d.Titles, a.Title)
		rows := a.Rows
		if rows == nil {
			rows = [][2]string{}
		}
		d.Rows = append(d.Rows, rows)
		search := a.Search
		if search == nil {
			search = []string{}
		}
		d.Search = append(d.Search, search)
		var rings [][]int64
		for _, poly := range a.Geometry {
			for _, r := range poly {
				if len(r) >= 3 {
					rings = append(rings, f.line(r, true))
				}
			}
		}
		if rings == nil {
			rings = [][]int64{}
		}
		d.Geometry = append(d.Geometry, rings)
	}
	return `<div class="areamap-wrap"><div id="areamap"><p class="wm-nojs">Deze kaart heeft JavaScript nodig; de kaart hieronder toont hetzelfde zonder.</p></div></div>` +
		`<style>` + template.HTML(areamapCSS) + `</style>` + leafletPage("areamap-data", d, areamapJS)
}

// areamapCSS styles the area map and its controls; pages that embed it
// need no other styles for it.
const areamapCSS = `#areamap{height:600px;border:1px solid #ccc;border-radius:4px;background:#f7f7f4;margin:.5em 0 1em}
.wm-nojs{padding:20px;color:#666}
.wm-ctl,.wm-find{background:#fff;padding:8px 10px;border-radius:4px;box-shadow:0 1px 4px rgba(0,0,0,.3);font-size:13px;max-width:280px}
.wm-ctl b{display:block;margin:0 0 4px}.wm-legend{list-style:none;margin:0;padding:0;max-height:300px;overflow:auto}
.wm-legend i{display:inline-block;width:12px;height:12px;margin-right:5px;vertical-align:-1px;border:1px solid rgba(0,0,0,.25)}
.wm-find label{display:block;font-weight:600}.wm-find input{width:180px;font:inherit}.wm-msg{color:#a33;max-width:240px}
.wm-pop table{border-collapse:collapse;margin:4px 0;font-size:13px}.wm-pop th,.wm-pop td{border:none;padding:2px 8px 2px 0;text-align:left;vertical-align:top}
@media print{.areamap-wrap{display:none}}`
