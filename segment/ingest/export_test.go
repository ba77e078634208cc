package ingest

import (
	"io"

	"github.com/clientele-go/clientele/segment"
)

// LoadRecordByRecord is LoadOrders reading one record at a time: the
// reference that the block reader must equal.
func LoadRecordByRecord(r io.Reader, l *segment.Ledger, opts *Options, skipInvalid bool) (Stats, error) {
	rd, err := NewOrderReader(r, opts)
	if err != nil {
		return Stats{}, err
	}
	return loadRecords(rd, l, skipInvalid, Stats{})
}

// SetBlockBytes sets the block size of LoadOrders until restore is called.
func SetBlockBytes(n int) (restore func()) {
	old := blockBytes
	blockBytes = n
	return func() { blockBytes = old }
}
