package rfm_test

import (
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/rfm"
	"github.com/clientele-go/clientele/segment/segmenttest"
)

func TestConformance(t *testing.T) {
	base := segmenttest.Random(500, 11)
	model, _, err := rfm.Fit(base, nil)
	require.NoError(t, err)
	extra := []segment.Profile{at(code(t, "555")), at(code(t, "111")), prospect("p")}
	segmenttest.TestConformance(t, mustClassifier(t, model, nil), rfm.DefaultMap().Labels(), extra...)
	segmenttest.TestConformance(t, mustClassifier(t, handModel, nil), rfm.Segments, extra...)

	aov, _, err := rfm.Fit(base, &rfm.Config{Basis: rfm.AverageOrderValue})
	require.NoError(t, err)
	segmenttest.TestConformance(t, mustClassifier(t, aov, nil), rfm.Segments, extra...)

	// A user map with names of its own and codes left without a segment.
	rules, err := rfm.ParseRules([]byte(`{"rules":[
		{"segment":"VIP","r":[4,5],"f":[4,5]},
		{"segment":"Sleepers","r":[1,2]},
		{"segment":"Champions","m":[5,5]}]}`))
	require.NoError(t, err)
	m, err := rules.Compile()
	require.NoError(t, err)
	segmenttest.TestConformance(t, mustClassifier(t, model, m), m.Labels(), extra...)
}

// One case per default segment, and for each segment the customers one
// step across each of its boundaries, so that every boundary of the map
// is pinned from both sides. Codes are reached through handModel.
func TestDefaultSegments(t *testing.T) {
	c := mustClassifier(t, handModel, nil)
	type row struct {
		code string
		want rfm.Segment
		why  string
	}
	rows := []row{
		{"555", rfm.Champions, "best on all three"},
		{"543", rfm.Champions, "R5 F4 M3: the lowest corner of Champions"},
		{"542", rfm.Loyal, "M2 is below the spending Champions need"},
		{"443", rfm.Loyal, "R4 is one step below Champions' recency"},
		{"533", rfm.PotentialLoyalist, "F3 is one step below Champions' frequency"},
		{"551", rfm.Loyal, "a frequent, recent, small spender"},
		{"345", rfm.Loyal, "R3 F4: the oldest corner of Loyal"},
		{"245", rfm.AtRisk, "R2 F4: frequent but gone quiet"},
		{"335", rfm.NeedAttention, "R3 F3 is the only Need Attention cell, at any M"},
		{"331", rfm.NeedAttention, "M does not matter for Need Attention"},
		{"521", rfm.PotentialLoyalist, "recent, a second purchase"},
		{"421", rfm.PotentialLoyalist, "R4 F2"},
		{"321", rfm.AboutToSleep, "R3 is one step below Potential Loyalist's recency"},
		{"511", rfm.NewCustomers, "one purchase, very recent"},
		{"515", rfm.NewCustomers, "even a big first purchase is a new customer"},
		{"411", rfm.Promising, "one purchase, R4"},
		{"311", rfm.AboutToSleep, "one purchase, R3"},
		{"312", rfm.AboutToSleep, "R3 F1-2"},
		{"211", rfm.Hibernating, "R2 F1: below About To Sleep's recency"},
		{"231", rfm.AtRisk, "R2 F3"},
		{"141", rfm.AtRisk, "R1 F4"},
		{"153", rfm.CantLoseThem, "R1 F5 M3"},
		{"255", rfm.CantLoseThem, "R2 F5 M5"},
		{"252", rfm.AtRisk, "F5 but M2: not the big spender Can't Lose Them means"},
		{"355", rfm.Loyal, "R3 is one step above Can't Lose Them's recency"},
		{"113", rfm.Hibernating, "R1 F1 who spent: worth waking"},
		{"112", rfm.Lost, "R1 F1 M2: lowest on all three"},
		{"122", rfm.Lost, "R1 F2 M2"},
		{"123", rfm.Hibernating, "M3 is one step above Lost's spending"},
		{"132", rfm.AtRisk, "F3 is one step above Lost's frequency"},
		{"212", rfm.Hibernating, "R2 is one step above Lost's recency"},
		{"111", rfm.Lost, "the bottom corner"},
	}
	var cases []segmenttest.Case[rfm.Segment]
	for _, r := range rows {
		want := code(t, r.code)
		cases = append(cases, segmenttest.Case[rfm.Segment]{
			Name: r.code, Profile: at(want), Want: r.want, Why: r.why,
			Check: func(got segment.Result[rfm.Segment]) error {
				p := at(want)
				if c := c.Code(&p); c != want {
					return errorf("code %s, want %s", c, want)
				}
				return nil
			},
		})
	}
	cases = append(cases, segmenttest.Case[rfm.Segment]{
		Name: "never bought", Profile: prospect("p"), Want: rfm.Unknown, Why: "no occasion, no code",
	})
	segmenttest.Run(t, c, cases...)
}

// Each of the twelve cut points, with the value on it and one step past
// it: a value on a cut point belongs to the bucket below it.
func TestCutPointBoundaries(t *testing.T) {
	c := mustClassifier(t, handModel, nil)
	type tc struct {
		name string
		p    segment.Profile
		want string
	}
	var cases []tc
	for i, cut := range handModel.Recency {
		d := int(cut)
		cases = append(cases,
			tc{"recency on cut " + itoa(i), customer("r", d, 1, 20), string(rune('5'-i)) + "11"},
			tc{"recency past cut " + itoa(i), customer("r", d+1, 1, 20), string(rune('4'-i)) + "11"})
	}
	for i, cut := range handModel.Frequency {
		n := int(cut)
		cases = append(cases,
			tc{"frequency on cut " + itoa(i), customer("f", 10, n, 20), "5" + string(rune('1'+i)) + "1"},
			tc{"frequency past cut " + itoa(i), customer("f", 10, n+1, 20), "5" + string(rune('2'+i)) + "1"})
	}
	for i, cut := range handModel.Monetary {
		cases = append(cases,
			tc{"monetary on cut " + itoa(i), customer("m", 10, 1, cut), "51" + string(rune('1'+i))},
			tc{"monetary past cut " + itoa(i), customer("m", 10, 1, math.Nextafter(cut, math.Inf(1))), "51" + string(rune('2'+i))})
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := c.Code(&tc.p); got.String() != tc.want {
				t.Errorf("code %s, want %s", got, tc.want)
			}
		})
	}
}

func TestUnscored(t *testing.T) {
	c := mustClassifier(t, handModel, nil)
	noLast := customer("x", 10, 2, 50)
	noLast.Last = segment.Date{}
	future := customer("x", -3, 1, 50)
	nan := customer("x", 10, 2, math.NaN())
	inf := customer("x", 10, 2, math.Inf(1))
	for _, tc := range []struct {
		name string
		p    segment.Profile
		want segment.Reason
	}{
		{"never bought", prospect("p"), segment.Reason{Rule: "scored", Field: "occasions", Value: 0, Known: true, Op: segment.Greater}},
		{"no last purchase", noLast, segment.Reason{Rule: "scored", Field: "recency_days"}},
		{"last purchase after as-of", future, segment.Reason{Rule: "scored", Field: "recency_days", Value: -3, Known: true, Op: segment.GreaterEq}},
		{"revenue NaN", nan, segment.Reason{Rule: "scored", Field: "revenue"}},
		{"revenue infinite", inf, segment.Reason{Rule: "scored", Field: "revenue"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := c.Code(&tc.p); got != (rfm.Code{}) {
				t.Errorf("code %s, want none", got)
			}
			want := segment.Explanation[rfm.Segment]{Reasons: []segment.Reason{tc.want}}
			if diff := cmp.Diff(want, c.Explain(&tc.p)); diff != "" {
				t.Errorf("Explain (-want +got):\n%s", diff)
			}
		})
	}
}

func TestScoresAndSecondary(t *testing.T) {
	c := mustClassifier(t, handModel, nil)
	for _, tc := range []struct {
		code      string
		primary   rfm.Segment
		secondary rfm.Segment
		scores    map[rfm.Segment]float32
	}{
		// 555's neighbours: 455 Loyal, 545 and 554 Champions.
		{"555", rfm.Champions, rfm.Loyal, map[rfm.Segment]float32{rfm.Champions: 1, rfm.Loyal: 0.5, rfm.Lost: 1.0 / 11}},
		// 333's six neighbours are in six different segments but one is
		// its own; the tie goes to the most valuable: Loyal (343).
		{"333", rfm.NeedAttention, rfm.Loyal, map[rfm.Segment]float32{rfm.NeedAttention: 1, rfm.Loyal: 0.5, rfm.AtRisk: 0.5, rfm.Champions: 1.0 / 4}},
		// 513: neighbours 413 Promising, 523 Potential Loyalist, 512 and
		// 514 New Customers; Potential Loyalist is more valuable.
		{"513", rfm.NewCustomers, rfm.PotentialLoyalist, map[rfm.Segment]float32{rfm.NewCustomers: 1, rfm.Promising: 0.5}},
		// 111: 112, 121 Lost; 211 Hibernating.
		{"111", rfm.Lost, rfm.Hibernating, map[rfm.Segment]float32{rfm.Lost: 1, rfm.Hibernating: 0.5, rfm.Champions: 1.0 / 10}},
		// 413 lies inside Promising's row: 412, 414 Promising, 313 About
		// To Sleep, 513 New Customers, 423 Potential Loyalist: three
		// segments, one neighbour each; Potential Loyalist is first.
		{"413", rfm.Promising, rfm.PotentialLoyalist, nil},
	} {
		p := at(code(t, tc.code))
		got := c.Classify(&p)
		if got.Primary != tc.primary || got.Secondary != tc.secondary || got.Confidence != 1 {
			t.Errorf("%s: got %s/%s confidence %v, want %s/%s confidence 1", tc.code, got.Primary, got.Secondary, got.Confidence, tc.primary, tc.secondary)
		}
		for s, want := range tc.scores {
			if got.Scores[s] != want {
				t.Errorf("%s: score of %s = %v, want %v", tc.code, s, got.Scores[s], want)
			}
		}
	}
}

// The default map has a segment for every code, so every scored customer
// has a primary label and a positive score for each of the eleven.
func TestEveryCodeScoresEverySegment(t *testing.T) {
	c := mustClassifier(t, handModel, nil)
	for _, cd := range allCodes() {
		p := at(cd)
		r := c.Classify(&p)
		if r.Primary == rfm.Unknown {
			t.Errorf("%s: no segment", cd)
		}
		for _, s := range rfm.Segments.Values() {
			if r.Scores[s] <= 0 {
				t.Errorf("%s: %s scores %v", cd, s, r.Scores[s])
			}
		}
	}
}

func TestExplain(t *testing.T) {
	p := customer("c", 45, 3, 120)
	want := []segment.Reason{
		{Rule: "recency_score", Label: "R4", Field: "recency_days", Value: 45, Known: true, Op: segment.Greater, Threshold: 30, Setting: "recency[0]", Held: true},
		{Rule: "recency_score", Label: "R4", Field: "recency_days", Value: 45, Known: true, Op: segment.LessEq, Threshold: 90, Setting: "recency[1]", Held: true},
		{Rule: "frequency_score", Label: "F3", Field: "occasions", Value: 3, Known: true, Op: segment.Greater, Threshold: 2, Setting: "frequency[1]", Held: true},
		{Rule: "frequency_score", Label: "F3", Field: "occasions", Value: 3, Known: true, Op: segment.LessEq, Threshold: 4, Setting: "frequency[2]", Held: true},
		{Rule: "monetary_score", Label: "M3", Field: "revenue", Value: 120, Known: true, Op: segment.Greater, Threshold: 100, Setting: "monetary[1]", Held: true},
		{Rule: "monetary_score", Label: "M3", Field: "revenue", Value: 120, Known: true, Op: segment.LessEq, Threshold: 200, Setting: "monetary[2]", Held: true},
	}
	t.Run("default map", func(t *testing.T) {
		c := mustClassifier(t, handModel, nil)
		ex := c.Explain(&p)
		w := append(append([]segment.Reason(nil), want...),
			segment.Reason{Rule: "segments[2]", Label: "potential_loyalist", Field: "rfm_code", FieldEN: "RFM code", FieldRU: "код RFM", Value: 433, Known: true, Held: true})
		if diff := cmp.Diff(w, ex.Reasons); diff != "" {
			t.Errorf("reasons (-want +got):\n%s", diff)
		}
		if ex.Result != c.Classify(&p) {
			t.Errorf("Explain's result %+v differs from Classify's", ex.Result)
		}
	})
	t.Run("rules", func(t *testing.T) {
		rs := rfm.Rules{Fallback: "Others", Rules: []rfm.Rule{
			{Segment: "Champions", R: rfm.Range{Lo: 5, Hi: 5}},
			{Segment: "Middle", R: rfm.Range{Lo: 3, Hi: 4}, F: rfm.Range{Lo: 1, Hi: 3}, M: rfm.Range{Lo: 3, Hi: 3}},
			{Segment: "Rest"},
		}}
		m, err := rs.Compile()
		require.NoError(t, err)
		c := mustClassifier(t, handModel, m)
		w := append(append([]segment.Reason(nil), want...),
			segment.Reason{Rule: "rules[1]", Label: "middle", Field: "rfm_code", FieldEN: "RFM code", FieldRU: "код RFM", Value: 433, Known: true, Held: true},
			segment.Reason{Rule: "rules[1]", Label: "middle", Field: "r_score", FieldEN: "recency score", FieldRU: "оценка давности (R)", Value: 4, Known: true, Op: segment.GreaterEq, Threshold: 3, Setting: "rules[1].r", Held: true},
			segment.Reason{Rule: "rules[1]", Label: "middle", Field: "r_score", FieldEN: "recency score", FieldRU: "оценка давности (R)", Value: 4, Known: true, Op: segment.LessEq, Threshold: 4, Setting: "rules[1].r", Held: true},
			segment.Reason{Rule: "rules[1]", Label: "middle", Field: "f_score", FieldEN: "frequency score", FieldRU: "оценка частоты (F)", Value: 3, Known: true, Op: segment.LessEq, Threshold: 3, Setting: "rules[1].f", Held: true},
			segment.Reason{Rule: "rules[1]", Label: "middle", Field: "m_score", FieldEN: "monetary score", FieldRU: "оценка суммы (M)", Value: 3, Known: true, Op: segment.Equal, Threshold: 3, Setting: "rules[1].m", Held: true},
		)
		if diff := cmp.Diff(w, c.Explain(&p).Reasons); diff != "" {
			t.Errorf("reasons (-want +got):\n%s", diff)
		}
		// The catch-all rule tests nothing; its only reason is the code.
		q := customer("q", 300, 1, 20)
		got := c.Explain(&q).Reasons
		if diff := cmp.Diff(segment.Reason{Rule: "rules[2]", Label: "rest", Field: "rfm_code", FieldEN: "RFM code", FieldRU: "код RFM", Value: 211, Known: true, Held: true}, got[len(got)-1]); diff != "" {
			t.Errorf("catch-all reason (-want +got):\n%s", diff)
		}
	})
	t.Run("fallback and uncovered", func(t *testing.T) {
		for _, tc := range []struct {
			fallback string
			want     segment.Reason
		}{
			{"Others", segment.Reason{Rule: "fallback", Label: "others", Field: "rfm_code", FieldEN: "RFM code", FieldRU: "код RFM", Value: 433, Known: true, Held: true}},
			{"", segment.Reason{Rule: "uncovered", Field: "rfm_code", FieldEN: "RFM code", FieldRU: "код RFM", Value: 433, Known: true}},
		} {
			m, err := rfm.Rules{Fallback: tc.fallback, Rules: []rfm.Rule{{Segment: "Top", R: rfm.Range{Lo: 5, Hi: 5}}}}.Compile()
			require.NoError(t, err)
			c := mustClassifier(t, handModel, m)
			ex := c.Explain(&p)
			if diff := cmp.Diff(tc.want, ex.Reasons[len(ex.Reasons)-1]); diff != "" {
				t.Errorf("fallback %q (-want +got):\n%s", tc.fallback, diff)
			}
			wantConf := float32(1)
			if tc.fallback == "" {
				wantConf = 0
			}
			if ex.Result.Confidence != wantConf || (ex.Result.Primary == rfm.Unknown) != (tc.fallback == "") {
				t.Errorf("fallback %q: result %+v", tc.fallback, ex.Result)
			}
		}
	})
}

func TestExplainText(t *testing.T) {
	c := mustClassifier(t, handModel, nil)
	p := customer("c", 10, 12, 900)
	want := "Champions (1.00)\n" +
		"  R5: days since last purchase = 10 <= 30 (recency[0]) — yes\n" +
		"  F5: purchase occasions = 12 > 8 (frequency[3]) — yes\n" +
		"  M5: net revenue = 900 > 400 (monetary[3]) — yes\n" +
		"  champions: RFM code = 555 — yes\n"
	if diff := cmp.Diff(want, c.Explain(&p).Text(segment.English)); diff != "" {
		t.Errorf("text (-want +got):\n%s", diff)
	}
}

func TestNewRejectsInvalidModel(t *testing.T) {
	bad := handModel
	bad.Frequency = rfm.Cuts{1, 3, 2, 8}
	if _, err := rfm.New(bad, nil); err == nil {
		t.Error("New accepted frequency cut points that decrease")
	}
}
