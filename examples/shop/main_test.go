package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// shop runs the program and returns its exit status, stdout and stderr.
// The program is deterministic, so a run with the same arguments is made
// once per test binary: many tests read the sample's outputs, and under
// -race each run costs seconds.
func shop(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	key := strings.Join(args, "\x00")
	if r, ok := runs[key]; ok {
		return r.code, r.out, r.err
	}
	var out, errOut bytes.Buffer
	code := run(args, &out, &errOut)
	runs[key] = result{code, out.String(), errOut.String()}
	return code, out.String(), errOut.String()
}

type result struct {
	code     int
	out, err string
}

// runs caches the runs of shop; tests do not run in parallel.
var runs = map[string]result{}

func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// handOrders is the order log whose BTYD summary is computed by hand in
// TestBTYD: several orders on one day, a day netted to zero, a return-only
// day, a zero amount, an order after the as-of date, a one-time buyer.
const handOrders = `customer_id,date,amount
B,2023-12-01,40
A,2024-01-10,100
A,2024-01-10,50
A,2024-01-20,80
A,2024-01-20,-80
A,2024-02-05,-30
A,2024-03-01,0
A,2024-03-15,200
A,2024-04-10,999
`

func TestBTYD(t *testing.T) {
	file := writeFile(t, "orders.csv", handOrders)
	code, out, errOut := shop(t, "-orders", file, "-asof", "2024-03-31", "-out", "btyd")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	want := "customer_id,frequency,recency,T,monetary_value\n" +
		"A,4,65,81,42.5\n" +
		"B,0,0,121,0\n"
	if diff := cmp.Diff(want, out); diff != "" {
		t.Errorf("btyd (-want +got):\n%s", diff)
	}

	_, out, _ = shop(t, "-orders", file, "-asof", "2024-03-31", "-out", "btyd", "-unit", "week")
	want = "customer_id,frequency,recency,T,monetary_value\n" +
		"A,4,9.285714285714286,11.571428571428571,42.5\n" +
		"B,0,0,17.285714285714285,0\n"
	if diff := cmp.Diff(want, out); diff != "" {
		t.Errorf("btyd in weeks (-want +got):\n%s", diff)
	}

	// The default as-of date is the last order: A's order of 2024-04-10
	// then counts.
	_, out, _ = shop(t, "-orders", file, "-out", "btyd")
	if !strings.Contains(out, "A,5,91,91,") {
		t.Errorf("default as-of: got\n%s", out)
	}
}

func TestCustomColumns(t *testing.T) {
	file := writeFile(t, "orders.csv", "client,day,total\nZ,2024-01-01,5\nZ,2024-01-08,7\n")
	code, out, errOut := shop(t, "-orders", file, "-id-col", "client", "-date-col", "day", "-amount-col", "total", "-out", "btyd")
	if code != 0 || out != "customer_id,frequency,recency,T,monetary_value\nZ,1,7,7,7\n" {
		t.Errorf("exit %d, out %q, err %q", code, out, errOut)
	}
}

func TestInvalidRowStopsWithLineAndField(t *testing.T) {
	file := writeFile(t, "orders.csv", "customer_id,date,amount\nA,2024-01-01,10\nA,2024-01-02,ten\nA,2024-01-03,5\n")
	code, out, errOut := shop(t, "-orders", file, "-out", "btyd")
	if code != 1 || out != "" {
		t.Errorf("exit %d, stdout %q; want 1 and nothing", code, out)
	}
	for _, want := range []string{"line 3", `column "amount"`, `"ten"`} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr %q lacks %s", errOut, want)
		}
	}

	code, out, errOut = shop(t, "-orders", file, "-out", "btyd", "-skip-invalid")
	if code != 0 || !strings.Contains(errOut, "skipped 1 invalid orders row(s) of 3") || !strings.Contains(out, "A,1,2,2,5") {
		t.Errorf("-skip-invalid: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
}

func TestSampleSummary(t *testing.T) {
	code, out, errOut := shop(t)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{"embedded sample shop, as of 2025-06-30", "customers    2500", "purchase occasions per buyer"} {
		if !strings.Contains(out, want) {
			t.Errorf("summary lacks %q:\n%s", want, out)
		}
	}
}

func TestBadFlags(t *testing.T) {
	for _, args := range [][]string{
		{"-out", "pdf"}, {"-asof", "yesterday"}, {"-unit", "fortnight"}, {"stray"},
		{"-lang", "fr"}, {"-out", "segments", "-format", "xml"}, {"-out", "clv", "-format", "json"},
		{"-horizon", "-1"}, {"-discount", "-0.1"}, {"-penalizer", "NaN"}, {"-previous-asof", "soon"},
		{"-id", "C10001"}, {"-out", "segments", "-clv-budget"}, {"-customers", "-1"}, {"-customers", "1e9"},
		{"-customers", "100000000"},
	} {
		if code, _, errOut := shop(t, args...); code != 2 || errOut == "" {
			t.Errorf("%v: exit %d, stderr %q; want 2 and a message", args, code, errOut)
		}
	}
	if code, _, errOut := shop(t, "-orders", "/no/such/file.csv"); code != 1 || !strings.Contains(errOut, "no such file") {
		t.Errorf("missing file: exit %d, %q", code, errOut)
	}
}

// A size hint changes no output, whether it is right or wrong.
func TestCustomersHintChangesNothing(t *testing.T) {
	_, want, _ := shop(t, "-out", "segments")
	for _, hint := range []string{"10", "2500", "1000000"} {
		if code, got, errOut := shop(t, "-out", "segments", "-customers", hint); code != 0 || got != want {
			t.Errorf("-customers %s: exit %d, stderr %q, output the same: %v", hint, code, errOut, got == want)
		}
	}
}

func TestCSVCellNeutralisesFormulas(t *testing.T) {
	for in, want := range map[string]string{
		"C1":                "C1",
		"=HYPERLINK(\"x\")": `"'=HYPERLINK(""x"")"`,
		"+1":                "'+1",
		"-2":                "'-2",
		"@SUM(A1)":          "'@SUM(A1)",
		"a,b":               `"a,b"`,
		"\tx":               "'\tx",
		"":                  "",
		"a\"b":              `"a""b"`,
		"a\nb":              "\"a\nb\"",
		"\rx":               "\"'\rx\"",
		"плюс-минус":        "плюс-минус",
	} {
		if got := csvCell(in); got != want {
			t.Errorf("csvCell(%q) = %q, want %q", in, got, want)
		}
	}
}

// plainCell, 8 bytes at a time, agrees with a byte-by-byte check on every
// length up to 20 and every byte that matters at every place.
func TestPlainCellIsTheByteCheck(t *testing.T) {
	byteCheck := func(s string) bool {
		if s != "" && formulaStart[s[0]] {
			return false
		}
		return !strings.ContainsAny(s, ",\"\n\r")
	}
	for n := 0; n <= 20; n++ {
		base := []byte(strings.Repeat("C7", n)[:n])
		for i := 0; i < n; i++ {
			for c := range 256 {
				b := append([]byte(nil), base...)
				b[i] = byte(c)
				if got, want := plainCell(string(b)), byteCheck(string(b)); got != want {
					t.Fatalf("plainCell(%q) = %v, want %v", b, got, want)
				}
			}
		}
		if !plainCell(string(base)) {
			t.Fatalf("plainCell(%q) = false", base)
		}
	}
}
