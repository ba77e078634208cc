package movement_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/movement"
)

// activity is a small typology written for these tests: customers by days
// since their last purchase.
type activity uint8

const (
	unknownActivity activity = iota
	active
	sleeping
	lost
)

var activities = segment.NewEnum[activity]("activity",
	segment.LabelInfo{Name: "unknown", EN: "Unknown", RU: "Не определён"},
	segment.LabelInfo{Name: "active", EN: "Active", RU: "Активный"},
	segment.LabelInfo{Name: "sleeping", EN: "Sleeping", RU: "Спящий"},
	segment.LabelInfo{Name: "lost", EN: "Lost", RU: "Потерянный"},
)

func (a activity) String() string { return activities.Name(a) }

// byRecency: active within 90 days, lost after 365, sleeping between.
// Like the library's typologies, Classify and Explain share one path and
// Classify does not allocate.
type byRecency struct{}

func (byRecency) Classify(p *segment.Profile) segment.Result[activity] { return evalRecency(p, nil) }

func (byRecency) Explain(p *segment.Profile) segment.Explanation[activity] {
	var rs []segment.Reason
	r := evalRecency(p, &rs)
	return segment.Explanation[activity]{Result: r, Reasons: rs}
}

func evalRecency(p *segment.Profile, rs *[]segment.Reason) segment.Result[activity] {
	days, ok := p.Recency().Get()
	isActive, isLost := ok && days <= 90, ok && days > 365
	if rs != nil {
		*rs = append(*rs,
			segment.Reason{Rule: "active", Label: "active", Field: "recency_days", Value: float64(days), Known: ok, Op: segment.LessEq, Threshold: 90, Setting: "active_days", Held: isActive},
			segment.Reason{Rule: "lost", Label: "lost", Field: "recency_days", Value: float64(days), Known: ok, Op: segment.Greater, Threshold: 365, Setting: "lost_days", Held: isLost})
	}
	var r segment.Result[activity]
	if !ok {
		return r
	}
	switch {
	case isActive:
		r.Primary = active
	case isLost:
		r.Primary = lost
	default:
		r.Primary = sleeping
	}
	r.Scores[r.Primary], r.Confidence = 1, 1
	return r
}

// tier is a second typology, by net revenue, without reasons.
type tier uint8

var tiers = segment.NewEnum[tier]("tier",
	segment.LabelInfo{Name: "unknown", EN: "Unknown", RU: "Не определён"},
	segment.LabelInfo{Name: "small", EN: "Small", RU: "Малый"},
	segment.LabelInfo{Name: "big", EN: "Big", RU: "Крупный"},
)

func (t tier) String() string { return tiers.Name(t) }

var byRevenue = segment.Func[tier](func(p *segment.Profile) segment.Result[tier] {
	var r segment.Result[tier]
	switch {
	case p.Occasions == 0:
		return r
	case p.Revenue >= 1000:
		r.Primary = 2
	default:
		r.Primary = 1
	}
	r.Scores[r.Primary], r.Confidence = 1, 1
	return r
})

var (
	activityInfo = segment.LabelInfo{Name: "activity", EN: "Activity", RU: "Активность"}
	tierInfo     = segment.LabelInfo{Name: "tier", EN: "Revenue tier", RU: "Уровень выручки"}
)

// typologies returns the two test typologies with their classifiers.
func typologies() []*movement.Typology {
	return []*movement.Typology{
		movement.Of[activity](activityInfo, activities, byRecency{}),
		movement.Of[tier](tierInfo, tiers, byRevenue),
	}
}

var (
	since = segment.MustParseDate("2025-03-31")
	asOf  = segment.MustParseDate("2025-06-30")
)

func day(s string) segment.Date { return segment.MustParseDate(s) }

// snapshot builds a snapshot by hand: id -> [activity, tier] label names.
func snapshot(t *testing.T, date segment.Date, rows ...[3]string) *movement.Snapshot {
	t.Helper()
	s, err := movement.NewSnapshot(date, "activity", "tier")
	require.NoError(t, err)
	for _, r := range rows {
		require.NoError(t, s.Add(r[0], []string{r[1], r[2]}, nil))
	}
	return s
}
