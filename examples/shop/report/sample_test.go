package report

import (
	"context"
	"sync"
	"testing"

	"github.com/clientele-go/clientele/internal/sample"
	"github.com/clientele-go/clientele/ladder"
	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/behavior"
	"github.com/clientele-go/clientele/segment/movement"
	"github.com/clientele-go/clientele/strategy"
)

// sampleData builds the report's data from the embedded sample shop the
// way the shop example does: fit every typology to the base, classify each
// customer, count them; and the movement over the last six months.
var sampleData = sync.OnceValues(func() (*Data, error) {
	l, err := sample.Ledger()
	if err != nil {
		return nil, err
	}
	profiles, _ := l.Profiles(sample.AsOf)
	cs, err := strategy.Fit(profiles, nil)
	if err != nil {
		return nil, err
	}
	d := NewData(cs)
	d.Title = "Sample shop"
	d.Source = "sample/orders.csv"
	d.AsOf = sample.AsOf
	var c strategy.Classification
	for i := range profiles {
		cs.Classify(&profiles[i], &c)
		if err := d.Add(&c, cs.RFM.Code(&profiles[i])); err != nil {
			return nil, err
		}
		d.Stats.Read++
		d.Stats.Classified++
	}
	d.PreviousAsOf = sample.AsOf.AddDays(-182)
	ts := []*movement.Typology{
		movement.Of(segment.LabelInfo{Name: "rung", EN: "Loyalty ladder", RU: "Лестница лояльности"}, ladder.Rungs, cs.Ladder),
		movement.Of(segment.LabelInfo{Name: "segment", EN: "Behavioural segments", RU: "Поведенческие сегменты"}, behavior.Types, cs.Behavior),
		movement.Of(segment.LabelInfo{Name: "rfm", EN: "RFM segments", RU: "RFM-сегменты"}, cs.RFM.Map().Labels(), cs.RFM),
	}
	d.Movement, _, err = movement.Between(context.Background(), l, d.PreviousAsOf, d.AsOf, ts, nil, nil)
	if err != nil {
		return nil, err
	}
	return d, nil
})

// mustSample returns the sample's data or stops the test.
func mustSample(t testing.TB) *Data {
	t.Helper()
	d, err := sampleData()
	if err != nil {
		t.Fatalf("building the sample's data: %v", err)
	}
	return d
}

// Data merged from three parts of the sample's customers (split at odd
// places) renders the same report as Data with all of them.
func TestMergeIsTheWhole(t *testing.T) {
	whole := mustSample(t)
	l, err := sample.Ledger()
	if err != nil {
		t.Fatal(err)
	}
	profiles, _ := l.Profiles(sample.AsOf)
	cs, err := strategy.Fit(profiles, nil)
	if err != nil {
		t.Fatal(err)
	}
	parts := [3]*Data{NewData(cs), NewData(cs), NewData(cs)}
	var c strategy.Classification
	for i := range profiles {
		cs.Classify(&profiles[i], &c)
		if err := parts[i*7%3].Add(&c, cs.RFM.Code(&profiles[i])); err != nil {
			t.Fatal(err)
		}
	}
	merged := parts[2]
	for _, p := range parts[:2] {
		if err := merged.Merge(p); err != nil {
			t.Fatal(err)
		}
	}
	merged.Title, merged.Source, merged.AsOf = whole.Title, whole.Source, whole.AsOf
	merged.PreviousAsOf, merged.Movement, merged.Stats = whole.PreviousAsOf, whole.Movement, whole.Stats
	if got, want := string(render(t, merged)), string(render(t, whole)); got != want {
		t.Fatal("the merged parts render another report than the whole")
	}
	if merged.Segments.Count() != len(profiles) || merged.Grid == nil {
		t.Fatalf("merged %d customers, want %d", merged.Segments.Count(), len(profiles))
	}
}
