package movement_test

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/batch"
	"github.com/clientele-go/clientele/segment/movement"
)

// shop is a small order log, with the activity of each customer on
// 2025-03-31 and 2025-06-30 worked out by hand:
//
//	anna   bought 2025-03-20 and 2025-06-25  active  -> active    stayed
//	boris  bought 2025-03-01                 active  -> sleeping  (30 days, then 121)
//	vera   bought 2024-01-10                 lost    -> lost      (446, 537)
//	gleb   first bought 2025-05-01           -       -> active    joined
//	dina   signals only, never bought        unknown -> unknown   stayed
//	egor   bought 2024-06-01                 sleeping-> lost      (303, 394)
//	zoe    bought 2025-07-02                 -       -  (after both dates: no profile)
func shop(t testing.TB) *segment.Ledger {
	t.Helper()
	l := segment.NewLedger(nil)
	for _, o := range []segment.Order{
		{Customer: "anna", Date: day("2025-03-20"), Amount: 40},
		{Customer: "boris", Date: day("2025-03-01"), Amount: 1200},
		{Customer: "vera", Date: day("2024-01-10"), Amount: 15},
		{Customer: "gleb", Date: day("2025-05-01"), Amount: 60},
		{Customer: "anna", Date: day("2025-06-25"), Amount: 990},
		{Customer: "egor", Date: day("2024-06-01"), Amount: 300},
		{Customer: "zoe", Date: day("2025-07-02"), Amount: 10},
	} {
		require.NoError(t, l.Add(o))
	}
	require.NoError(t, l.SetSignals("dina", segment.Signals{Inquiries: segment.Some(2)}))
	return l
}

func TestBetweenByHand(t *testing.T) {
	var events []*movement.Event
	ms, st, err := movement.Between(context.Background(), shop(t), since, asOf, typologies(), func(e *movement.Event) error {
		c := *e
		events = append(events, &c)
		return nil
	}, &movement.Options{Options: batch.Options{Workers: 3, Chunk: 2}})
	require.NoError(t, err)
	if st.Read != 6 || st.Classified != 6 {
		t.Errorf("stats %+v, want 6 customers classified (zoe has no profile yet)", st)
	}
	// unknown, active, sleeping, lost
	if diff := cmp.Diff([][]int{
		{1, 0, 0, 0}, // dina
		{0, 1, 1, 0}, // anna, boris
		{0, 0, 0, 1}, // egor
		{0, 0, 0, 1}, // vera
	}, ms[0].Counts); diff != "" {
		t.Errorf("activity (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]int{0, 1, 0, 0}, ms[0].Joined); diff != "" {
		t.Errorf("joined (-want +got):\n%s", diff)
	}
	if ms[0].TotalLeft() != 0 {
		t.Errorf("left %v: nobody leaves a ledger", ms[0].Left)
	}
	// unknown, small, big: anna grew from 40 to 1030.
	if diff := cmp.Diff([][]int{{1, 0, 0}, {0, 2, 1}, {0, 0, 1}}, ms[1].Counts); diff != "" {
		t.Errorf("tier (-want +got):\n%s", diff)
	}

	var got []brief
	for _, e := range events {
		got = append(got, briefOf(e))
	}
	want := []brief{
		{"anna", "tier", movement.Moved, "small", "big"},
		{"boris", "activity", movement.Moved, "active", "sleeping"},
		{"gleb", "activity", movement.Joined, "", "active"},
		{"gleb", "tier", movement.Joined, "", "small"},
		{"egor", "activity", movement.Moved, "sleeping", "lost"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("events (-want +got):\n%s", diff)
	}

	boris := events[1]
	wantEN := `boris moved from Active to Sleeping on 2025-06-30 (Activity; previous snapshot 2025-03-31)
  was: active: days since last purchase = 30 <= 90 (active_days) — yes
  now: active: days since last purchase = 121 <= 90 (active_days) — no
`
	if got := string(boris.AppendText([]byte("before\n"), segment.Russian)); got != "before\n"+boris.Text(segment.Russian) {
		t.Errorf("AppendText does not append Text:\n%s", got)
	}
	if diff := cmp.Diff(wantEN, boris.Text(segment.English)); diff != "" {
		t.Errorf("English (-want +got):\n%s", diff)
	}
	wantRU := `клиент boris перешёл из «Активный» в «Спящий» на 30.06.2025 (Активность; прошлый срез 31.03.2025)
  было: active: дней с последней покупки = 30 <= 90 (active_days) — да
  стало: active: дней с последней покупки = 121 <= 90 (active_days) — нет
`
	if diff := cmp.Diff(wantRU, boris.Text(segment.Russian)); diff != "" {
		t.Errorf("Russian (-want +got):\n%s", diff)
	}
	wantJoined := `gleb joined as Active on 2025-06-30 (Activity; not in the snapshot of 2025-03-31)
  now: active: days since last purchase = 60 <= 90 (active_days) — yes
`
	if diff := cmp.Diff(wantJoined, events[2].Text(segment.English)); diff != "" {
		t.Errorf("joined (-want +got):\n%s", diff)
	}
	// The tier typology explains nothing: the headline alone.
	if got := events[0].Text(segment.Russian); got != "клиент anna перешёл из «Малый» в «Крупный» на 30.06.2025 (Уровень выручки; прошлый срез 31.03.2025)\n" {
		t.Errorf("tier event: %q", got)
	}
}

// Without an events callback, Between explains nothing and still counts.
func TestBetweenWithoutEvents(t *testing.T) {
	calls := 0
	explaining := movement.Of[activity](activityInfo, activities, countingExplainer{&calls})
	ms, _, err := movement.Between(context.Background(), shop(t), since, segment.Date{}, []*movement.Typology{explaining}, nil,
		&movement.Options{Options: batch.Options{Workers: 1}})
	require.NoError(t, err)
	if calls != 0 {
		t.Errorf("Explain called %d times with no events wanted", calls)
	}
	if ms[0].AsOf != day("2025-07-02") {
		t.Errorf("a zero later date should mean the ledger's latest, got %s", ms[0].AsOf)
	}
}

type countingExplainer struct{ calls *int }

func (c countingExplainer) Classify(p *segment.Profile) segment.Result[activity] {
	return byRecency{}.Classify(p)
}

func (c countingExplainer) Explain(p *segment.Profile) segment.Explanation[activity] {
	*c.calls++
	return byRecency{}.Explain(p)
}

// Both ways agree: Between over a ledger gives the same matrices and
// events (reasons included) as Compare of two snapshots taken from it.
func TestBetweenAgreesWithCompare(t *testing.T) {
	l := randomLedger(t, 800, 42)
	ts := typologies()
	var viaLedger, viaSnapshots []movement.Event
	msL, _, err := movement.Between(context.Background(), l, since, asOf, ts, func(e *movement.Event) error {
		viaLedger = append(viaLedger, *e)
		return nil
	}, &movement.Options{Options: batch.Options{Workers: 4, Chunk: 16}})
	require.NoError(t, err)

	opts := &movement.Options{Options: batch.Options{Trusted: true, Workers: 3, Chunk: 10}, Reasons: true}
	prev, _, err := movement.Take(context.Background(), batch.FromLedger(l, since, nil), ts, opts)
	require.NoError(t, err)
	cur, _, err := movement.Take(context.Background(), batch.FromLedger(l, asOf, nil), ts, opts)
	require.NoError(t, err)
	msS, err := movement.Compare(prev, cur, ts, func(e *movement.Event) error {
		viaSnapshots = append(viaSnapshots, *e)
		return nil
	})
	require.NoError(t, err)

	if diff := cmp.Diff(msL, msS); diff != "" {
		t.Errorf("matrices (-between +compare):\n%s", diff)
	}
	if len(viaLedger) == 0 {
		t.Fatal("no movement at all in the random ledger")
	}
	// Compare lists joined customers where they stand in the later
	// snapshot, as Between does, so even the order agrees.
	if diff := cmp.Diff(viaLedger, viaSnapshots); diff != "" {
		t.Errorf("events (-between +compare):\n%s", diff)
	}
}

// randomLedger makes n customers with a few orders each over 2024-2025.
func randomLedger(t testing.TB, n int, seed uint64) *segment.Ledger {
	t.Helper()
	rng := rand.New(rand.NewPCG(seed, 7))
	l := segment.NewLedger(nil)
	start := day("2024-01-01")
	for i := range n {
		id := "C" + strconv.Itoa(i)
		for range 1 + rng.IntN(5) {
			require.NoError(t, l.Add(segment.Order{Customer: id, Date: start.AddDays(rng.IntN(560)), Amount: float64(1 + rng.IntN(800))}))
		}
	}
	return l
}

func TestBetweenErrors(t *testing.T) {
	l := shop(t)
	for name, c := range map[string]struct {
		since, asOf segment.Date
		ts          []*movement.Typology
		want        string
	}{
		"dates swapped":    {asOf, since, typologies(), "must be before"},
		"same date":        {asOf, asOf, typologies(), "must be before"},
		"no earlier date":  {segment.Date{}, asOf, typologies(), "must be before"},
		"no classifier":    {since, asOf, []*movement.Typology{movement.Of[activity](activityInfo, activities, nil)}, "no classifier"},
		"nil typology":     {since, asOf, []*movement.Typology{nil}, "is nil"},
		"nameless":         {since, asOf, []*movement.Typology{movement.Of[activity](segment.LabelInfo{}, activities, byRecency{})}, "no name"},
		"too many":         {since, asOf, manyTypologies(movement.MaxTypologies + 1), "the limit is"},
		"empty typologies": {since, asOf, nil, "no typology"},
	} {
		_, _, err := movement.Between(context.Background(), l, c.since, c.asOf, c.ts, nil, nil)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: err = %v, want an error mentioning %q", name, err, c.want)
		}
	}
}

func manyTypologies(n int) []*movement.Typology {
	out := make([]*movement.Typology, n)
	for i := range out {
		out[i] = movement.Of[tier](segment.LabelInfo{Name: fmt.Sprint("t", i)}, tiers, byRevenue)
	}
	return out
}

// A classifier that panics on one customer, or answers a label out of its
// table, rejects that customer only, named, and the rest is counted.
func TestBetweenRejects(t *testing.T) {
	fragile := segment.Func[activity](func(p *segment.Profile) segment.Result[activity] {
		switch p.ID {
		case "vera":
			panic("vera breaks it")
		case "gleb":
			return segment.Result[activity]{Primary: 9}
		}
		return byRecency{}.Classify(p)
	})
	var rejected []string
	ms, st, err := movement.Between(context.Background(), shop(t), since, asOf,
		[]*movement.Typology{movement.Of[activity](activityInfo, activities, fragile)}, nil,
		&movement.Options{Rejected: func(i int, err error) { rejected = append(rejected, fmt.Sprint(i, " ", err)) }})
	require.NoError(t, err)
	want := []string{
		`2 batch: customer "vera": panic: vera breaks it`,
		`3 batch: customer "gleb": movement: typology "activity": label 9 out of range (4 labels)`,
	}
	if diff := cmp.Diff(want, rejected); diff != "" {
		t.Errorf("rejections (-want +got):\n%s", diff)
	}
	if st.Read != 6 || st.Classified != 4 || st.Rejected != 2 {
		t.Errorf("stats %+v", st)
	}
	counted := ms[0].TotalJoined()
	for _, row := range ms[0].Counts {
		for _, c := range row {
			counted += c
		}
	}
	if counted != 4 {
		t.Errorf("%d customers in the matrix, want the 4 classified", counted)
	}
}

// An error from the events callback stops the pass.
func TestBetweenEventError(t *testing.T) {
	stop := errors.New("stop")
	_, st, err := movement.Between(context.Background(), shop(t), since, asOf, typologies(), func(*movement.Event) error { return stop }, nil)
	if err != stop || st.Unfinished != st.Read-st.Classified-st.Rejected {
		t.Errorf("err = %v, stats %+v", err, st)
	}
}

// Cancelling stops the pass and reports ctx's error.
func TestBetweenCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, _, err := movement.Between(ctx, shop(t), since, asOf, typologies(), nil, nil)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want Canceled", err)
	}
}
