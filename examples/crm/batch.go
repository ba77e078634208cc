package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"

	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/batch"
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
	// the first byte of the answer; then classify and stream. Both passes
	// run on every core through batch.Map, which hands the results back
	// in request order on this goroutine.
	records := make([]batchRecord, len(b.Customers))
	for i := range records {
		records[i].Index = i
	}
	customers := make([]*customer, len(b.Customers))
	sum := batchSummary{Read: len(b.Customers)}
	latest := s.latest()
	type decoded struct {
		c  *customer
		id string
		e  *apiError
	}
	decode := func(rec *batchRecord, out *decoded) error {
		out.c, out.id, out.e = decodeCustomer(b.Customers[rec.Index], fmt.Sprintf("customers[%d]", rec.Index), asOf, latest)
		return nil
	}
	// Nothing stops this pass: no context is cancelled and emit returns
	// no error (a worker's panic is raised again by raise).
	_, _ = batch.Map(context.Background(), batch.FromSlice(records), decode, func(it *batch.Item[batchRecord, decoded]) error {
		raise(it.Err)
		rec := &records[it.Index]
		rec.CustomerID, rec.Status = it.Out.id, "classified"
		if it.Out.e != nil {
			rec.Status, rec.Error = "rejected", it.Out.e
			sum.Rejected++
			return nil
		}
		customers[it.Index] = it.Out.c
		sum.Classified++
		return nil
	}, &batch.Options{Chunk: batchChunk})

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
	// Each customer is answered and encoded on a worker, and written here
	// in request order and let go: at most a few chunks of answers are
	// held at once (batch.Map bounds them).
	answer := func(rec *batchRecord, out *encodedRecord) error {
		if c := customers[rec.Index]; c != nil {
			rec.Result = s.answer(c, lang)
		}
		out.buf = recordBufs.Get().(*bytes.Buffer)
		out.buf.Reset()
		return json.NewEncoder(out.buf).Encode(rec) // what enc.Encode writes: the JSON and a newline
	}
	_, err := batch.Map(r.Context(), batch.FromSlice(records), answer, func(it *batch.Item[batchRecord, encodedRecord]) error {
		raise(it.Err)
		if it.Err != nil {
			return it.Err // a record that cannot be encoded ends the stream, as before
		}
		if !lines && it.Index > 0 {
			fmt.Fprint(w, ",")
		}
		_, err := w.Write(it.Out.buf.Bytes())
		recordBufs.Put(it.Out.buf)
		if it.Index%flushEvery == flushEvery-1 {
			_ = rc.Flush()
		}
		return err
	}, &batch.Options{Chunk: batchChunk})
	if err != nil {
		return // the client went away, or a record could not be encoded
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

// encodedRecord is a batch record as JSON, in a buffer from recordBufs.
type encodedRecord struct{ buf *bytes.Buffer }

// recordBufs recycles the buffers records are encoded into (an answer is
// tens of kilobytes of JSON).
var recordBufs = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// batchChunk is how many customers of a batch a worker takes at a time:
// small, as an answer is tens of kilobytes and batch.Map holds a few
// chunks per worker.
const batchChunk = 4

// flushEvery is how many records are written between flushes.
const flushEvery = 32

// raise panics again with a panic batch.Map recovered from a worker, so
// that it is the handler's panic, which net/http recovers from (as when
// the batch ran on the handler's goroutine), and not swallowed. Other
// errors are the caller's.
func raise(err error) {
	var p *batch.PanicError
	if errors.As(err, &p) {
		panic(p)
	}
}
