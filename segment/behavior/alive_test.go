package behavior_test

import (
	"encoding/json"
	"errors"
	"math"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/clientele-go/clientele/internal/sample"
	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/behavior"
	"github.com/clientele-go/clientele/segment/clv"
	"github.com/clientele-go/clientele/segment/segmenttest"
)

// cdnow is the BG/NBD model Fader, Hardie and Lee (2005) fitted to the
// CDNOW data, in weeks: a published model, not one tuned for these tests.
var cdnow = clv.BGNBD{R: 0.243, Alpha: 4.414, A: 0.793, B: 2.426}

// The stories of the option: P(alive) judges a silence against the
// customer's own rhythm, which fixed day counts cannot.
var (
	// Five purchases 180 days apart, the last 120 days ago: P(alive) 0.78.
	twiceAYear = buyer(5, 840, 120)
	// Five purchases a week apart, the last 60 days ago: P(alive) 0.26.
	weeklyQuiet60 = buyer(5, 88, 60)
	// Eight purchases a week apart, the last 60 days ago: P(alive) 0.15.
	weeklyGone = buyer(8, 109, 60)
	// One purchase 400 days ago: BG/NBD says P(alive) 1, so days decide.
	onceLongAgo = buyer(1, 400, 400)
)

func pAlive(t testing.TB, p segment.Profile) float64 {
	t.Helper()
	s, ok := clv.SummaryOf(&p, segment.Week)
	require.True(t, ok)
	return cdnow.PAlive(s)
}

func TestPAliveDecidesSleepingAndLost(t *testing.T) {
	byDays := mustNew(t, nil)
	byModel := mustNew(t, nil, behavior.WithModel(cdnow, segment.Week))
	for _, tc := range []struct {
		name                string
		p                   segment.Profile
		days, model         []behavior.Type // tags wanted among sleeping, lost, regular
		pAliveLo, pAliveHi  float64         // the story's P(alive), to keep the fixture honest
		modelPrimary        behavior.Type
		daysPrimary         behavior.Type
		ignorePAliveBracket bool
	}{
		{name: "twice a year, 120 days quiet: active, regular", p: twiceAYear,
			days: []behavior.Type{behavior.Regular}, model: []behavior.Type{behavior.Regular},
			pAliveLo: 0.5, pAliveHi: 1, modelPrimary: behavior.Regular, daysPrimary: behavior.Regular},
		{name: "weekly, 60 days quiet: active by days, sleeping by P(alive)", p: weeklyQuiet60,
			days: []behavior.Type{behavior.Regular}, model: []behavior.Type{behavior.Sleeping},
			pAliveLo: 0.2, pAliveHi: 0.5, modelPrimary: behavior.Sleeping, daysPrimary: behavior.Regular},
		{name: "weekly, eight purchases, 60 days quiet: lost by P(alive)", p: weeklyGone,
			days: []behavior.Type{behavior.Regular}, model: []behavior.Type{behavior.Lost},
			pAliveLo: 0, pAliveHi: 0.2, modelPrimary: behavior.Lost, daysPrimary: behavior.Regular},
		{name: "one purchase long ago: days decide either way", p: onceLongAgo,
			days: []behavior.Type{behavior.Lost}, model: []behavior.Type{behavior.Lost},
			ignorePAliveBracket: true, modelPrimary: behavior.OneTime, daysPrimary: behavior.OneTime},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if !tc.ignorePAliveBracket {
				if v := pAlive(t, tc.p); !(v >= tc.pAliveLo && v < tc.pAliveHi) {
					t.Fatalf("fixture: P(alive) %v, want in [%v, %v)", v, tc.pAliveLo, tc.pAliveHi)
				}
			}
			for _, side := range []struct {
				name    string
				c       *behavior.Classifier
				want    []behavior.Type
				primary behavior.Type
			}{{"days", byDays, tc.days, tc.daysPrimary}, {"P(alive)", byModel, tc.model, tc.modelPrimary}} {
				r := side.c.Classify(&tc.p)
				var got []behavior.Type
				for _, ty := range []behavior.Type{behavior.Regular, behavior.Sleeping, behavior.Lost} {
					if r.Tags.Has(ty) {
						got = append(got, ty)
					}
				}
				if diff := cmp.Diff(side.want, got); diff != "" {
					t.Errorf("%s: tags among regular, sleeping, lost (-want +got):\n%s", side.name, diff)
				}
				if r.Primary != side.primary {
					t.Errorf("%s: primary %v, want %v", side.name, r.Primary, side.primary)
				}
			}
		})
	}
}

// Without a model the thresholds on P(alive) play no part: the day rules
// decide exactly as before.
func TestAliveUnusedWithoutModel(t *testing.T) {
	plain := mustNew(t, nil)
	cfg := behavior.Config{Alive: behavior.Alive{Sleeping: 0.99, Lost: 0.98}}
	set := mustNew(t, &cfg)
	for _, q := range append(manyProfiles(), twiceAYear, weeklyQuiet60, weeklyGone, onceLongAgo) {
		if a, b := plain.Classify(&q), set.Classify(&q); a != b {
			t.Fatalf("%s: alive thresholds changed the result without a model:\n%v\n%v", q.ID, a, b)
		}
	}
}

// A staff mark of churn makes a customer lost whatever P(alive) says.
func TestPAliveChurned(t *testing.T) {
	c := mustNew(t, nil, behavior.WithPAlive(func(*segment.Profile) (float64, bool) { return 0.9, true }))
	p := twiceAYear
	p.Signals.Churned = segment.Some(true)
	if r := c.Classify(&p); !r.Tags.Has(behavior.Lost) || r.Tags.Has(behavior.Regular) {
		t.Errorf("churned, P(alive) 0.9: tags %v, want lost and not regular", r.Tags.Labels())
	}
}

// With P(alive) the explanation names it, its value, the threshold and
// the setting; a one-time buyer's shows the day rule that decided.
func TestPAliveExplained(t *testing.T) {
	c := mustNew(t, nil, behavior.WithModel(cdnow, segment.Week))
	p := weeklyGone
	v := strconv.FormatFloat(pAlive(t, p), 'g', 6, 64)
	lines := reasonTexts(c.Explain(&p), "lost")
	want := []string{
		"lost: purchase occasions = 8 >= 1 — yes",
		"lost: P(alive) = " + v + " < 0.2 (alive.lost) — yes",
		"lost: all conditions = 1 — yes",
	}
	if diff := cmp.Diff(want, lines); diff != "" {
		t.Errorf("lost (-want +got):\n%s", diff)
	}
	if rule := c.Explain(&p).Reasons[1].Rule; rule != "lost.p_alive" {
		t.Errorf("rule id %q, want lost.p_alive", rule)
	}
	ru := c.Explain(&p).Reasons[1].Text(segment.Russian)
	if !strings.Contains(ru, "вероятность") || !strings.Contains(ru, "(alive.lost)") {
		t.Errorf("Russian reason %q", ru)
	}

	p = weeklyQuiet60
	v = strconv.FormatFloat(pAlive(t, p), 'g', 6, 64)
	lines = reasonTexts(c.ExplainAll(&p), "sleeping", "regular")
	want = []string{ // in priority order: sleeping ranks above regular
		"sleeping: purchase occasions = 5 >= 1 — yes",
		"sleeping: P(alive) = " + v + " < 0.5 (alive.sleeping) — yes",
		"sleeping: P(alive) = " + v + " >= 0.2 (alive.lost) — yes",
		"sleeping: all conditions = 1 — yes",
		"regular: purchase occasions = 5 >= 3 (regular_occasions) — yes",
		"regular: mean days between purchases = 7 <= 180 (rare_gap_days) — yes",
		"regular: P(alive) = " + v + " >= 0.5 (alive.sleeping) — no",
		"regular: P(alive) = " + v + " >= 0.2 (alive.lost) — yes",
		"regular: all conditions = 0 — no",
	}
	if diff := cmp.Diff(want, lines); diff != "" {
		t.Errorf("sleeping and regular (-want +got):\n%s", diff)
	}

	p = onceLongAgo
	lines = reasonTexts(c.Explain(&p), "lost")
	want = []string{
		"lost: purchase occasions = 1 >= 1 — yes",
		"lost: days since last purchase = 400 > 365 (lost_days) — yes",
		"lost: all conditions = 1 — yes",
	}
	if diff := cmp.Diff(want, lines); diff != "" {
		t.Errorf("one-time buyer (-want +got):\n%s", diff)
	}
}

// reasonTexts renders the reasons of the given labels, in order.
func reasonTexts(ex segment.Explanation[behavior.Type], labels ...string) []string {
	var out []string
	for _, r := range ex.Reasons {
		for _, l := range labels {
			if r.Label == l {
				out = append(out, r.Text(segment.English))
			}
		}
	}
	return out
}

// A P(alive) the model cannot give is unknown, not a guess: sleeping and
// lost are not assigned and confidence drops; false from the function
// hands the customer to the day rules.
func TestPAliveUnknownAndUnjudged(t *testing.T) {
	p := weeklyQuiet60
	broken := mustNew(t, nil, behavior.WithPAlive(func(*segment.Profile) (float64, bool) { return math.NaN(), true }))
	r := broken.Classify(&p)
	if r.Tags.Has(behavior.Sleeping) || r.Tags.Has(behavior.Lost) || r.Tags.Has(behavior.Regular) {
		t.Errorf("NaN P(alive) decided something: %v", r.Tags.Labels())
	}
	known := mustNew(t, nil, behavior.WithPAlive(func(*segment.Profile) (float64, bool) { return 0.3, true }))
	rk := known.Classify(&p)
	if rk.Primary != behavior.Sleeping || !(r.Confidence < rk.Confidence) {
		t.Errorf("known P(alive): primary %v confidence %v; unknown: primary %v confidence %v; want sleeping, and less confidence when unknown",
			rk.Primary, rk.Confidence, r.Primary, r.Confidence)
	}
	for _, bad := range []float64{-0.1, 1.5, math.Inf(1)} {
		c := mustNew(t, nil, behavior.WithPAlive(func(*segment.Profile) (float64, bool) { return bad, true }))
		if got := c.Classify(&p); got.Tags.Has(behavior.Sleeping) || got.Tags.Has(behavior.Lost) || got.Tags.Has(behavior.Regular) {
			t.Errorf("P(alive) %v decided something: %v", bad, got.Tags.Labels())
		}
	}

	byDays := mustNew(t, nil)
	unjudged := mustNew(t, nil, behavior.WithPAlive(func(*segment.Profile) (float64, bool) { return 0, false }))
	for i, q := range manyProfiles() {
		if a, b := byDays.Classify(&q), unjudged.Classify(&q); a != b {
			t.Fatalf("%s: unjudged customers must be classified by days:\n%v\n%v", q.ID, a, b)
		}
		if i < 300 {
			if a, b := byDays.Explain(&q), unjudged.Explain(&q); !reflect.DeepEqual(a, b) {
				t.Fatalf("%s: unjudged customers must be explained by days:\n%v\n%v", q.ID, a, b)
			}
		}
	}
	// Prospects never reach the function.
	called := false
	spy := mustNew(t, nil, behavior.WithPAlive(func(*segment.Profile) (float64, bool) { called = true; return 0, true }))
	pr := prospect()
	spy.Classify(&pr)
	if called {
		t.Error("P(alive) asked for a customer without a purchase")
	}
}

// A thresholds change moves the boundary, and P(alive) exactly at a
// threshold is not below it.
func TestPAliveThresholds(t *testing.T) {
	p := weeklyQuiet60
	v := pAlive(t, p)
	for _, tc := range []struct {
		alive behavior.Alive
		want  behavior.Type
	}{
		{behavior.Alive{}, behavior.Sleeping},
		{behavior.Alive{Sleeping: v, Lost: v / 2}, behavior.Regular},
		{behavior.Alive{Sleeping: math.Nextafter(v, 1), Lost: v / 2}, behavior.Sleeping},
		{behavior.Alive{Sleeping: 0.9, Lost: v}, behavior.Sleeping},
		{behavior.Alive{Sleeping: 0.9, Lost: math.Nextafter(v, 1)}, behavior.Lost},
	} {
		cfg := behavior.Config{Alive: tc.alive}
		c := mustNew(t, &cfg, behavior.WithModel(cdnow, segment.Week))
		if got := c.Classify(&p).Primary; got != tc.want {
			t.Errorf("alive %+v, P(alive) %v: primary %v, want %v", tc.alive, v, got, tc.want)
		}
	}
}

func TestPAliveConfig(t *testing.T) {
	cfg, err := behavior.ParseConfig([]byte(`{"alive": {"sleeping": 0.6, "lost": 0.25}}`))
	require.NoError(t, err)
	if cfg.Alive != (behavior.Alive{Sleeping: 0.6, Lost: 0.25}) {
		t.Errorf("parsed %+v", cfg.Alive)
	}
	b, err := json.Marshal(cfg)
	require.NoError(t, err)
	if !strings.Contains(string(b), `"alive":{"sleeping":0.6,"lost":0.25}`) {
		t.Errorf("JSON lacks the thresholds: %s", b)
	}
	back, err := behavior.ParseConfig(b)
	require.NoError(t, err)
	if diff := cmp.Diff(cfg, back); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
	half, err := behavior.ParseConfig([]byte(`{"alive": {"lost": 0.1}}`))
	require.NoError(t, err)
	if half.Alive != (behavior.Alive{Sleeping: 0.5, Lost: 0.1}) {
		t.Errorf("an absent threshold takes its default: %+v", half.Alive)
	}
	if got := behavior.Defaults().Alive; got != (behavior.Alive{Sleeping: 0.5, Lost: 0.2}) {
		t.Errorf("defaults %+v", got)
	}

	for _, tc := range []struct{ json, field, msg string }{
		{`{"alive": {"sleeping": 1.5}}`, "alive.sleeping", "out of range"},
		{`{"alive": {"lost": -0.1}}`, "alive.lost", "out of range"},
		{`{"alive": {"sleeping": 0.15}}`, "alive.lost", "must be below alive.sleeping (0.15)"},
		{`{"alive": {"sleeping": 0.4, "lost": 0.4}}`, "alive.lost", "must be below alive.sleeping (0.4)"},
		{`{"alive": {"sleep": 0.4}}`, "sleep", "unknown field"},
		{`{"alive": 0.4}`, "alive", "want an object"},
	} {
		_, err := behavior.ParseConfig([]byte(tc.json))
		var fe *segment.FieldError
		switch {
		case err == nil:
			t.Errorf("%s accepted", tc.json)
		case !strings.HasPrefix(err.Error(), "behavior: ") || !strings.Contains(err.Error(), tc.msg):
			t.Errorf("%s: error %q, want the behavior: prefix and %q", tc.json, err, tc.msg)
		case !errors.As(err, &fe) || fe.Field != tc.field:
			t.Errorf("%s: error names %v, want %q", tc.json, fe, tc.field)
		}
	}
	if _, err := behavior.New(&behavior.Config{Alive: behavior.Alive{Sleeping: 0.2, Lost: 0.5}}); err == nil {
		t.Error("New accepted lost above sleeping")
	}
}

func TestPAliveOptionErrors(t *testing.T) {
	for _, tc := range []struct {
		name string
		opts []behavior.Option
		msg  string
	}{
		{"invalid model", []behavior.Option{behavior.WithModel(clv.BGNBD{R: 1, Alpha: -1, A: 1, B: 1}, segment.Week)}, "behavior: WithModel: "},
		{"zero model", []behavior.Option{behavior.WithModel(clv.BGNBD{}, segment.Day)}, "behavior: WithModel: "},
		{"no unit", []behavior.Option{behavior.WithModel(cdnow, 0)}, `unit "0"`},
		{"nil function", []behavior.Option{behavior.WithPAlive(nil)}, "behavior: WithPAlive: pAlive"},
		{"twice", []behavior.Option{behavior.WithModel(cdnow, segment.Week), behavior.WithPAlive(func(*segment.Profile) (float64, bool) { return 1, true })}, "already given"},
	} {
		if _, err := behavior.New(nil, tc.opts...); err == nil || !strings.Contains(err.Error(), tc.msg) {
			t.Errorf("%s: error %v, want %q", tc.name, err, tc.msg)
		}
	}
}

func TestPAliveClassifyDoesNotAllocate(t *testing.T) {
	c := mustNew(t, nil, behavior.WithModel(cdnow, segment.Week))
	profiles := append(segmenttest.Extremes(), segmenttest.Random(50, 3)...)
	profiles = append(profiles, twiceAYear, weeklyQuiet60, weeklyGone, onceLongAgo)
	for i := range profiles {
		if n := testing.AllocsPerRun(10, func() { _ = c.Classify(&profiles[i]) }); n != 0 {
			t.Fatalf("Classify allocates %v times for %s", n, profiles[i].ID)
		}
	}
}

// The laws every classifier keeps hold with the option too.
func TestPAliveConformance(t *testing.T) {
	c := mustNew(t, nil, behavior.WithModel(cdnow, segment.Week))
	segmenttest.TestConformance(t, c, behavior.Types, twiceAYear, weeklyQuiet60, weeklyGone, onceLongAgo)
}

// End to end on the sample shop: a model fitted on the ledger's summaries
// classifies its profiles, and changes the verdict of some customers
// compared with fixed day counts. The exact path looks P(alive) up by
// customer from the summaries; WithModel's profile summaries agree with
// it for every customer without returns.
func TestPAliveOnSampleLedger(t *testing.T) {
	l, err := sample.Ledger()
	require.NoError(t, err)
	rows, _, err := l.Summaries(sample.AsOf, segment.Week)
	require.NoError(t, err)
	// The sample shop's customers rarely drop out, and plain maximum
	// likelihood runs b off to infinity; a small penalty pins it.
	m, err := clv.FitBGNBD(rows, &clv.FitOptions{Penalizer: 0.001})
	require.NoError(t, err)
	byID := make(map[string]float64, len(rows))
	for _, r := range rows {
		if r.Frequency > 0 {
			byID[r.ID] = m.PAlive(r)
		}
	}
	exact := mustNew(t, nil, behavior.WithPAlive(func(p *segment.Profile) (float64, bool) {
		v, ok := byID[p.ID]
		return v, ok
	}))
	viaProfile := mustNew(t, nil, behavior.WithModel(m, segment.Week))
	byDays := mustNew(t, nil)
	profiles, _ := l.Profiles(sample.AsOf)
	changed, compared := 0, 0
	for i := range profiles {
		p := &profiles[i]
		e := exact.Classify(p)
		if p.Returns == 0 {
			compared++
			if v := viaProfile.Classify(p); v != e {
				t.Errorf("%s: WithModel %v, lookup %v", p.ID, v, e)
			}
		}
		if d := byDays.Classify(p); d.Tags&(1<<behavior.Sleeping|1<<behavior.Lost) != e.Tags&(1<<behavior.Sleeping|1<<behavior.Lost) {
			changed++
		}
	}
	t.Logf("%d of %d customers change sleeping or lost; %d compared with WithModel", changed, len(profiles), compared)
	if changed == 0 || compared < len(profiles)/2 {
		t.Errorf("%d changed, %d compared: the option had no visible effect or the comparison covered too few", changed, compared)
	}
}

// Classify on the same profile by days and with P(alive) from a BG/NBD
// model: the difference is one profile summary and one P(alive).
func BenchmarkClassifyWithModel(b *testing.B) {
	for _, bc := range []struct {
		name string
		opts []behavior.Option
	}{{"days", nil}, {"model", []behavior.Option{behavior.WithModel(cdnow, segment.Week)}}} {
		c := mustNew(b, nil, bc.opts...)
		p := weeklyQuiet60
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				_ = c.Classify(&p)
			}
		})
	}
}
