package batch_test

import (
	"context"
	"encoding/json"
	"errors"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/clientele-go/clientele/decision"
	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/batch"
	"github.com/clientele-go/clientele/segment/segmenttest"
)

func result(l tier, conf float32) segment.Result[tier] {
	r := segment.Result[tier]{Primary: l, Confidence: conf}
	if l != noTier {
		r.Scores[l] = 1
	}
	return r
}

// A summary computed by hand: four customers, two of them gold.
func TestSummaryByHand(t *testing.T) {
	s := batch.NewSummary(tiers)
	prospect := segment.Profile{ID: "D", AsOf: asOf}
	for _, c := range []struct {
		p segment.Profile
		r segment.Result[tier]
	}{
		{buyer("A", 2, 100, 10), result(gold, 1)},
		{buyer("B", 1, 50, 30), result(gold, 0.5)},
		{buyer("C", 4, 250, 5), result(silver, 0.75)},
		{prospect, result(noTier, 0)},
	} {
		require.NoError(t, s.Add(&c.p, &c.r))
	}
	some := segment.Some[float64]
	want := []batch.Row[tier]{
		{Label: bronze, Metrics: batch.Metrics{RevenueShare: some(0)}},
		{Label: silver, Metrics: batch.Metrics{Count: 1, Share: 0.25, Revenue: 250, RevenueShare: some(0.625),
			Occasions: some(4), MeanRevenue: some(250), Buyers: 1, RecencyDays: some(5), AverageOrderValue: some(62.5), Confidence: some(0.75)}},
		{Label: gold, Metrics: batch.Metrics{Count: 2, Share: 0.5, Revenue: 150, RevenueShare: some(0.375),
			Occasions: some(1.5), MeanRevenue: some(75), Buyers: 2, RecencyDays: some(20), AverageOrderValue: some(50), Confidence: some(0.75)}},
		{Label: noTier, Metrics: batch.Metrics{Count: 1, Share: 0.25, Revenue: 0, RevenueShare: some(0),
			Occasions: some(0), MeanRevenue: some(0), Confidence: some(0)}},
	}
	if diff := cmp.Diff(want, s.Rows()); diff != "" {
		t.Errorf("rows (-want +got):\n%s", diff)
	}
	wantTotal := batch.Metrics{Count: 4, Share: 1, Revenue: 400, RevenueShare: some(1), Occasions: some(1.75),
		MeanRevenue: some(100), Buyers: 3, RecencyDays: some(15), AverageOrderValue: some(400.0 / 7), Confidence: some(0.5625)}
	if diff := cmp.Diff(wantTotal, s.Total()); diff != "" {
		t.Errorf("total (-want +got):\n%s", diff)
	}
	if s.Count() != 4 {
		t.Errorf("Count = %d, want 4", s.Count())
	}
}

// Multi-label results count in Tagged for each of their tags.
func TestSummaryTags(t *testing.T) {
	s := batch.NewSummary(tiers)
	p := buyer("A", 1, 10, 1)
	r := result(silver, 1)
	r.Scores[bronze] = 0.5
	r.Tags = r.Tags.With(silver).With(bronze)
	require.NoError(t, s.Add(&p, &r))
	if got := []int{s.Row(bronze).Tagged, s.Row(silver).Tagged, s.Row(gold).Tagged}; !cmp.Equal(got, []int{1, 1, 0}) {
		t.Errorf("tagged counts bronze, silver, gold = %v, want [1 1 0]", got)
	}
	if s.Row(bronze).Count != 0 {
		t.Errorf("a tag counted as primary")
	}
}

// Summaries of shards, merged in any order, equal the summary of the
// whole base exactly: not approximately, to the last bit.
func TestSummaryMergeEqualsUnion(t *testing.T) {
	ps := segmenttest.Random(1500, 5)
	// Revenue with cents, where float sums in a different order differ.
	rng := rand.New(rand.NewPCG(3, 4))
	for i := range ps {
		ps[i].Revenue = math.Round(rng.Float64()*1e6) / 100
	}
	styles, err := decision.New(nil)
	require.NoError(t, err)
	whole := batch.NewSummary(decision.Styles)
	shards := []*batch.Summary[decision.Style]{batch.NewSummary(decision.Styles), batch.NewSummary(decision.Styles), batch.NewSummary(decision.Styles)}
	for i := range ps {
		r := styles.Classify(&ps[i])
		require.NoError(t, whole.Add(&ps[i], &r))
		require.NoError(t, shards[rng.IntN(len(shards))].Add(&ps[i], &r))
	}
	for _, order := range [][3]int{{0, 1, 2}, {2, 0, 1}, {1, 2, 0}} {
		merged := batch.NewSummary(decision.Styles)
		for _, i := range order {
			require.NoError(t, merged.Merge(shards[i]))
		}
		if diff := cmp.Diff(whole.Rows(), merged.Rows()); diff != "" {
			t.Errorf("merge %v differs from one pass (-whole +merged):\n%s", order, diff)
		}
		if diff := cmp.Diff(whole.Total(), merged.Total()); diff != "" {
			t.Errorf("merge %v total differs (-whole +merged):\n%s", order, diff)
		}
	}
	// The merge must not be trivially equal: the shards are not empty.
	for i, s := range shards {
		if s.Count() == 0 || s.Count() == whole.Count() {
			t.Fatalf("shard %d has %d of %d customers", i, s.Count(), whole.Count())
		}
	}
}

// A summary built in emit from a parallel run equals one built in a plain
// loop.
func TestSummaryFromRun(t *testing.T) {
	ps := numbered(2000)
	loop := batch.NewSummary(tiers)
	for i := range ps {
		r := byRevenue.Classify(&ps[i])
		require.NoError(t, loop.Add(&ps[i], &r))
	}
	run := batch.NewSummary(tiers)
	_, err := batch.Run(context.Background(), batch.FromSlice(ps), twoTypologies(t), func(r *batch.Record[row]) error {
		return run.Add(r.Profile, &r.Out.Tier)
	}, &batch.Options{Workers: 4, Chunk: 32})
	require.NoError(t, err)
	if diff := cmp.Diff(loop.Rows(), run.Rows()); diff != "" {
		t.Errorf("(-loop +run):\n%s", diff)
	}
}

// Add refuses what cannot be summed and counts nothing of it.
func TestSummaryRejects(t *testing.T) {
	good := buyer("X", 1, 10, 1)
	for _, c := range []struct {
		name  string
		p     segment.Profile
		r     segment.Result[tier]
		field string
	}{
		{"label out of range", good, segment.Result[tier]{Primary: 9}, "tier"},
		{"tag out of range", good, segment.Result[tier]{Primary: gold, Tags: segment.Set[tier](0).With(gold).With(7)}, "tags"},
		{"confidence above one", good, result(gold, 1.5), "confidence"},
		{"confidence NaN", good, result(gold, float32(math.NaN())), "confidence"},
		{"confidence negative", good, result(gold, -0.1), "confidence"},
		{"revenue NaN", func() segment.Profile { p := good; p.Revenue = math.NaN(); return p }(), result(gold, 1), "revenue"},
		{"revenue infinite", func() segment.Profile { p := good; p.Revenue = math.Inf(-1); return p }(), result(gold, 1), "revenue"},
		{"revenue beyond the bound", func() segment.Profile { p := good; p.Revenue = 1.5e18; return p }(), result(gold, 1), "revenue"},
		{"negative occasions", func() segment.Profile { p := good; p.Occasions = -1; return p }(), result(gold, 1), "occasions"},
		{"bought after as-of", func() segment.Profile { p := good; p.Last = asOf.AddDays(2); return p }(), result(gold, 1), "recency_days"},
	} {
		s := batch.NewSummary(tiers)
		err := s.Add(&c.p, &c.r)
		var fe *segment.FieldError
		if !errors.As(err, &fe) || fe.Field != c.field || fe.Record != `customer "X"` || !errors.Is(err, segment.ErrRange) {
			t.Errorf("%s: err = %v, want a range FieldError on %s naming the customer", c.name, err, c.field)
		}
		if s.Count() != 0 || s.Row(gold).Count != 0 {
			t.Errorf("%s: a refused customer was counted", c.name)
		}
	}
	// At the bound itself: accepted.
	s := batch.NewSummary(tiers)
	p := good
	p.Revenue = -batch.MaxAmount
	r := result(gold, 1)
	require.NoError(t, s.Add(&p, &r))
	if got := s.Row(gold).Revenue; got != -1e18 {
		t.Errorf("revenue at the bound = %v", got)
	}
}

// Occasions sum past an int64 nowhere: a customer whose occasions would
// take the sum past it is refused by name, and a merge that would is
// refused whole, where the sums wrapped around to negative ones.
func TestSummaryOccasionsPastInt64(t *testing.T) {
	if math.MaxInt < math.MaxInt64 {
		t.Skip("an int of 32 bits: profiles' occasions cannot take the sum past an int64")
	}
	huge := buyer("X", 1, 10, 1)
	huge.Occasions = math.MaxInt
	r := result(gold, 1)
	s := batch.NewSummary(tiers)
	require.NoError(t, s.Add(&huge, &r))
	other := buyer("Y", 1, 10, 1)
	err := s.Add(&other, &r)
	var fe *segment.FieldError
	if !errors.As(err, &fe) || fe.Field != "occasions" || fe.Record != `customer "Y"` || !errors.Is(err, segment.ErrRange) {
		t.Errorf("err = %v, want a range FieldError on occasions naming the customer", err)
	}
	if s.Count() != 1 || s.Total().Occasions != segment.Some(float64(math.MaxInt)) {
		t.Errorf("after the refusal: %d customers, %+v", s.Count(), s.Total())
	}
	one := batch.NewSummary(tiers)
	require.NoError(t, one.Add(&other, &r))
	before := *s
	require.ErrorContains(t, s.Merge(one), "past 2^63-1")
	require.Equal(t, before.Total(), s.Total(), "a refused merge leaves the summary as it was")
}

// A summary read back whose labels' sums wrap around to its total (two
// labels of 2^63-1 occasions and one of 5, as int64s 3 in all) is
// refused, as one whose labels do not add up.
func TestSummaryJSONPastInt64(t *testing.T) {
	s := batch.NewSummary(tiers)
	for i, l := range []tier{gold, silver, bronze} {
		p, r := buyer(strconv.Itoa(i), 1, 10, 1), result(l, 1)
		require.NoError(t, s.Add(&p, &r))
	}
	data, err := json.Marshal(s)
	require.NoError(t, err)
	back := batch.NewSummary(tiers)
	require.NoError(t, json.Unmarshal(data, back))
	forged := string(data)
	for label, occasions := range map[string]int64{"gold": math.MaxInt64, "silver": math.MaxInt64, "bronze": 5} {
		old := `"label":"` + label + `","count":1,"occasions":1,`
		require.Contains(t, forged, old)
		forged = strings.Replace(forged, old, `"label":"`+label+`","count":1,"occasions":`+strconv.FormatInt(occasions, 10)+`,`, 1)
	}
	require.ErrorContains(t, json.Unmarshal([]byte(forged), back), "add up past 2^63-1")
	// Counts of 2^40 customers a label, whose most confidence units
	// (2^24 a customer) pass an int64: read, not refused as a wrapped
	// product would have them.
	many := strings.ReplaceAll(string(data), `"count":1,`, `"count":1099511627776,`)
	many = strings.Replace(many, `"count":3,`, `"count":3298534883328,`, 1)
	require.NoError(t, json.Unmarshal([]byte(many), back))
	if math.MaxInt == math.MaxInt64 { // Count is an int
		require.Equal(t, int64(3298534883328), int64(back.Count()))
	}
	// A summary read back at the most customers an int64 counts takes no
	// more: the customer is refused by name, nothing counted.
	full := strings.ReplaceAll(string(data), `"count":1,`, `"count":3074457345618258602,`)
	full = strings.Replace(full, `"count":3,`, `"count":9223372036854775806,`, 1)
	require.NoError(t, json.Unmarshal([]byte(full), back))
	p, r := buyer("Z", 1, 10, 1), result(gold, 1)
	for range 2 {
		err = back.Add(&p, &r)
	}
	var fe *segment.FieldError
	if !errors.As(err, &fe) || fe.Field != "customers" || fe.Record != `customer "Z"` || !errors.Is(err, segment.ErrRange) {
		t.Errorf("err = %v, want a range FieldError on customers naming the customer", err)
	}
	if math.MaxInt == math.MaxInt64 {
		require.Equal(t, int64(math.MaxInt64), int64(back.Count()), "the refused customer is not counted")
	}
}

func TestSummaryMergeRefusesOtherTables(t *testing.T) {
	other := segment.NewEnum[tier]("tier", segment.LabelInfo{Name: "unknown"}, segment.LabelInfo{Name: "bronze"})
	if err := batch.NewSummary(tiers).Merge(batch.NewSummary(other)); err == nil {
		t.Error("merged summaries of two label tables")
	}
}

func TestSummaryEmptyAndOutOfRange(t *testing.T) {
	s := batch.NewSummary(tiers)
	if diff := cmp.Diff(batch.Metrics{}, s.Total()); diff != "" {
		t.Errorf("empty total (-want +got):\n%s", diff)
	}
	if got := s.Row(20); got.Label != 20 || got.Count != 0 {
		t.Errorf("Row(20) = %+v", got)
	}
}

// Rows marshal to JSON with label names and null for unknown averages.
func TestSummaryJSON(t *testing.T) {
	s := batch.NewSummary(tiers)
	p := buyer("A", 2, 300, 10)
	r := result(silver, 0.5)
	require.NoError(t, s.Add(&p, &r))
	b, err := json.Marshal(s.Row(silver))
	require.NoError(t, err)
	want := `{"label":"silver","count":1,"share":1,"tagged":0,"revenue":300,"revenue_share":1,"occasions":2,"mean_revenue":300,"buyers":1,"recency_days":10,"average_order_value":150,"confidence":0.5}`
	if diff := cmp.Diff(want, string(b)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	b, err = json.Marshal(s.Row(gold))
	require.NoError(t, err)
	want = `{"label":"gold","count":0,"share":0,"tagged":0,"revenue":0,"revenue_share":0,"occasions":null,"mean_revenue":null,"buyers":0,"recency_days":null,"average_order_value":null,"confidence":null}`
	if diff := cmp.Diff(want, string(b)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// Revenue sums past its 128 bits nowhere: a summary read back near the
// most refuses a customer whose revenue would take it past, by name, and
// a merge that would, whole.
func TestSummaryRevenuePast128Bits(t *testing.T) {
	s := batch.NewSummary(tiers)
	p, r := buyer("X", 1, 10, 1), result(gold, 1)
	require.NoError(t, s.Add(&p, &r))
	data, err := json.Marshal(s)
	require.NoError(t, err)
	const micros = `"revenue_micros":"10000000"`
	require.Equal(t, 2, strings.Count(string(data), micros), "the total's and gold's revenue in %s", data)
	forged := strings.ReplaceAll(string(data), micros, `"revenue_micros":"170141183460469231731687303715884105727"`)
	back := batch.NewSummary(tiers)
	require.NoError(t, json.Unmarshal([]byte(forged), back))
	before := *back

	other := buyer("Y", 1, 10, 1)
	err = back.Add(&other, &r)
	var fe *segment.FieldError
	if !errors.As(err, &fe) || fe.Field != "revenue" || fe.Record != `customer "Y"` || !errors.Is(err, segment.ErrRange) {
		t.Errorf("err = %v, want a range FieldError on revenue naming the customer", err)
	}
	require.Equal(t, before, *back, "a refused customer changes nothing")
	one := batch.NewSummary(tiers)
	require.NoError(t, one.Add(&other, &r))
	require.ErrorContains(t, back.Merge(one), "2^127-1")
	require.Equal(t, before, *back, "a refused merge changes nothing")
	// A return takes it down again.
	refund := buyer("Z", 1, -10, 1)
	require.NoError(t, back.Add(&refund, &r))

	// Two labels of 2^127-1 millionths add up, in 128 bits, to -2: a
	// total of -2 matched them before the sum was checked.
	silverR := result(silver, 1)
	require.NoError(t, s.Add(&other, &silverR))
	data, err = json.Marshal(s)
	require.NoError(t, err)
	forged = strings.ReplaceAll(string(data), micros, `"revenue_micros":"170141183460469231731687303715884105727"`)
	forged = strings.Replace(forged, `"revenue_micros":"20000000"`, `"revenue_micros":"-2"`, 1)
	require.ErrorContains(t, json.Unmarshal([]byte(forged), back), "past 2^127-1")
}
