package loyalty_test

import (
	"encoding/json"
	"testing"

	"github.com/clientele-go/clientele/loyalty"
	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/segmenttest"
)

// FuzzParseConfig: see segmenttest.FuzzConfig.
func FuzzParseConfig(f *testing.F) {
	def, _ := json.Marshal(loyalty.Defaults())
	segmenttest.FuzzConfig(f, loyalty.ParseConfig,
		func(c *loyalty.Config) (segment.Classifier[loyalty.Kind], error) { return loyalty.New(c) },
		loyalty.Kinds, string(def), `{}`, `null`, `{"x": 1}`, `{"active_days": 0}`, `{"lapsed_days": 1e9}`, `[1]`, `{"redeem_share": "NaN"}`)
}
