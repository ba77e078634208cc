package main

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/clientele-go/clientele/segment/segmenttest"
)

// FuzzClassifyHandler sends arbitrary bodies to POST /v1/classify: the
// service must never panic, never answer 5xx, and always answer JSON,
// an error naming a field when it refuses. The seed corpus is in
// testdata/fuzz/FuzzClassifyHandler.
func FuzzClassifyHandler(f *testing.F) {
	// Fitted to a small generated base rather than the sample shop: the
	// handler's logic is the same, and each fuzz worker starts at once
	// instead of spending the smoke run's seconds loading the sample.
	svc, err := newService("generated", segmenttest.Random(300, 1), func() time.Time { return testNow })
	if err != nil {
		f.Fatal(err)
	}
	h := svc.handler()
	f.Add([]byte(anna))
	f.Fuzz(func(t *testing.T, body []byte) {
		r := httptest.NewRequest(http.MethodPost, "/v1/classify", strings.NewReader(string(body)))
		r.Header.Set("Content-Type", "application/json")
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		if w.Code >= 500 {
			t.Fatalf("status %d for %q: %s", w.Code, body, w.Body)
		}
		if !json.Valid(w.Body.Bytes()) {
			t.Fatalf("the answer is not JSON: %q", w.Body)
		}
		switch w.Code {
		case http.StatusOK:
			var a answer
			if err := json.Unmarshal(w.Body.Bytes(), &a); err != nil || a.CustomerID == "" || len(a.Typologies) != 8 {
				t.Fatalf("200 with an incomplete answer (%v): %s", err, w.Body)
			}
		default:
			var e struct{ Error apiError }
			if err := json.Unmarshal(w.Body.Bytes(), &e); err != nil || e.Error.Status != w.Code || e.Error.Message == "" {
				t.Fatalf("status %d with a malformed error (%v): %s", w.Code, err, w.Body)
			}
		}
	})
}
