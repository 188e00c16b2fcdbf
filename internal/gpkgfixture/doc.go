// Package gpkgfixture writes small and large GeoPackage files in the PDOK
// BAG pand layout for tests and benchmarks: the GeoPackage system tables
// (gpkg_spatial_ref_sys, gpkg_contents, gpkg_geometry_columns), a feature
// table with the PDOK columns, and geometries as GeoPackage binary (GP
// header with an xy envelope, then little-endian WKB). It is not a general
// GeoPackage writer: no spatial index, no extensions.
//
// Coordinates are written as given, in the srs the layer is created with
// (EPSG:28992 metres for most tests; 4326 or another code for CRS tests).
package gpkgfixture
