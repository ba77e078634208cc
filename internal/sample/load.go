package sample

import (
	"fmt"

	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/ingest"
)

// Ledger loads the embedded orders and signals into a new ledger. The
// sample is valid, so an error means the embedded files are broken.
func Ledger() (*segment.Ledger, error) {
	l := segment.NewLedger(nil)
	if _, err := ingest.LoadOrders(OrdersCSV(), l, nil, false); err != nil {
		return nil, fmt.Errorf("sample orders: %w", err)
	}
	if _, err := ingest.LoadSignals(SignalsCSV(), l, nil, false); err != nil {
		return nil, fmt.Errorf("sample signals: %w", err)
	}
	return l, nil
}

// Profiles returns the sample customers' profiles as of [AsOf], sorted
// by customer id.
func Profiles() ([]segment.Profile, error) {
	l, err := Ledger()
	if err != nil {
		return nil, err
	}
	ps, _ := l.Profiles(AsOf)
	return ps, nil
}
