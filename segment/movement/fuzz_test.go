package movement_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/clientele-go/clientele/segment/movement"
)

// FuzzReadSnapshot: no input makes ReadSnapshot panic, and whatever it
// accepts writes back and reads again to the same snapshot.
func FuzzReadSnapshot(f *testing.F) {
	golden, err := os.ReadFile(filepath.Join("testdata", "shop.snapshot.jsonl"))
	if err != nil {
		f.Fatal(err)
	}
	const head = `{"format":"clientele.snapshot","version":1,"as_of":"2025-06-30","typologies":["a","b"]}` + "\n"
	for _, seed := range []string{
		string(golden),
		head,
		head + `{"id":"x","labels":{"a":"1","b":"2"}}`,
		head + `{"id":"x\u0000","labels":{"a":"\"","b":"é"},"reasons":{"a":[{"rule":"r","op":">=","value":1e308,"known":true}]}}`,
		head + `{"id":"x","labels":{"a":"1"}}`,
		`{"format":"clientele.snapshot","version":1,"as_of":"","typologies":["a"]}`,
		"",
		"\n\n",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := movement.ReadSnapshot(bytes.NewReader(data))
		if err != nil {
			return
		}
		var buf bytes.Buffer
		if _, err := s.WriteTo(&buf); err != nil {
			t.Fatalf("a snapshot that was read cannot be written: %v", err)
		}
		back, err := movement.ReadSnapshot(bytes.NewReader(buf.Bytes()))
		if err != nil {
			t.Fatalf("a written snapshot cannot be read: %v\n%s", err, buf.Bytes())
		}
		if diff := cmp.Diff(contentsOf(s), contentsOf(back)); diff != "" {
			t.Fatalf("round trip (-read +reread):\n%s", diff)
		}
	})
}
