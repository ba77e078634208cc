package disc_test

import (
	"encoding/json"
	"testing"

	"github.com/clientele-go/clientele/disc"
	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/segmenttest"
)

// FuzzParseConfig: see segmenttest.FuzzConfig. Seeds:
// testdata/fuzz/FuzzParseConfig.
func FuzzParseConfig(f *testing.F) {
	def, _ := json.Marshal(disc.Defaults())
	segmenttest.FuzzConfig(f, disc.ParseConfig,
		func(c *disc.Config) (segment.Classifier[disc.Style], error) { return disc.New(c) },
		disc.Styles, string(def), `{}`, `null`, `{"x": 1}`, `[1]`, `{"min_score": -1}`)
}
