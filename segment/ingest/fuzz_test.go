package ingest_test

import (
	"bytes"
	"errors"
	"io"
	"testing"

	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/ingest"
)

// The order reader never panics, never loops, and every record it reads is
// either a valid order or an *Error naming a line it has read.
func FuzzOrderReader(f *testing.F) {
	f.Add([]byte("customer_id,date,amount\nC1,2024-01-01,10\n"))
	f.Add([]byte("\xef\xbb\xbfcustomer_id,date,amount,return\r\nC1,20240101,-3.5,1\r\n\"C,2\",2024-01-02T10:00:00Z,\"1\"\n"))
	f.Add([]byte("customer_id,date,amount\n\"unterminated,2024-01-01,1\n"))
	f.Add([]byte("customer_id,date,amount\nC1,2024-01-01,1,5\n,,\n"))
	f.Fuzz(func(t *testing.T, input []byte) {
		r, err := ingest.NewOrderReader(bytes.NewReader(input), &ingest.Options{MaxLineBytes: 256})
		if err != nil {
			return
		}
		for i := 0; ; i++ {
			if i > len(input)+1 {
				t.Fatal("more records than bytes: the reader loops")
			}
			o, err := r.Read()
			if err == io.EOF {
				return
			}
			var re *ingest.Error
			switch {
			case errors.As(err, &re):
				if re.Line < 2 || re.Line > r.Line() {
					t.Fatalf("error names line %d, but %d lines were read: %v", re.Line, r.Line(), err)
				}
			case err != nil:
				t.Fatalf("unexpected error type: %v", err)
			default:
				if verr := o.Validate(); verr != nil {
					t.Fatalf("reader returned an invalid order %+v: %v", o, verr)
				}
			}
		}
	})
}

// Loading signals accounts for every row: rows = loaded + skipped.
func FuzzLoadSignals(f *testing.F) {
	f.Add([]byte("customer_id,referrals,b2b,last_complaint\nA,2,yes,2024-03-01\nB,x,,\n"))
	f.Add([]byte("customer_id,distance_km\nA,1e400\n"))
	f.Fuzz(func(t *testing.T, input []byte) {
		l := segment.NewLedger(nil)
		st, err := ingest.LoadSignals(bytes.NewReader(input), l, nil, true)
		if err != nil {
			return
		}
		if st.Rows != st.Loaded+st.Skipped {
			t.Fatalf("rows %d != loaded %d + skipped %d", st.Rows, st.Loaded, st.Skipped)
		}
		if l.Customers() != st.Loaded {
			t.Fatalf("%d customers in the ledger, %d rows loaded", l.Customers(), st.Loaded)
		}
	})
}
