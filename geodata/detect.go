package geodata

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// Format is a file format this package reads.
type Format string

// Formats Detect recognises.
const (
	FormatGeoPackage Format = "gpkg"
	FormatGeoParquet Format = "geoparquet"
	FormatOSMPBF     Format = "osm.pbf"
	FormatGeoJSON    Format = "geojson"
	FormatCSV        Format = "csv" // EP-Online export
)

// Detect tells the format of the file at path from its first bytes, and
// from its extension where the bytes leave a choice: an SQLite header is a
// GeoPackage, "PAR1" GeoParquet, an OSMHeader blob an OSM PBF, a JSON
// object GeoJSON, and text whose first line has ';'-separated fields (or a
// .csv name) an EP-Online CSV. Anything else, including an empty file and
// gzip-compressed data, is a *FeatureError wrapping ErrUnknownFormat that
// names the file. Detect reads at most 512 bytes.
func Detect(path string) (Format, error) {
	fh, err := os.Open(path)
	if err != nil {
		return "", &FeatureError{File: path, Feature: -1, Err: err}
	}
	defer fh.Close()
	head := make([]byte, 512)
	n, err := io.ReadFull(fh, head)
	if err != nil && err != io.ErrUnexpectedEOF && err != io.EOF {
		return "", &FeatureError{File: path, Feature: -1, Err: err}
	}
	return detectBytes(path, head[:n])
}

func detectBytes(path string, b []byte) (Format, error) {
	unknown := func(what string) (Format, error) {
		return "", &FeatureError{File: path, Feature: -1, Err: fmt.Errorf("%w: %s", ErrUnknownFormat, what)}
	}
	ext := strings.ToLower(filepath.Ext(path))
	switch {
	case len(b) == 0:
		return unknown("empty file")
	case bytes.HasPrefix(b, []byte("SQLite format 3\x00")):
		return FormatGeoPackage, nil
	case bytes.HasPrefix(b, []byte("PAR1")):
		return FormatGeoParquet, nil
	case isOSMPBF(b):
		return FormatOSMPBF, nil
	case bytes.HasPrefix(b, []byte{0x1f, 0x8b}):
		return unknown("gzip-compressed data (decompress it first; OSM XML is not read, use .osm.pbf)")
	}
	text := bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
	trimmed := bytes.TrimLeft(text, " \t\r\n")
	if len(trimmed) > 0 && trimmed[0] == '{' {
		return FormatGeoJSON, nil
	}
	if bytes.IndexByte(b, 0) < 0 {
		first, _, _ := bytes.Cut(text, []byte("\n"))
		if ext == ".csv" || bytes.Count(first, []byte(";")) >= 1 {
			return FormatCSV, nil
		}
	}
	switch ext {
	case ".gpkg", ".parquet", ".pbf", ".geojson", ".json":
		return unknown(fmt.Sprintf("the content does not match the %s extension", ext))
	}
	return unknown("not a GeoPackage, GeoParquet, OSM PBF, GeoJSON or EP-Online CSV file")
}

// isOSMPBF checks for the first blob of an OSM PBF file: a 4-byte
// big-endian BlobHeader length, then field 1 (type) = "OSMHeader".
func isOSMPBF(b []byte) bool {
	const hdr = "OSMHeader"
	return len(b) >= 6+len(hdr) && b[0] == 0 && b[1] == 0 &&
		b[4] == 0x0a && int(b[5]) == len(hdr) && string(b[6:6+len(hdr)]) == hdr
}
