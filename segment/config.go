package segment

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"reflect"
	"strconv"
	"strings"
)

// Configurations in clientele follow one convention, which these helpers
// implement once for every typology:
//
//   - a Config struct of named thresholds, each with a json tag and a
//     range tag giving its inclusive bounds, e.g.
//     `json:"sleeping_days" range:"1,3650"`;
//   - a zero field means the documented default ([FillDefaults]), so the
//     zero Config and a nil *Config are the defaults; a setting for which
//     0 is a meaningful value is an [Opt] (unknown means default), and
//     its range tag applies to the known value;
//   - JSON decoding rejects unknown fields and oversized input
//     ([DecodeConfig]), because a misspelt threshold silently falling back
//     to its default is the worst kind of bug in a rule set;
//   - validation names the field and the value ([CheckRanges]).

// ErrUnknownField is wrapped by the error for a configuration field that
// does not exist (usually a misspelling).
var ErrUnknownField = errors.New("unknown field")

// MaxConfigBytes bounds the JSON text of one configuration.
const MaxConfigBytes = 1 << 20

// DecodeConfig decodes JSON into cfg, a pointer to a config struct. Unknown
// fields, trailing data, and input over [MaxConfigBytes] are errors.
// Fields absent from the JSON keep the values cfg had.
func DecodeConfig(data []byte, cfg any) error {
	if len(data) > MaxConfigBytes {
		return fmt.Errorf("%w: configuration is %d bytes, the limit is %d", ErrRange, len(data), MaxConfigBytes)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(cfg); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			field := te.Field
			if field == "" {
				field = "(top level)"
			}
			return &FieldError{Field: field, Value: te.Value, Err: fmt.Errorf("want %s", jsonKind(te.Type))}
		}
		// encoding/json reports an unknown field only as text.
		if name, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
			if unq, uerr := strconv.Unquote(name); uerr == nil {
				name = unq
			}
			return &FieldError{Field: name, Value: name, Err: ErrUnknownField}
		}
		return err
	}
	if _, err := dec.Token(); err != io.EOF {
		return errors.New("trailing data after the configuration")
	}
	return nil
}

// jsonKind describes what JSON a Go type takes, for messages that must not
// leak Go type names.
func jsonKind(t reflect.Type) string {
	switch t.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "a whole number"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.Bool:
		return "true or false"
	case reflect.String:
		return "text"
	case reflect.Slice, reflect.Array:
		return "a list"
	case reflect.Map, reflect.Struct:
		return "an object"
	}
	return "a value of another type"
}

// FillDefaults sets every zero field of *cfg to the corresponding field of
// def, recursing into nested structs. Slices and maps are copied only when
// nil in cfg (and then shared with def: treat defaults as read-only).
func FillDefaults[T any](cfg *T, def T) {
	fill(reflect.ValueOf(cfg).Elem(), reflect.ValueOf(def))
}

func fill(dst, def reflect.Value) {
	_, leaf := dst.Interface().(interface{ IsZero() bool }) // Opt, Date, time.Time...
	if dst.Kind() == reflect.Struct && !leaf {
		for i := 0; i < dst.NumField(); i++ {
			if dst.Type().Field(i).IsExported() {
				fill(dst.Field(i), def.Field(i))
			}
		}
		return
	}
	if dst.IsZero() {
		dst.Set(def)
	}
}

// CheckRanges checks every numeric field of cfg (a struct or a pointer to
// one) that has a range:"min,max" tag, recursing into nested structs, and
// returns a [*FieldError] for the first value that is NaN, infinite or
// outside its inclusive bounds. record names the configuration in the
// error, e.g. "ladder config". Fields are named by their json tag, nested
// ones with dots ("weights.referrals").
func CheckRanges(record string, cfg any) error {
	v := reflect.ValueOf(cfg)
	if v.Kind() == reflect.Pointer {
		v = v.Elem()
	}
	return checkRanges(record, "", v)
}

func checkRanges(record, prefix string, v reflect.Value) error {
	t := v.Type()
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "" || name == "-" {
			name = f.Name
		}
		name = prefix + name
		fv := v.Field(i)
		if o, ok := fv.Interface().(numericOpt); ok {
			// An Opt setting: unknown means "use the default", so a
			// threshold of 0 can be stated explicitly.
			x, known := o.numeric()
			if !known {
				continue
			}
			fv = reflect.ValueOf(x)
		}
		if fv.Kind() == reflect.Struct {
			if err := checkRanges(record, name+".", fv); err != nil {
				return err
			}
			continue
		}
		tag := f.Tag.Get("range")
		if tag == "" {
			continue
		}
		lo, hi, err := parseRange(tag)
		if err != nil {
			panic(fmt.Sprintf("segment: bad range tag on %s: %v", name, err))
		}
		var x float64
		var value string
		switch fv.Kind() {
		case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
			x, value = float64(fv.Int()), strconv.FormatInt(fv.Int(), 10)
		case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
			x, value = float64(fv.Uint()), strconv.FormatUint(fv.Uint(), 10)
		case reflect.Float32, reflect.Float64:
			x = fv.Float()
			value = strconv.FormatFloat(x, 'g', -1, 64)
		default:
			panic(fmt.Sprintf("segment: range tag on non-numeric field %s", name))
		}
		switch {
		case math.IsNaN(x) || math.IsInf(x, 0):
			return &FieldError{Record: record, Field: name, Value: value, Err: ErrNotFinite}
		case x < lo || x > hi:
			return &FieldError{Record: record, Field: name, Value: value,
				Err: fmt.Errorf("%w: want %s..%s", ErrRange, formatFloat(lo), formatFloat(hi))}
		}
	}
	return nil
}

func parseRange(tag string) (lo, hi float64, err error) {
	a, b, ok := strings.Cut(tag, ",")
	if !ok {
		return 0, 0, errors.New("want min,max")
	}
	if lo, err = strconv.ParseFloat(strings.TrimSpace(a), 64); err != nil {
		return 0, 0, err
	}
	if hi, err = strconv.ParseFloat(strings.TrimSpace(b), 64); err != nil {
		return 0, 0, err
	}
	return lo, hi, nil
}

// numericOpt is implemented by Opt[T] for numeric T, so that settings
// where 0 is a meaningful value can be Opts and still carry range tags.
type numericOpt interface{ numeric() (float64, bool) }

func (o Opt[T]) numeric() (float64, bool) {
	if !o.ok {
		return 0, false
	}
	switch v := any(o.v).(type) {
	case int:
		return float64(v), true
	case float64:
		return v, true
	}
	return 0, false
}

// Clamp01 returns x limited to [0, 1], with NaN as 0: the last line of
// every score computation, so that hostile inputs (NaN, ±Inf) cannot break
// the laws of [Result].
func Clamp01(x float64) float32 {
	// The clamp works on the bits, where it takes two conditional moves
	// and no branch (scores vary from customer to customer, so branches
	// would be mispredicted; float min and max cost some twenty
	// instructions for their NaN and signed-zero rules). Read as an
	// int32, the bits of positive floats are in the order of the floats,
	// +Inf after them and the positive NaNs last; negative floats, -0
	// and the negative NaNs are negative. So one signed comparison makes
	// everything from 1 on (+Inf and the positive NaNs included) 1, and
	// one unsigned comparison, which puts the negative ones after the
	// positive NaNs, makes NaN and everything below +0 the +0 the
	// definition asks for.
	//
	// It clamps the float32 rather than the float64: rounding keeps the
	// order, 0 and 1 are exact in both, a NaN stays a NaN and a negative
	// stays negative (-0 at least), so the bits are those of clamping
	// first; and 32-bit constants fit in the comparisons, where 64-bit
	// ones each take a register (about 75 instructions a customer less
	// for all the typologies).
	const one, inf = 0x3f800000, 0x7f800000 // the bits of float32 1 and +Inf
	b := math.Float32bits(float32(x))
	r := b
	if int32(b) >= one {
		r = one
	}
	if b > inf {
		r = 0
	}
	return math.Float32frombits(r)
}

// Ratio returns min(1, v/t) for t > 0, the usual way a count becomes a
// score against a threshold ("3 referrals against a threshold of 2" is 1;
// "1 against 2" is 0.5). Negative, NaN and infinite values are handled
// like [Clamp01].
func Ratio(v, t float64) float32 {
	if !(t > 0) {
		return 0
	}
	return Clamp01(v / t)
}
