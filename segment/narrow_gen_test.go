package segment

import (
	"bytes"
	"os"
	"testing"

	"github.com/clientele-go/clientele/segment/internal/narrowgen"
)

// purchases_narrow.go is what narrowgen makes of the profile's functions
// now: an edit to one of them shows here until go generate has copied
// it.
func TestNarrowPurchasesAreGenerated(t *testing.T) {
	want, err := narrowgen.Source(narrowgen.Files...)
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile("purchases_narrow.go")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatal("purchases_narrow.go is out of date: run go generate ./segment")
	}
}
