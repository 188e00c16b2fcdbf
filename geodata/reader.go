package geodata

// PandReader streams panden from a source (a GeoPackage layer, a
// GeoParquet file, ...). Read fills dst with up to len(dst) panden and
// returns how many; at the end it returns 0, io.EOF (it may also return
// n > 0 with io.EOF). Data errors are *FeatureError values naming the
// file, layer and feature. Close releases the source; a reader is not safe
// for concurrent use. Memory does not grow with the number of panden read.
type PandReader interface {
	Read(dst []Pand) (int, error)
	Close() error
}

// VerblijfsobjectReader streams verblijfsobjecten; see PandReader.
type VerblijfsobjectReader interface {
	Read(dst []Verblijfsobject) (int, error)
	Close() error
}

// StreetReader streams street centrelines; see PandReader.
type StreetReader interface {
	Read(dst []Street) (int, error)
	Close() error
}
