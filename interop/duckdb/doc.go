// Package duckdb checks, in tests only, that wijkwarmte's GeoParquet files
// and DuckDB understand each other: DuckDB reads a scan's
// buildings.parquet and network.parquet, and wijkwarmte reads a
// GeoParquet file DuckDB wrote (GeoParquet 1.0 "geo" metadata, as DuckDB's
// spatial extension writes it). It is its own module so that importing
// wijkwarmte never pulls in DuckDB's C++ library.
package duckdb
