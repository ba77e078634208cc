package segment_test

import (
	"encoding/json"
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/clientele-go/clientele/segment"
)

func TestOptJSON(t *testing.T) {
	type row struct {
		A segment.Opt[int]          `json:"a,omitzero"`
		B segment.Opt[float64]      `json:"b"`
		C segment.Opt[bool]         `json:"c,omitzero"`
		D segment.Opt[segment.Date] `json:"d,omitzero"`
	}
	in := row{A: segment.Some(0), C: segment.Some(false), D: segment.Some(d("2024-05-01"))}
	b, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	// Known zero values are written; unknown ones are null or absent.
	if want := `{"a":0,"b":null,"c":false,"d":"2024-05-01"}`; string(b) != want {
		t.Errorf("JSON = %s, want %s", b, want)
	}
	var back row
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(in, back); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
	if back.B.Known() {
		t.Error("null must decode to unknown")
	}
}

func TestSignalsSet(t *testing.T) {
	var s segment.Signals
	for name, text := range map[string]string{
		"referrals":    "3",
		"distance_km":  "2.5",
		"b2b":          "yes",
		"subscribed":   "0",
		"last_inquiry": "2024-05-01",
		"complaints":   "",
		"ambassador":   "TRUE",
	} {
		if err := s.Set(name, text); err != nil {
			t.Errorf("Set(%s, %q): %v", name, text, err)
		}
	}
	want := segment.Signals{
		Referrals: segment.Some(3), DistanceKm: segment.Some(2.5), B2B: segment.Some(true),
		Subscribed: segment.Some(false), LastInquiry: segment.Some(d("2024-05-01")), Ambassador: segment.Some(true),
	}
	if diff := cmp.Diff(want, s); diff != "" {
		t.Errorf("signals (-want +got):\n%s", diff)
	}

	for _, bad := range []struct{ name, text string }{
		{"referrals", "many"},
		{"referrals", "2.5"},
		{"distance_km", "NaN"},
		{"distance_km", "-1"},
		{"referrals", "-2"},
		{"b2b", "perhaps"},
		{"last_inquiry", "yesterday"},
		{"no_such_signal", "1"},
	} {
		err := s.Set(bad.name, bad.text)
		var fe *segment.FieldError
		if !errors.As(err, &fe) {
			t.Errorf("Set(%s, %q) = %v; want a FieldError", bad.name, bad.text, err)
			continue
		}
		quoted := bad.text
		if bad.name == "no_such_signal" {
			quoted = bad.name
		}
		if !strings.Contains(err.Error(), quoted) {
			t.Errorf("error %q does not quote %q", err, quoted)
		}
	}
}

func TestFieldsCoverEverySignal(t *testing.T) {
	var p segment.Profile
	p.AsOf = d("2024-06-01")
	p.Occasions = 2
	for _, name := range segment.SignalNames() {
		text := "1"
		if strings.HasPrefix(name, "last_") {
			text = "2024-05-01"
		}
		if err := p.Signals.Set(name, text); err != nil {
			if err := p.Signals.Set(name, "true"); err != nil {
				t.Fatalf("cannot set %s: %v", name, err)
			}
		}
	}
	for _, name := range segment.SignalNames() {
		field := name
		if rest, ok := strings.CutPrefix(name, "last_"); ok {
			field = "days_since_" + rest
		}
		f, ok := segment.LookupField(field)
		if !ok {
			t.Errorf("signal %s has no field %s for rules", name, field)
			continue
		}
		if _, known := f.Value(&p); !known {
			t.Errorf("field %s is unknown although signal %s is set", field, name)
		}
	}
	var zero segment.Profile
	for _, f := range segment.Fields() {
		if f.EN == "" || f.RU == "" {
			t.Errorf("field %s lacks a title", f.Name)
		}
		if _, known := f.Value(&zero); known && f.Name != "occasions" && f.Name != "orders" &&
			f.Name != "returns" && f.Name != "revenue" && f.Name != "returned" {
			t.Errorf("field %s is known on the zero profile; unknown must stay unknown", f.Name)
		}
	}
}

func TestReasonText(t *testing.T) {
	r := segment.Reason{Rule: "sleeping", Label: "sleeping", Field: "recency_days", Value: 120, Known: true,
		Op: segment.Greater, Threshold: 90, Setting: "sleeping_days", Held: true}
	if got, want := r.Text(segment.English), "sleeping: days since last purchase = 120 > 90 (sleeping_days) — yes"; got != want {
		t.Errorf("English:\n got %s\nwant %s", got, want)
	}
	if got, want := r.Text(segment.Russian), "sleeping: дней с последней покупки = 120 > 90 (sleeping_days) — да"; got != want {
		t.Errorf("Russian:\n got %s\nwant %s", got, want)
	}
	u := segment.Reason{Rule: "fan", Field: "referrals", Op: segment.GreaterEq, Threshold: 1}
	if got, want := u.Text(segment.English), "fan: referrals unknown (threshold >= 1) — no"; got != want {
		t.Errorf("unknown input:\n got %s\nwant %s", got, want)
	}
}

// Text of reasons of every shape, in both languages, as written out
// (Text and AppendText share one implementation, so these pin it).
func TestReasonTextShapes(t *testing.T) {
	known := segment.Reason{Rule: "r", Label: "sleeping", Field: "recency_days", Value: 120.5, Known: true,
		Op: segment.Greater, Threshold: 90, Setting: "sleeping_days", Held: true}
	noSetting, unknown, unknownBare, noOp, noField, own, noLabel := known, known, known, known, known, known, known
	noSetting.Setting, noSetting.Op, noSetting.Held = "", segment.LessEq, false
	unknown.Known = false
	unknownBare.Known, unknownBare.Setting = false, ""
	noOp.Op = segment.NoOp
	noField.Field = ""
	own.Field, own.FieldEN, own.FieldRU, own.Value = "share_x", "share of x", "доля x", 1e-7
	noLabel.Label = ""
	for _, c := range []struct {
		r      segment.Reason
		en, ru string
	}{
		{known, "sleeping: days since last purchase = 120.5 > 90 (sleeping_days) — yes", "sleeping: дней с последней покупки = 120.5 > 90 (sleeping_days) — да"},
		{noSetting, "sleeping: days since last purchase = 120.5 <= 90 — no", "sleeping: дней с последней покупки = 120.5 <= 90 — нет"},
		{unknown, "sleeping: days since last purchase unknown (threshold > 90, sleeping_days) — yes", "sleeping: дней с последней покупки неизвестно (порог > 90, sleeping_days) — да"},
		{unknownBare, "sleeping: days since last purchase unknown (threshold > 90) — yes", "sleeping: дней с последней покупки неизвестно (порог > 90) — да"},
		{noOp, "sleeping: days since last purchase = 120.5 — yes", "sleeping: дней с последней покупки = 120.5 — да"},
		{noField, "sleeping:  > 90 (sleeping_days) — yes", "sleeping:  > 90 (sleeping_days) — да"},
		{own, "sleeping: share of x = 1e-07 > 90 (sleeping_days) — yes", "sleeping: доля x = 1e-07 > 90 (sleeping_days) — да"},
		{noLabel, "r: days since last purchase = 120.5 > 90 (sleeping_days) — yes", "r: дней с последней покупки = 120.5 > 90 (sleeping_days) — да"},
	} {
		if got := c.r.Text(segment.English); got != c.en {
			t.Errorf("%+v English:\n got %q\nwant %q", c.r, got, c.en)
		}
		if got := c.r.Text(segment.Russian); got != c.ru {
			t.Errorf("%+v Russian:\n got %q\nwant %q", c.r, got, c.ru)
		}
	}
}

// AppendText appends exactly Text, after whatever dst holds, for reasons
// of every shape (known or not, with or without a comparison, a setting,
// a field, titles of their own), in both languages.
func TestReasonAppendText(t *testing.T) {
	var rs []segment.Reason
	for _, field := range []string{"", "recency_days", "share_x"} {
		for _, op := range []segment.Op{segment.NoOp, segment.Greater, segment.LessEq} {
			for _, known := range []bool{true, false} {
				for _, setting := range []string{"", "sleeping_days"} {
					for _, held := range []bool{true, false} {
						r := segment.Reason{Rule: "rule", Field: field, Value: 120.5, Known: known,
							Op: op, Threshold: 1e-7, Setting: setting, Held: held}
						if field == "share_x" {
							r.FieldEN, r.FieldRU, r.Label = "share of x", "доля x", "label"
						}
						rs = append(rs, r)
					}
				}
			}
		}
	}
	long := segment.Reason{Rule: strings.Repeat("long rule ", 30), Field: "recency_days", Known: true, Value: 3}
	rs = append(rs, long)
	for _, r := range rs {
		for _, lang := range []segment.Lang{segment.English, segment.Russian} {
			if got, want := string(r.AppendText([]byte("prefix|"), lang)), "prefix|"+r.Text(lang); got != want {
				t.Errorf("%+v %v:\n got %s\nwant %s", r, lang, got, want)
			}
		}
	}
}

func TestProfileValidate(t *testing.T) {
	asOf := d("2024-06-01")
	ok := segment.Profile{ID: "C1", AsOf: asOf, Occasions: 2, Orders: 2, Revenue: 30,
		First: d("2024-01-01"), Last: d("2024-05-01"), Discounted: segment.Some(1)}
	if err := ok.Validate(); err != nil {
		t.Fatalf("valid profile: %v", err)
	}
	cases := []struct {
		field  string
		mutate func(p *segment.Profile)
	}{
		{"occasions", func(p *segment.Profile) { p.Occasions = -1 }},
		{"revenue", func(p *segment.Profile) { p.Revenue = math.NaN() }},
		{"returned", func(p *segment.Profile) { p.Returned = -5 }},
		{"first", func(p *segment.Profile) { p.First = segment.Date{} }},
		{"first", func(p *segment.Profile) { p.First = d("2024-05-02") }},
		{"last", func(p *segment.Profile) { p.Last = d("2024-06-02") }},
		{"first", func(p *segment.Profile) { p.Occasions = 0 }},
		{"last", func(p *segment.Profile) { p.Occasions = 1 }},
		{"discounted", func(p *segment.Profile) { p.Discounted = segment.Some(3) }},
		{"referrals", func(p *segment.Profile) { p.Signals.Referrals = segment.Some(-1) }},
		{"distance_km", func(p *segment.Profile) { p.Signals.DistanceKm = segment.Some(math.Inf(1)) }},
	}
	for _, tc := range cases {
		p := ok
		tc.mutate(&p)
		err := p.Validate()
		var fe *segment.FieldError
		if !errors.As(err, &fe) || fe.Field != tc.field || !strings.Contains(err.Error(), `customer "C1"`) {
			t.Errorf("want an error on %s naming the customer, got %v", tc.field, err)
		}
	}
}
