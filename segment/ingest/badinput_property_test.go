package ingest_test

import (
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/ingest"
)

// The bad-input matrix of RELIABILITY.md, one subtest per row: each bad
// order line either gets an *ingest.Error naming its line, column and
// value, or a documented handling that accounts for it. Every input has a
// good line before (line 2) and after the row under test, and with
// skipInvalid the good lines still load and rows = loaded + skipped.
func TestBadInputOrders(t *testing.T) {
	const head = "customer_id,order_id,date,amount,return\nA,1,2024-01-01,10,0\n"
	const tail = "\nZ,9,2024-01-03,5,0\n"
	asOf := segment.MustParseDate("2024-01-03")
	profile := func(t *testing.T, l *segment.Ledger, id string) segment.Profile {
		t.Helper()
		p, ok := l.Profile(id, asOf)
		if !ok {
			t.Fatalf("no profile for %q", id)
		}
		return p
	}
	type row struct {
		name string
		line string // the row under test, on line 3
		// An error: its line, column, value and cause.
		errLine   int
		column    string
		value     string
		cause     error
		errSubstr string
		// Or a handling, checked on the ledger loaded without skipping.
		check func(t *testing.T, st ingest.Stats, l *segment.Ledger)
	}
	rows := []row{
		{name: "amount_NaN", line: "B,2,2024-01-02,NaN,0", errLine: 3, column: "amount", value: "NaN", cause: ingest.ErrAmount},
		{name: "amount_Inf", line: "B,2,2024-01-02,-Inf,0", errLine: 3, column: "amount", value: "-Inf", cause: ingest.ErrAmount},
		{name: "amount_exponent", line: "B,2,2024-01-02,1e400,0", errLine: 3, column: "amount", value: "1e400", cause: ingest.ErrAmount},
		{name: "amount_over_MaxAmount", line: "B,2,2024-01-02,1000000000000.01,0", errLine: 3, column: "amount", value: "1000000000000.01", cause: segment.ErrRange},
		{name: "amount_overflowing_digits", line: "B,2,2024-01-02,-99999999999999999999999999,0", errLine: 3, column: "amount", value: "-99999999999999999999999999", cause: segment.ErrRange},
		{name: "amount_decimal_comma", line: `B,2,2024-01-02,"1,5",0`, errLine: 3, column: "amount", value: "1,5", cause: ingest.ErrAmount, errSubstr: "comma"},
		{name: "amount_empty", line: "B,2,2024-01-02,,0", errLine: 3, column: "amount", value: "", cause: segment.ErrEmpty},
		{name: "amount_negative_is_a_return", line: "B,2,2024-01-02,-20,0", check: func(t *testing.T, st ingest.Stats, l *segment.Ledger) {
			p := profile(t, l, "B")
			if p.Returns != 1 || p.Revenue != -20 || p.Returned != 20 || p.Occasions != 0 {
				t.Errorf("a lone return: %+v; want 1 return, revenue -20, no occasion", p)
			}
		}},
		{name: "return_netted_same_day", line: "A,2,2024-01-01,4,1", check: func(t *testing.T, st ingest.Stats, l *segment.Ledger) {
			p := profile(t, l, "A")
			if p.Orders != 1 || p.Returns != 1 || p.Revenue != 6 || p.Returned != 4 || p.Occasions != 1 {
				t.Errorf("10 bought and 4 returned (flagged, positive in the export) on one day: %+v; want revenue 6, one occasion", p)
			}
		}},
		{name: "amount_below_a_millionth", line: "B,2,2024-01-02,0.0000004,0", check: func(t *testing.T, st ingest.Stats, l *segment.Ledger) {
			if p := profile(t, l, "B"); p.Orders != 1 || p.Revenue != 0 || p.Occasions != 0 {
				t.Errorf("documented: amounts keep six decimals, so the line counts, its amount rounds to 0: %+v", p)
			}
		}},
		{name: "date_before_1900", line: "B,2,1899-12-31,1,0", errLine: 3, column: "date", value: "1899-12-31", cause: segment.ErrDate},
		{name: "date_after_9999", line: "B,2,10000-01-01,1,0", errLine: 3, column: "date", value: "10000-01-01", cause: segment.ErrDate},
		{name: "date_not_in_calendar", line: "B,2,2023-02-29,1,0", errLine: 3, column: "date", value: "2023-02-29", cause: segment.ErrDate},
		{name: "date_other_format", line: "B,2,02/01/2024,1,0", errLine: 3, column: "date", value: "02/01/2024", cause: segment.ErrDate},
		{name: "date_after_as_of", line: "B,2,2030-01-01,1,0", check: func(t *testing.T, st ingest.Stats, l *segment.Ledger) {
			ps, pst := l.Profiles(asOf)
			if pst.AfterAsOf != 1 || pst.NotYet != 1 || len(ps) != 2 || pst.Lines != 3 {
				t.Errorf("a line after the as-of date: stats %+v, %d profiles; want AfterAsOf 1, NotYet 1 (B), 2 profiles", pst, len(ps))
			}
			if _, ok := l.Profile("B", asOf); ok {
				t.Error("B, who buys only after the as-of date, has a profile")
			}
		}},
		{name: "customer_id_empty", line: ",2,2024-01-02,1,0", errLine: 3, column: "customer_id", value: "", cause: segment.ErrEmpty},
		{name: "customer_id_blank", line: "  ,2,2024-01-02,1,0", errLine: 3, column: "customer_id", value: "  ", cause: segment.ErrEmpty},
		{name: "customer_id_repeated", line: "A,2,2024-01-02,3,0", check: func(t *testing.T, st ingest.Stats, l *segment.Ledger) {
			if p := profile(t, l, "A"); p.Orders != 2 || p.Occasions != 2 || p.Revenue != 13 || l.Customers() != 2 {
				t.Errorf("A's two lines: %+v, %d customers; want one profile with both", p, l.Customers())
			}
		}},
		{name: "order_id_repeated", line: "A,1,2024-01-01,10,0", check: func(t *testing.T, st ingest.Stats, l *segment.Ledger) {
			// Order ids are not used to de-duplicate: lines with one id are
			// line items of one order and add up (same day: one occasion).
			if p := profile(t, l, "A"); p.Orders != 2 || p.Occasions != 1 || p.Revenue != 20 || st.Loaded != 3 {
				t.Errorf("a repeated order id: %+v, stats %+v; want both lines counted, one occasion", p, st)
			}
		}},
		{name: "flag_not_a_flag", line: "B,2,2024-01-02,1,maybe", errLine: 3, column: "return", value: "maybe", cause: ingest.ErrFlag},
		{name: "quoted_fields", line: `"B, Inc.","2","2024-01-02","7.50",""`, check: func(t *testing.T, st ingest.Stats, l *segment.Ledger) {
			if p := profile(t, l, "B, Inc."); p.Revenue != 7.5 {
				t.Errorf("quoted fields: %+v", p)
			}
		}},
		{name: "quoted_line_break", line: "\"B\nInc.\",2,2024-01-02,1,0", check: func(t *testing.T, st ingest.Stats, l *segment.Ledger) {
			if _, ok := l.Profile("B\nInc.", asOf); !ok || st.Lines != 5 || st.Rows != 3 {
				t.Errorf("a quoted line break: stats %+v; want 5 lines, 3 rows and customer \"B\\nInc.\"", st)
			}
		}},
		{name: "quote_inside_field", line: `B"x,2,2024-01-02,1,0`, errLine: 3, column: "", value: `B"x,2,2024-01-02,1,0`, cause: ingest.ErrQuote},
		{name: "quote_unterminated", line: `"B,2,2024-01-02,1,0`, errLine: 3, column: "", value: `"B,2,2024-01-02,1,0`, cause: ingest.ErrQuote},
		{name: "fields_too_few", line: "B,2,2024-01-02,1", errLine: 3, column: "return", value: "B,2,2024-01-02,1", cause: ingest.ErrFieldCount},
		{name: "fields_too_many", line: "B,2,2024-01-02,1,0,extra", errLine: 3, column: "", value: "B,2,2024-01-02,1,0,extra", cause: ingest.ErrFieldCount},
		{name: "line_over_64KiB", line: "B,2,2024-01-02," + strings.Repeat("1", 1<<20) + ",0", errLine: 3, column: "", value: "B,2,2024-01-02," + strings.Repeat("1", 62) + "...", cause: ingest.ErrLineLength},
		{name: "blank_lines", line: "\n   \n", check: func(t *testing.T, st ingest.Stats, l *segment.Ledger) {
			if st.Blank != 3 || st.Rows != 2 || st.Lines != 6 {
				t.Errorf("blank lines: %+v; want 3 blank (the row's two and its own end), 2 rows, 6 lines", st)
			}
		}},
	}
	for _, r := range rows {
		t.Run(r.name, func(t *testing.T) {
			in := head + r.line + tail
			l := segment.NewLedger(nil)
			st, err := ingest.LoadOrders(strings.NewReader(in), l, nil, false)
			if r.check != nil {
				if err != nil {
					t.Fatalf("documented handling, got the error %v", err)
				}
				if st.Rows != st.Loaded+st.Skipped {
					t.Errorf("rows %d != loaded %d + skipped %d", st.Rows, st.Loaded, st.Skipped)
				}
				r.check(t, st, l)
				return
			}
			checkError(t, err, r.errLine, r.column, r.value, r.cause, r.errSubstr)
			// Skipping goes on past the bad line and accounts for it.
			l = segment.NewLedger(nil)
			st, err = ingest.LoadOrders(strings.NewReader(in), l, nil, true)
			if err != nil {
				t.Fatalf("skipping: %v", err)
			}
			if st.Skipped != 1 || st.Rows != st.Loaded+st.Skipped || len(st.Errors) != 1 {
				t.Errorf("skipping: %+v; want one skipped row, rows = loaded + skipped", st)
			}
			if _, ok := l.Profile("A", asOf); !ok {
				t.Error("skipping: the good line before the bad one was lost")
			}
			// An unterminated quote takes the rest of the input into its
			// field: the error names the line it starts on.
			if _, ok := l.Profile("Z", asOf); !ok && r.cause != ingest.ErrQuote {
				t.Error("skipping: the good line after the bad one was lost")
			}
		})
	}
}

// The header rows of the matrix: what is wrong with a header stops the
// load before any row, naming the column.
func TestBadInputHeaders(t *testing.T) {
	for _, r := range []struct {
		name, in, column string
		substr           string
	}{
		{"header_missing_column", "customer_id,date\nA,2024-01-01\n", "amount", "no column"},
		{"header_column_twice", "customer_id,date,amount,Date\nA,2024-01-01,1,2024-01-01\n", "date", "twice"},
		{"empty_input", "", "", "empty input"},
	} {
		t.Run(r.name, func(t *testing.T) {
			_, err := ingest.LoadOrders(strings.NewReader(r.in), segment.NewLedger(nil), nil, true)
			if err == nil || !strings.Contains(err.Error(), r.substr) {
				t.Fatalf("got %v, want an error saying %q", err, r.substr)
			}
			var ie *ingest.Error
			if r.column != "" && (!errors.As(err, &ie) || ie.Column != r.column || ie.Line != 1) {
				t.Fatalf("%v does not name line 1, column %q", err, r.column)
			}
		})
	}
	// A byte order mark and CRLF line ends are what spreadsheets export;
	// the mark may precede a quoted header (a regression: it used to be
	// "bad quoting").
	for name, in := range map[string]string{
		"bom":               "\xef\xbb\xbfcustomer_id,date,amount\nA,2024-01-01,1\n",
		"bom_quoted_header": "\xef\xbb\xbf\"customer_id\",\"date\",\"amount\"\r\n\"A\",\"2024-01-01\",\"1\"\r\n",
		"crlf":              "customer_id,date,amount\r\nA,2024-01-01,1\r\nB,2024-01-02,2.5\r\n",
	} {
		t.Run(name, func(t *testing.T) {
			l := segment.NewLedger(nil)
			st, err := ingest.LoadOrders(strings.NewReader(in), l, nil, false)
			if err != nil {
				t.Fatal(err)
			}
			p, ok := l.Profile("A", segment.Date{})
			if !ok || p.Revenue != 1 || st.Loaded != strings.Count(in, "\n")-1 {
				t.Fatalf("%+v, %+v", p, st)
			}
		})
	}
}

// The rows for orders and signals given through the Go API rather than a
// file: the same checks, as *segment.FieldError naming the record and field.
func TestBadInputLedger(t *testing.T) {
	day := segment.MustParseDate("2024-01-01")
	for _, r := range []struct {
		name  string
		order segment.Order
		field string
	}{
		{"ledger_amount_NaN", segment.Order{Customer: "A", Date: day, Amount: math.NaN()}, "amount"},
		{"ledger_amount_Inf", segment.Order{Customer: "A", Date: day, Amount: math.Inf(1)}, "amount"},
		{"ledger_amount_over_MaxAmount", segment.Order{Customer: "A", Date: day, Amount: -2 * segment.MaxAmount}, "amount"},
		{"ledger_customer_empty", segment.Order{Date: day, Amount: 1}, "customer"},
		{"ledger_date_missing", segment.Order{Customer: "A", Amount: 1}, "date"},
	} {
		t.Run(r.name, func(t *testing.T) {
			l := segment.NewLedger(nil)
			err := l.Add(r.order)
			var fe *segment.FieldError
			if !errors.As(err, &fe) || fe.Field != r.field {
				t.Fatalf("Add(%+v) = %v, want a FieldError for %s", r.order, err, r.field)
			}
			if l.Len() != 0 {
				t.Error("an invalid order was recorded")
			}
		})
	}
	for _, r := range []struct {
		name  string
		set   func(s *segment.Signals)
		field string
	}{
		{"signals_NaN", func(s *segment.Signals) { s.DistanceKm = segment.Some(math.NaN()) }, "distance_km"},
		{"signals_Inf", func(s *segment.Signals) { s.DistanceKm = segment.Some(math.Inf(1)) }, "distance_km"},
		{"signals_negative", func(s *segment.Signals) { s.Referrals = segment.Some(-1) }, "referrals"},
	} {
		t.Run(r.name, func(t *testing.T) {
			var s segment.Signals
			r.set(&s)
			err := segment.NewLedger(nil).SetSignals("A", s)
			var fe *segment.FieldError
			if !errors.As(err, &fe) || fe.Field != r.field || !strings.Contains(fe.Record, `"A"`) {
				t.Fatalf("SetSignals = %v, want a FieldError for %s naming customer A", err, r.field)
			}
		})
	}
}

// The rows of the signals export: a customer on two rows, an empty id,
// a value that is not a number, a negative count, a misspelt column.
func TestBadInputSignals(t *testing.T) {
	for _, r := range []struct {
		name, in      string
		line          int
		column, value string
		substr        string
	}{
		{"signals_customer_twice", "customer_id,referrals\nA,1\nB,2\nA,3\n", 4, "customer_id", "A", "already on line 2"},
		{"signals_customer_empty", "customer_id,referrals\nA,1\n,2\n", 3, "customer_id", "", "empty"},
		{"signals_not_a_number", "customer_id,referrals\nA,two\n", 2, "referrals", "two", ""},
		{"signals_negative", "customer_id,referrals\nA,-1\n", 2, "referrals", "-1", ""},
		{"signals_NaN", "customer_id,distance_km\nA,NaN\n", 2, "distance_km", "NaN", ""},
		{"signals_unknown_column", "customer_id,referals\nA,1\n", 1, "referals", "referals", ""},
	} {
		t.Run(r.name, func(t *testing.T) {
			l := segment.NewLedger(nil)
			_, err := ingest.LoadSignals(strings.NewReader(r.in), l, nil, false)
			checkError(t, err, r.line, r.column, r.value, nil, r.substr)
		})
	}
}

func checkError(t *testing.T, err error, line int, column, value string, cause error, substr string) {
	t.Helper()
	var ie *ingest.Error
	if !errors.As(err, &ie) {
		t.Fatalf("got %v, want an *ingest.Error", err)
	}
	if ie.Line != line || ie.Column != column || ie.Value != value {
		t.Errorf("error names line %d, column %q, value %.80q; want line %d, column %q, value %.80q (%v)", ie.Line, ie.Column, ie.Value, line, column, value, err)
	}
	if cause != nil && !errors.Is(err, cause) {
		t.Errorf("%v does not wrap %v", err, cause)
	}
	if !strings.Contains(err.Error(), substr) {
		t.Errorf("%v does not say %q", err, substr)
	}
}
