package disc_test

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/clientele-go/clientele/disc"
)

func FuzzParseQuestionnaire(f *testing.F) {
	f.Add(disc.SampleQuestionnaireJSON())
	f.Add([]byte(`{"groups": [{"id": "g", "words": [{"id": "a", "factor": "D", "en": "A"}, {"id": "b", "factor": "I", "en": "B"}, {"id": "c", "factor": "S", "en": "C"}, {"id": "d", "factor": "C", "en": "D"}]}]}`))
	f.Add([]byte(`{"groups": [{"id": "g", "words": [{"id": "a", "factor": "D"}]}]}`))
	f.Add([]byte(`{"groups": null}`))
	f.Add([]byte(`[]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		q, err := disc.ParseQuestionnaire(data)
		if err != nil {
			return
		}
		if err := q.Validate(); err != nil {
			t.Fatalf("parsed but invalid: %v", err)
		}
		b, err := json.Marshal(q)
		if err != nil {
			t.Fatalf("marshal: %v", err)
		}
		back, err := disc.ParseQuestionnaire(b)
		if err != nil {
			t.Fatalf("round trip: %v\n%s", err, b)
		}
		if diff := cmp.Diff(q, back); diff != "" {
			t.Fatalf("round trip (-want +got):\n%s", diff)
		}
	})
}

// Whatever the answers, Score either refuses them or returns a valid
// tally of every group whose result keeps the laws.
func FuzzScore(f *testing.F) {
	q := disc.SampleQuestionnaire()
	valid, _ := json.Marshal(answersFor(q, always(disc.Dominant, disc.Steady)))
	f.Add(valid)
	f.Add([]byte(`[{"group": "g01", "most": "decisive", "least": "decisive"}]`))
	f.Add([]byte(`[null, {}, {"group": "g01"}]`))
	f.Add([]byte(`{}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		answers, err := disc.ParseAnswers(data)
		if err != nil {
			return
		}
		tally, err := q.Score(answers)
		if err != nil {
			return
		}
		if err := tally.Validate(); err != nil || tally.Groups != len(q.Groups) {
			t.Fatalf("Score accepted %s but the tally %+v is invalid: %v", data, tally, err)
		}
		r := tally.Result()
		if r.Primary != disc.Unknown && (r.Scores[r.Primary] <= 0 || r.Confidence < 0 || r.Confidence > 1) {
			t.Fatalf("result breaks the laws: %+v", r)
		}
	})
}

func FuzzParseStyle(f *testing.F) {
	for _, s := range []string{"D", "i", "steady", "Аккуратный", "?", "", "unknown"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		st, err := disc.ParseStyle(s)
		if err != nil {
			return
		}
		text, err := st.MarshalText()
		if err != nil {
			t.Fatalf("%q parsed to %d, which does not marshal: %v", s, st, err)
		}
		var back disc.Style
		if err := back.UnmarshalText(text); err != nil || back != st {
			t.Fatalf("%q: round trip gives %v, %v", s, back, err)
		}
	})
}

func FuzzTallyJSON(f *testing.F) {
	f.Add([]byte(`{"groups":2,"most":{"D":2},"least":{"steady":1,"c":1}}`))
	f.Add([]byte(`{"groups":0}`))
	f.Add([]byte(`{"groups":-1,"most":{"D":-1}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var tally disc.Tally
		if json.Unmarshal(data, &tally) != nil {
			return
		}
		if err := tally.Validate(); err != nil {
			t.Fatalf("decoded an invalid tally %+v: %v", tally, err)
		}
		b, err := json.Marshal(tally)
		if err != nil {
			t.Fatal(err)
		}
		var back disc.Tally
		if err := json.Unmarshal(b, &back); err != nil || back != tally {
			t.Fatalf("round trip: %+v, %v", back, err)
		}
	})
}
