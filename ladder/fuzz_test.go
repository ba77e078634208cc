package ladder_test

import (
	"encoding/json"
	"testing"

	"github.com/clientele-go/clientele/ladder"
	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/segmenttest"
)

// FuzzParseConfig: see segmenttest.FuzzConfig.
func FuzzParseConfig(f *testing.F) {
	def, _ := json.Marshal(ladder.Defaults())
	segmenttest.FuzzConfig(f, ladder.ParseConfig,
		func(c *ladder.Config) (segment.Classifier[ladder.Rung], error) { return ladder.New(c) },
		ladder.Rungs, string(def), `{}`, `null`, `{"x": 1}`, `{"active_days": 0}`, `{"lapsed_days": 1e9}`, `[1]`, `{"redeem_share": "NaN"}`)
}
