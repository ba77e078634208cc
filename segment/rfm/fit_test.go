package rfm_test

import (
	"encoding/json"
	"errors"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/rfm"
	"github.com/clientele-go/clientele/segment/segmenttest"
)

// tiedBase draws n customers whose values come from small sets with
// skewed weights, so that long runs of equal values cross the 20% marks;
// a share of prospects too.
func tiedBase(rng *rand.Rand, n int) []segment.Profile {
	days := []int{0, 0, 0, 1, 7, 7, 30, 30, 30, 30, 90, 365, 400}
	occ := []int{1, 1, 1, 1, 1, 1, 2, 2, 3, 5, 8}
	money := []float64{9.99, 9.99, 9.99, 20, 20, 35.5, 100, 100, 250, -5}
	out := make([]segment.Profile, n)
	for i := range out {
		id := "C" + strconv.Itoa(i)
		if rng.IntN(8) == 0 {
			out[i] = prospect(id)
			continue
		}
		out[i] = customer(id, days[rng.IntN(len(days))], occ[rng.IntN(len(occ))], money[rng.IntN(len(money))])
	}
	return out
}

// wantBucket is the documented rule computed by brute force: 1 +
// floor(5 * share of values strictly smaller than v).
func wantBucket(sorted []float64, v float64) int {
	below, _ := slices.BinarySearch(sorted, v) // index of the first v: the count strictly below
	return 1 + 5*below/len(sorted)
}

// Customers with equal values get equal scores, and every score is the
// one the documented rule gives, over many random bases full of ties.
func TestTiesNeverSplit(t *testing.T) {
	for seed := uint64(1); seed <= 60; seed++ {
		rng := rand.New(rand.NewPCG(seed, 7))
		base := tiedBase(rng, 1+rng.IntN(400))
		model, st, err := rfm.Fit(base, nil)
		if errors.Is(err, rfm.ErrNoPurchases) {
			continue
		}
		require.NoError(t, err)
		var days, occ, money []float64
		for i := range base {
			if base[i].Occasions > 0 {
				d, _ := base[i].Recency().Get()
				days, occ, money = append(days, float64(d)), append(occ, float64(base[i].Occasions)), append(money, base[i].Revenue)
			}
		}
		slices.Sort(days)
		slices.Sort(occ)
		slices.Sort(money)
		scoreOf := map[[2]float64]uint8{} // (dimension, value) -> score seen
		var counted perScore
		for i := range base {
			p := &base[i]
			c := model.Code(p)
			if p.Occasions == 0 {
				if c != (rfm.Code{}) {
					t.Fatalf("seed %d: prospect %s got code %s", seed, p.ID, c)
				}
				continue
			}
			d, _ := p.Recency().Get()
			for dim, x := range []struct {
				v     float64
				score uint8
				want  int
			}{
				{float64(d), c.R, 6 - wantBucket(days, float64(d))},
				{float64(p.Occasions), c.F, wantBucket(occ, float64(p.Occasions))},
				{p.Revenue, c.M, wantBucket(money, p.Revenue)},
			} {
				if int(x.score) != x.want {
					t.Fatalf("seed %d: dimension %d value %v scores %d, the rule says %d", seed, dim, x.v, x.score, x.want)
				}
				key := [2]float64{float64(dim), x.v}
				if s, ok := scoreOf[key]; ok && s != x.score {
					t.Fatalf("seed %d: dimension %d value %v scores both %d and %d", seed, dim, x.v, s, x.score)
				}
				scoreOf[key] = x.score
			}
			counted.r[c.R-1]++
			counted.f[c.F-1]++
			counted.m[c.M-1]++
		}
		if st.Recency != counted.r || st.Frequency != counted.f || st.Monetary != counted.m {
			t.Fatalf("seed %d: stats %+v disagree with the codes %+v", seed, st, counted)
		}
		checkBucketBound(t, days, st.Recency, true)
		checkBucketBound(t, occ, st.Frequency, false)
		checkBucketBound(t, money, st.Monetary, false)
	}
}

type perScore struct{ r, f, m [5]int }

// checkBucketBound checks the documented deviation: buckets 1..k hold at
// least k/5 of the base, and less than k/5 plus the share tied at the
// k-th cut point.
func checkBucketBound(t *testing.T, sorted []float64, perScore [5]int, reversed bool) {
	t.Helper()
	n := len(sorted)
	cum := 0
	for k := 1; k <= 4; k++ {
		score := k
		if reversed {
			score = 6 - k
		}
		cum += perScore[score-1]
		cut := sorted[(k*n+4)/5-1]
		lo, _ := slices.BinarySearch(sorted, cut)
		hi, _ := slices.BinarySearch(sorted, math.Nextafter(cut, math.Inf(1)))
		tied := hi - lo
		if 5*cum < k*n || 5*cum >= k*n+5*tied {
			t.Fatalf("buckets 1..%d hold %d of %d customers; want >= %d/5 and < %d/5 + %d tied", k, cum, n, k*n, k*n, tied)
		}
	}
}

// The deviation, constructed: six of ten customers bought once, so F1
// takes 60%, F2 and F3 are empty, and a second purchase earns F4. (pandas
// qcut over rank(method="first") would have put two of the one-time
// buyers into F2 and two into F3, depending on row order.)
func TestTieDeviation(t *testing.T) {
	var base []segment.Profile
	for i, occ := range []int{1, 1, 1, 1, 1, 1, 2, 2, 3, 5} {
		base = append(base, customer("C"+strconv.Itoa(i), 10+i, occ, float64(10*(i+1))))
	}
	base = append(base, prospect("P"))
	model, st, err := rfm.Fit(base, nil)
	require.NoError(t, err)
	if diff := cmp.Diff(rfm.Cuts{1, 1, 1, 2}, model.Frequency); diff != "" {
		t.Errorf("frequency cuts (-want +got):\n%s", diff)
	}
	want := rfm.Stats{Scored: 10, Unscored: 1, Recency: [5]int{2, 2, 2, 2, 2}, Frequency: [5]int{6, 0, 0, 2, 2}, Monetary: [5]int{2, 2, 2, 2, 2}}
	if diff := cmp.Diff(want, st); diff != "" {
		t.Errorf("stats (-want +got):\n%s", diff)
	}
	_, shares, _ := st.Shares()
	if diff := cmp.Diff([5]float64{0.6, 0, 0, 0.2, 0.2}, shares); diff != "" {
		t.Errorf("shares (-want +got):\n%s", diff)
	}
	// Without ties the buckets are exactly 20%.
	if diff := cmp.Diff(rfm.Cuts{11, 13, 15, 17}, model.Recency); diff != "" {
		t.Errorf("recency cuts (-want +got):\n%s", diff)
	}
}

// The fast path (selection) and the exact path (histograms) agree, and
// distributions of parts merge into the distribution of the whole.
func TestFitMatchesMergedDistributions(t *testing.T) {
	for seed := uint64(1); seed <= 30; seed++ {
		rng := rand.New(rand.NewPCG(seed, 9))
		var base []segment.Profile
		if seed%2 == 0 {
			base = tiedBase(rng, 1+rng.IntN(600))
		} else {
			base = segmenttest.Random(1+rng.IntN(600), seed)
		}
		for _, cfg := range []*rfm.Config{nil, {Basis: rfm.AverageOrderValue}, {Frequency: segment.Some(rfm.Cuts{1, 2, 3, 5})}} {
			model, st, err := rfm.Fit(base, cfg)
			if errors.Is(err, rfm.ErrNoPurchases) {
				continue
			}
			require.NoError(t, err)

			// Split the base at random into three parts.
			parts := make([]*rfm.Fitter, 3)
			for i := range parts {
				parts[i], err = rfm.NewFitter(cfg, 0)
				require.NoError(t, err)
			}
			for i := range base {
				require.NoError(t, parts[rng.IntN(3)].Add(&base[i]))
			}
			var merged rfm.Distribution
			merged.Basis = parts[0].Distribution().Basis
			for _, part := range parts {
				// Through JSON, as a shard would send it.
				b, err := json.Marshal(part.Distribution())
				require.NoError(t, err)
				var d rfm.Distribution
				require.NoError(t, json.Unmarshal(b, &d))
				require.NoError(t, merged.Merge(d))
			}
			got, gotStats, err := merged.Fit(cfg)
			require.NoError(t, err)
			if diff := cmp.Diff(model, got); diff != "" {
				t.Fatalf("seed %d: merged model (-fit +merged):\n%s", seed, diff)
			}
			if diff := cmp.Diff(st, gotStats); diff != "" {
				t.Fatalf("seed %d: merged stats (-fit +merged):\n%s", seed, diff)
			}

			// The same parts merged as Fitters, within one process.
			whole, err := rfm.NewFitter(cfg, 0)
			require.NoError(t, err)
			whole.Grow(len(base))
			for _, part := range parts {
				require.NoError(t, whole.Merge(part))
			}
			require.Equal(t, len(base), whole.Len())
			got, gotStats, err = whole.Fit()
			require.NoError(t, err)
			if diff := cmp.Diff(model, got); diff != "" {
				t.Fatalf("seed %d: merged fitters' model (-fit +merged):\n%s", seed, diff)
			}
			if diff := cmp.Diff(st, gotStats); diff != "" {
				t.Fatalf("seed %d: merged fitters' stats (-fit +merged):\n%s", seed, diff)
			}
		}
	}
}

// Fitters of different monetary bases do not merge.
func TestFitterMergeRefusesOtherBasis(t *testing.T) {
	a, err := rfm.NewFitter(nil, 0)
	require.NoError(t, err)
	b, err := rfm.NewFitter(&rfm.Config{Basis: rfm.AverageOrderValue}, 0)
	require.NoError(t, err)
	require.ErrorContains(t, a.Merge(b), "basis")
}

// quantileCuts (the monetary cuts) and the tally (frequency) against a
// full sort, on inputs that trouble quickselect.
func TestSelectionMatchesSort(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 3))
	shapes := map[string]func(n int) []int{
		"random":     func(n int) []int { return randInts(rng, n, 1<<30) },
		"few values": func(n int) []int { return randInts(rng, n, 3) },
		"all equal":  func(n int) []int { return make([]int, n) },
		"sorted": func(n int) []int {
			v := randInts(rng, n, 1000)
			slices.Sort(v)
			return v
		},
		"reversed": func(n int) []int {
			v := randInts(rng, n, 1000)
			slices.Sort(v)
			slices.Reverse(v)
			return v
		},
		"organ pipe": func(n int) []int {
			v := make([]int, n)
			for i := range v {
				v[i] = min(i, n-1-i)
			}
			return v
		},
		"sawtooth": func(n int) []int {
			v := make([]int, n)
			for i := range v {
				v[i] = i % 17
			}
			return v
		},
	}
	for name, shape := range shapes {
		for _, n := range []int{1, 2, 3, 4, 5, 6, 7, 16, 17, 33, 100, 1001, 5000} {
			occ := shape(n)
			var base []segment.Profile
			for i, o := range occ {
				base = append(base, customer("C"+strconv.Itoa(i), 1+i%400, 1+o, float64(o)))
			}
			model, _, err := rfm.Fit(base, nil)
			require.NoError(t, err)
			sorted := make([]float64, n)
			for i, o := range occ {
				sorted[i] = float64(1 + o)
			}
			slices.Sort(sorted)
			want := rfm.Cuts{sorted[(n+4)/5-1], sorted[(2*n+4)/5-1], sorted[(3*n+4)/5-1], sorted[(4*n+4)/5-1]}
			if model.Frequency != want {
				t.Errorf("%s n=%d: cuts %v, want %v", name, n, model.Frequency, want)
			}
			// The monetary values (o) are selected, not counted.
			for i := range want {
				want[i]--
			}
			if model.Monetary != want {
				t.Errorf("%s n=%d: monetary cuts %v, want %v", name, n, model.Monetary, want)
			}
		}
	}
}

func randInts(rng *rand.Rand, n, max int) []int {
	v := make([]int, n)
	for i := range v {
		v[i] = rng.IntN(max)
	}
	return v
}

func TestFitAccountsForEveryCustomer(t *testing.T) {
	base := append(segmenttest.Random(300, 5), prospect("p1"), prospect("p2"))
	f, err := rfm.NewFitter(nil, 0)
	require.NoError(t, err)
	unscored := 0
	for i := range base {
		require.NoError(t, f.Add(&base[i]))
		if base[i].Occasions == 0 {
			unscored++
		}
	}
	_, st, err := f.Fit()
	require.NoError(t, err)
	if st.Scored+st.Unscored != len(base) || st.Unscored != unscored || f.Len() != len(base) {
		t.Errorf("stats %+v, Len %d; want %d customers, %d unscored", st, f.Len(), len(base), unscored)
	}
	for _, counts := range [][5]int{st.Recency, st.Frequency, st.Monetary} {
		sum := 0
		for _, n := range counts {
			sum += n
		}
		if sum != st.Scored {
			t.Errorf("per-score counts %v add up to %d, want %d", counts, sum, st.Scored)
		}
	}
}

func TestFitErrors(t *testing.T) {
	noLast := customer("no-last", 10, 2, 50)
	noLast.Last = segment.Date{}
	for _, tc := range []struct {
		name  string
		p     segment.Profile
		field string
	}{
		{"negative occasions", segment.Profile{ID: "neg", AsOf: asOf, Occasions: -1}, "occasions"},
		{"no last purchase", noLast, "last"},
		{"last purchase after as-of", customer("future", -2, 1, 10), "last"},
		{"revenue NaN", customer("nan", 10, 1, math.NaN()), "revenue"},
		{"revenue infinite", customer("inf", 10, 1, math.Inf(-1)), "revenue"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := rfm.Fit([]segment.Profile{customer("ok", 1, 1, 1), tc.p}, nil)
			var fe *segment.FieldError
			if !errors.As(err, &fe) || fe.Field != tc.field || fe.Record != "customer "+strconv.Quote(tc.p.ID) {
				t.Errorf("err = %v; want a FieldError naming customer %q and field %s", err, tc.p.ID, tc.field)
			}
		})
	}
	if _, _, err := rfm.Fit([]segment.Profile{prospect("p")}, nil); !errors.Is(err, rfm.ErrNoPurchases) {
		t.Errorf("a base of prospects: err = %v, want ErrNoPurchases", err)
	}
	// With every dimension fixed, there is nothing to fit and no need for
	// buyers.
	fixed := &rfm.Config{Recency: segment.Some(handModel.Recency), Frequency: segment.Some(handModel.Frequency), Monetary: segment.Some(handModel.Monetary)}
	model, st, err := rfm.Fit([]segment.Profile{prospect("p")}, fixed)
	require.NoError(t, err)
	if diff := cmp.Diff(handModel, model); diff != "" {
		t.Errorf("fixed model (-want +got):\n%s", diff)
	}
	if st.Unscored != 1 || st.Scored != 0 {
		t.Errorf("stats %+v", st)
	}
	if _, err := rfm.NewFitter(&rfm.Config{Frequency: segment.Some(rfm.Cuts{0, 1, 2, 3})}, 0); err == nil {
		t.Error("NewFitter accepted a frequency cut point below 1")
	}
}

// Fixed cut points replace quantiles for their dimension only.
func TestFitWithFixedCuts(t *testing.T) {
	base := segmenttest.Random(400, 8)
	cfg := &rfm.Config{Recency: segment.Some(rfm.Cuts{30, 90, 180, 365})}
	model, _, err := rfm.Fit(base, cfg)
	require.NoError(t, err)
	quintiles, _, err := rfm.Fit(base, nil)
	require.NoError(t, err)
	if model.Recency != (rfm.Cuts{30, 90, 180, 365}) {
		t.Errorf("recency cuts %v, want the fixed ones", model.Recency)
	}
	if model.Frequency != quintiles.Frequency || model.Monetary != quintiles.Monetary {
		t.Errorf("fixing recency changed the other dimensions: %+v vs %+v", model, quintiles)
	}
}

func TestAverageOrderValue(t *testing.T) {
	// Same revenue, different occasions: revenue cannot tell them apart,
	// the average order value can.
	base := []segment.Profile{customer("a", 5, 1, 100), customer("b", 5, 2, 100), customer("c", 5, 4, 100), customer("d", 5, 5, 100), customer("e", 5, 10, 100)}
	rev, _, err := rfm.Fit(base, nil)
	require.NoError(t, err)
	aov, _, err := rfm.Fit(base, &rfm.Config{Basis: rfm.AverageOrderValue})
	require.NoError(t, err)
	var gotRev, gotAOV []uint8
	for i := range base {
		gotRev = append(gotRev, rev.Code(&base[i]).M)
		gotAOV = append(gotAOV, aov.Code(&base[i]).M)
	}
	if diff := cmp.Diff([]uint8{1, 1, 1, 1, 1}, gotRev); diff != "" {
		t.Errorf("M on revenue (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]uint8{5, 4, 3, 2, 1}, gotAOV); diff != "" {
		t.Errorf("M on average order value (-want +got):\n%s", diff)
	}
	if aov.Basis != rfm.AverageOrderValue {
		t.Errorf("the model forgot its basis: %v", aov.Basis)
	}
}

// Every default segment occurs when a fitted base spreads over all 125
// codes: eight customers per code, every dimension's values in five
// groups of 20% with the groups in score order.
func TestEveryDefaultSegmentReachableByFitting(t *testing.T) {
	var base []segment.Profile
	var want []rfm.Code
	for i := 0; i < 1000; i++ {
		c := allCodes()[i%125]
		base = append(base, customer("C"+strconv.Itoa(i), (5-int(c.R))*1000+i, (int(c.F)-1)*2000+i+1, float64((int(c.M)-1)*10000+i+1)))
		want = append(want, c)
	}
	model, st, err := rfm.Fit(base, nil)
	require.NoError(t, err)
	if st.Recency != [5]int{200, 200, 200, 200, 200} {
		t.Fatalf("buckets %v; the base is built for 20%% each", st.Recency)
	}
	c := mustClassifier(t, model, nil)
	seen := map[rfm.Segment]int{}
	for i := range base {
		if got := c.Code(&base[i]); got != want[i] {
			t.Fatalf("%s: code %s, want %s", base[i].ID, got, want[i])
		}
		seen[c.Classify(&base[i]).Primary]++
	}
	for _, s := range rfm.Segments.Values() {
		if seen[s] == 0 {
			t.Errorf("segment %s never assigned", s)
		}
	}
	if seen[rfm.Unknown] != 0 {
		t.Errorf("%d scored customers without a segment", seen[rfm.Unknown])
	}
}
