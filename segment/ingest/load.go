package ingest

import (
	"errors"
	"io"

	"github.com/clientele-go/clientele/segment"
)

// Stats account for every line of an input, so that rows never vanish
// silently: Rows = Loaded + Skipped.
type Stats struct {
	Lines   int     // lines read, the header included
	Blank   int     // blank lines skipped
	Rows    int     // records read (not blank, header excluded)
	Loaded  int     // orders added to the ledger
	Skipped int     // bad records skipped (only with skipInvalid)
	Errors  []error // the first MaxReported skipped records' errors
}

// MaxReported bounds [Stats.Errors].
const MaxReported = 20

// LoadOrders reads every order from r into l. With skipInvalid false the first
// bad record stops it, and the error (an [*Error]) names the line, column
// and value; with skipInvalid true bad records are skipped and counted in
// the stats. Errors from r itself always stop it.
//
// It parses on every core, in blocks of whole lines, and adds each block
// as [segment.Ledger.AddOrders] would; the outcome is exactly that of reading
// the records one by one with an [OrderReader] and adding each order with
// [segment.Ledger.Add]. It reads ahead of the record being parsed, and
// returns only once it has stopped reading r: when a bad record stops it,
// it first lets the read in progress end (a block, 512 KiB at most), so a
// reader that blocks (a pipe, a socket) delays the error until that read
// returns.
func LoadOrders(r io.Reader, l *segment.Ledger, opts *Options, skipInvalid bool) (Stats, error) {
	rd, err := NewOrderReader(r, opts)
	if err != nil {
		return Stats{}, err
	}
	if rd.max > maxBlockLine {
		// Blocks take two lines of the limit, and a line's id is kept by
		// its place in the block in 32 bits (bulk.Line.SetID).
		return loadRecords(rd, l, skipInvalid, Stats{})
	}
	return rd.loadBlocks(l, skipInvalid)
}

// maxBlockLine is the largest line limit (Options.MaxLineBytes) with
// which LoadOrders reads in blocks.
const maxBlockLine = 1 << 30

// loadRecords reads the rest of rd record by record into l, going on from
// st.
func loadRecords(rd *OrderReader, l *segment.Ledger, skipInvalid bool, st Stats) (Stats, error) {
	for {
		o, err := rd.Read()
		if err == io.EOF {
			st.Lines, st.Blank = rd.Line(), rd.Blank()
			return st, nil
		}
		var re *Error
		if err != nil && !errors.As(err, &re) {
			return st, err
		}
		st.Rows++
		if err == nil {
			err = l.Add(o)
		}
		if err != nil {
			if !skipInvalid {
				st.Lines, st.Blank = rd.Line(), rd.Blank()
				return st, err
			}
			st.Skipped++
			if len(st.Errors) < MaxReported {
				st.Errors = append(st.Errors, err)
			}
			continue
		}
		st.Loaded++
	}
}
