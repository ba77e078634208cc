package main

import (
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/clientele-go/clientele/internal/sample"
	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/strategy"
)

// sampleBatch returns the first n customers of the sample shop as the body
// of a batch request: what a CRM holding the sample would send.
func sampleBatch(t testing.TB, n int) string {
	t.Helper()
	type order struct {
		OrderID string   `json:"order_id"`
		Date    string   `json:"date"`
		Amount  float64  `json:"amount"`
		Flags   []string `json:"flags"`
	}
	type cust struct {
		CustomerID string          `json:"customer_id"`
		Orders     []order         `json:"orders"`
		Signals    segment.Signals `json:"signals"`
	}
	body := struct {
		AsOf      segment.Date `json:"as_of"`
		Customers []cust       `json:"customers"`
	}{AsOf: sample.AsOf}
	for _, c := range sample.Generate(sample.Seed, sample.Customers)[:n] {
		x := cust{CustomerID: c.ID, Signals: c.Signals, Orders: []order{}}
		for _, o := range c.Orders {
			flags := []string{}
			for name, f := range flagNames {
				if o.Flags.Has(f) {
					flags = append(flags, name)
				}
			}
			// The API takes a return as a positive amount flagged
			// "return"; the library counts it negative either way.
			x.Orders = append(x.Orders, order{o.ID, o.Date.String(), math.Abs(o.Amount), flags})
		}
		body.Customers = append(body.Customers, x)
	}
	data, err := json.Marshal(body)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// TestBatchOnSample sends part of the sample shop as a batch and checks
// every answer against the library's own classification of the same
// customers, read from the sample's CSV export.
func TestBatchOnSample(t *testing.T) {
	const n = 600 // many chunks of batchChunk, on every core
	svc := testService(t)
	w := call(t, "POST", "/v1/batch", "application/json", sampleBatch(t, n))
	if w.Code != http.StatusOK {
		t.Fatalf("status %d: %s", w.Code, w.Body)
	}
	var got []batchRecord
	if err := json.Unmarshal(w.Body.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if len(got) != n || w.Header().Get("X-Records-Classified") != fmt.Sprint(n) {
		t.Fatalf("%d records, %s classified", len(got), w.Header().Get("X-Records-Classified"))
	}
	profiles, err := sample.Profiles()
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]*segment.Profile{}
	for i := range profiles {
		byID[profiles[i].ID] = &profiles[i]
	}
	for i, r := range got {
		if r.Index != i {
			t.Fatalf("record %d has index %d: out of request order", i, r.Index)
		}
		p := byID[r.CustomerID]
		if p == nil {
			t.Fatalf("record %d: customer %q is not in the sample", r.Index, r.CustomerID)
		}
		if diff := cmp.Diff(p, r.Result.Profile); diff != "" {
			t.Errorf("%s: profile (-library +service):\n%s", p.ID, diff)
			continue
		}
		var c strategy.Classification
		svc.cs.Classify(p, &c)
		if diff := cmp.Diff(svc.engine.Plan(&c).Render(segment.English), r.Result.Playbook); diff != "" {
			t.Errorf("%s: playbook (-library +service):\n%s", p.ID, diff)
		}
		if got, want := r.Result.Typologies[0].Label, c.Segment.Primary.String(); got != want {
			t.Errorf("%s: segment %s, want %s", p.ID, got, want)
		}
	}
}

// BenchmarkClassify measures one request to /v1/classify through the
// handler: decoding, validation, every typology with its explanation, the
// playbook, encoding.
func BenchmarkClassify(b *testing.B) {
	h := testService(b).handler()
	b.ReportAllocs()
	for b.Loop() {
		r := httptest.NewRequest("POST", "/v1/classify", strings.NewReader(anna))
		r.Header.Set("Content-Type", "application/json")
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		if w.Code != 200 {
			b.Fatal(w.Code)
		}
	}
}

// BenchmarkBatch measures a batch of 500 sample customers, and reports the
// cost per customer.
func BenchmarkBatch(b *testing.B) {
	const n = 500
	h := testService(b).handler()
	body := sampleBatch(b, n)
	b.ReportAllocs()
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		r := httptest.NewRequest("POST", "/v1/batch?format=jsonl", strings.NewReader(body))
		r.Header.Set("Content-Type", "application/json")
		// The answer goes nowhere, as to a socket: a recorder would keep
		// its tens of megabytes, and growing its buffer was most of what
		// this benchmark measured.
		w := &discardWriter{header: http.Header{}}
		h.ServeHTTP(w, r)
		if w.code != 200 || w.n == 0 {
			b.Fatal(w.code, w.n)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/customer")
}

// discardWriter is an http.ResponseWriter that counts the body's bytes
// and keeps none.
type discardWriter struct {
	header http.Header
	code   int
	n      int
}

func (w *discardWriter) Header() http.Header { return w.header }

func (w *discardWriter) WriteHeader(code int) {
	if w.code == 0 {
		w.code = code
	}
}

func (w *discardWriter) Write(p []byte) (int, error) {
	w.WriteHeader(http.StatusOK)
	w.n += len(p)
	return len(p), nil
}
