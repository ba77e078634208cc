package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

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
	latest := s.latest()
	onEveryCore(len(b.Customers), func(i int) {
		c, id, e := decodeCustomer(b.Customers[i], fmt.Sprintf("customers[%d]", i), asOf, latest)
		records[i] = batchRecord{Index: i, CustomerID: id, Status: "classified"}
		if e != nil {
			records[i].Status, records[i].Error = "rejected", e
			return
		}
		customers[i] = c
	})
	for i := range records {
		if customers[i] == nil {
			sum.Rejected++
		} else {
			sum.Classified++
		}
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
	// A window of customers at a time is answered and encoded on every
	// core, then written in request order and let go, so a batch uses the
	// cores a lone request would leave idle and holds at most a window of
	// answers.
	encoded := make([]*bytes.Buffer, min(batchWindow, len(records)))
	for from := 0; from < len(records); from += batchWindow {
		window := records[from:min(from+batchWindow, len(records))]
		onEveryCore(len(window), func(i int) {
			rec := &window[i]
			if c := customers[from+i]; c != nil {
				rec.Result = s.answer(c, lang)
			}
			// A record that cannot be encoded stays nil, which ends the
			// stream below, as the error of an Encode in order did.
			buf := recordBufs.Get().(*bytes.Buffer)
			buf.Reset()
			if err := json.NewEncoder(buf).Encode(rec); err == nil {
				encoded[i] = buf
			} else {
				recordBufs.Put(buf)
			}
			rec.Result = nil // let it go: only the window's bytes are held
		})
		for i, buf := range encoded[:len(window)] {
			if !lines && from+i > 0 {
				fmt.Fprint(w, ",")
			}
			if buf == nil {
				return
			}
			_, err := w.Write(buf.Bytes())
			recordBufs.Put(buf)
			encoded[i] = nil
			if err != nil {
				return // the client went away
			}
		}
		_ = rc.Flush()
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

// recordBufs recycles the buffers records are encoded into (an answer is
// tens of kilobytes of JSON).
var recordBufs = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// batchWindow is how many customers of a batch are answered at once.
const batchWindow = 32

// onEveryCore calls fn(i) for every i in [0, n), spread over the cores.
// A panic in fn is raised again in the caller once every worker has
// stopped, so that it is the handler's panic, which net/http recovers
// from, and not a worker's, which would end the server.
func onEveryCore(n int, fn func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	if workers <= 1 {
		for i := range n {
			fn(i)
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	var panicked atomic.Pointer[any]
	defer func() {
		if p := panicked.Load(); p != nil {
			panic(*p)
		}
	}()
	defer wg.Wait()
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() {
				if p := recover(); p != nil {
					panicked.CompareAndSwap(nil, &p)
					next.Store(int64(n)) // the others stop at their next claim
				}
			}()
			// Small runs of customers per claim keep the workers even
			// without a contended counter.
			const run = 8
			for {
				from := int(next.Add(run)) - run
				if from >= n {
					return
				}
				for i := from; i < min(from+run, n); i++ {
					fn(i)
				}
			}
		}()
	}
}
