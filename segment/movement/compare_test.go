package movement_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/movement"
)

// brief is an event reduced to what a hand-made expectation states.
type brief struct {
	Customer, Typology string
	Kind               movement.Kind
	From, To           string
}

func briefOf(e *movement.Event) brief {
	return brief{e.Customer, e.Typology.Name, e.Kind, e.From.Name, e.To.Name}
}

// The transition matrix of a constructed case, computed by hand.
//
//	customer  2025-03-31        2025-06-30
//	A         active  / small   active   / small     stayed
//	B         active  / big     sleeping / big       moved (activity)
//	C         sleeping/ small   active   / big       moved (both)
//	D         lost    / small   lost     / small     stayed
//	E         active  / big     -                    left
//	F         -                 active   / small     joined
//	G         -                 unknown  / unknown   joined
func TestCompareByHand(t *testing.T) {
	prev := snapshot(t, since,
		[3]string{"A", "active", "small"},
		[3]string{"B", "active", "big"},
		[3]string{"C", "sleeping", "small"},
		[3]string{"D", "lost", "small"},
		[3]string{"E", "active", "big"},
	)
	cur := snapshot(t, asOf,
		[3]string{"A", "active", "small"},
		[3]string{"B", "sleeping", "big"},
		[3]string{"C", "Active", "BIG"}, // labels are read like Enum.Parse reads them
		[3]string{"F", "active", "small"},
		[3]string{"D", "lost", "small"},
		[3]string{"G", "unknown", "unknown"},
	)
	var events []brief
	ms, err := movement.Compare(prev, cur, typologies(), func(e *movement.Event) error {
		events = append(events, briefOf(e))
		if e.Since != since || e.AsOf != asOf {
			t.Errorf("event dates %s..%s", e.Since, e.AsOf)
		}
		return nil
	})
	require.NoError(t, err)
	require.Len(t, ms, 2)

	// Rows and columns: unknown, active, sleeping, lost.
	act := ms[0]
	if diff := cmp.Diff([][]int{
		{0, 0, 0, 0},
		{0, 1, 1, 0}, // A stayed active, B went to sleep
		{0, 1, 0, 0}, // C woke up
		{0, 0, 0, 1}, // D stayed lost
	}, act.Counts); diff != "" {
		t.Errorf("activity counts (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]int{1, 1, 0, 0}, act.Joined); diff != "" { // G unknown, F active
		t.Errorf("activity joined (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]int{0, 1, 0, 0}, act.Left); diff != "" { // E was active
		t.Errorf("activity left (-want +got):\n%s", diff)
	}
	if act.Stayed() != 2 || act.Moved() != 2 || act.TotalJoined() != 2 || act.TotalLeft() != 1 {
		t.Errorf("activity stayed %d moved %d joined %d left %d; want 2 2 2 1", act.Stayed(), act.Moved(), act.TotalJoined(), act.TotalLeft())
	}
	if act.Before(1) != 3 || act.After(1) != 3 || act.Before(2) != 1 || act.After(2) != 1 || act.Before(9) != 0 {
		t.Errorf("active before %d after %d, sleeping before %d after %d; want 3 3 1 1",
			act.Before(1), act.After(1), act.Before(2), act.After(2))
	}
	// Rows and columns: unknown, small, big.
	if diff := cmp.Diff([][]int{{0, 0, 0}, {0, 2, 1}, {0, 0, 1}}, ms[1].Counts); diff != "" {
		t.Errorf("tier counts (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]int{1, 1, 0}, ms[1].Joined); diff != "" {
		t.Errorf("tier joined (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]int{0, 0, 1}, ms[1].Left); diff != "" {
		t.Errorf("tier left (-want +got):\n%s", diff)
	}
	if act.Typology != activityInfo || act.Since != since || act.AsOf != asOf || act.Labels[2].Name != "sleeping" {
		t.Errorf("matrix header %+v %s..%s %v", act.Typology, act.Since, act.AsOf, act.Labels)
	}

	want := []brief{
		{"B", "activity", movement.Moved, "active", "sleeping"},
		{"C", "activity", movement.Moved, "sleeping", "active"},
		{"C", "tier", movement.Moved, "small", "big"},
		{"F", "activity", movement.Joined, "", "active"},
		{"F", "tier", movement.Joined, "", "small"},
		{"G", "activity", movement.Joined, "", "unknown"},
		{"G", "tier", movement.Joined, "", "unknown"},
		{"E", "activity", movement.Left, "active", ""},
		{"E", "tier", movement.Left, "big", ""},
	}
	if diff := cmp.Diff(want, events); diff != "" {
		t.Errorf("events (-want +got):\n%s", diff)
	}
}

// Every customer of either snapshot is counted once per typology.
func TestCompareCountsEveryone(t *testing.T) {
	prev := snapshot(t, since, [3]string{"A", "active", "small"}, [3]string{"B", "lost", "big"})
	cur := snapshot(t, asOf, [3]string{"B", "active", "big"}, [3]string{"C", "sleeping", "small"})
	ms, err := movement.Compare(prev, cur, typologies(), nil)
	require.NoError(t, err)
	for _, m := range ms {
		total := m.TotalJoined() + m.TotalLeft()
		for _, row := range m.Counts {
			for _, c := range row {
				total += c
			}
		}
		if total != 3 {
			t.Errorf("%s: %d customers counted, want 3", m.Typology.Name, total)
		}
	}
}

func TestCompareErrors(t *testing.T) {
	prev := snapshot(t, since, [3]string{"A", "active", "small"})
	cur := snapshot(t, asOf, [3]string{"A", "dormant", "small"})
	only, err := movement.NewSnapshot(asOf, "activity")
	require.NoError(t, err)
	for name, c := range map[string]struct {
		prev, cur *movement.Snapshot
		ts        []*movement.Typology
		want      string
	}{
		"unknown label":     {prev, cur, typologies(), `typology "activity": activity "dormant": unknown activity`},
		"missing typology":  {prev, only, typologies(), `has no typology "tier"`},
		"swapped":           {snapshot(t, asOf), snapshot(t, since), typologies(), "arguments swapped"},
		"no typology":       {prev, prev, nil, "no typology"},
		"repeated typology": {prev, prev, append(typologies(), typologies()[0]), "given twice"},
		"nil snapshot":      {prev, nil, typologies(), "nil snapshot"},
	} {
		_, err := movement.Compare(c.prev, c.cur, c.ts, nil)
		if err == nil || !strings.Contains(err.Error(), c.want) || !strings.HasPrefix(err.Error(), "movement: ") {
			t.Errorf("%s: err = %v, want a movement: error mentioning %q", name, err, c.want)
		}
	}
	// A typology without a classifier is fine for comparing snapshots.
	plain := []*movement.Typology{movement.Of[activity](activityInfo, activities, nil)}
	if _, err := movement.Compare(prev, prev, plain, nil); err != nil {
		t.Errorf("comparing with a label table only: %v", err)
	}
}

// An error from the events callback stops Compare and comes back as is.
func TestCompareEventError(t *testing.T) {
	prev := snapshot(t, since, [3]string{"A", "active", "small"})
	cur := snapshot(t, asOf, [3]string{"A", "lost", "small"}, [3]string{"B", "lost", "small"})
	stop := errors.New("stop")
	calls := 0
	_, err := movement.Compare(prev, cur, typologies(), func(*movement.Event) error { calls++; return stop })
	if err != stop || calls != 1 {
		t.Errorf("err = %v after %d calls; want the callback's error after one", err, calls)
	}
}

func TestMatrixMerge(t *testing.T) {
	a := snapshot(t, since, [3]string{"A", "active", "small"}, [3]string{"B", "lost", "big"})
	b := snapshot(t, asOf, [3]string{"A", "sleeping", "small"}, [3]string{"C", "active", "big"})
	c := snapshot(t, since, [3]string{"D", "active", "small"})
	d := snapshot(t, asOf, [3]string{"D", "sleeping", "small"})
	m1, err := movement.Compare(a, b, typologies(), nil)
	require.NoError(t, err)
	m2, err := movement.Compare(c, d, typologies(), nil)
	require.NoError(t, err)
	require.NoError(t, m1[0].Merge(m2[0]))
	if got := m1[0].Counts[1][2]; got != 2 {
		t.Errorf("merged active->sleeping = %d, want 2", got)
	}
	if err := m1[0].Merge(m2[1]); err == nil {
		t.Error("merged matrices of two typologies")
	}
}

// Changes pairs reasons rule by rule and keeps those whose outcome
// differs.
func TestEventChanges(t *testing.T) {
	r := func(rule string, v float64, held bool) segment.Reason {
		return segment.Reason{Rule: rule, Field: "recency_days", Value: v, Known: true, Held: held}
	}
	e := movement.Event{
		Before: []segment.Reason{r("active", 30, true), r("lost", 30, false), r("gone", 1, true)},
		After:  []segment.Reason{r("active", 120, false), r("lost", 120, false), r("new", 1, true)},
	}
	var got []string
	for _, c := range e.Changes() {
		s := ""
		if c.Before != nil {
			s += c.Before.Rule + "@" + segment.Some(c.Before.Value).String()
		}
		s += " -> "
		if c.After != nil {
			s += c.After.Rule + "@" + segment.Some(c.After.Value).String()
		}
		got = append(got, s)
	}
	want := []string{"active@30 -> active@120", " -> new@1", "gone@1 -> "}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}
