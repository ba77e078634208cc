package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"log"
	"net/http"
	"strings"

	"github.com/clientele-go/clientele/segment"
)

// apiError is every error the service answers with, as JSON:
//
//	{"error": {"status": 422, "code": "invalid_value",
//	  "message": "customer \"C1\": orders[2].amount -5: must not be negative ...",
//	  "record": "customer \"C1\"", "field": "orders[2].amount", "value": "-5"}}
//
// Record names the customer (or the batch entry), Field the JSON path of
// the value at fault, so a CRM can point its user at the exact cell.
type apiError struct {
	Status  int    `json:"status"`
	Code    string `json:"code"`
	Message string `json:"message"`
	Record  string `json:"record,omitempty"`
	Field   string `json:"field,omitempty"`
	Value   string `json:"value,omitempty"`
}

func (e *apiError) Error() string { return e.Message }

// The error codes, one per status the service answers with.
const (
	codeBadJSON      = "bad_json"           // 400: not JSON, wrong type, unknown field
	codeBadParam     = "bad_parameter"      // 400: a query parameter
	codeNotFound     = "not_found"          // 404
	codeMethod       = "method_not_allowed" // 405
	codeTooLarge     = "too_large"          // 413: body, orders or customers over the limit
	codeContentType  = "unsupported_media"  // 415: not application/json
	codeInvalidValue = "invalid_value"      // 422: well-formed, but the value is wrong
)

// invalid returns a 422 error for field of record.
func invalid(record, field, value string, err error) *apiError {
	return &apiError{
		Status:  http.StatusUnprocessableEntity,
		Code:    codeInvalidValue,
		Message: (&segment.FieldError{Record: record, Field: field, Value: value, Err: err}).Error(),
		Record:  record, Field: field, Value: value,
	}
}

// fromFieldError turns a library *segment.FieldError into a 422, with
// the field path prefixed by where the value sat in the request (e.g.
// "orders[3]."). Other errors become a 422 on the record as a whole.
func fromFieldError(record, prefix string, err error) *apiError {
	var fe *segment.FieldError
	if errors.As(err, &fe) {
		return invalid(record, prefix+fe.Field, fe.Value, fe.Err)
	}
	return &apiError{Status: http.StatusUnprocessableEntity, Code: codeInvalidValue,
		Message: record + ": " + err.Error(), Record: record}
}

// fromDecodeError explains why encoding/json refused a body or a part of
// one (at path, e.g. "orders[3]"), with the field named where it can be.
// An oversized body is a 413.
func fromDecodeError(record, path string, err error) *apiError {
	e := &apiError{Status: http.StatusBadRequest, Code: codeBadJSON, Record: record}
	join := func(field string) string {
		switch {
		case path == "":
			return field
		case field == "":
			return path
		}
		return path + "." + field
	}
	var (
		tooBig  *http.MaxBytesError
		syntax  *json.SyntaxError
		typeErr *json.UnmarshalTypeError
	)
	switch {
	case errors.As(err, &tooBig):
		e.Status, e.Code = http.StatusRequestEntityTooLarge, codeTooLarge
		e.Message = fmt.Sprintf("request body over the limit of %d bytes", tooBig.Limit)
		return e
	case errors.As(err, &syntax):
		e.Field = path
		e.Message = fmt.Sprintf("malformed JSON at byte %d: %v", syntax.Offset, syntax)
	case errors.As(err, &typeErr):
		e.Field = join(typeErr.Field)
		e.Value = typeErr.Value
		e.Message = fmt.Sprintf("%s: JSON %s where %s is wanted", e.Field, typeErr.Value, typeErr.Type)
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		name := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
		e.Field = join(name)
		e.Message = fmt.Sprintf("unknown field %q", e.Field)
	case errors.Is(err, errTrailing), errors.Is(err, errEmpty):
		e.Field = path
		e.Message = err.Error()
	default:
		e.Field = path
		e.Message = "malformed JSON: " + err.Error()
	}
	if record != "" {
		e.Message = record + ": " + e.Message
	}
	return e
}

var (
	errTrailing = errors.New("data after the JSON value")
	errEmpty    = errors.New("no JSON value: the body is empty")
)

// writeJSON writes v with status. v is encoded before anything is
// written, so that a value JSON cannot hold (a NaN) is a clean 500, not
// a 200 with half a body.
func writeJSON(w http.ResponseWriter, status int, v any) {
	data, err := json.Marshal(v)
	if err != nil {
		log.Printf("crm: cannot encode the answer: %v", err)
		status = http.StatusInternalServerError
		data = []byte(`{"error":{"status":500,"code":"internal","message":"the answer could not be encoded"}}`)
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	_, _ = w.Write(append(data, '\n')) // an error means the client went away
}

// writeError answers with e.
func writeError(w http.ResponseWriter, e *apiError) {
	writeJSON(w, e.Status, struct {
		Error *apiError `json:"error"`
	}{e})
}
