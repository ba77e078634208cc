package behavior

import (
	"bytes"
	"os"
	"testing"

	"github.com/clientele-go/clientele/segment/behavior/internal/plaingen"
)

// rules_plain.go is what plaingen makes of rules.go and alive.go now: an
// edit to the rules shows here until go generate has copied it.
func TestPlainEvaluatorIsGenerated(t *testing.T) {
	want, err := plaingen.Source("rules.go", "alive.go")
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile("rules_plain.go")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatal("rules_plain.go is out of date: run go generate ./segment/behavior")
	}
}
