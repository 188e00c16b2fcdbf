// Package geodata reads and validates the spatial inputs of a wijkanalyse:
// BAG panden and verblijfsobjecten, EP-Online energy labels, address points,
// streets, surface water and area polygons (buurt, wijk).
//
// # CRS and units
//
// Everything this package hands out is in one working CRS, EPSG:28992
// (Amersfoort / RD New), with coordinates in metres, as orb geometries.
// Inputs in EPSG:4326 (RFC 7946 GeoJSON, OSM) are transformed with PROJ at
// the reader; an input whose CRS is missing or unsupported is an error that
// names the file and what was found. Areas are square metres, lengths metres.
//
// # Streaming
//
// Readers stream: they hand out records as they decode them, through
// Read(dst []T) (int, error) ending in io.EOF, so memory does not grow with
// the size of the file. Validation (Validator) works per record too; only
// de-duplication of BAG ids keeps state (one entry per distinct id).
//
// # Errors
//
// Bad data returns a *FeatureError naming the file, layer, feature index and
// BAG id where known. Records that are read but not used are never dropped
// silently: each is counted in a Report under a named reason.
package geodata
