package disc_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/clientele-go/clientele/disc"
	"github.com/clientele-go/clientele/segment"
)

// wordOf returns the id of g's word for style s.
func wordOf(g disc.Group, s disc.Style) string {
	for _, w := range g.Words {
		if w.Factor == s {
			return w.ID
		}
	}
	return ""
}

// answersFor answers every group of q with pick(i) = (most, least).
func answersFor(q *disc.Questionnaire, pick func(i int) (most, least disc.Style)) []disc.Answer {
	out := make([]disc.Answer, len(q.Groups))
	for i, g := range q.Groups {
		m, l := pick(i)
		out[i] = disc.Answer{Group: g.ID, Most: wordOf(g, m), Least: wordOf(g, l)}
	}
	return out
}

func always(most, least disc.Style) func(int) (disc.Style, disc.Style) {
	return func(int) (disc.Style, disc.Style) { return most, least }
}

func TestSampleQuestionnaire(t *testing.T) {
	q := disc.SampleQuestionnaire()
	require.NoError(t, q.Validate())
	if len(q.Groups) != 24 {
		t.Errorf("%d groups, want 24", len(q.Groups))
	}
	// No style is always shown first: respondents must not learn a
	// pattern.
	first := map[disc.Style]int{}
	words := map[string]bool{}
	for _, g := range q.Groups {
		first[g.Words[0].Factor]++
		for _, w := range g.Words {
			if w.EN == "" || w.RU == "" {
				t.Errorf("group %s word %s lacks a language: %+v", g.ID, w.ID, w.Text)
			}
			if words[w.ID] {
				t.Errorf("word %s appears twice in the sample", w.ID)
			}
			words[w.ID] = true
		}
	}
	if diff := cmp.Diff(map[disc.Style]int{disc.Dominant: 6, disc.Influential: 6, disc.Steady: 6, disc.Conscientious: 6}, first); diff != "" {
		t.Errorf("styles shown first (-want +got):\n%s", diff)
	}
	if q.Instructions.EN == "" || q.Instructions.RU == "" || q.Title.RU == "" {
		t.Errorf("title or instructions missing: %+v %+v", q.Title, q.Instructions)
	}

	// Each call is a copy the caller may change.
	q.Groups[0].Words[0].ID = "changed"
	q.Groups = q.Groups[:1]
	again := disc.SampleQuestionnaire()
	if len(again.Groups) != 24 || again.Groups[0].Words[0].ID == "changed" {
		t.Error("changing one sample changed the next")
	}

	// The JSON form round-trips, and the shipped text is what is parsed.
	b, err := json.Marshal(again)
	require.NoError(t, err)
	back, err := disc.ParseQuestionnaire(b)
	require.NoError(t, err)
	if diff := cmp.Diff(again, back); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
	fromText, err := disc.ParseQuestionnaire(disc.SampleQuestionnaireJSON())
	require.NoError(t, err)
	if diff := cmp.Diff(again, fromText); diff != "" {
		t.Errorf("SampleQuestionnaireJSON (-want +got):\n%s", diff)
	}
}

func TestQuestionnaireLookups(t *testing.T) {
	q := disc.SampleQuestionnaire()
	g, ok := q.Group("g01")
	require.True(t, ok)
	w, ok := g.Word("decisive")
	if !ok || w.Factor != disc.Dominant || w.In(segment.Russian) != "Решительный" {
		t.Errorf("g01/decisive = %+v, %v", w, ok)
	}
	if _, ok := q.Group("g99"); ok {
		t.Error("found group g99")
	}
	if _, ok := g.Word("patient "); ok {
		t.Error("found a word by an id with a trailing space")
	}
}

// Every defect of a questionnaire is rejected, naming where it is.
func TestInvalidQuestionnaires(t *testing.T) {
	for _, tc := range []struct {
		name   string
		break_ func(q *disc.Questionnaire)
		want   string
	}{
		{"no groups", func(q *disc.Questionnaire) { q.Groups = nil },
			`disc: questionnaire: groups "": must not be empty`},
		{"too many groups", func(q *disc.Questionnaire) {
			for len(q.Groups) <= disc.MaxGroups {
				g := q.Groups[0]
				g.ID = fmt.Sprintf("extra%d", len(q.Groups))
				q.Groups = append(q.Groups, g)
			}
		}, `disc: questionnaire: groups "101": out of range: 101 groups, the limit is 100`},
		{"empty group id", func(q *disc.Questionnaire) { q.Groups[2].ID = "" },
			`disc: questionnaire: groups[2]: id "": must not be empty`},
		{"padded group id", func(q *disc.Questionnaire) { q.Groups[2].ID = " g03" },
			`disc: questionnaire: groups[2]: id " g03": has surrounding space`},
		{"long group id", func(q *disc.Questionnaire) { q.Groups[2].ID = strings.Repeat("g", disc.MaxIDBytes+1) },
			`disc: questionnaire: groups[2]: id "` + strings.Repeat("g", 65) + `": out of range: 65 bytes, the limit is 64`},
		{"repeated group id", func(q *disc.Questionnaire) { q.Groups[5].ID = "g02" },
			`disc: questionnaire: groups[5]: id "g02": repeats the id of groups[1]`},
		{"three words", func(q *disc.Questionnaire) { q.Groups[3].Words = q.Groups[3].Words[:3] },
			`disc: questionnaire: group "g04": words "3": out of range: want 4 words, one per style (D, I, S, C)`},
		{"five words", func(q *disc.Questionnaire) {
			q.Groups[3].Words = append(q.Groups[3].Words, disc.Word{ID: "extra", Factor: disc.Steady, Text: disc.Text{EN: "Extra"}})
		}, `disc: questionnaire: group "g04": words "5": out of range: want 4 words, one per style (D, I, S, C)`},
		{"two words of one style", func(q *disc.Questionnaire) { q.Groups[0].Words[3].Factor = disc.Dominant },
			`disc: questionnaire: group "g01": words[3].factor "D": words[0] already stands for dominant; want one word per style`},
		{"word without a style", func(q *disc.Questionnaire) { q.Groups[0].Words[1].Factor = disc.Unknown },
			`disc: questionnaire: group "g01": words[1].factor "unknown": want D, I, S or C`},
		{"empty word id", func(q *disc.Questionnaire) { q.Groups[0].Words[1].ID = "" },
			`disc: questionnaire: group "g01": words[1].id "": must not be empty`},
		{"repeated word id", func(q *disc.Questionnaire) { q.Groups[0].Words[2].ID = "decisive" },
			`disc: questionnaire: group "g01": words[2].id "decisive": repeats the id of words[0]`},
		{"word without text", func(q *disc.Questionnaire) { q.Groups[0].Words[1].Text = disc.Text{EN: " "} },
			`disc: questionnaire: group "g01": words[1].en "": must not be empty: a word needs a text in English or Russian`},
		{"repeated text", func(q *disc.Questionnaire) { q.Groups[0].Words[1].EN = "DECISIVE" },
			`disc: questionnaire: group "g01": words[1].en "DECISIVE": repeats the text of words[0]`},
		{"repeated Russian text", func(q *disc.Questionnaire) { q.Groups[0].Words[1].RU = "решительный" },
			`disc: questionnaire: group "g01": words[1].ru "решительный": repeats the text of words[0]`},
		{"long text", func(q *disc.Questionnaire) { q.Groups[0].Words[1].RU = strings.Repeat("я", 129) },
			`disc: questionnaire: group "g01": words[1].text "Patient / ` + strings.Repeat("я", 129) + `": out of range: 258 bytes, the limit is 256`},
		{"bad UTF-8", func(q *disc.Questionnaire) { q.Groups[0].Words[1].EN = "Pa\xfftient" },
			`disc: questionnaire: group "g01": words[1].text "Pa\xfftient / Терпеливый": not valid UTF-8`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			q := disc.SampleQuestionnaire()
			tc.break_(q)
			err := q.Validate()
			if err == nil || err.Error() != tc.want {
				t.Fatalf("got  %v\nwant %s", err, tc.want)
			}
			var fe *segment.FieldError
			if !errors.As(err, &fe) {
				t.Errorf("not a FieldError: %v", err)
			}
			// The same defect is refused on the way in from JSON (except bad
			// UTF-8, which encoding/json repairs on the way out), and Score
			// refuses to score against it.
			b, jerr := json.Marshal(q)
			require.NoError(t, jerr)
			if _, err := disc.ParseQuestionnaire(b); err == nil && tc.name != "bad UTF-8" {
				t.Error("ParseQuestionnaire accepted it")
			}
			if _, err := q.Score(nil); err == nil || err.Error() != tc.want {
				t.Errorf("Score: %v", err)
			}
		})
	}
}

func TestInvalidQuestionnaireJSON(t *testing.T) {
	valid := `{"groups": [{"id": "g1", "words": [
		{"id": "a", "factor": "D", "en": "A"}, {"id": "b", "factor": "influential", "en": "B"},
		{"id": "c", "factor": "s", "ru": "В"}, {"id": "d", "factor": "Аккуратный", "en": "D"}]}]}`
	q, err := disc.ParseQuestionnaire([]byte(valid))
	require.NoError(t, err)
	if got := q.Groups[0].Words[3].Factor; got != disc.Conscientious {
		t.Errorf("factor by Russian title = %v", got)
	}
	for _, tc := range []struct{ name, json, want string }{
		{"unknown factor", strings.Replace(valid, `"factor": "s"`, `"factor": "X"`, 1),
			`disc: questionnaire: group "g1": words[2].factor "X": want D, I, S or C`},
		{"unknown factor name", strings.Replace(valid, `"factor": "s"`, `"factor": "unknown"`, 1),
			`disc: questionnaire: group "g1": words[2].factor "unknown": want D, I, S or C`},
		{"missing factor", strings.Replace(valid, `"factor": "s", `, ``, 1),
			`disc: questionnaire: group "g1": words[2].factor "": want D, I, S or C`},
		{"unknown field", strings.Replace(valid, `"en": "A"`, `"en": "A", "weight": 2`, 1),
			`disc: questionnaire: json: unknown field "weight"`},
		{"trailing data", valid + `{}`,
			`disc: questionnaire: trailing data after the JSON value`},
		{"not an object", `[]`,
			`disc: questionnaire: questionnaire "array": want an object`},
		{"wrong type inside", strings.Replace(valid, `"id": "a"`, `"id": 7`, 1),
			`disc: questionnaire: groups.words.id "number": want a string`},
		{"empty", ``,
			`disc: questionnaire: no JSON value`},
	} {
		_, err := disc.ParseQuestionnaire([]byte(tc.json))
		if err == nil || err.Error() != tc.want {
			t.Errorf("%s:\n got  %v\n want %s", tc.name, err, tc.want)
		}
	}
	if _, err := disc.ParseQuestionnaire(make([]byte, segment.MaxConfigBytes+1)); err == nil || !errors.Is(err, segment.ErrRange) {
		t.Errorf("oversized input: %v", err)
	}
}

func TestScore(t *testing.T) {
	q := disc.SampleQuestionnaire()
	tally, err := q.Score(answersFor(q, always(disc.Dominant, disc.Conscientious)))
	require.NoError(t, err)
	want := disc.Tally{Groups: 24}
	want.Most[disc.Dominant], want.Least[disc.Conscientious] = 24, 24
	if diff := cmp.Diff(want, tally); diff != "" {
		t.Errorf("tally (-want +got):\n%s", diff)
	}
	require.NoError(t, tally.Validate())
	r := tally.Result()
	wantResult := segment.Result[disc.Style]{Primary: disc.Dominant, Secondary: disc.Influential, Confidence: 1}
	wantResult.Scores[disc.Dominant], wantResult.Scores[disc.Influential], wantResult.Scores[disc.Steady] = 1, 0.5, 0.5
	if diff := cmp.Diff(wantResult, r); diff != "" {
		t.Errorf("result (-want +got):\n%s", diff)
	}
	// Answers in any order give the same tally.
	answers := answersFor(q, always(disc.Dominant, disc.Conscientious))
	answers[0], answers[23] = answers[23], answers[0]
	again, err := q.Score(answers)
	require.NoError(t, err)
	if diff := cmp.Diff(tally, again); diff != "" {
		t.Errorf("reordered answers (-want +got):\n%s", diff)
	}
}

// Every style is reachable through the questionnaire, and a mixed
// respondent gets the mix as primary and secondary.
func TestQuestionnaireStyles(t *testing.T) {
	q := disc.SampleQuestionnaire()
	styles := disc.Styles.Values()
	for i, s := range styles {
		least := styles[(i+1)%len(styles)]
		tally, err := q.Score(answersFor(q, always(s, least)))
		require.NoError(t, err)
		if r := tally.Result(); r.Primary != s || r.Confidence != 1 {
			t.Errorf("always %s most: got %+v", s, r)
		}
	}
	// Two thirds S, one third C as MOST; D always LEAST.
	tally, err := q.Score(answersFor(q, func(i int) (disc.Style, disc.Style) {
		if i%3 == 0 {
			return disc.Conscientious, disc.Dominant
		}
		return disc.Steady, disc.Dominant
	}))
	require.NoError(t, err)
	r := tally.Result()
	if r.Primary != disc.Steady || r.Secondary != disc.Conscientious {
		t.Errorf("S then C: got %s/%s", r.Primary, r.Secondary)
	}
	if got, want := r.Confidence, float32(16)/24; got != want {
		t.Errorf("confidence %v, want 16/24", got)
	}
	if tally.Net(disc.Dominant) != -24 || tally.Net(disc.Unknown) != 0 || tally.Net(disc.Style(9)) != 0 {
		t.Errorf("nets: D %d", tally.Net(disc.Dominant))
	}
}

func TestBalancedAnswersNameNoStyle(t *testing.T) {
	q := disc.SampleQuestionnaire()
	// Each style is MOST six times and LEAST six times: every net is 0.
	order := disc.Styles.Values()
	tally, err := q.Score(answersFor(q, func(i int) (disc.Style, disc.Style) {
		return order[i%4], order[(i+1)%4]
	}))
	require.NoError(t, err)
	r := tally.Result()
	want := segment.Result[disc.Style]{}
	for _, s := range order {
		want.Scores[s] = 0.5
	}
	if diff := cmp.Diff(want, r); diff != "" {
		t.Errorf("balanced answers (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(segment.Result[disc.Style]{}, disc.Tally{}.Result()); diff != "" {
		t.Errorf("no answers (-want +got):\n%s", diff)
	}
}

// Each kind of invalid answer is an error naming the group and the word.
func TestInvalidAnswers(t *testing.T) {
	q := disc.SampleQuestionnaire()
	valid := func() []disc.Answer { return answersFor(q, always(disc.Influential, disc.Steady)) }
	// g01 is decisive (D), patient (S), precise (C), sociable (I).
	const g01 = "decisive, patient, precise, sociable"
	for _, tc := range []struct {
		name            string
		change          func(a []disc.Answer) []disc.Answer
		kind            error
		record, field   string
		value, wantText string
	}{
		{"same word", func(a []disc.Answer) []disc.Answer { a[0].Least = a[0].Most; return a },
			disc.ErrSameWord, `group "g01"`, "least", "sociable",
			`disc: answers: group "g01": least "sociable": the same word as MOST and LEAST`},
		{"unknown most", func(a []disc.Answer) []disc.Answer { a[0].Most = "sociabel"; return a },
			disc.ErrUnknownOption, `group "g01"`, "most", "sociabel",
			`disc: answers: group "g01": most "sociabel": not a word of the group; want one of ` + g01},
		{"word of another group", func(a []disc.Answer) []disc.Answer { a[0].Least = "calm"; return a },
			disc.ErrUnknownOption, `group "g01"`, "least", "calm",
			`disc: answers: group "g01": least "calm": not a word of the group; want one of ` + g01},
		{"no word", func(a []disc.Answer) []disc.Answer { a[0].Most = ""; return a },
			disc.ErrUnknownOption, `group "g01"`, "most", "",
			`disc: answers: group "g01": most "": not a word of the group; want one of ` + g01},
		{"unknown group", func(a []disc.Answer) []disc.Answer {
			return append(a, disc.Answer{Group: "g25", Most: "x", Least: "y"})
		},
			disc.ErrUnknownGroup, "answers[24]", "group", "g25",
			`disc: answers: answers[24]: group "g25": no such group in the questionnaire`},
		{"missing group", func(a []disc.Answer) []disc.Answer { return append(a[:4], a[5:]...) },
			disc.ErrMissingGroup, `group "g05"`, "group", "g05",
			`disc: answers: group "g05": group "g05": group not answered`},
		{"repeated group", func(a []disc.Answer) []disc.Answer { return append(a, a[2]) },
			disc.ErrRepeatedGroup, `group "g03"`, "group", "g03",
			`disc: answers: group "g03": group "g03": group answered more than once: answers[2] and answers[24]`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tally, err := q.Score(tc.change(valid()))
			if err == nil {
				t.Fatalf("accepted; tally %+v", tally)
			}
			if err.Error() != tc.wantText {
				t.Errorf("got  %s\nwant %s", err, tc.wantText)
			}
			if !errors.Is(err, tc.kind) {
				t.Errorf("errors.Is(%v) is false", tc.kind)
			}
			var fe *segment.FieldError
			if !errors.As(err, &fe) {
				t.Fatalf("not a FieldError: %v", err)
			}
			if diff := cmp.Diff([]string{tc.record, tc.field, tc.value}, []string{fe.Record, fe.Field, fe.Value}); diff != "" {
				t.Errorf("record, field, value (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(disc.Tally{}, tally); diff != "" {
				t.Errorf("a tally came with the error (-want +got):\n%s", diff)
			}
		})
	}
}

func TestEveryProblemIsReported(t *testing.T) {
	q := disc.SampleQuestionnaire()
	a := answersFor(q, always(disc.Influential, disc.Steady))
	a[0].Most = "nope"
	a[1].Least = a[1].Most
	a = append(a[:23], disc.Answer{Group: "zzz"})
	_, err := q.Score(a)
	for _, kind := range []error{disc.ErrUnknownOption, disc.ErrSameWord, disc.ErrUnknownGroup, disc.ErrMissingGroup} {
		if !errors.Is(err, kind) {
			t.Errorf("%v not reported in:\n%v", kind, err)
		}
	}
	if n := strings.Count(err.Error(), "disc: answers: "); n != 4 {
		t.Errorf("%d problems reported, want 4:\n%v", n, err)
	}

	// Nothing answered: 24 missing groups, the first 20 listed.
	_, err = q.Score(nil)
	lines := strings.Split(err.Error(), "\n")
	if len(lines) != 21 || lines[20] != "disc: answers: and 4 more problems" {
		t.Errorf("%d lines, last %q", len(lines), lines[len(lines)-1])
	}
}

func TestParseAnswers(t *testing.T) {
	got, err := disc.ParseAnswers([]byte(`[{"group": "g01", "most": "decisive", "least": "precise"}]`))
	require.NoError(t, err)
	if diff := cmp.Diff([]disc.Answer{{Group: "g01", Most: "decisive", Least: "precise"}}, got); diff != "" {
		t.Errorf("ParseAnswers (-want +got):\n%s", diff)
	}
	for _, tc := range []struct{ json, want string }{
		{`[{"group": "g01", "most": "a", "least": "b"}, {"group": "g02", "worst": "c"}]`, `disc: answers: answers[1]: json: unknown field "worst"`},
		{`{"group": "g01"}`, `disc: answers: answers "object": want an array`},
		{`[] []`, `disc: answers: trailing data after the JSON value`},
		{`[{"group": "g01"}, {"group": 1}]`, `disc: answers: answers[1]: group "number": want a string`},
		{`[{"group": "g01"}, "g02"]`, `disc: answers: answers[1]: answer "string": want an object`},
		{``, `disc: answers: no JSON value`},
	} {
		if _, err := disc.ParseAnswers([]byte(tc.json)); err == nil || err.Error() != tc.want {
			t.Errorf("%s:\n got  %v\n want %s", tc.json, err, tc.want)
		}
	}
	big := make([]byte, disc.MaxAnswersBytes+1)
	if _, err := disc.ParseAnswers(big); !errors.Is(err, segment.ErrRange) {
		t.Errorf("oversized answers: %v", err)
	}
}

func TestTallyValidate(t *testing.T) {
	valid := func() disc.Tally {
		var t disc.Tally
		t.Groups = 4
		t.Most[disc.Dominant], t.Most[disc.Influential] = 3, 1
		t.Least[disc.Conscientious], t.Least[disc.Steady] = 2, 2
		return t
	}
	v := valid()
	require.NoError(t, v.Validate())
	for _, tc := range []struct {
		name   string
		change func(t *disc.Tally)
		want   string
	}{
		{"negative groups", func(t *disc.Tally) { t.Groups = -1 },
			`disc: disc tally: groups "-1": out of range: must not be negative`},
		{"pick for unknown", func(t *disc.Tally) { t.Most[disc.Unknown] = 1 },
			`disc: disc tally: most.unknown "1": out of range: must be 0`},
		{"negative count", func(t *disc.Tally) { t.Least[disc.Steady] = -1 },
			`disc: disc tally: least.steady "-1": out of range: want 0..groups (4)`},
		{"more picks than groups", func(t *disc.Tally) { t.Most[disc.Dominant] = 5 },
			`disc: disc tally: most.dominant "5": out of range: want 0..groups (4)`},
		{"most and least exceed groups", func(t *disc.Tally) { t.Least[disc.Dominant], t.Least[disc.Steady] = 2, 0 },
			`disc: disc tally: least.dominant "2": out of range: most (3) plus least exceed groups (4)`},
		{"most do not add up", func(t *disc.Tally) { t.Most[disc.Influential] = 0 },
			`disc: disc tally: most "3": out of range: MOST picks add up to 3, want one per group (4)`},
		{"least do not add up", func(t *disc.Tally) { t.Least[disc.Steady] = 1 },
			`disc: disc tally: least "3": out of range: LEAST picks add up to 3, want one per group (4)`},
		// Sums past the most an int holds, which wrapped around to pass.
		{"most and least past an int", func(t *disc.Tally) {
			*t = disc.Tally{Groups: math.MaxInt}
			t.Most[disc.Dominant], t.Least[disc.Dominant] = math.MaxInt, math.MaxInt
		}, fmt.Sprintf(`disc: disc tally: least.dominant "%d": out of range: most (%[1]d) plus least exceed groups (%[1]d)`, math.MaxInt)},
		{"most past an int", func(t *disc.Tally) {
			*t = disc.Tally{Groups: math.MaxInt}
			t.Most[disc.Dominant], t.Most[disc.Influential], t.Most[disc.Steady], t.Most[disc.Conscientious] = math.MaxInt, math.MaxInt, math.MaxInt, 2
			t.Least[disc.Conscientious] = math.MaxInt - 2
		}, fmt.Sprintf(`disc: disc tally: most.influential "%d": out of range: MOST picks add up past %[1]d, want one per group (%[1]d)`, math.MaxInt)},
	} {
		bad := valid()
		tc.change(&bad)
		if err := bad.Validate(); err == nil || err.Error() != tc.want {
			t.Errorf("%s:\n got  %v\n want %s", tc.name, err, tc.want)
		}
	}
}

func TestTallyExplain(t *testing.T) {
	q := disc.SampleQuestionnaire()
	tally, err := q.Score(answersFor(q, always(disc.Steady, disc.Dominant)))
	require.NoError(t, err)
	ex := tally.Explain()
	if diff := cmp.Diff(tally.Result(), ex.Result); diff != "" {
		t.Errorf("Explain and Result disagree (-want +got):\n%s", diff)
	}
	var got []string
	for _, r := range ex.Reasons {
		got = append(got, fmt.Sprintf("%s %v %v", r.Rule, r.Value, r.Held))
	}
	want := []string{"questionnaire.dominant -24 false", "questionnaire.influential 0 false",
		"questionnaire.steady 24 true", "questionnaire.conscientious 0 false"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("reasons (-want +got):\n%s", diff)
	}
}

// A tally's scores are worked out as numbers, not ints: in an
// unvalidated tally of more groups than half the most an int holds, a
// style never picked scores 0.5 and one picked MOST in every group 1,
// where twice the groups, as an int, wrapped around to a negative count
// (and the never picked styles' scores to 0).
func TestTallyPastAnInt(t *testing.T) {
	groups := math.MaxInt/2 + 1
	tally := disc.Tally{Groups: groups, Most: [5]int{disc.Steady: groups}}
	got := tally.Result()
	for _, s := range disc.Styles.Values() {
		if want := float32(0.5 + 0.5*b2f(s == disc.Steady)); s != disc.Unknown && got.Scores[s] != want {
			t.Errorf("%s of %d groups, steady picked MOST in all: score %v, want %v", s, groups, got.Scores[s], want)
		}
	}
	if got.Primary != disc.Steady {
		t.Errorf("primary %s, want steady", got.Primary)
	}
	// An unvalidated tally whose MOST minus LEAST passes an int: as an
	// int, dominant's net wrapped around to the least of all.
	wraps := disc.Tally{Groups: 1, Most: [5]int{disc.Dominant: math.MaxInt}, Least: [5]int{disc.Dominant: -1}}
	got = wraps.Result()
	if got.Primary != disc.Dominant || got.Scores[disc.Dominant] != 1 || got.Confidence != 1 {
		t.Errorf("dominant MOST %d, LEAST -1 of 1 group: %+v, want dominant first, scored 1", math.MaxInt, got)
	}
	if r := wraps.Explain().Reasons[0]; r.Value != float64(math.MaxInt)+1 || !r.Held {
		t.Errorf("dominant's reason %+v, want a net of 2^63 (as a number), held", r)
	}
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

func TestTallyJSON(t *testing.T) {
	q := disc.SampleQuestionnaire()
	tally, err := q.Score(answersFor(q, always(disc.Steady, disc.Dominant)))
	require.NoError(t, err)
	b, err := json.Marshal(tally)
	require.NoError(t, err)
	want := `{"groups":24,"most":{"conscientious":0,"dominant":0,"influential":0,"steady":24},"least":{"conscientious":0,"dominant":24,"influential":0,"steady":0}}`
	if string(b) != want {
		t.Errorf("JSON:\n got  %s\n want %s", b, want)
	}
	var back disc.Tally
	require.NoError(t, json.Unmarshal(b, &back))
	if diff := cmp.Diff(tally, back); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
	// A map of tallies, as a CRM stores them for WithTallies.
	stored := map[string]disc.Tally{}
	require.NoError(t, json.Unmarshal([]byte(`{"C-1": {"groups": 2, "most": {"D": 2}, "least": {"Аккуратный": 1, "s": 1}}}`), &stored))
	if got := stored["C-1"]; got.Net(disc.Dominant) != 2 || got.Net(disc.Steady) != -1 {
		t.Errorf("stored tally %+v", got)
	}

	for _, tc := range []struct{ json, want string }{
		{`{"groups": 1, "most": {"X": 1}, "least": {"C": 1}}`, `disc: tally: most "X": want D, I, S or C`},
		{`{"groups": 1, "most": {"unknown": 1}, "least": {"C": 1}}`, `disc: tally: most "unknown": want D, I, S or C`},
		{`{"groups": 2, "most": {"D": 1, "dominant": 1}, "least": {"C": 2}}`, `disc: tally: most "dominant": names the same style as "D"`},
		{`{"groups": 2, "most": {"D": 2}, "least": {"C": 1}}`, `disc: disc tally: least "1": out of range: LEAST picks add up to 1, want one per group (2)`},
		{`{"groups": 1, "most": {"D": 1}, "least": {"C": 1}, "when": "today"}`, `disc: tally: json: unknown field "when"`},
		{`[1]`, `disc: tally: tally "array": want an object`},
	} {
		var got disc.Tally
		if err := json.Unmarshal([]byte(tc.json), &got); err == nil || err.Error() != tc.want {
			t.Errorf("%s:\n got  %v\n want %s", tc.json, err, tc.want)
		}
	}
}
