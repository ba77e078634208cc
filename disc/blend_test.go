package disc_test

import (
	"errors"
	"hash/fnv"
	"math/bits"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/clientele-go/clientele/disc"
	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/segmenttest"
)

// tallyOf answers the sample questionnaire the way a customer with p's ID
// might: deterministic, varied, and always valid.
func tallyOf(t testing.TB, p *segment.Profile) disc.Tally {
	q := disc.SampleQuestionnaire()
	h := fnv.New64a()
	h.Write([]byte(p.ID))
	seed := h.Sum64()
	styles := disc.Styles.Values()
	tally, err := q.Score(answersFor(q, func(i int) (disc.Style, disc.Style) {
		x := seed >> (i % 32) * 2654435761
		most := int(x % 4)
		least := (most + 1 + int(x>>8%3)) % 4
		return styles[most], styles[least]
	}))
	require.NoError(t, err)
	return tally
}

// The questionnaire path keeps the laws of segment.Result too: run the
// conformance kit on it, and on Blend, through segment.Func.
func TestQuestionnaireConformance(t *testing.T) {
	c := mustNew(t, nil)
	segmenttest.TestConformance[disc.Style](t, segment.Func[disc.Style](func(p *segment.Profile) segment.Result[disc.Style] {
		return tallyOf(t, p).Result()
	}), disc.Styles)
	segmenttest.TestConformance[disc.Style](t, segment.Func[disc.Style](func(p *segment.Profile) segment.Result[disc.Style] {
		return c.Blend(p, tallyOf(t, p))
	}), disc.Styles, recipes()...)
	// Tallies nobody validated still give lawful results: huge is 1<<62
	// where an int has 64 bits (1<<30 where it has 32).
	const huge = 1 << (bits.UintSize - 2)
	for _, tally := range []disc.Tally{
		{Groups: 3, Most: [5]int{0, 9, 9, 9, 9}},
		{Groups: 2, Least: [5]int{0, 5, 0, 0, 0}},
		{Groups: -4, Most: [5]int{0, 1}},
		{Groups: huge, Most: [5]int{0, huge}, Least: [5]int{0, 0, -huge}},
	} {
		segmenttest.TestConformance[disc.Style](t, segment.Func[disc.Style](func(p *segment.Profile) segment.Result[disc.Style] {
			return c.Blend(p, tally)
		}), disc.Styles)
		segmenttest.TestConformance[disc.Style](t, segment.Func[disc.Style](func(*segment.Profile) segment.Result[disc.Style] {
			return tally.Result()
		}), disc.Styles)
	}
}

func TestBlendWithOneSource(t *testing.T) {
	c := mustNew(t, nil)
	// Without a questionnaire, Blend is Classify.
	for _, p := range append(recipes(), segmenttest.Random(200, 5)...) {
		if diff := cmp.Diff(c.Classify(&p), c.Blend(&p, disc.Tally{})); diff != "" {
			t.Errorf("%s: Blend without answers (-Classify +Blend):\n%s", p.ID, diff)
		}
	}
	// With nothing known about behaviour, Blend is the questionnaire.
	unknownBehaviour := segment.Profile{ID: "quiz only", AsOf: asOf}
	for _, id := range []string{"a", "b", "c", "d", "e"} {
		tally := tallyOf(t, &segment.Profile{ID: id})
		if diff := cmp.Diff(tally.Result(), c.Blend(&unknownBehaviour, tally)); diff != "" {
			t.Errorf("%s: Blend without behaviour (-Result +Blend):\n%s", id, diff)
		}
	}
}

// dominantTally is a questionnaire whose respondent leans to D by net
// lead over I.
func dominantTally(lead int) disc.Tally {
	var t disc.Tally
	t.Groups = 24
	t.Most[disc.Dominant], t.Most[disc.Influential] = 12+lead/2, 12-lead/2
	t.Least[disc.Steady], t.Least[disc.Conscientious] = 12, 12
	return t
}

func TestBlendWeighsTheQuestionnaireHigher(t *testing.T) {
	c := mustNew(t, nil)
	conscientious := recipes()[3] // behaviour: C at 1, S low, D weak
	behaviour := c.Classify(&conscientious)
	require.Equal(t, disc.Conscientious, behaviour.Primary)

	clear := dominantTally(12) // D +18 of 24
	r := c.Blend(&conscientious, clear)
	if r.Primary != disc.Dominant {
		t.Errorf("a clear questionnaire against behaviour: got %s, want the questionnaire's dominant", r.Primary)
	}
	if q := clear.Result(); !(r.Confidence < q.Confidence) {
		t.Errorf("disagreement should lower confidence: blended %v, questionnaire alone %v", r.Confidence, q.Confidence)
	}

	// A barely decided respondent (D and I within two) is overturned by
	// strong, well-known behaviour.
	weak := disc.Tally{Groups: 24}
	weak.Most = [5]int{0, 7, 6, 6, 5}
	weak.Least = [5]int{0, 6, 6, 6, 6}
	require.NoError(t, weak.Validate())
	require.Equal(t, disc.Dominant, weak.Result().Primary)
	known := conscientious
	known.Signals.SocialPosts, known.Signals.Referrals, known.Signals.LoyaltyMember = segment.Some(0), segment.Some(0), segment.Some(false)
	if got := c.Blend(&known, weak).Primary; got != disc.Conscientious {
		t.Errorf("a weak questionnaire against strong behaviour: got %s, want conscientious", got)
	}

	// With questionnaire_weight 1 behaviour is ignored whenever there are
	// answers.
	only := mustNew(t, &disc.Config{QuestionnaireWeight: 1})
	if diff := cmp.Diff(weak.Result(), only.Blend(&known, weak)); diff != "" {
		t.Errorf("weight 1 (-questionnaire +blend):\n%s", diff)
	}
}

// Behaviour known only for C must not drag the other styles' questionnaire
// scores down: their unknown indicators are no evidence against them.
func TestBlendLeavesUnknownStylesAlone(t *testing.T) {
	c := mustNew(t, nil)
	p := prospect(func(s *segment.Signals) { s.Inquiries = segment.Some(3) })
	tally := dominantTally(6)
	q, r := tally.Result(), c.Blend(&p, tally)
	for _, s := range []disc.Style{disc.Dominant, disc.Influential, disc.Steady} {
		if r.Scores[s] != q.Scores[s] {
			t.Errorf("%s: blended %v, questionnaire %v; behaviour knows nothing of it", s, r.Scores[s], q.Scores[s])
		}
	}
	if !(r.Scores[disc.Conscientious] > q.Scores[disc.Conscientious]) {
		t.Errorf("conscientious: blended %v, questionnaire %v; behaviour shows it", r.Scores[disc.Conscientious], q.Scores[disc.Conscientious])
	}
}

func TestBlendAgreementRaisesConfidence(t *testing.T) {
	c := mustNew(t, nil)
	dominant := recipes()[0]
	tally := dominantTally(4)
	r, q := c.Blend(&dominant, tally), tally.Result()
	if r.Primary != disc.Dominant || !(r.Confidence > q.Confidence) {
		t.Errorf("agreeing sources: blended %s at %v, questionnaire alone %v", r.Primary, r.Confidence, q.Confidence)
	}
}

func TestExplainBlend(t *testing.T) {
	c := mustNew(t, nil)
	p := recipes()[3]
	tally := dominantTally(12)
	ex := c.ExplainBlend(&p, tally)
	if diff := cmp.Diff(c.Blend(&p, tally), ex.Result); diff != "" {
		t.Errorf("ExplainBlend and Blend disagree (-want +got):\n%s", diff)
	}
	if len(ex.Reasons) != 16+4+1 {
		t.Errorf("%d reasons, want 16 behavioural, 4 questionnaire, 1 blend", len(ex.Reasons))
	}
	last := ex.Reasons[len(ex.Reasons)-1]
	if last.Rule != "blend" || !last.Held || !(last.Value > 0.75 && last.Value < 1) {
		t.Errorf("blend reason %+v; want the questionnaire's share above its weight (behaviour is partly unknown)", last)
	}
}

func TestSurveyed(t *testing.T) {
	c := mustNew(t, nil)
	profiles := append(recipes(), segmenttest.Random(300, 1)...)
	tallies := map[string]disc.Tally{}
	for i := range profiles {
		if i%2 == 0 {
			tallies[profiles[i].ID] = tallyOf(t, &profiles[i])
		}
	}
	s, err := c.WithTallies(tallies)
	require.NoError(t, err)
	segmenttest.TestConformance(t, s, disc.Styles, recipes()...)
	for i := range profiles {
		p := &profiles[i]
		want := c.Classify(p)
		if tally, ok := tallies[p.ID]; ok {
			want = c.Blend(p, tally)
		}
		if diff := cmp.Diff(want, s.Classify(p)); diff != "" {
			t.Errorf("%s (-want +got):\n%s", p.ID, diff)
		}
	}
	// The map was copied.
	delete(tallies, "dominant")
	if _, ok := s.Tally("dominant"); !ok {
		t.Error("deleting from the caller's map changed the classifier")
	}

	bad := disc.Tally{Groups: 2}
	_, err = c.WithTallies(map[string]disc.Tally{"ok": tallyOf(t, &profiles[0]), "C-17": bad, "C-18": bad})
	want := `disc: tally of customer "C-17": most "0": out of range: MOST picks add up to 0, want one per group (2)`
	var fe *segment.FieldError
	if err == nil || err.Error() != want || !errors.As(err, &fe) || !strings.Contains(fe.Record, "C-17") {
		t.Errorf("got  %v\nwant %s", err, want)
	}
}

func TestBlendDoesNotAllocate(t *testing.T) {
	c := mustNew(t, nil)
	p := recipes()[3]
	tally := dominantTally(6)
	s, err := c.WithTallies(map[string]disc.Tally{p.ID: tally})
	require.NoError(t, err)
	if n := testing.AllocsPerRun(100, func() { _ = c.Blend(&p, tally) }); n != 0 {
		t.Errorf("Blend allocates %v times per call", n)
	}
	if n := testing.AllocsPerRun(100, func() { _ = s.Classify(&p) }); n != 0 {
		t.Errorf("Surveyed.Classify allocates %v times per call", n)
	}
	if n := testing.AllocsPerRun(100, func() { _ = tally.Result() }); n != 0 {
		t.Errorf("Tally.Result allocates %v times per call", n)
	}
}

func BenchmarkBlend(b *testing.B) {
	c := mustNew(b, nil)
	p := recipes()[3]
	tally := dominantTally(6)
	b.ReportAllocs()
	for b.Loop() {
		_ = c.Blend(&p, tally)
	}
}

func BenchmarkScore(b *testing.B) {
	q := disc.SampleQuestionnaire()
	answers := answersFor(q, always(disc.Steady, disc.Dominant))
	b.ReportAllocs()
	for b.Loop() {
		_, _ = q.Score(answers)
	}
}
