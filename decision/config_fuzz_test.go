package decision_test

import (
	"encoding/json"
	"testing"

	"github.com/clientele-go/clientele/decision"
	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/segmenttest"
)

// FuzzParseConfig: see segmenttest.FuzzConfig. Seeds:
// testdata/fuzz/FuzzParseConfig.
func FuzzParseConfig(f *testing.F) {
	def, _ := json.Marshal(decision.Defaults())
	segmenttest.FuzzConfig(f, decision.ParseConfig,
		func(c *decision.Config) (segment.Classifier[decision.Style], error) { return decision.New(c) },
		decision.Styles, string(def), `{}`, `null`, `{"x": 1}`, `[1]`, `{"min_score": -1}`)
}
