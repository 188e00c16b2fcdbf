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
// Every coordinate the GeoJSON, GeoPackage and GeoParquet readers hand out
// must lie in RDDomain, the EPSG:28992 area of use (the Netherlands with
// the Wadden and the 12-mile zone) rounded out to 10 km: x -10,000..290,000
// m, y 300,000..640,000 m (CheckRD). Anything else (a wrong CRS, degrees
// declared as metres, NaN, 1e300) is a *FeatureError wrapping
// ErrOutsideNL; WGS 84 input with latitude and longitude swapped is named
// as such. The OSM reader does not check: OSM is WGS 84 by definition and
// a border extract legitimately reaches beyond the domain.
//
// # The input door
//
// Open detects any supported file (GeoPackage, GeoParquet, GeoJSON, OSM
// PBF, EP-Online CSV) and gives a Source: Contents lists its layers with
// their kind whatever the format, and Panden, EachStreet, EachAddress,
// EachArea, EachVerblijfsobject, Labels and EachGeometry read them, so
// that scan, batch and inspect share one dispatch. Source.Within(bound)
// pushes a spatial filter down: a GeoPackage layer through its R-tree, a
// GeoParquet pand file through the row-group statistics of its bbox
// covering, an OSM extract by a streaming filter (ReadOSMPBFWithin);
// without an index a full scan (Indexed says which). Records outside the
// bound are not read and appear in no Report.
//
// # BAG ids
//
// NormalizeBAGID strips the NL.IMBAG prefixes and spaces and left-pads to
// 16 digits, and refuses an id that is not plausible after padding
// (gemeentecode 0000, an object type other than 01, 02, 03, 10, 20, 30);
// the Validator takes a pand only with object type 10 (NormalizePandID)
// and counts the others under SkipNoID.
//
// # Streaming
//
// Readers stream: they hand out records as they decode them, through
// Read(dst []T) (int, error) ending in io.EOF, so memory does not grow with
// the size of the file. ForEach and ReadAll drive any of them. Validation (Validator) works per record too; only
// de-duplication of BAG ids keeps state (one entry per distinct id).
//
// # Errors
//
// Bad data returns a *FeatureError naming the file, layer, feature index and
// BAG id where known. Records that are read but not used are never dropped
// silently: each is counted in a Report under a named reason.
package geodata
