package strategy_test

import (
	"errors"
	"math"
	"sort"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/clientele-go/clientele/internal/sample"
	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/behavior"
	"github.com/clientele-go/clientele/segment/clv"
	"github.com/clientele-go/clientele/strategy"
)

var budgetAsOf = segment.MustParseDate("2025-06-30")

// regular is a regular customer who spent revenue over tenureDays, with
// the given value (CLV) when value is not NaN, and the given extra
// behavioural tags (risk flags).
func regular(revenue float64, tenureDays int, value float64, tags ...behavior.Type) *strategy.Classification {
	p := &segment.Profile{ID: "c", AsOf: budgetAsOf, Occasions: 4, Orders: 4, Revenue: revenue,
		First: budgetAsOf.AddDays(-tenureDays), Last: budgetAsOf.AddDays(-10)}
	c := &strategy.Classification{Profile: p}
	c.Segment.Primary = behavior.Regular
	for _, t := range append([]behavior.Type{behavior.Regular}, tags...) {
		c.Segment.Tags = c.Segment.Tags.With(t)
		c.Segment.Scores[t] = 1
	}
	c.Segment.Confidence = 1
	if !math.IsNaN(value) {
		c.Value = segment.Some(value)
	}
	return c
}

func budgetOf(t *testing.T, e *strategy.Engine, c *strategy.Classification) float64 {
	t.Helper()
	return e.Plan(c).RetentionBudget
}

func newEngine(t *testing.T, g strategy.Guards) *strategy.Engine {
	t.Helper()
	e, err := strategy.New(&strategy.Config{Guards: g})
	require.NoError(t, err)
	return e
}

// The budget is BudgetShare of the CLV: a customer worth more may cost
// more, in proportion; revenue plays no part once the value is known.
func TestBudgetScalesWithValue(t *testing.T) {
	e := newEngine(t, strategy.Guards{})
	for _, tc := range []struct {
		value, want float64
	}{
		{100, 10}, {1000, 100}, {12345.678, 1234.57}, {0.04, 0}, // rounded to cents
	} {
		if got := budgetOf(t, e, regular(999999, 800, tc.value)); got != tc.want {
			t.Errorf("value %v: budget %v, want %v (10%%)", tc.value, got, tc.want)
		}
	}
	half := newEngine(t, strategy.Guards{BudgetShare: 0.5})
	if got := budgetOf(t, half, regular(0, 800, 1000)); got != 500 {
		t.Errorf("budget_share 0.5 of 1000: %v", got)
	}
}

// Risky customers get RiskBudgetFactor of it; a need that is gone gets
// nothing, whatever the value; a value that is not positive and finite
// gives nothing rather than a guess.
func TestBudgetGuards(t *testing.T) {
	e := newEngine(t, strategy.Guards{})
	for _, tc := range []struct {
		name string
		c    *strategy.Classification
		want float64
	}{
		{"plain", regular(0, 800, 2000), 200},
		{"risky: a quarter", regular(0, 800, 2000, behavior.Problem), 50},
		{"bargain only is risky too", regular(0, 800, 2000, behavior.BargainOnly), 50},
		{"need gone", func() *strategy.Classification {
			c := regular(5000, 800, 1e6)
			c.Profile.Signals.NeedGone = segment.Some(true)
			return c
		}(), 0},
		{"zero value", regular(5000, 800, 0), 0},
		{"negative value", regular(5000, 800, -300), 0},
		{"infinite value", regular(5000, 800, math.Inf(1)), 0},
		{"no profile", &strategy.Classification{Value: segment.Some(1000.0)}, 0},
	} {
		if got := budgetOf(t, e, tc.c); got != tc.want {
			t.Errorf("%s: budget %v, want %v", tc.name, got, tc.want)
		}
	}
	nan := regular(5000, 800, 0)
	nan.Value = segment.Some(math.NaN())
	if got := budgetOf(t, e, nan); got != 0 {
		t.Errorf("NaN value: budget %v, want 0", got)
	}
}

// Without a value, the budget falls back to net revenue per year of
// tenure, a tenure under a year counting as one.
func TestBudgetFallbackWithoutValue(t *testing.T) {
	e := newEngine(t, strategy.Guards{})
	for _, tc := range []struct {
		name             string
		revenue          float64
		tenureDays       int
		want             float64
		withValue, wantV float64
	}{
		{"two years", 1000, 730, 50, 3000, 300},
		{"half a year counts as one", 1000, 182, 100, 100, 10},
		{"returns exceed purchases", -20, 400, 0, 50, 5},
	} {
		if got := budgetOf(t, e, regular(tc.revenue, tc.tenureDays, math.NaN())); got != tc.want {
			t.Errorf("%s: fallback budget %v, want %v", tc.name, got, tc.want)
		}
		if got := budgetOf(t, e, regular(tc.revenue, tc.tenureDays, tc.withValue)); got != tc.wantV {
			t.Errorf("%s: with value %v, budget %v, want %v", tc.name, tc.withValue, got, tc.wantV)
		}
	}
}

// BudgetCap bounds every budget, risky or not, and leaves those below it
// alone.
func TestBudgetCap(t *testing.T) {
	e := newEngine(t, strategy.Guards{BudgetCap: 250})
	for _, tc := range []struct {
		c    *strategy.Classification
		want float64
	}{
		{regular(0, 800, 1000), 100},
		{regular(0, 800, 100000), 250},
		{regular(0, 800, 100000, behavior.Impossible), 250},
		{regular(0, 800, 8000, behavior.Impossible), 200},
		{regular(1e7, 365, math.NaN()), 250},
	} {
		if got := budgetOf(t, e, tc.c); got != tc.want {
			t.Errorf("value %v: budget %v, want %v", tc.c.Value, got, tc.want)
		}
	}
	if got := budgetOf(t, newEngine(t, strategy.Guards{}), regular(0, 800, 1e9)); got != 1e8 {
		t.Errorf("no cap by default: %v", got)
	}
}

func TestBudgetCapConfig(t *testing.T) {
	cfg, err := strategy.ParseConfig([]byte(`{"guards": {"budget_share": 0.05, "budget_cap": 400}}`))
	require.NoError(t, err)
	if cfg.Guards.BudgetShare != 0.05 || cfg.Guards.BudgetCap != 400 {
		t.Errorf("parsed share %v cap %v", cfg.Guards.BudgetShare, cfg.Guards.BudgetCap)
	}
	if def := strategy.Defaults(); def.Guards.BudgetCap != 0 {
		t.Errorf("default cap %v, want 0 (none)", def.Guards.BudgetCap)
	}
	for _, in := range []string{`{"guards": {"budget_cap": -1}}`, `{"guards": {"budget_cap": "lots"}}`} {
		_, err := strategy.ParseConfig([]byte(in))
		var fe *segment.FieldError
		if !errors.As(err, &fe) || (fe.Field != "guards.budget_cap" && fe.Field != "budget_cap") {
			t.Errorf("%s: error %v, want one naming budget_cap", in, err)
		}
	}
}

// End to end on the sample shop: BG/NBD and Gamma-Gamma fitted on the
// ledger's summaries, a year's CLV per customer as Classification.Value.
// The budgets then follow the CLV, not the revenue: in rank among plain
// customers, and away from the revenue fallback for many of them.
func TestBudgetFromCLVOnSampleLedger(t *testing.T) {
	l, err := sample.Ledger()
	require.NoError(t, err)
	rows, _, err := l.Summaries(sample.AsOf, segment.Day)
	require.NoError(t, err)
	// The sample's customers rarely drop out: plain maximum likelihood
	// runs b off to infinity, and a small penalty pins it. Gamma-Gamma
	// needs positive spend, so repeat buyers whose returns outweigh their
	// repeat purchases are left out of its fit (and get no CLV below).
	bg, err := clv.FitBGNBD(rows, &clv.FitOptions{Penalizer: 0.001})
	require.NoError(t, err)
	var spenders []segment.Summary
	for _, r := range rows {
		if r.Frequency > 0 && r.MonetaryValue > 0 {
			spenders = append(spenders, r)
		}
	}
	gg, err := clv.FitGammaGamma(spenders, nil)
	require.NoError(t, err)
	pred, err := clv.NewPredictor(clv.Model{BGNBD: bg, GammaGamma: gg}, clv.Horizon{Length: 365})
	require.NoError(t, err)

	profiles, _ := l.Profiles(sample.AsOf)
	cs, err := strategy.Fit(profiles, nil)
	require.NoError(t, err)
	e := newEngine(t, strategy.Guards{})
	byID := make(map[string]segment.Summary, len(rows))
	for _, r := range rows {
		byID[r.ID] = r
	}

	type scored struct{ clv, budget float64 }
	var plain []scored
	withValue, differ := 0, 0
	for i := range profiles {
		p := &profiles[i]
		var c strategy.Classification
		cs.Classify(p, &c)
		fallback := e.Plan(&c).RetentionBudget
		row, ok := byID[p.ID]
		if !ok {
			continue
		}
		pr, err := pred.Predict(row)
		if err != nil { // a repeat buyer with no positive spend: no CLV
			continue
		}
		c.Value = segment.Some(pr.CLV)
		pb := e.Plan(&c)
		withValue++
		if pb.RetentionBudget != fallback {
			differ++
		}
		needGone := p.Signals.NeedGone.Or(false)
		risky := behavior.Risks(c.Segment) != 0
		switch {
		case needGone:
			if pb.RetentionBudget != 0 {
				t.Errorf("%s: need gone, budget %v", p.ID, pb.RetentionBudget)
			}
		case risky:
			if want := math.Round(pr.CLV*0.1*0.25*100) / 100; pb.RetentionBudget != want {
				t.Errorf("%s: risky, CLV %v: budget %v, want %v", p.ID, pr.CLV, pb.RetentionBudget, want)
			}
		default:
			if want := math.Round(pr.CLV*0.1*100) / 100; pb.RetentionBudget != want {
				t.Errorf("%s: CLV %v: budget %v, want %v", p.ID, pr.CLV, pb.RetentionBudget, want)
			}
			plain = append(plain, scored{pr.CLV, pb.RetentionBudget})
		}
	}
	sort.Slice(plain, func(i, j int) bool { return plain[i].clv < plain[j].clv })
	for i := 1; i < len(plain); i++ {
		if plain[i].budget < plain[i-1].budget {
			t.Fatalf("CLV %v gets %v, less than CLV %v's %v", plain[i].clv, plain[i].budget, plain[i-1].clv, plain[i-1].budget)
		}
	}
	t.Logf("%d customers with a CLV, %d plain; %d budgets differ from the revenue fallback; budgets %v..%v",
		withValue, len(plain), differ, plain[0].budget, plain[len(plain)-1].budget)
	if withValue < len(profiles)/2 || differ < withValue/2 || plain[0].budget >= plain[len(plain)-1].budget {
		t.Errorf("%d with a CLV, %d differ from the fallback: the CLV made too little difference", withValue, differ)
	}
}
