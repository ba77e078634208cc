// Command crm is a JSON service a CRM can call to classify its customers
// and get a marketing playbook for each: every typology of clientele with
// the reasons behind it, in English or Russian.
//
//	go run ./examples/crm                      # fitted on the sample shop, on :8080
//	go run ./examples/crm -orders orders.csv   # fitted on your own order export
//
// then
//
//	curl -s localhost:8080/v1/classify?lang=en -H 'Content-Type: application/json' -d '{
//	  "customer_id": "anna", "as_of": "2025-06-30",
//	  "orders": [{"order_id": "1", "date": "2025-03-02", "amount": 84.5},
//	             {"order_id": "2", "date": "2025-05-28", "amount": 129.9, "flags": ["premium"]}],
//	  "signals": {"referrals": 1, "positive_reviews": 2}}'
//
// Endpoints:
//
//	POST /v1/classify  one customer (orders, signals, as-of) -> every typology and the playbook
//	POST /v1/batch     {"as_of": ..., "customers": [...]} -> one record per customer, as a
//	                   JSON array or JSON Lines (Accept: application/x-ndjson), counts in headers
//	GET  /v1/healthz   status, the base the cuts were fitted to, the limits
//
// The language is ?lang=en|ru, else Accept-Language. RFM scores and the
// behavioural "top share" rules are relative to a customer base: they are
// fitted once at start-up, to the embedded sample shop or to -orders
// (with -signals) as of -asof. Restart to refit.
//
// Bad input gets a JSON error naming the record, the field and the value:
// 400 malformed JSON, a wrong type or an unknown field (NaN and Infinity
// are not JSON, so they are 400 too); 404 an unknown path; 405 a wrong method;
// 413 a body, a batch or an order list over the limits (MaxClassifyBytes,
// MaxBatchBytes, MaxBatchCustomers, MaxOrders); 415 a body that is not
// application/json; 422 a value that is wrong (a negative amount, a date
// after as_of or in the future, a duplicate order id, a negative signal).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/clientele-go/clientele/internal/sample"
	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/ingest"
)

func main() {
	addr := flag.String("addr", "localhost:8080", "address to listen on")
	orders := flag.String("orders", "", "order export `FILE.csv` to fit the base-relative cuts on (default: the embedded sample shop)")
	signals := flag.String("signals", "", "CRM signals `FILE.csv` of that base (optional)")
	asOf := flag.String("asof", "", "as-of date `YYYY-MM-DD` of the base (default: its last order)")
	flag.Parse()

	source, base, err := loadBase(*orders, *signals, *asOf)
	if err != nil {
		log.Fatalf("crm: %v", err)
	}
	svc, err := newService(source, base, time.Now)
	if err != nil {
		log.Fatalf("crm: fitting to %s: %v", source, err)
	}
	srv := newServer(*addr, svc.handler())
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() {
		<-ctx.Done()
		shutdown, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		_ = srv.Shutdown(shutdown) // let requests in flight finish
	}()
	log.Printf("crm: fitted to %d customers of %s as of %s; listening on %s", len(base), source, svc.base.AsOf, *addr)
	if err := srv.ListenAndServe(); !errors.Is(err, http.ErrServerClosed) {
		log.Fatalf("crm: %v", err)
	}
}

// newServer returns the HTTP server for h, with timeouts: a client that
// is slow to send its headers or body, or to read the answer, must not
// hold a connection for ever.
func newServer(addr string, h http.Handler) *http.Server {
	return &http.Server{
		Addr:              addr,
		Handler:           h,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       60 * time.Second,  // a 32 MiB batch on a slow line
		WriteTimeout:      120 * time.Second, // the answer to a full batch
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
	}
}

// loadBase reads the customer base the cuts are fitted to: the sample shop
// when orders is empty.
func loadBase(orders, signals, asOf string) (string, []segment.Profile, error) {
	if orders == "" {
		base, err := sample.Profiles()
		return "the embedded sample shop", base, err
	}
	ledger := segment.NewLedger(nil)
	if err := loadFile(orders, func(r io.Reader) error {
		_, err := ingest.LoadOrders(r, ledger, nil, false)
		return err
	}); err != nil {
		return "", nil, err
	}
	if signals != "" {
		if err := loadFile(signals, func(r io.Reader) error {
			_, err := ingest.LoadSignals(r, ledger, nil, false)
			return err
		}); err != nil {
			return "", nil, err
		}
	}
	var date segment.Date
	if asOf != "" {
		var err error
		if date, err = segment.ParseDate(asOf); err != nil {
			return "", nil, fmt.Errorf("-asof: %w", err)
		}
	}
	base, _ := ledger.Profiles(date)
	return orders, base, nil
}

func loadFile(name string, load func(io.Reader) error) error {
	f, err := os.Open(name)
	if err != nil {
		return err
	}
	defer f.Close()
	if err := load(f); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}
