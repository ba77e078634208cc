package main

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// -cpuprofile writes a CPU profile (gzipped protocol buffers, as
// runtime/pprof writes them) and changes no output; a file it cannot
// create is an error naming the flag, before any work.
func TestCPUProfile(t *testing.T) {
	if f := flag.Lookup("test.cpuprofile"); f != nil && f.Value.String() != "" {
		t.Skip("the test binary is profiling the CPU itself: one profile at a time")
	}
	path := filepath.Join(t.TempDir(), "cpu.prof")
	code, out, errOut := shop(t, "-out", "segments", "-cpuprofile", path)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	_, want, _ := shop(t, "-out", "segments")
	if diff := cmp.Diff(want, out); diff != "" {
		t.Errorf("-cpuprofile changed the output (-without +with):\n%s", diff)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(b) < 2 || b[0] != 0x1f || b[1] != 0x8b {
		t.Errorf("the profile is not gzipped: %d bytes, starting % x", len(b), b[:min(len(b), 4)])
	}

	code, out, errOut = shop(t, "-out", "segments", "-cpuprofile", filepath.Join(t.TempDir(), "no", "such", "dir", "cpu.prof"))
	if code != 1 || out != "" || !strings.Contains(errOut, "-cpuprofile") {
		t.Errorf("unwritable profile: exit %d, %d bytes out, stderr %q; want 1, none, naming -cpuprofile", code, len(out), errOut)
	}
}
