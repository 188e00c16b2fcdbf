package wijkanalyse

import (
	"bytes"
	"encoding"
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/wijkwarmte/wijkwarmte/kosten"
)

// This file makes a scan's results data: Result and its parts marshal to
// JSON with snake_case keys (the Go field name split at its words and
// units, "NationalCostEURPerYear" -> "national_cost_eur_per_year", unless a
// json tag names the key), every NaN or infinite figure written as null
// (not applicable: an infeasible option or strategy), nil slices as [] and
// nil maps as {}. Parts marshal as an object keyed by kosten.Part's name.
// Map keys are sorted, so the same Result gives the same bytes.

// MarshalJSON writes the result as described above.
func (r Result) MarshalJSON() ([]byte, error) { return marshalGeneric(r) }

// MarshalJSON writes the building as Result.MarshalJSON does.
func (b Building) MarshalJSON() ([]byte, error) { return marshalGeneric(b) }

// MarshalJSON writes the option as Result.MarshalJSON does.
func (o Option) MarshalJSON() ([]byte, error) { return marshalGeneric(o) }

// MarshalJSON writes the strategy as Result.MarshalJSON does.
func (st Strategy) MarshalJSON() ([]byte, error) { return marshalGeneric(st) }

// MarshalJSON writes the network summary as Result.MarshalJSON does.
func (n NetworkSummary) MarshalJSON() ([]byte, error) { return marshalGeneric(n) }

// MarshalJSON writes the area summary as Result.MarshalJSON does.
func (a AreaSummary) MarshalJSON() ([]byte, error) { return marshalGeneric(a) }

// MarshalJSON writes the parts as an object {"insulation": band, ...} in
// kosten.Part order.
func (ps Parts) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i := range ps {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(strconv.Quote(partName(i)))
		b.WriteByte(':')
		if err := encodeValue(&b, reflect.ValueOf(ps[i])); err != nil {
			return nil, err
		}
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// genericTypes are the types whose MarshalJSON is marshalGeneric itself:
// the encoder walks their fields instead of calling it again.
var genericTypes = map[reflect.Type]bool{
	reflect.TypeFor[Result]():         true,
	reflect.TypeFor[Building]():       true,
	reflect.TypeFor[Option]():         true,
	reflect.TypeFor[Strategy]():       true,
	reflect.TypeFor[NetworkSummary](): true,
	reflect.TypeFor[AreaSummary]():    true,
}

var (
	jsonMarshalerType = reflect.TypeFor[json.Marshaler]()
	textMarshalerType = reflect.TypeFor[encoding.TextMarshaler]()
)

func marshalGeneric(v any) ([]byte, error) {
	var b bytes.Buffer
	if err := encodeFields(&b, reflect.ValueOf(v)); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// SnakeCase is the JSON key of a Go field name: words split at a capital
// that follows a lower-case letter or digit-free capital run
// ("EURPerYear" -> "eur_per_year", "FootprintM2" -> "footprint_m2",
// "UtilityM2ByType" -> "utility_m2_by_type", "CO2" -> "co2").
func SnakeCase(name string) string {
	rs := []rune(name)
	var sb strings.Builder
	for i, r := range rs {
		if unicode.IsUpper(r) && i > 0 {
			prev := rs[i-1]
			nextLower := i+1 < len(rs) && unicode.IsLower(rs[i+1])
			if unicode.IsLower(prev) || ((unicode.IsUpper(prev) || unicode.IsDigit(prev)) && nextLower) {
				sb.WriteByte('_')
			}
		}
		sb.WriteRune(unicode.ToLower(r))
	}
	return sb.String()
}

// encodeFields writes the struct v field by field.
func encodeFields(b *bytes.Buffer, v reflect.Value) error {
	t := v.Type()
	b.WriteByte('{')
	first := true
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		name, opts, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "-" && opts == "" {
			continue
		}
		if name == "" {
			name = SnakeCase(f.Name)
		}
		fv := v.Field(i)
		if strings.Contains(opts, "omitempty") && fv.IsZero() {
			continue
		}
		if !first {
			b.WriteByte(',')
		}
		first = false
		b.WriteString(strconv.Quote(name))
		b.WriteByte(':')
		if err := encodeValue(b, fv); err != nil {
			return fmt.Errorf("%s.%s: %w", t.Name(), f.Name, err)
		}
	}
	b.WriteByte('}')
	return nil
}

// encodeValue writes any value: floats finite or null, structs by
// encodeFields, types with their own marshaler through it.
func encodeValue(b *bytes.Buffer, v reflect.Value) error {
	if !v.IsValid() {
		b.WriteString("null")
		return nil
	}
	t := v.Type()
	if genericTypes[t] {
		return encodeFields(b, v)
	}
	if t.Implements(jsonMarshalerType) {
		if (v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface) && v.IsNil() {
			b.WriteString("null")
			return nil
		}
		raw, err := v.Interface().(json.Marshaler).MarshalJSON()
		if err != nil {
			return err
		}
		return json.Compact(b, raw)
	}
	if t.Implements(textMarshalerType) && v.Kind() != reflect.Pointer {
		txt, err := v.Interface().(encoding.TextMarshaler).MarshalText()
		if err != nil {
			return err
		}
		b.WriteString(strconv.Quote(string(txt)))
		return nil
	}
	switch v.Kind() {
	case reflect.Float32, reflect.Float64:
		b.Write(appendFloat(nil, v.Float()))
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		b.WriteString(strconv.FormatInt(v.Int(), 10))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		b.WriteString(strconv.FormatUint(v.Uint(), 10))
	case reflect.Bool:
		b.WriteString(strconv.FormatBool(v.Bool()))
	case reflect.String:
		raw, _ := json.Marshal(v.String())
		b.Write(raw)
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			b.WriteString("null")
			return nil
		}
		return encodeValue(b, v.Elem())
	case reflect.Slice, reflect.Array:
		b.WriteByte('[')
		for i := range v.Len() {
			if i > 0 {
				b.WriteByte(',')
			}
			if err := encodeValue(b, v.Index(i)); err != nil {
				return err
			}
		}
		b.WriteByte(']')
	case reflect.Map:
		type kv struct {
			k string
			v reflect.Value
		}
		var kvs []kv
		for it := v.MapRange(); it.Next(); {
			k := it.Key()
			var ks string
			switch {
			case k.Kind() == reflect.String:
				ks = k.String()
			case k.Type().Implements(textMarshalerType):
				txt, err := k.Interface().(encoding.TextMarshaler).MarshalText()
				if err != nil {
					return err
				}
				ks = string(txt)
			default:
				ks = fmt.Sprint(k.Interface())
			}
			kvs = append(kvs, kv{ks, it.Value()})
		}
		slices.SortFunc(kvs, func(a, c kv) int { return strings.Compare(a.k, c.k) })
		b.WriteByte('{')
		for i, e := range kvs {
			if i > 0 {
				b.WriteByte(',')
			}
			raw, _ := json.Marshal(e.k)
			b.Write(raw)
			b.WriteByte(':')
			if err := encodeValue(b, e.v); err != nil {
				return err
			}
		}
		b.WriteByte('}')
	case reflect.Struct:
		return encodeFields(b, v)
	default:
		return fmt.Errorf("wijkanalyse: no JSON form for %s", t)
	}
	return nil
}

// appendFloat writes f as encoding/json does, and null when f is NaN or
// infinite.
func appendFloat(dst []byte, f float64) []byte {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return append(dst, "null"...)
	}
	abs := math.Abs(f)
	format := byte('f')
	if abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	dst = strconv.AppendFloat(dst, f, format, -1, 64)
	if format == 'e' {
		// clean up e-09 to e-9, as encoding/json does
		n := len(dst)
		if n >= 4 && dst[n-4] == 'e' && dst[n-3] == '-' && dst[n-2] == '0' {
			dst[n-2] = dst[n-1]
			dst = dst[:n-1]
		}
	}
	return dst
}

func partName(i int) string { return kosten.Part(i).String() }
