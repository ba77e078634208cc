package rule_test

import (
	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/segmenttest"
)

// randomProfiles are the test kit's hostile and random profiles.
func randomProfiles() []segment.Profile {
	return append(segmenttest.Extremes(), segmenttest.Random(300, 11)...)
}
