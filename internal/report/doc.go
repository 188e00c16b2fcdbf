// Package report writes the outputs of a wijk scan that are meant for
// people and for other programs, from plain data: summary.json (Summary),
// a Startanalyse-style indicator CSV (WriteStartanalyse) and report.html
// (Render), a single self-contained HTML file with inline SVG maps and
// charts, embedded CSS, an interactive Leaflet map (vendored, see
// webmap.go) and no network requests.
//
// # CRS and units
//
// Map geometry is EPSG:28992 (RD New) metres, projected onto the SVG
// viewBox with y flipped. Money is euro per year unless a name says
// otherwise, energy GJ per year, power kW, lengths metres, CO2 tonnes per
// year. The report shows numbers in Dutch notation (1.234,5).
//
// The package knows nothing of how the numbers were made: the caller fills
// in a Page and a Summary. It is not for concurrent use on one Page.
package report
