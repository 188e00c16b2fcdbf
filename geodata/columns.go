package geodata

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
)

// PandFields are the pand fields a ColumnMap may name, as wijkwarmte
// reads them from a BAG-like layer: the BAG pand id, the original
// construction year, the pand status, the uses of its verblijfsobjecten,
// the number of verblijfsobjecten (dwellings), the usable floor area (m2),
// the number of storeys and a free-form building type.
var PandFields = []string{"identificatie", "bouwjaar", "status", "gebruiksdoel",
	"aantal_verblijfsobjecten", "oppervlakte", "bouwlagen", "building_type"}

// ErrColumnMap is wrapped by the errors of ParseColumnMap.
var ErrColumnMap = errors.New("column mapping")

// ColumnMap renames columns of a buildings file (GeoPackage layer or
// GeoParquet) for the pand reader: column name in the file -> pand field
// (one of PandFields). A mapped column is read as that field whatever the
// reader would otherwise look for; a column the file has under the
// field's own name is then ignored. The zero value maps nothing.
type ColumnMap map[string]string

// ParseColumnMap reads "COLUMN=FIELD,COLUMN=FIELD" (the CLI's --columns):
// COLUMN as in the file, FIELD one of PandFields (case-insensitive). An
// unknown field, an empty side, a column mapped twice or two columns for
// one field are errors listing the valid fields.
func ParseColumnMap(s string) (ColumnMap, error) {
	m := ColumnMap{}
	fields := map[string]string{}
	for _, part := range strings.Split(s, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		col, field, ok := strings.Cut(part, "=")
		col, field = strings.TrimSpace(col), strings.ToLower(strings.TrimSpace(field))
		switch {
		case !ok || col == "" || field == "":
			return nil, fmt.Errorf("%w: %q: want COLUMN=FIELD (the column as named in the file = one of %s)", ErrColumnMap, part, strings.Join(PandFields, ", "))
		case !slices.Contains(PandFields, field):
			return nil, fmt.Errorf("%w: %q: unknown field %q; valid: %s", ErrColumnMap, part, field, strings.Join(PandFields, ", "))
		}
		if _, dup := m[col]; dup {
			return nil, fmt.Errorf("%w: column %q mapped twice", ErrColumnMap, col)
		}
		if prev, dup := fields[field]; dup {
			return nil, fmt.Errorf("%w: field %s given twice (columns %q and %q)", ErrColumnMap, field, prev, col)
		}
		m[col], fields[field] = field, col
	}
	if len(m) == 0 {
		return nil, fmt.Errorf("%w: empty; want COLUMN=FIELD pairs", ErrColumnMap)
	}
	return m, nil
}

// String is the mapping as ParseColumnMap reads it, sorted by column.
func (m ColumnMap) String() string {
	var parts []string
	for _, c := range slices.Sorted(maps.Keys(m)) {
		parts = append(parts, c+"="+m[c])
	}
	return strings.Join(parts, ",")
}

// apply returns the column names as the readers see them: a mapped
// column under its field's name, a column whose own name is a mapped
// field (shadowed by the mapping) under a name no reader looks for.
func (m ColumnMap) apply(cols []string) []string {
	if len(m) == 0 {
		return cols
	}
	mapped := map[string]bool{}
	for _, f := range m {
		mapped[f] = true
	}
	out := make([]string, len(cols))
	for i, c := range cols {
		switch f, ok := m[c]; {
		case ok:
			out[i] = f
		case mapped[strings.ToLower(c)]:
			out[i] = "\x00shadowed:" + c
		default:
			out[i] = c
		}
	}
	return out
}

// fieldAliases: the names the readers look for that stand for a field of
// PandFields (the model's and wijkwarmte's own output names).
var fieldAliases = map[string]string{
	"id": "identificatie", "pand_id": "identificatie", "bag_id": "identificatie",
	"oorspronkelijkbouwjaar": "bouwjaar", "oorspronkelijk_bouwjaar": "bouwjaar",
	"pandstatus": "status", "gebruiksdoelen": "gebruiksdoel",
	"aantal_vbo": "aantal_verblijfsobjecten", "dwellings": "aantal_verblijfsobjecten",
	"oppervlakte_m2": "oppervlakte", "oppervlakte_totaal": "oppervlakte", "floor_area_m2": "oppervlakte",
	"storeys": "bouwlagen",
}

// source returns the file column a reader looking for name should read
// under m: the mapped column of name's field (name may be any alias of
// the field), "" when m maps none (the reader then looks as usual).
func (m ColumnMap) source(name string) string {
	if len(m) == 0 {
		return ""
	}
	field := strings.ToLower(name)
	if f, ok := fieldAliases[field]; ok {
		field = f
	}
	for c, f := range m {
		if f == field {
			return c
		}
	}
	return ""
}
