//go:build unix

package ingest_test

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/ingest"
)

// BenchmarkLoadOrdersFresh is BenchmarkLoadOrders in a new process each
// time, reading a file as the CLI does: a process that has just started
// has to get every page of memory it touches from the kernel, which the
// benchmark loops in one process do not see (they reuse the memory of the
// last iteration), and on a virtual machine that can cost as much CPU
// time as the parsing. It reports the child's CPU time and page faults
// during the load alone. CLIENTELE_ORDERS=orders.csv loads that file
// instead of the generated 25 MB.
func BenchmarkLoadOrdersFresh(b *testing.B) {
	name := os.Getenv("CLIENTELE_ORDERS")
	if name == "" {
		name = filepath.Join(b.TempDir(), "orders.csv")
		if err := os.WriteFile(name, benchCSV(), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	st, err := os.Stat(name)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(st.Size())
	var cpu, faults float64
	for b.Loop() {
		cmd := exec.Command(os.Args[0], "-test.run=^TestLoadOrdersChild$")
		cmd.Env = append(os.Environ(), "CLIENTELE_LOAD_CHILD="+name)
		out, err := cmd.CombinedOutput()
		if err != nil {
			b.Fatalf("%v: %s", err, out)
		}
		var c, f float64
		if _, err := fmt.Sscanf(string(out[bytes.Index(out, []byte("load:")):]), "load: %g cpu-s %g faults", &c, &f); err != nil {
			b.Fatalf("%v: %s", err, out)
		}
		cpu, faults = cpu+c, faults+f
	}
	b.ReportMetric(cpu/float64(b.N), "cpu-s/op")
	b.ReportMetric(faults/float64(b.N), "faults/op")
}

// TestLoadOrdersChild is the child process of BenchmarkLoadOrdersFresh.
func TestLoadOrdersChild(t *testing.T) {
	name := os.Getenv("CLIENTELE_LOAD_CHILD")
	if name == "" {
		t.Skip("the child of BenchmarkLoadOrdersFresh")
	}
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	usage := func() (time.Duration, int64) {
		var ru syscall.Rusage
		if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
			t.Fatal(err)
		}
		return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()), int64(ru.Minflt)
	}
	cpu, faults := usage()
	if _, err := ingest.LoadOrders(f, segment.NewLedger(nil), nil, false); err != nil {
		t.Fatal(err)
	}
	cpu2, faults2 := usage()
	fmt.Printf("load: %g cpu-s %d faults\n", (cpu2 - cpu).Seconds(), faults2-faults)
}
