//go:build linux

package batch

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A chunkWriter's writes end at multiples of runBytes from the file's
// start but for a chunk that cannot reach the next one (written whole), a
// failed chunk and the last write; the file holds every text in order,
// and each chunk counts as delivered once the last of its text is
// written.
func TestChunkWriterRuns(t *testing.T) {
	defer SetRunBytes(64)()
	f, err := os.Create(filepath.Join(t.TempDir(), "out"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteString("head"); err != nil { // not aligned
		t.Fatal(err)
	}
	fr := newFileRuns(f)
	if fr == nil || fr.off != 4 {
		t.Fatalf("runs %+v of a regular file at 4", fr)
	}
	cw := &chunkWriter{file: fr}
	r := rand.New(rand.NewPCG(1, 2))
	var want strings.Builder
	want.WriteString("head")
	var st Stats
	records := 0
	for i := range 200 {
		text := strings.Repeat(string(rune('a'+i%26)), r.IntN(150))
		c := &chunk[int32, struct{}]{text: []byte(text), taken: 3}
		want.WriteString(text)
		before, held := fr.off, len(cw.held)
		if err := cw.deliver(c, &st); err != nil {
			t.Fatal(err)
		}
		// The last multiple of runBytes up to the end of the text, if the
		// text reaches it, else the end.
		end := before + int64(held+len(text))
		to := end - end%runBytes
		if to < before+int64(held) {
			to = end
		}
		switch {
		case fr.off != to:
			t.Fatalf("chunk %d: the file at %d, want %d (%d bytes held before, %d more)", i, fr.off, to, held, len(text))
		case fr.off+int64(len(cw.held)) != int64(want.Len()):
			t.Fatalf("chunk %d: %d bytes written and %d held, want %d", i, fr.off, len(cw.held), want.Len())
		}
		if len(cw.held) == 0 {
			records = 3 * (i + 1)
		} else {
			records = 3 * i
		}
		if st.Classified != records {
			t.Fatalf("chunk %d: %d delivered, want %d", i, st.Classified, records)
		}
	}
	// A failed chunk is written whole.
	c := &chunk[int32, struct{}]{text: []byte("failed, whole"), taken: 1, failed: os.ErrClosed}
	want.WriteString("failed, whole")
	if err := cw.deliver(c, &st); err != os.ErrClosed || len(cw.held) != 0 || fr.off != int64(want.Len()) {
		t.Fatalf("a failed chunk: %v, %d held, the file at %d (want %d)", err, len(cw.held), fr.off, want.Len())
	}
	if err := cw.finish(&st); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(f.Name())
	if err != nil {
		t.Fatal(err)
	}
	if string(data) != want.String() || st.Classified != 3*200+1 {
		t.Fatalf("the file holds %d bytes (%d delivered), want %d (%d)", len(data), st.Classified, want.Len(), 3*200+1)
	}
}

// Only a regular file written at its offset gets runs.
func TestFileRunsOnlyForRegularFiles(t *testing.T) {
	dir := t.TempDir()
	appending, err := os.OpenFile(filepath.Join(dir, "a"), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	defer appending.Close()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer w.Close()
	for name, f := range map[string]*os.File{"appending": appending, "a pipe": w} {
		if newFileRuns(f) != nil {
			t.Errorf("%s has runs", name)
		}
	}
	if newFileRuns(&strings.Builder{}) != nil {
		t.Error("a strings.Builder has runs")
	}
}

// past leaves what a short write did not write, of a then b.
func TestPast(t *testing.T) {
	for n, want := range []string{"abc|defg", "bc|defg", "c|defg", "|defg", "|efg", "|fg", "|g", "|"} {
		a, b := past([]byte("abc"), []byte("defg"), n)
		if got := string(a) + "|" + string(b); got != want {
			t.Errorf("past %d bytes: %q, want %q", n, got, want)
		}
	}
}
