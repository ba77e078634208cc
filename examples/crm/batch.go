package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/clientele-go/clientele/segment"
)

// batchJSON is the body of POST /v1/batch: the customers, each as in
// /v1/classify, and the as-of date for those that give none (default
// today).
type batchJSON struct {
	AsOf      string            `json:"as_of"`
	Customers []json.RawMessage `json:"customers"`
}

// batchRecord is one customer's outcome: classified, with the answer, or
// rejected, with the error naming the field at fault. Index is the
// customer's position in the request.
type batchRecord struct {
	Index      int       `json:"index"`
	CustomerID string    `json:"customer_id,omitempty"`
	Status     string    `json:"status"` // "classified" or "rejected"
	Result     *answer   `json:"result,omitempty"`
	Error      *apiError `json:"error,omitempty"`
}

// batchSummary accounts for every customer of a batch: read =
// classified + rejected.
type batchSummary struct {
	Read       int `json:"read"`
	Classified int `json:"classified"`
	Rejected   int `json:"rejected"`
}

// batch classifies many customers. The body as a whole must be valid
// JSON within the limits (else 400 or 413, and nothing is classified);
// after that every customer is accounted for: one that fails validation
// is a rejected record, and the others are classified. Records come in
// request order, streamed as they are done:
//
//   - as a JSON array of the records (the default);
//   - as JSON Lines (Accept: application/x-ndjson or ?format=jsonl): one
//     record a line, then a last line {"summary": {"read": ..,
//     "classified": .., "rejected": ..}}.
//
// The counts are known before the first record is written, and are in
// the headers X-Records-Read, X-Records-Classified and X-Records-Rejected
// in both forms.
func (s *service) batch(w http.ResponseWriter, r *http.Request) {
	lang, e := negotiateLang(r)
	if e != nil {
		writeError(w, e)
		return
	}
	lines, e := wantLines(r)
	if e != nil {
		writeError(w, e)
		return
	}
	data, e := readBody(w, r, MaxBatchBytes)
	if e != nil {
		writeError(w, e)
		return
	}
	var b batchJSON
	if err := decodeStrict(data, &b); err != nil {
		writeError(w, fromDecodeError("batch", "", err))
		return
	}
	if n := len(b.Customers); n > MaxBatchCustomers {
		writeError(w, &apiError{Status: http.StatusRequestEntityTooLarge, Code: codeTooLarge, Record: "batch",
			Field: "customers", Value: strconv.Itoa(n),
			Message: fmt.Sprintf("batch: %d customers, over the limit of %d; split the batch", n, MaxBatchCustomers)})
		return
	}
	asOf := s.today()
	if b.AsOf != "" {
		d, e := parseDate("batch", "as_of", b.AsOf)
		if e != nil {
			writeError(w, e)
			return
		}
		asOf = d
	}
	if asOf.After(s.latest()) {
		writeError(w, invalid("batch", "as_of", asOf.String(), fmt.Errorf("%w: in the future (today is %s)", segment.ErrRange, s.today())))
		return
	}

	// Validate everything first (cheap), so the counts are known before
	// the first byte of the answer; then classify and stream.
	records := make([]batchRecord, len(b.Customers))
	customers := make([]*customer, len(b.Customers))
	sum := batchSummary{Read: len(b.Customers)}
	for i, raw := range b.Customers {
		c, id, e := decodeCustomer(raw, fmt.Sprintf("customers[%d]", i), asOf, s.latest())
		records[i] = batchRecord{Index: i, CustomerID: id, Status: "classified"}
		if e != nil {
			records[i].Status, records[i].Error = "rejected", e
			sum.Rejected++
			continue
		}
		customers[i] = c
		sum.Classified++
	}

	h := w.Header()
	h.Set("X-Records-Read", strconv.Itoa(sum.Read))
	h.Set("X-Records-Classified", strconv.Itoa(sum.Classified))
	h.Set("X-Records-Rejected", strconv.Itoa(sum.Rejected))
	h.Set("X-Content-Type-Options", "nosniff")
	if lines {
		h.Set("Content-Type", "application/x-ndjson; charset=utf-8")
	} else {
		h.Set("Content-Type", "application/json; charset=utf-8")
	}
	w.WriteHeader(http.StatusOK)

	rc := http.NewResponseController(w)
	enc := json.NewEncoder(w)
	if !lines {
		fmt.Fprint(w, "[")
	}
	for i := range records {
		if customers[i] != nil {
			records[i].Result = s.answer(customers[i], lang)
		}
		if !lines && i > 0 {
			fmt.Fprint(w, ",")
		}
		if err := enc.Encode(&records[i]); err != nil {
			return // the client went away
		}
		records[i].Result = nil // let it go: only the current answer is held
		if i%64 == 63 {
			_ = rc.Flush()
		}
		if r.Context().Err() != nil {
			return // the client went away; stop working for nobody
		}
	}
	if lines {
		_ = enc.Encode(struct {
			Summary batchSummary `json:"summary"`
		}{sum})
	} else {
		fmt.Fprint(w, "]\n")
	}
}

// wantLines reports whether the client asked for JSON Lines: ?format=jsonl
// (or json), else an Accept header naming application/x-ndjson or
// application/jsonl.
func wantLines(r *http.Request) (bool, *apiError) {
	switch f := r.URL.Query().Get("format"); f {
	case "jsonl", "ndjson":
		return true, nil
	case "json":
		return false, nil
	case "":
	default:
		return false, &apiError{Status: http.StatusBadRequest, Code: codeBadParam, Field: "format", Value: f,
			Message: "format " + strconv.Quote(f) + " is not supported; use json or jsonl"}
	}
	accept := r.Header.Get("Accept")
	return strings.Contains(accept, "application/x-ndjson") || strings.Contains(accept, "application/jsonl"), nil
}
