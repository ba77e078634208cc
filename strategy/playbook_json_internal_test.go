package strategy

import (
	"testing"

	"github.com/clientele-go/clientele/segment"
)

// matchParts cuts describeMatch's text, for every label of every
// typology, negated or not, in both languages.
func TestMatchPartsAreDescribeMatch(t *testing.T) {
	n := 0
	for ty := Behavior; ty < numTypologies; ty++ {
		for label := range uint8(segment.MaxLabels) {
			for _, not := range []bool{false, true} {
				for _, lang := range []segment.Lang{segment.English, segment.Russian} {
					m := match{t: ty, label: label, not: not}
					name, sep, title := matchParts(m, lang)
					if got, want := name+sep+title, describeMatch(m, lang); got != want {
						t.Errorf("%v %d %v %v: %q, want %q", ty, label, not, lang, got, want)
					}
					n++
				}
			}
		}
	}
	if n == 0 {
		t.Fatal("no matches described")
	}
}
