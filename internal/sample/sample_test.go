package sample

import (
	"bytes"
	"flag"
	"os"
	"testing"

	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/ingest"
)

var update = flag.Bool("update", false, "rewrite the embedded sample files")

func TestEmbeddedIsCurrent(t *testing.T) {
	cs := Generate(Seed, Customers)
	var orders, signals bytes.Buffer
	if err := WriteOrders(&orders, cs); err != nil {
		t.Fatal(err)
	}
	if err := WriteSignals(&signals, cs); err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.WriteFile("orders.csv", orders.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile("signals.csv", signals.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if !bytes.Equal(orders.Bytes(), ordersCSV) || !bytes.Equal(signals.Bytes(), signalsCSV) {
		t.Fatal("the embedded sample files are stale: run go test ./internal/sample -update")
	}
}

func TestSampleLoadsCleanly(t *testing.T) {
	l := segment.NewLedger(nil)
	ost, err := ingest.LoadOrders(OrdersCSV(), l, nil, false)
	if err != nil {
		t.Fatal(err)
	}
	sst, err := ingest.LoadSignals(SignalsCSV(), l, nil, false)
	if err != nil {
		t.Fatal(err)
	}
	if l.Latest() != AsOf {
		t.Errorf("latest order %s, want %s", l.Latest(), AsOf)
	}
	profiles, st := l.Profiles(segment.Date{})
	if len(profiles) != Customers || st.NotYet != 0 {
		t.Errorf("%d profiles (%+v), want %d", len(profiles), st, Customers)
	}
	for i := range profiles {
		if err := profiles[i].Validate(); err != nil {
			t.Fatalf("sample profile invalid: %v", err)
		}
	}
	t.Logf("%d order lines, %d signal rows, %d customers", ost.Loaded, sst.Loaded, len(profiles))
}
