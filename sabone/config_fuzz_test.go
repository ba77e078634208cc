package sabone_test

import (
	"encoding/json"
	"testing"

	"github.com/clientele-go/clientele/sabone"
	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/segmenttest"
)

// FuzzParseConfig: see segmenttest.FuzzConfig. Seeds:
// testdata/fuzz/FuzzParseConfig.
func FuzzParseConfig(f *testing.F) {
	def, _ := json.Marshal(sabone.Defaults())
	segmenttest.FuzzConfig(f, sabone.ParseConfig,
		func(c *sabone.Config) (segment.Classifier[sabone.Category], error) { return sabone.New(c) },
		sabone.Categories, string(def), `{}`, `null`, `{"x": 1}`, `[1]`, `{"min_score": -1}`)
}
