package disc_test

import (
	"strings"
	"testing"

	"github.com/clientele-go/clientele/segment"
)

// The questionnaire's and the blend's derived inputs read as words, not
// as identifiers, in both languages.
func TestQuestionnaireReasonsHaveTitles(t *testing.T) {
	c := mustNew(t, nil)
	p := recipes()[3]
	tally := dominantTally(12)
	reasons := append(tally.Explain().Reasons, c.ExplainBlend(&p, tally).Reasons...)
	seen := map[string]bool{}
	for _, r := range reasons {
		if _, registered := segment.LookupField(r.Field); registered || r.Field == "" {
			continue
		}
		seen[r.Field] = true
		for _, lang := range []segment.Lang{segment.English, segment.Russian} {
			if text := r.Text(lang); strings.Contains(text, r.Field) {
				t.Errorf("%s: %q shows the bare name %s", r.Rule, text, r.Field)
			}
		}
	}
	if !seen["questionnaire_net"] || !seen["questionnaire_share"] {
		t.Errorf("derived inputs seen: %v; want questionnaire_net and questionnaire_share", seen)
	}
}
