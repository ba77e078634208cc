package ingest_test

import (
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/ingest"
)

var d = segment.MustParseDate

func readAll(t *testing.T, input string, opts *ingest.Options) ([]segment.Order, []error) {
	t.Helper()
	r, err := ingest.NewOrderReader(strings.NewReader(input), opts)
	require.NoError(t, err)
	var orders []segment.Order
	var errs []error
	for o, err := range r.All() {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		orders = append(orders, o)
	}
	return orders, errs
}

func TestReadFormats(t *testing.T) {
	input := "\xef\xbb\xbfDate,Amount,Customer_ID,note\r\n" +
		"2024-01-05,12.50,C1,plain\r\n" +
		"20240106,-3,C1,\"a, quoted \"\"note\"\"\"\r\n" +
		"\r\n" +
		"2024-01-07T23:30:00-05:00,+7,C2,\"spans\ntwo lines\"\n" +
		"2024-01-08,.5,\"C,3\",x"
	got, errs := readAll(t, input, nil)
	require.Empty(t, errs)
	want := []segment.Order{
		{Customer: "C1", Date: d("2024-01-05"), Amount: 12.5},
		{Customer: "C1", Date: d("2024-01-06"), Amount: -3},
		{Customer: "C2", Date: d("2024-01-07"), Amount: 7},
		{Customer: "C,3", Date: d("2024-01-08"), Amount: 0.5},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("orders (-want +got):\n%s", diff)
	}
}

func TestReadOptionalColumnsAndCustomNames(t *testing.T) {
	input := "client,day,total,order_id,discounted,premium,return\n" +
		"A,2024-02-01,10,O1,1,,no\n" +
		"A,2024-02-02,5,O2,false,yes,1\n"
	got, errs := readAll(t, input, &ingest.Options{IDColumn: "Client", DateColumn: "day", AmountColumn: "total"})
	require.Empty(t, errs)
	all := segment.Discounted | segment.Premium | segment.Return
	want := []segment.Order{
		{Customer: "A", ID: "O1", Date: d("2024-02-01"), Amount: 10, Flags: segment.Discounted, Known: segment.Discounted | segment.Return},
		{Customer: "A", ID: "O2", Date: d("2024-02-02"), Amount: 5, Flags: segment.Premium | segment.Return, Known: all},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("orders (-want +got):\n%s", diff)
	}
}

func TestErrorsNameLineColumnAndValue(t *testing.T) {
	input := "customer_id,date,amount\n" +
		"C1,2024-01-05,10\n" + // line 2: fine
		"C1,2024-13-01,10\n" + // 3: bad month
		"C1,2024-01-05,1,5\n" + // 4: a decimal comma splits the field: wrong count
		"C1,2024-01-05,\"1,5\"\n" + // 5: a decimal comma
		",2024-01-05,10\n" + // 6: empty customer
		"C1,2024-01-05,NaN\n" + // 7: not a number
		"C1,2024-01-05,5e3\n" + // 8: exponent
		"C1,1899-12-31,10\n" + // 9: before 1900
		"C1,2024-01-05,2000000000000\n" + // 10: beyond MaxAmount
		"C1,2024-01-05\n" + // 11: a missing field
		"C1,2024-01-05,\"10\n" + // 12: an unterminated quote to the end
		""
	_, errs := readAll(t, input, nil)
	want := []struct {
		line   int
		column string
		value  string
		cause  error
	}{
		{3, "date", "2024-13-01", segment.ErrDate},
		{4, "", "C1,2024-01-05,1,5", ingest.ErrFieldCount},
		{5, "amount", "1,5", ingest.ErrAmount},
		{6, "customer_id", "", segment.ErrEmpty},
		{7, "amount", "NaN", ingest.ErrAmount},
		{8, "amount", "5e3", ingest.ErrAmount},
		{9, "date", "1899-12-31", segment.ErrDate},
		{10, "amount", "2000000000000", segment.ErrRange},
		{11, "amount", "C1,2024-01-05", ingest.ErrFieldCount},
		{12, "", "C1,2024-01-05,\"10", ingest.ErrQuote},
	}
	require.Len(t, errs, len(want), "errors: %v", errs)
	for i, w := range want {
		var e *ingest.Error
		if !errors.As(errs[i], &e) {
			t.Errorf("error %d = %v, not an *ingest.Error", i, errs[i])
			continue
		}
		got := fmt.Sprint(e.Line, " ", e.Column, " ", e.Value)
		if got != fmt.Sprint(w.line, " ", w.column, " ", w.value) || !errors.Is(e, w.cause) {
			t.Errorf("error %d = %v\nwant line %d column %q value %q wrapping %v", i, e, w.line, w.column, w.value, w.cause)
		}
		if !strings.Contains(e.Error(), "line "+strconv.Itoa(w.line)) {
			t.Errorf("message %q does not name the line", e)
		}
	}
}

func TestLongLineIsAnErrorAndReadingGoesOn(t *testing.T) {
	input := "customer_id,date,amount\n" +
		"C1," + strings.Repeat("x", 300) + ",1\n" +
		"C2,2024-01-01,1\n"
	r, err := ingest.NewOrderReader(strings.NewReader(input), &ingest.Options{MaxLineBytes: 100})
	require.NoError(t, err)
	_, err = r.Read()
	if !errors.Is(err, ingest.ErrLineLength) {
		t.Fatalf("long line: %v, want ErrLineLength", err)
	}
	o, err := r.Read()
	if err != nil || o.Customer != "C2" {
		t.Fatalf("after a long line: %+v, %v; want C2", o, err)
	}
	if _, err := r.Read(); err != io.EOF {
		t.Fatalf("want EOF, got %v", err)
	}
}

func TestHeaderProblems(t *testing.T) {
	for name, input := range map[string]string{
		"empty":          "",
		"missing amount": "customer_id,date\nC1,2024-01-01\n",
		"twice":          "customer_id,date,amount,Date\n",
	} {
		if _, err := ingest.NewOrderReader(strings.NewReader(input), nil); err == nil {
			t.Errorf("%s: NewReader accepted the header", name)
		}
	}
}

func TestLoadAccountsForEveryRow(t *testing.T) {
	input := "customer_id,date,amount\nC1,2024-01-01,1\nC1,bad,1\n\nC2,2024-01-02,2\nC3,2024-01-02,x\n"
	l := segment.NewLedger(nil)
	st, err := ingest.LoadOrders(strings.NewReader(input), l, nil, true)
	require.NoError(t, err)
	if st.Rows != 4 || st.Loaded != 2 || st.Skipped != 2 || st.Blank != 1 || st.Lines != 6 || len(st.Errors) != 2 {
		t.Errorf("stats = %+v", st)
	}
	if st.Rows != st.Loaded+st.Skipped || l.Len() != st.Loaded {
		t.Errorf("rows not accounted for: %+v, ledger has %d", st, l.Len())
	}
	_, err = ingest.LoadOrders(strings.NewReader(input), segment.NewLedger(nil), nil, false)
	var e *ingest.Error
	if !errors.As(err, &e) || e.Line != 3 || e.Column != "date" {
		t.Errorf("without skipping: %v; want the error on line 3, column date", err)
	}
}

// The fast amount parser must give exactly what strconv.ParseFloat gives.
func TestAmountsAgreeWithParseFloat(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	var b strings.Builder
	b.WriteString("customer_id,date,amount\n")
	var texts []string
	for i := 0; i < 20000; i++ {
		var s string
		switch i % 4 {
		case 0:
			s = strconv.FormatFloat(rng.Float64()*1000, 'f', rng.IntN(7), 64)
		case 1:
			s = strconv.FormatInt(rng.Int64N(1<<39), 10) // Int64N: 1<<39 overflows a 32-bit int
		case 2:
			s = "-" + strconv.FormatFloat(rng.ExpFloat64()*50, 'f', 2, 64)
		case 3:
			s = "0.000" + strconv.Itoa(rng.IntN(1000000000))
		}
		texts = append(texts, s)
		fmt.Fprintf(&b, "C,2024-01-01,%s\n", s)
	}
	got, errs := readAll(t, b.String(), nil)
	if len(errs) > 0 {
		t.Fatalf("%d errors, the first: %v", len(errs), errs[0])
	}
	for i, o := range got {
		want, _ := strconv.ParseFloat(texts[i], 64)
		if o.Amount != want {
			t.Fatalf("amount %q: got %v, want %v", texts[i], o.Amount, want)
		}
	}
}

func TestLoadSignals(t *testing.T) {
	input := "customer_id,referrals,b2b,last_complaint,distance_km\n" +
		"A,2,yes,2024-03-01,\n" +
		"P,,,,1.5\n" + // a prospect with no orders
		"B,x,,,\n" + // line 4: not a count
		"A,1,,,\n" // line 5: A again
	l := segment.NewLedger(nil)
	require.NoError(t, l.Add(segment.Order{Customer: "A", Date: d("2024-03-10"), Amount: 10}))
	st, err := ingest.LoadSignals(strings.NewReader(input), l, nil, true)
	require.NoError(t, err)
	if st.Rows != 4 || st.Loaded != 2 || st.Skipped != 2 {
		t.Errorf("stats = %+v", st)
	}
	wantErrs := []string{`line 4, column "referrals", value "x"`, `line 5, column "customer_id", value "A": customer already on line 2`}
	for i, want := range wantErrs {
		if i >= len(st.Errors) || !strings.Contains(st.Errors[i].Error(), want) {
			t.Errorf("error %d = %v, want it to contain %s", i, st.Errors, want)
		}
	}
	profiles, pst := l.Profiles(d("2024-03-31"))
	if len(profiles) != 2 || pst.Profiles != 2 || pst.NotYet != 0 {
		t.Fatalf("profiles %d, stats %+v; want A and the prospect P", len(profiles), pst)
	}
	a, p := profiles[0], profiles[1]
	if v, _ := a.Signals.Referrals.Get(); v != 2 || !a.Signals.B2B.Or(false) || a.DaysSince(a.Signals.LastComplaint).Or(-1) != 30 {
		t.Errorf("A's signals = %+v", a.Signals)
	}
	if p.ID != "P" || p.Occasions != 0 || p.Signals.DistanceKm.Or(0) != 1.5 || p.Signals.Referrals.Known() {
		t.Errorf("prospect = %+v", p)
	}

	for name, header := range map[string]string{
		"misspelt signal": "customer_id,referals\n",
		"no id column":    "client,referrals\n",
	} {
		if _, err := ingest.LoadSignals(strings.NewReader(header), segment.NewLedger(nil), nil, false); err == nil {
			t.Errorf("%s: header accepted", name)
		}
	}
}
