//go:build linux

package batch_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/clientele-go/clientele/segment/batch"
)

// A file that cannot grow past a limit (RLIMIT_FSIZE, in a process of
// its own): the kernel writes less than asked, then fails with EFBIG.
// WriteView stops with the error naming the file; the file is exactly as
// long as the limit, a prefix of the text, holding every record the
// Stats count as delivered. (A reviewer's case.)
func TestWriteViewToAFileThatFillsUp(t *testing.T) {
	limit := os.Getenv("CLIENTELE_TEST_FSIZE")
	if limit == "" {
		for _, lim := range []string{"0", "1", "31", "100", "4096", "4097", "5000", "40000", "50000", "59760"} {
			cmd := exec.Command(os.Args[0], "-test.run=^TestWriteViewToAFileThatFillsUp$", "-test.v")
			cmd.Env = append(os.Environ(), "CLIENTELE_TEST_FSIZE="+lim)
			out, err := cmd.CombinedOutput()
			if errors.Is(err, syscall.ENOEXEC) {
				// The test binary runs under an emulator (go test -exec
				// qemu-arm), which a child started here would not.
				t.Skipf("the test binary cannot start itself: %v", err)
			}
			if err != nil || !bytes.Contains(out, []byte("--- PASS")) {
				t.Errorf("limit %s: %v\n%s", lim, err, out)
			}
		}
		return
	}
	var lim uint64
	_, err := fmt.Sscan(limit, &lim)
	require.NoError(t, err)
	signal.Ignore(syscall.SIGXFSZ)
	defer batch.SetRunBytes(4096)()
	v := viewLedger(t, 3000).View(asOf).ByID()
	o := batch.Options{Workers: 2, Chunk: 16}
	want, _, err := written(context.Background(), v, twoTypologies(t), &o)
	require.NoError(t, err)
	wantLines := strings.SplitAfter(want, "\n")
	path := filepath.Join(t.TempDir(), "out")
	f, err := os.Create(path)
	require.NoError(t, err)
	require.NoError(t, syscall.Setrlimit(syscall.RLIMIT_FSIZE, &syscall.Rlimit{Cur: lim, Max: ^uint64(0)}))
	st, err := batch.WriteView(context.Background(), v, twoTypologies(t), lines, f, &o)
	require.NoError(t, f.Close())
	require.ErrorContains(t, err, path)
	data, rerr := os.ReadFile(path)
	require.NoError(t, rerr)
	require.Equal(t, st.Read, st.Classified+st.Rejected+st.Unfinished)
	n := st.Classified + st.Rejected
	require.True(t, strings.HasPrefix(string(data), strings.Join(wantLines[:n], "")), "%d delivered, not in the file", n)
	require.True(t, strings.HasPrefix(want, string(data)), "the file is not a prefix of the text")
	require.Equal(t, int(lim), len(data))
	// The blocks allocated ahead of the writes (on ext4) are given back
	// though a write failed.
	fi, err := os.Stat(path)
	require.NoError(t, err)
	require.LessOrEqual(t, fi.Sys().(*syscall.Stat_t).Blocks*512, (int64(len(data))+4095)/4096*4096, "blocks past the file's end")
}
