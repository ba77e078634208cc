package movement_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/batch"
	"github.com/clientele-go/clientele/segment/movement"
)

// contents lists what a snapshot holds, for comparisons.
type contents struct {
	AsOf       segment.Date
	Typologies []string
	Rows       []string
	Reasons    map[string][]segment.Reason
}

func contentsOf(s *movement.Snapshot) contents {
	c := contents{AsOf: s.AsOf(), Typologies: s.Typologies(), Reasons: map[string][]segment.Reason{}}
	for id := range s.IDs() {
		row := id
		for _, typ := range s.Typologies() {
			l, ok := s.Label(id, typ)
			if !ok {
				panic("a listed customer without a label")
			}
			row += "|" + l
			if rs := s.Reasons(id, typ); rs != nil {
				c.Reasons[id+"/"+typ] = rs
			}
		}
		c.Rows = append(c.Rows, row)
	}
	return c
}

// Take over a ledger, saved and read back, is the same snapshot; the
// saved form is the documented one (golden file in testdata).
func TestTakeWriteRead(t *testing.T) {
	snap, st, err := movement.Take(context.Background(), batch.FromLedger(shop(t), asOf, nil), typologies(),
		&movement.Options{Options: batch.Options{Trusted: true}, Reasons: true})
	require.NoError(t, err)
	if st.Classified != 6 || snap.Len() != 6 || snap.AsOf() != asOf {
		t.Fatalf("stats %+v, %d customers as of %s", st, snap.Len(), snap.AsOf())
	}
	if l, _ := snap.Label("boris", "activity"); l != "sleeping" {
		t.Errorf("boris is %q, want sleeping", l)
	}
	if _, ok := snap.Label("zoe", "activity"); ok {
		t.Error("zoe has a label but no profile as of the date")
	}
	var buf bytes.Buffer
	n, err := snap.WriteTo(&buf)
	require.NoError(t, err)
	if n != int64(buf.Len()) {
		t.Errorf("WriteTo reports %d bytes, wrote %d", n, buf.Len())
	}
	golden := filepath.Join("testdata", "shop.snapshot.jsonl")
	if *update {
		require.NoError(t, os.WriteFile(golden, buf.Bytes(), 0o644))
	}
	want, err := os.ReadFile(golden)
	require.NoError(t, err)
	if diff := cmp.Diff(string(want), buf.String()); diff != "" {
		t.Errorf("saved form differs from %s (-want +got; run with -update to accept):\n%s", golden, diff)
	}
	back, err := movement.ReadSnapshot(&buf)
	require.NoError(t, err)
	if diff := cmp.Diff(contentsOf(snap), contentsOf(back)); diff != "" {
		t.Errorf("round trip (-written +read):\n%s", diff)
	}
}

// Ids and labels with characters JSON must escape survive the round
// trip; snapshots without reasons stay without.
func TestSnapshotRoundTripOddText(t *testing.T) {
	s, err := movement.NewSnapshot(asOf, "activity", "tier \"quoted\"")
	require.NoError(t, err)
	for _, id := range []string{`a"b`, `back\slash`, "tab\tnew\nline", "\x00\x1f", "Юлия 🐈", "<script>&"} {
		require.NoError(t, s.Add(id, []string{"active", "малый"}, nil))
	}
	var buf bytes.Buffer
	_, err = s.WriteTo(&buf)
	require.NoError(t, err)
	back, err := movement.ReadSnapshot(&buf)
	require.NoError(t, err)
	if diff := cmp.Diff(contentsOf(s), contentsOf(back)); diff != "" {
		t.Errorf("(-written +read):\n%s", diff)
	}
}

func TestWriteRefusesWhatJSONCannotHold(t *testing.T) {
	s, err := movement.NewSnapshot(asOf, "activity")
	require.NoError(t, err)
	require.NoError(t, s.Add("bad\xffid", []string{"active"}, nil))
	if _, err := s.WriteTo(&bytes.Buffer{}); err == nil || !strings.Contains(err.Error(), "UTF-8") {
		t.Errorf("invalid UTF-8 id: err = %v", err)
	}
	s, err = movement.NewSnapshot(asOf, "activity")
	require.NoError(t, err)
	require.NoError(t, s.Add("nan", []string{"active"}, [][]segment.Reason{{{Rule: "r", Value: math.NaN(), Known: true}}}))
	if _, err := s.WriteTo(&bytes.Buffer{}); err == nil || !strings.Contains(err.Error(), `customer "nan"`) {
		t.Errorf("NaN reason: err = %v", err)
	}
}

func TestSnapshotAddErrors(t *testing.T) {
	s, err := movement.NewSnapshot(asOf, "activity", "tier")
	require.NoError(t, err)
	require.NoError(t, s.Add("A", []string{"active", "small"}, nil))
	for name, c := range map[string]struct {
		id      string
		labels  []string
		reasons [][]segment.Reason
		field   string
	}{
		"empty id":      {"", []string{"active", "small"}, nil, "id"},
		"repeated id":   {"A", []string{"active", "small"}, nil, "id"},
		"too few":       {"B", []string{"active"}, nil, "labels"},
		"empty label":   {"B", []string{"active", ""}, nil, "tier"},
		"reasons count": {"B", []string{"active", "small"}, [][]segment.Reason{nil}, "reasons"},
	} {
		err := s.Add(c.id, c.labels, c.reasons)
		var fe *segment.FieldError
		if !errors.As(err, &fe) || fe.Field != c.field {
			t.Errorf("%s: err = %v, want a FieldError on %s", name, err, c.field)
		}
	}
	if s.Len() != 1 {
		t.Errorf("a refused customer was added: %d customers", s.Len())
	}
	many, err := movement.NewSnapshot(asOf, "x")
	require.NoError(t, err)
	for i := range 256 {
		require.NoError(t, many.Add(fmt.Sprint(i), []string{fmt.Sprint("label", i)}, nil))
	}
	if err := many.Add("one more", []string{"label256"}, nil); err == nil {
		t.Error("a 257th distinct label was accepted")
	}
	for name, names := range map[string][]string{"none": nil, "empty": {""}, "repeated": {"a", "a"}} {
		if _, err := movement.NewSnapshot(asOf, names...); err == nil {
			t.Errorf("NewSnapshot with %s typology names accepted", name)
		}
	}
}

// Reasons given for some customers only: the others have none.
func TestSnapshotPartialReasons(t *testing.T) {
	s, err := movement.NewSnapshot(asOf, "activity")
	require.NoError(t, err)
	require.NoError(t, s.Add("A", []string{"active"}, nil))
	require.NoError(t, s.Add("B", []string{"lost"}, [][]segment.Reason{{{Rule: "lost", Known: true, Value: 400, Held: true}}}))
	require.NoError(t, s.Add("C", []string{"lost"}, nil))
	if s.Reasons("A", "activity") != nil || s.Reasons("C", "activity") != nil || len(s.Reasons("B", "activity")) != 1 {
		t.Errorf("reasons A %v B %v C %v", s.Reasons("A", "activity"), s.Reasons("B", "activity"), s.Reasons("C", "activity"))
	}
	if s.Reasons("B", "nope") != nil || s.Reasons("nobody", "activity") != nil {
		t.Error("reasons for a missing typology or customer")
	}
}

func TestReadSnapshotErrors(t *testing.T) {
	const head = `{"format":"clientele.snapshot","version":1,"as_of":"2025-06-30","typologies":["activity","tier"]}` + "\n"
	for name, c := range map[string]struct{ in, want string }{
		"empty":            {"", "snapshot line 1: header \"\": empty input"},
		"not json":         {"hello\n", "snapshot line 1: header"},
		"other format":     {`{"format":"csv","version":1,"as_of":"2025-06-30","typologies":["a"]}`, `format "csv"`},
		"other version":    {`{"format":"clientele.snapshot","version":2,"as_of":"2025-06-30","typologies":["a"]}`, `version "2": want 1`},
		"unknown key":      {`{"format":"clientele.snapshot","version":1,"as_of":"2025-06-30","typologies":["a"],"x":1}`, "unknown field"},
		"bad date":         {`{"format":"clientele.snapshot","version":1,"as_of":"30.06.2025","typologies":["a"]}`, "not a date"},
		"no typologies":    {`{"format":"clientele.snapshot","version":1,"as_of":"2025-06-30","typologies":[]}`, "without typologies"},
		"missing label":    {head + `{"id":"A","labels":{"activity":"active"}}`, `snapshot line 2: labels "tier": missing`},
		"extra typology":   {head + `{"id":"A","labels":{"activity":"active","tier":"big","rung":"new"}}`, `labels "rung": not a typology`},
		"reasons typo":     {head + `{"id":"A","labels":{"activity":"active","tier":"big"},"reasons":{"tear":[]}}`, `reasons "tear"`},
		"duplicate":        {head + `{"id":"A","labels":{"activity":"active","tier":"big"}}` + "\n" + `{"id":"A","labels":{"activity":"lost","tier":"big"}}`, `snapshot line 3: customer "A": id "A": customer already in the snapshot`},
		"empty id":         {head + `{"id":"","labels":{"activity":"active","tier":"big"}}`, `snapshot line 2: customer "": id`},
		"blank line":       {head + "\n" + `{"id":"A","labels":{"activity":"active","tier":"big"}}`, "snapshot line 2: line \"\": blank line"},
		"unknown line key": {head + `{"id":"A","labels":{"activity":"active","tier":"big"},"score":1}`, "unknown field"},
		"wrong type":       {head + `{"id":5,"labels":{"activity":"active","tier":"big"}}`, "id: a JSON number where another type belongs"},
		"trailing":         {head + `{"id":"A","labels":{"activity":"active","tier":"big"}} {}`, "trailing data"},
		"bad reason op":    {head + `{"id":"A","labels":{"activity":"active","tier":"big"},"reasons":{"tier":[{"rule":"r","op":"~"}]}}`, `op "~"`},
		"line too long":    {head + `{"id":"` + strings.Repeat("x", movement.MaxLineBytes) + `"}`, "token too long"},
	} {
		_, err := movement.ReadSnapshot(strings.NewReader(c.in))
		if err == nil || !strings.Contains(err.Error(), c.want) || !strings.HasPrefix(err.Error(), "movement: ") {
			t.Errorf("%s: err = %v, want a movement: error mentioning %q", name, err, c.want)
		}
	}
}

// Take accounts for every profile: rejected ones are reported, named,
// and left out; a date or an id that would make the snapshot wrong stops
// it.
func TestTakeAccounting(t *testing.T) {
	ps := []segment.Profile{
		{ID: "A", AsOf: asOf, Occasions: 1, Orders: 1, Revenue: 10, First: asOf, Last: asOf},
		{ID: "B", AsOf: asOf, Occasions: 1, Orders: 1, Revenue: math.Inf(1), First: asOf, Last: asOf},
		{ID: "", AsOf: asOf},
		{ID: "C", AsOf: asOf},
	}
	var rejected []string
	snap, st, err := movement.Take(context.Background(), batch.FromSlice(ps), typologies(),
		&movement.Options{Rejected: func(i int, err error) { rejected = append(rejected, fmt.Sprint(i, " ", err)) }})
	require.NoError(t, err)
	want := []string{
		`1 batch: invalid profile: customer "B": revenue "+Inf": not a finite number`,
		`2 batch: customer "": movement: profile without an id`,
	}
	if diff := cmp.Diff(want, rejected); diff != "" {
		t.Errorf("rejections (-want +got):\n%s", diff)
	}
	if st.Read != 4 || st.Classified != 2 || st.Rejected != 2 || snap.Len() != 2 {
		t.Errorf("stats %+v, %d in the snapshot", st, snap.Len())
	}

	other := append([]segment.Profile(nil), ps[0], ps[3])
	other[1].AsOf = since
	if _, _, err := movement.Take(context.Background(), batch.FromSlice(other), typologies(), nil); err == nil ||
		!strings.Contains(err.Error(), `customer "C" is as of 2025-03-31, the snapshot as of 2025-06-30`) {
		t.Errorf("mixed dates: err = %v", err)
	}
	twice := []segment.Profile{ps[0], ps[3], ps[0]}
	if _, _, err := movement.Take(context.Background(), batch.FromSlice(twice), typologies(), nil); err == nil ||
		!strings.Contains(err.Error(), `record 2: customer "A": id "A": customer already in the snapshot`) {
		t.Errorf("repeated id: err = %v", err)
	}
	if _, _, err := movement.Take(context.Background(), batch.FromSlice(ps), []*movement.Typology{movement.Of[tier](tierInfo, tiers, nil)}, nil); err == nil {
		t.Error("Take without a classifier")
	}
}
