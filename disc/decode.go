package disc

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"

	"github.com/clientele-go/clientele/segment"
)

// decodeStrict decodes JSON into v, rejecting unknown fields, trailing
// data and input over limit bytes. A value of the wrong type is a
// [*segment.FieldError] naming the field (whole when it is the top level)
// and what was expected in JSON terms, never a Go type name.
func decodeStrict(data []byte, v any, whole string, limit int) error {
	if len(data) > limit {
		return fmt.Errorf("%w: %d bytes, the limit is %d", segment.ErrRange, len(data), limit)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			field := te.Field
			if field == "" {
				field = whole
			}
			return &segment.FieldError{Field: field, Value: te.Value, Err: fmt.Errorf("want %s", jsonKind(te.Type))}
		}
		if err == io.EOF {
			return errors.New("no JSON value")
		}
		return err
	}
	if _, err := dec.Token(); err != io.EOF {
		return errors.New("trailing data after the JSON value")
	}
	return nil
}

// jsonKind names what a Go type looks like in JSON.
func jsonKind(t reflect.Type) string {
	switch t.Kind() {
	case reflect.Struct, reflect.Map:
		return "an object"
	case reflect.Slice, reflect.Array:
		return "an array"
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	}
	return "a number"
}
