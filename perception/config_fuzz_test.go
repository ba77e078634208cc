package perception_test

import (
	"encoding/json"
	"testing"

	"github.com/clientele-go/clientele/perception"
	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/segmenttest"
)

// FuzzParseConfig: see segmenttest.FuzzConfig. Seeds:
// testdata/fuzz/FuzzParseConfig.
func FuzzParseConfig(f *testing.F) {
	def, _ := json.Marshal(perception.Defaults())
	segmenttest.FuzzConfig(f, perception.ParseConfig,
		func(c *perception.Config) (segment.Classifier[perception.Channel], error) { return perception.New(c) },
		perception.Channels, string(def), `{}`, `null`, `{"x": 1}`, `[1]`, `{"min_score": -1}`)
}
