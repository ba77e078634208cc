package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/clientele-go/clientele/internal/sample"
	"github.com/clientele-go/clientele/ladder"
	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/strategy"
)

// testNow is the service's clock in tests: the day after the sample's
// as-of date.
var testNow = time.Date(2025, time.July, 1, 12, 0, 0, 0, time.UTC)

var (
	testOnce sync.Once
	testSvc  *service
	testErr  error
)

// testService is the service fitted to the sample shop, built once: it
// is immutable, and fitting takes a while under -race.
func testService(t testing.TB) *service {
	t.Helper()
	testOnce.Do(func() {
		base, err := sample.Profiles()
		if err != nil {
			testErr = err
			return
		}
		testSvc, testErr = newService("sample", base, func() time.Time { return testNow })
	})
	if testErr != nil {
		t.Fatal(testErr)
	}
	return testSvc
}

// call sends one request to the service's handler.
func call(t testing.TB, method, target, contentType, body string, header ...string) *httptest.ResponseRecorder {
	t.Helper()
	r := httptest.NewRequest(method, target, strings.NewReader(body))
	if contentType != "" {
		r.Header.Set("Content-Type", contentType)
	}
	for i := 0; i+1 < len(header); i += 2 {
		if header[i] == "chunked" {
			r.ContentLength = -1 // as a client streaming the body sends it
			continue
		}
		r.Header.Set(header[i], header[i+1])
	}
	w := httptest.NewRecorder()
	testService(t).handler().ServeHTTP(w, r)
	return w
}

const anna = `{"customer_id": "anna", "as_of": "2025-06-30",
  "orders": [
    {"order_id": "1", "date": "2024-03-02", "amount": 84.5, "flags": []},
    {"order_id": "2", "date": "2024-06-15", "amount": 129.9, "flags": ["new_product"]},
    {"order_id": "3", "date": "2024-10-04", "amount": 64, "flags": []},
    {"order_id": "4", "date": "2025-01-20", "amount": 210, "flags": ["premium"]},
    {"order_id": "5", "date": "2025-05-28", "amount": 95.4, "flags": ["discounted"]},
    {"order_id": "6", "date": "2025-05-29", "amount": 20, "flags": ["return"]}],
  "signals": {"positive_reviews": 2, "referrals": 1, "subscribed": true,
    "image_views": 40, "video_views": 12, "last_complaint": "2024-01-10"},
  "value": 900}`

// annaProfile is anna built directly with the library, to compare with
// what the service makes of the JSON.
func annaProfile(t *testing.T) segment.Profile {
	t.Helper()
	l := segment.NewLedger(nil)
	all := segment.Return | segment.Discounted | segment.NewProduct | segment.Premium
	for _, o := range []segment.Order{
		{ID: "1", Date: segment.MustParseDate("2024-03-02"), Amount: 84.5},
		{ID: "2", Date: segment.MustParseDate("2024-06-15"), Amount: 129.9, Flags: segment.NewProduct},
		{ID: "3", Date: segment.MustParseDate("2024-10-04"), Amount: 64},
		{ID: "4", Date: segment.MustParseDate("2025-01-20"), Amount: 210, Flags: segment.Premium},
		{ID: "5", Date: segment.MustParseDate("2025-05-28"), Amount: 95.4, Flags: segment.Discounted},
		{ID: "6", Date: segment.MustParseDate("2025-05-29"), Amount: 20, Flags: segment.Return},
	} {
		o.Customer, o.Known = "anna", all
		if err := l.Add(o); err != nil {
			t.Fatal(err)
		}
	}
	p, ok := l.Profile("anna", segment.MustParseDate("2025-06-30"))
	if !ok {
		t.Fatal("no profile")
	}
	p.Signals = segment.Signals{
		PositiveReviews: segment.Some(2), Referrals: segment.Some(1), Subscribed: segment.Some(true),
		ImageViews: segment.Some(40), VideoViews: segment.Some(12),
		LastComplaint: segment.Some(segment.MustParseDate("2024-01-10")),
	}
	return p
}

// TestClassifyAgreesWithLibrary checks the whole path: the JSON is read
// into the same profile the library builds from the same facts (flags,
// the return, signals), and the answer is the library's answer for it.
func TestClassifyAgreesWithLibrary(t *testing.T) {
	w := call(t, "POST", "/v1/classify", "application/json", anna)
	if w.Code != http.StatusOK {
		t.Fatalf("status %d: %s", w.Code, w.Body)
	}
	if ct := w.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Errorf("Content-Type %q", ct)
	}
	var got answer
	if err := json.Unmarshal(w.Body.Bytes(), &got); err != nil {
		t.Fatal(err)
	}

	want := annaProfile(t)
	if diff := cmp.Diff(&want, got.Profile); diff != "" {
		t.Errorf("profile (-library +service):\n%s", diff)
	}

	svc := testService(t)
	var c strategy.Classification
	c.Value = segment.Some(900.0)
	svc.cs.Classify(&want, &c)
	pb := svc.engine.Plan(&c).Render(segment.English)
	labels := map[string]string{}
	for _, a := range got.Typologies {
		labels[a.Typology] = a.Label
		if a.Label != "unknown" && len(a.Why) == 0 {
			t.Errorf("%s: label %s without a reason that held", a.Typology, a.Label)
		}
	}
	wantLabels := map[string]string{
		"segment":     c.Segment.Primary.String(),
		"rfm_segment": svc.cs.RFM.Map().Name(c.RFM.Primary),
		"rung":        c.Rung.Primary.String(),
		"disc":        c.DISC.Primary.String(),
		"sabone":      c.SABONE.Primary.String(),
		"perception":  c.Perception.Primary.String(),
		"decision":    c.Decision.Primary.String(),
		"loyalty":     c.Loyalty.Primary.String(),
	}
	if diff := cmp.Diff(wantLabels, labels); diff != "" {
		t.Errorf("labels (-library +service):\n%s", diff)
	}
	if diff := cmp.Diff(pb, got.Playbook); diff != "" {
		t.Errorf("playbook (-library +service):\n%s", diff)
	}
	if len(got.Playbook.Actions) == 0 {
		t.Error("the playbook has no action")
	}
	if got.Next != c.Next || got.NextText != c.Next.Text(segment.English) {
		t.Errorf("next step %+v %q, want %+v", got.Next, got.NextText, c.Next)
	}
}

func TestLanguage(t *testing.T) {
	for _, tc := range []struct {
		target, acceptLanguage string
		want                   segment.Lang
	}{
		{"/v1/classify", "", segment.English},
		{"/v1/classify?lang=ru", "", segment.Russian},
		{"/v1/classify?lang=en", "ru", segment.English},
		{"/v1/classify", "ru-RU,ru;q=0.9,en;q=0.8", segment.Russian},
		{"/v1/classify", "en;q=0.5, ru;q=0.9", segment.Russian},
		{"/v1/classify", "de-DE, ru;q=0", segment.English},
		{"/v1/classify", "de, en-GB;q=0.3", segment.English},
	} {
		w := call(t, "POST", tc.target, "application/json", anna, "Accept-Language", tc.acceptLanguage)
		if w.Code != http.StatusOK {
			t.Fatalf("%s %q: status %d: %s", tc.target, tc.acceptLanguage, w.Code, w.Body)
		}
		var got answer
		if err := json.Unmarshal(w.Body.Bytes(), &got); err != nil {
			t.Fatal(err)
		}
		if got.Lang != tc.want {
			t.Errorf("%s %q: lang %s, want %s", tc.target, tc.acceptLanguage, got.Lang, tc.want)
		}
		for _, a := range got.Typologies {
			if a.Typology != "rung" {
				continue
			}
			var r ladder.Rung
			if err := r.UnmarshalText([]byte(a.Label)); err != nil {
				t.Fatal(err)
			}
			if want := ladder.Rungs.Title(r, tc.want); a.LabelTitle != want {
				t.Errorf("%s %q: rung title %q, want %q", tc.target, tc.acceptLanguage, a.LabelTitle, want)
			}
		}
	}
}

// TestErrors covers every status the service answers with for bad
// requests, and checks that the error names the field at fault.
func TestErrors(t *testing.T) {
	const js = "application/json"
	manyOrders := func(n int) string {
		var b strings.Builder
		b.WriteString(`{"customer_id":"c","as_of":"2025-06-30","orders":[`)
		for i := range n {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(`{"date":"2025-01-01","amount":1}`)
		}
		b.WriteString(`]}`)
		return b.String()
	}
	manyCustomers := `{"customers":[` + strings.TrimSuffix(strings.Repeat(`{},`, MaxBatchCustomers+1), ",") + `]}`
	order := func(s string) string { return `{"customer_id":"c","as_of":"2025-06-30","orders":[` + s + `]}` }
	for _, tc := range []struct {
		name, method, target, ctype, body string
		status                            int
		code, field                       string
	}{
		{"malformed JSON", "POST", "/v1/classify", js, `{"customer_id":`, 400, codeBadJSON, ""},
		{"empty body", "POST", "/v1/classify", js, ``, 400, codeBadJSON, ""},
		{"two values", "POST", "/v1/classify", js, `{"customer_id":"c"} {}`, 400, codeBadJSON, ""},
		{"not an object", "POST", "/v1/classify", js, `[1,2]`, 400, codeBadJSON, ""},
		{"amount as text", "POST", "/v1/classify", js, order(`{"date":"2025-01-01","amount":"12"}`), 400, codeBadJSON, "orders[0].amount"},
		{"NaN amount", "POST", "/v1/classify", js, order(`{"date":"2025-01-01","amount":NaN}`), 400, codeBadJSON, ""},
		{"amount beyond float64", "POST", "/v1/classify", js, order(`{"date":"2025-01-01","amount":1e999}`), 400, codeBadJSON, "orders[0].amount"},
		{"unknown field", "POST", "/v1/classify", js, `{"customer_id":"c","ordres":[]}`, 400, codeBadJSON, "ordres"},
		{"unknown order field", "POST", "/v1/classify", js, order(`{"date":"2025-01-01","amout":1}`), 400, codeBadJSON, "orders[0].amout"},
		{"unknown signal", "POST", "/v1/classify", js, `{"customer_id":"c","signals":{"referals":1}}`, 400, codeBadJSON, "signals.referals"},
		{"fractional count", "POST", "/v1/classify", js, `{"customer_id":"c","signals":{"referrals":1.5}}`, 400, codeBadJSON, "signals.referrals"},
		{"unknown lang", "POST", "/v1/classify?lang=de", js, `{"customer_id":"c"}`, 400, codeBadParam, "lang"},
		{"unknown format", "POST", "/v1/batch?format=xml", js, `{"customers":[]}`, 400, codeBadParam, "format"},
		{"no such endpoint", "GET", "/v2/classify", "", ``, 404, codeNotFound, ""},
		{"GET classify", "GET", "/v1/classify", "", ``, 405, codeMethod, ""},
		{"PUT batch", "PUT", "/v1/batch", js, `{}`, 405, codeMethod, ""},
		{"POST healthz", "POST", "/v1/healthz", js, `{}`, 405, codeMethod, ""},
		{"body over the limit", "POST", "/v1/classify", js, `{"customer_id":"` + strings.Repeat("x", MaxClassifyBytes) + `"}`, 413, codeTooLarge, ""},
		{"too many orders", "POST", "/v1/classify", js, manyOrders(MaxOrders + 1), 413, codeTooLarge, "orders"},
		{"too many customers", "POST", "/v1/batch", js, manyCustomers, 413, codeTooLarge, "customers"},
		{"no content type", "POST", "/v1/classify", "", `{"customer_id":"c"}`, 415, codeContentType, "Content-Type"},
		{"text/plain", "POST", "/v1/classify", "text/plain", `{"customer_id":"c"}`, 415, codeContentType, "Content-Type"},
		{"batch as form", "POST", "/v1/batch", "application/x-www-form-urlencoded", `customers=1`, 415, codeContentType, "Content-Type"},
		{"empty customer id", "POST", "/v1/classify", js, `{"customer_id":""}`, 422, codeInvalidValue, "customer_id"},
		{"no customer id", "POST", "/v1/classify", js, `{}`, 422, codeInvalidValue, "customer_id"},
		{"huge customer id", "POST", "/v1/classify", js, `{"customer_id":"` + strings.Repeat("x", 300) + `"}`, 422, codeInvalidValue, "customer_id"},
		{"as_of not a date", "POST", "/v1/classify", js, `{"customer_id":"c","as_of":"30.06.2025"}`, 422, codeInvalidValue, "as_of"},
		{"as_of in the future", "POST", "/v1/classify", js, `{"customer_id":"c","as_of":"2030-01-01"}`, 422, codeInvalidValue, "as_of"},
		{"negative amount", "POST", "/v1/classify", js, order(`{"date":"2025-01-01","amount":-5}`), 422, codeInvalidValue, "orders[0].amount"},
		{"no amount", "POST", "/v1/classify", js, order(`{"date":"2025-01-01"}`), 422, codeInvalidValue, "orders[0].amount"},
		{"amount over MaxAmount", "POST", "/v1/classify", js, order(`{"date":"2025-01-01","amount":2e12}`), 422, codeInvalidValue, "orders[0].amount"},
		{"no date", "POST", "/v1/classify", js, order(`{"amount":5}`), 422, codeInvalidValue, "orders[0].date"},
		{"date before 1900", "POST", "/v1/classify", js, order(`{"date":"1899-12-30","amount":5}`), 422, codeInvalidValue, "orders[0].date"},
		{"date after as_of", "POST", "/v1/classify", js, order(`{"date":"2025-07-01","amount":5}`), 422, codeInvalidValue, "orders[0].date"},
		{"duplicate order id", "POST", "/v1/classify", js, order(`{"order_id":"a","date":"2025-01-01","amount":5},{"order_id":"a","date":"2025-01-02","amount":6}`), 422, codeInvalidValue, "orders[1].order_id"},
		{"unknown flag", "POST", "/v1/classify", js, order(`{"date":"2025-01-01","amount":5,"flags":["premium","vip"]}`), 422, codeInvalidValue, "orders[0].flags[1]"},
		{"negative signal", "POST", "/v1/classify", js, `{"customer_id":"c","signals":{"distance_km":-3}}`, 422, codeInvalidValue, "signals.distance_km"},
		{"signal date after as_of", "POST", "/v1/classify", js, `{"customer_id":"c","as_of":"2025-06-30","signals":{"last_complaint":"2025-07-01"}}`, 422, codeInvalidValue, "signals.last_complaint"},
		{"signal date not a date", "POST", "/v1/classify", js, `{"customer_id":"c","signals":{"last_inquiry":"2025-01-01","last_complaint":"yesterday"}}`, 422, codeInvalidValue, "signals.last_complaint"},
		{"signal bool as text", "POST", "/v1/classify", js, `{"customer_id":"c","signals":{"subscribed":"yes"}}`, 400, codeBadJSON, "signals.subscribed"},
		{"order as a number", "POST", "/v1/classify", js, order(`1`), 400, codeBadJSON, "orders[0]"},
		{"negative value", "POST", "/v1/classify", js, `{"customer_id":"c","value":-1}`, 422, codeInvalidValue, "value"},
		{"batch as_of not a date", "POST", "/v1/batch", js, `{"as_of":"yesterday","customers":[]}`, 422, codeInvalidValue, "as_of"},
		{"batch as_of in the future", "POST", "/v1/batch", js, `{"as_of":"2025-07-03","customers":[]}`, 422, codeInvalidValue, "as_of"},
		{"batch malformed", "POST", "/v1/batch", js, `{"customers":[{]}`, 400, codeBadJSON, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := call(t, tc.method, tc.target, tc.ctype, tc.body)
			if w.Code != tc.status {
				t.Fatalf("status %d, want %d: %s", w.Code, tc.status, w.Body)
			}
			var got struct{ Error apiError }
			if err := json.Unmarshal(w.Body.Bytes(), &got); err != nil {
				t.Fatalf("the error is not JSON: %v: %s", err, w.Body)
			}
			e := got.Error
			if e.Status != tc.status || e.Code != tc.code || e.Field != tc.field || e.Message == "" {
				t.Errorf("error %+v, want status %d, code %s, field %q", e, tc.status, tc.code, tc.field)
			}
			if tc.field != "" && !strings.Contains(e.Message, tc.field) {
				t.Errorf("message %q does not name the field %q", e.Message, tc.field)
			}
			if tc.status == 405 && w.Header().Get("Allow") == "" {
				t.Error("405 without an Allow header")
			}
		})
	}
}

// TestBatch checks the accounting of a batch in both output forms: every
// customer comes back once, in request order, classified or rejected
// with the field at fault, and the summary adds up.
func TestBatch(t *testing.T) {
	body := `{"as_of": "2025-06-30", "customers": [
	  ` + anna + `,
	  {"customer_id": "bob", "orders": [{"date": "2025-06-01", "amount": -10}]},
	  {"customer_id": "prospect", "signals": {"inquiries": 2, "last_inquiry": "2025-06-25"}},
	  {"customer_id": "typo", "ordres": []},
	  {"customer_id": "late", "as_of": "2025-05-01", "orders": [{"date": "2025-05-02", "amount": 10}]},
	  {"orders": []},
	  {"customer_id": "carol", "orders": [{"date": "2023-01-05", "amount": 40}]}
	]}`
	type rec struct {
		index  int
		id     string
		status string
		field  string
	}
	want := []rec{
		{0, "anna", "classified", ""},
		{1, "bob", "rejected", "orders[0].amount"},
		{2, "prospect", "classified", ""},
		{3, "typo", "rejected", "ordres"},
		{4, "late", "rejected", "orders[0].date"},
		{5, "", "rejected", "customer_id"},
		{6, "carol", "classified", ""},
	}
	wantSum := batchSummary{Read: 7, Classified: 3, Rejected: 4}
	summarise := func(rs []batchRecord) []rec {
		var out []rec
		for _, r := range rs {
			x := rec{index: r.Index, id: r.CustomerID, status: r.Status}
			if r.Error != nil {
				x.field = r.Error.Field
				if r.Error.Status != 422 && r.Error.Status != 400 {
					t.Errorf("record %d: error status %d", r.Index, r.Error.Status)
				}
			}
			if (r.Status == "classified") != (r.Result != nil && r.Error == nil) {
				t.Errorf("record %d: status %s with result %v and error %v", r.Index, r.Status, r.Result != nil, r.Error)
			}
			if r.Result != nil && len(r.Result.Typologies) != 8 {
				t.Errorf("record %d: %d typologies", r.Index, len(r.Result.Typologies))
			}
			out = append(out, x)
		}
		return out
	}
	checkHeaders := func(w *httptest.ResponseRecorder) {
		for h, v := range map[string]int{"X-Records-Read": 7, "X-Records-Classified": 3, "X-Records-Rejected": 4} {
			if got := w.Header().Get(h); got != fmt.Sprint(v) {
				t.Errorf("%s: %q, want %d", h, got, v)
			}
		}
	}

	t.Run("json", func(t *testing.T) {
		w := call(t, "POST", "/v1/batch", "application/json", body)
		if w.Code != 200 {
			t.Fatalf("status %d: %s", w.Code, w.Body)
		}
		checkHeaders(w)
		var got []batchRecord
		if err := json.Unmarshal(w.Body.Bytes(), &got); err != nil {
			t.Fatalf("%v: %s", err, w.Body)
		}
		if diff := cmp.Diff(want, summarise(got), cmp.AllowUnexported(rec{})); diff != "" {
			t.Errorf("records (-want +got):\n%s", diff)
		}
	})
	for _, how := range []struct{ target, accept string }{
		{"/v1/batch?format=jsonl", ""},
		{"/v1/batch", "application/x-ndjson"},
	} {
		t.Run("lines "+how.target+" "+how.accept, func(t *testing.T) {
			w := call(t, "POST", how.target, "application/json", body, "Accept", how.accept)
			if w.Code != 200 {
				t.Fatalf("status %d: %s", w.Code, w.Body)
			}
			checkHeaders(w)
			if ct := w.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/x-ndjson") {
				t.Errorf("Content-Type %q", ct)
			}
			lines := strings.Split(strings.TrimSuffix(w.Body.String(), "\n"), "\n")
			if len(lines) != 8 {
				t.Fatalf("%d lines, want 7 records and a summary", len(lines))
			}
			var rs []batchRecord
			for _, l := range lines[:7] {
				var r batchRecord
				if err := json.Unmarshal([]byte(l), &r); err != nil {
					t.Fatalf("%v: %s", err, l)
				}
				rs = append(rs, r)
			}
			if diff := cmp.Diff(want, summarise(rs), cmp.AllowUnexported(rec{})); diff != "" {
				t.Errorf("records (-want +got):\n%s", diff)
			}
			var sum struct{ Summary batchSummary }
			if err := json.Unmarshal([]byte(lines[7]), &sum); err != nil || sum.Summary != wantSum {
				t.Errorf("summary line %s (%v), want %+v", lines[7], err, wantSum)
			}
		})
	}
}

// A batch answer is the classify answer of each customer.
func TestBatchMatchesClassify(t *testing.T) {
	w := call(t, "POST", "/v1/batch?lang=ru", "application/json", `{"customers":[`+anna+`]}`)
	var b []batchRecord
	if err := json.Unmarshal(w.Body.Bytes(), &b); err != nil || len(b) != 1 {
		t.Fatalf("%v: %s", err, w.Body)
	}
	one := call(t, "POST", "/v1/classify?lang=ru", "application/json", anna)
	var a answer
	if err := json.Unmarshal(one.Body.Bytes(), &a); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(&a, b[0].Result); diff != "" {
		t.Errorf("batch record (-classify +batch):\n%s", diff)
	}
}

// A body sent without a length (chunked) is cut at the limit as it is
// read; one whose Content-Length is over the limit is refused unread.
func TestBodyOverLimitWithoutLength(t *testing.T) {
	body := `{"customer_id":"` + strings.Repeat("x", MaxClassifyBytes) + `"}`
	w := call(t, "POST", "/v1/classify", "application/json", body, "chunked", "")
	if w.Code != http.StatusRequestEntityTooLarge {
		t.Fatalf("status %d: %s", w.Code, w.Body)
	}
}

func TestBatchBodyOverLimit(t *testing.T) {
	body := `{"customers":[` + strings.Repeat(" ", MaxBatchBytes) + `]}`
	w := call(t, "POST", "/v1/batch", "application/json", body)
	if w.Code != http.StatusRequestEntityTooLarge {
		t.Fatalf("status %d: %s", w.Code, w.Body)
	}
}

func TestHealthz(t *testing.T) {
	w := call(t, "GET", "/v1/healthz", "", "")
	if w.Code != 200 {
		t.Fatalf("status %d: %s", w.Code, w.Body)
	}
	var got struct {
		Status string
		Base   baseInfo
	}
	if err := json.Unmarshal(w.Body.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if got.Status != "ok" || got.Base.Customers != sample.Customers || got.Base.AsOf != sample.AsOf || got.Base.RFM != testService(t).cs.RFM.Model() {
		t.Errorf("healthz %+v", got)
	}
}

func TestServerTimeouts(t *testing.T) {
	s := newServer(":0", http.NotFoundHandler())
	if s.ReadHeaderTimeout <= 0 || s.ReadTimeout <= 0 || s.WriteTimeout <= 0 || s.IdleTimeout <= 0 || s.MaxHeaderBytes <= 0 {
		t.Errorf("a timeout or limit is not set: %+v", s)
	}
}

// TestConcurrent sends the same requests from many goroutines through a
// real server and checks each answer equals the one given alone: the
// service shares its classifiers between requests and must be safe to.
// Run it under -race.
func TestConcurrent(t *testing.T) {
	srv := httptest.NewServer(testService(t).handler())
	defer srv.Close()
	bodies := []string{anna,
		`{"customer_id":"p","as_of":"2025-06-30","signals":{"inquiries":1,"last_inquiry":"2025-06-29"}}`,
		`{"customer_id":"q","as_of":"2025-06-30","orders":[{"date":"2021-01-01","amount":5}]}`,
		`{"customer_id":"bad","orders":[{"date":"2021-01-01","amount":-5}]}`,
	}
	post := func(body string) (int, string, error) {
		resp, err := srv.Client().Post(srv.URL+"/v1/classify?lang=ru", "application/json", strings.NewReader(body))
		if err != nil {
			return 0, "", err
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b), err
	}
	want := make([]string, len(bodies))
	for i, b := range bodies {
		_, out, err := post(b)
		if err != nil {
			t.Fatal(err)
		}
		want[i] = out
	}
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := range 12 {
				i := (g + k) % len(bodies)
				_, got, err := post(bodies[i])
				if err == nil && got != want[i] {
					err = fmt.Errorf("request %d: answer differs from the one given alone", i)
				}
				if err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

// The answer is JSON a CRM can store and read back.
func TestAnswerRoundTrip(t *testing.T) {
	w := call(t, "POST", "/v1/classify", "application/json", anna)
	var a answer
	if err := json.Unmarshal(w.Body.Bytes(), &a); err != nil {
		t.Fatal(err)
	}
	again, err := json.Marshal(&a)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(bytes.TrimSpace(w.Body.Bytes()), again) {
		t.Errorf("the answer does not survive a round trip:\n%s\n%s", w.Body, again)
	}
}
