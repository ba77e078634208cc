package rfm

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strconv"
	"strings"

	"github.com/clientele-go/clientele/segment"
)

// decode reads one JSON document the way segment.DecodeConfig does (at
// most segment.MaxConfigBytes, no unknown fields, no trailing data), and
// reports what is wrong as a FieldError naming record and field, in JSON
// terms ("want an array") rather than Go types.
func decode(record string, data []byte, v any) error {
	if len(data) > segment.MaxConfigBytes {
		return &segment.FieldError{Record: record, Field: "(document)", Value: strconv.Itoa(len(data)) + " bytes",
			Err: fmt.Errorf("%w: the limit is %d bytes", segment.ErrRange, segment.MaxConfigBytes)}
	}
	if err := strictDecode(data, v); err != nil {
		return jsonFieldError(record, err)
	}
	return nil
}

// strictDecode decodes one JSON value, rejecting unknown fields and
// trailing data.
func strictDecode(b []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if _, err := dec.Token(); err != io.EOF {
		return errors.New("trailing data after the value")
	}
	return nil
}

// jsonFieldError turns a decoding error into a FieldError naming the
// record and, where encoding/json says, the field.
func jsonFieldError(record string, err error) error {
	var fe *segment.FieldError
	if errors.As(err, &fe) { // from a TextUnmarshaler of ours
		if fe.Record == "" {
			fe.Record = record
		}
		return fe
	}
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		field := te.Field
		if field == "" {
			field = "(value)"
		}
		return &segment.FieldError{Record: record, Field: field, Value: te.Value, Err: fmt.Errorf("want %s", jsonKind(te.Type))}
	}
	const unknown = "json: unknown field "
	if msg := err.Error(); strings.HasPrefix(msg, unknown) {
		name, _ := strconv.Unquote(strings.TrimPrefix(msg, unknown))
		return &segment.FieldError{Record: record, Field: name, Value: name, Err: segment.ErrUnknownField}
	}
	return &segment.FieldError{Record: record, Field: "(document)", Err: err}
}

// jsonKind names what a Go type looks like in JSON.
func jsonKind(t reflect.Type) string {
	switch t.Kind() {
	case reflect.Struct, reflect.Map:
		return "an object"
	case reflect.Slice, reflect.Array:
		if t == reflect.TypeOf(json.RawMessage(nil)) {
			return "a value"
		}
		return "an array"
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	}
	return "a number"
}
