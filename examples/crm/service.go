package main

import (
	"mime"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/behavior"
	"github.com/clientele-go/clientele/segment/rfm"
	"github.com/clientele-go/clientele/strategy"
)

// Limits on what one request may ask, so that no client can make the
// service run out of memory or time. Over a limit, the answer is 413
// naming what is too large.
const (
	// MaxClassifyBytes bounds the body of POST /v1/classify: one
	// customer. 1 MiB holds about ten thousand orders.
	MaxClassifyBytes = 1 << 20
	// MaxBatchBytes bounds the body of POST /v1/batch.
	MaxBatchBytes = 32 << 20
	// MaxBatchCustomers bounds the customers of one batch; send a larger
	// base in several batches.
	MaxBatchCustomers = 10_000
	// MaxOrders bounds the order lines of one customer.
	MaxOrders = 10_000
)

// service answers the CRM's requests with classifiers fitted once, at
// start-up, to a customer base. It is immutable after newService and
// safe for concurrent use (the classifiers and the engine are).
type service struct {
	cs     *strategy.Classifiers
	engine *strategy.Engine
	base   baseInfo
	// now is the clock: as_of and dates in requests may not be after
	// today (UTC; a day of slack for clients ahead of us). Tests set it.
	now func() time.Time
}

// baseInfo describes the base the classifiers were fitted to, for
// /v1/healthz.
type baseInfo struct {
	Source    string        `json:"source"`
	Customers int           `json:"customers"`
	AsOf      segment.Date  `json:"as_of"`
	RFM       rfm.Model     `json:"rfm_model"`
	Cuts      behavior.Cuts `json:"behavior_cuts"`
}

// newService fits the classifiers to base (profiles as of one date) and
// compiles the default strategy.
func newService(source string, base []segment.Profile, now func() time.Time) (*service, error) {
	cs, err := strategy.Fit(base, nil)
	if err != nil {
		return nil, err
	}
	engine, err := strategy.New(nil)
	if err != nil {
		return nil, err
	}
	s := &service{cs: cs, engine: engine, now: now}
	s.base = baseInfo{Source: source, Customers: len(base), RFM: cs.RFM.Model(), Cuts: cs.Behavior.Cuts()}
	if len(base) > 0 {
		s.base.AsOf = base[0].AsOf
	}
	return s, nil
}

// handler routes the API. Every answer, errors included, is JSON.
func (s *service) handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/v1/classify", only(s.classify, http.MethodPost))
	mux.HandleFunc("/v1/batch", only(s.batch, http.MethodPost))
	mux.HandleFunc("/v1/healthz", only(s.healthz, http.MethodGet, http.MethodHead))
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, &apiError{Status: http.StatusNotFound, Code: codeNotFound,
			Message: "no such endpoint; see /v1/classify, /v1/batch and /v1/healthz"})
	})
	return mux
}

// only answers 405 with an Allow header to methods other than methods.
func only(h http.HandlerFunc, methods ...string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		for _, m := range methods {
			if r.Method == m {
				h(w, r)
				return
			}
		}
		allow := strings.Join(methods, ", ")
		w.Header().Set("Allow", allow)
		writeError(w, &apiError{Status: http.StatusMethodNotAllowed, Code: codeMethod,
			Message: r.Method + " is not allowed here; use " + allow})
	}
}

// latest is the latest date a request may name: tomorrow, UTC, so that
// a client a few hours ahead of us is not refused.
func (s *service) latest() segment.Date {
	return segment.DateOf(s.now().UTC()).AddDays(1)
}

// today is the default as-of date.
func (s *service) today() segment.Date {
	return segment.DateOf(s.now().UTC())
}

func (s *service) classify(w http.ResponseWriter, r *http.Request) {
	lang, e := negotiateLang(r)
	if e != nil {
		writeError(w, e)
		return
	}
	data, e := readBody(w, r, MaxClassifyBytes)
	if e != nil {
		writeError(w, e)
		return
	}
	c, _, e := decodeCustomer(data, "request", s.today(), s.latest())
	if e != nil {
		writeError(w, e)
		return
	}
	writeJSON(w, http.StatusOK, s.answer(c, lang))
}

func (s *service) healthz(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, struct {
		Status string   `json:"status"`
		Base   baseInfo `json:"base"`
		Limits any      `json:"limits"`
	}{"ok", s.base, map[string]int{
		"classify_bytes": MaxClassifyBytes, "batch_bytes": MaxBatchBytes,
		"batch_customers": MaxBatchCustomers, "orders_per_customer": MaxOrders,
	}})
}

// checkContentType refuses a body that is not declared JSON.
func checkContentType(r *http.Request) *apiError {
	ct := r.Header.Get("Content-Type")
	mt, _, err := mime.ParseMediaType(ct)
	if err == nil && mt == "application/json" {
		return nil
	}
	if ct == "" {
		ct = "none"
	}
	return &apiError{Status: http.StatusUnsupportedMediaType, Code: codeContentType, Field: "Content-Type", Value: ct,
		Message: "Content-Type " + ct + " is not supported; send application/json"}
}

// negotiateLang picks the language of the answer: ?lang=ru (an unknown
// value is a 400), else the most preferred language of Accept-Language
// that we speak, else English.
func negotiateLang(r *http.Request) (segment.Lang, *apiError) {
	if v := r.URL.Query().Get("lang"); v != "" {
		l, err := segment.ParseLang(v)
		if err != nil {
			return 0, &apiError{Status: http.StatusBadRequest, Code: codeBadParam, Field: "lang", Value: v,
				Message: "lang " + strconv.Quote(v) + " is not supported; use en or ru"}
		}
		return l, nil
	}
	type choice struct {
		lang segment.Lang
		q    float64
	}
	var choices []choice
	for _, part := range strings.Split(r.Header.Get("Accept-Language"), ",") {
		tag, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		q := 1.0
		if v, ok := strings.CutPrefix(strings.TrimSpace(params), "q="); ok {
			var err error
			if q, err = strconv.ParseFloat(v, 64); err != nil {
				continue
			}
		}
		if l, err := segment.ParseLang(tag); err == nil && q > 0 {
			choices = append(choices, choice{l, q})
		}
	}
	sort.SliceStable(choices, func(i, j int) bool { return choices[i].q > choices[j].q })
	if len(choices) > 0 {
		return choices[0].lang, nil
	}
	return segment.English, nil
}
