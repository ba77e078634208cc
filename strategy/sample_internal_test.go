package strategy

import (
	"testing"

	"github.com/clientele-go/clientele/internal/sample"
	"github.com/clientele-go/clientele/segment"
)

// sampleFitted returns the sample shop's profiles, the classifiers fitted
// to them, and the default engine, for the package's internal tests.
func sampleFitted(t *testing.T) ([]segment.Profile, *Classifiers, *Engine) {
	t.Helper()
	base, err := sample.Profiles()
	if err != nil {
		t.Fatal(err)
	}
	cs, err := Fit(base, nil)
	if err != nil {
		t.Fatal(err)
	}
	e, err := New(nil)
	if err != nil {
		t.Fatal(err)
	}
	return base, cs, e
}
