package bulk

import (
	"hash/maphash"
	"math/rand/v2"
	"strings"
	"testing"
)

// refForm is a form as the specification says it, on strings: what the
// first id ending with a digit fixes, and which ids have it.
type refForm struct {
	prefix string
	width  int  // 0: unpadded
	long   bool // fixed by an id of 9 to 16 bytes: only those have it
	none   bool // no id has it
}

// refFix is the form the id first fixes (ok false: it fixes none).
func refFix(id string) (refForm, bool) {
	n := len(id)
	run := 0
	for run < n && id[n-1-run] >= '0' && id[n-1-run] <= '9' {
		run++
	}
	if run == 0 || n > 16 {
		return refForm{}, false
	}
	f := refForm{prefix: id[:n-run], long: n > 8}
	if run > 8 {
		f.none = true
	}
	if run > 1 && id[n-run] == '0' {
		f.width = run
	}
	return f, true
}

// number is the number of id under f, and whether id has the form.
func (f refForm) number(id string) (uint64, bool) {
	if f.none || len(id) > 16 || (len(id) > 8) != f.long || !strings.HasPrefix(id, f.prefix) {
		return 0, false
	}
	ds := id[len(f.prefix):]
	if len(ds) == 0 || len(ds) > 8 || f.width != 0 && len(ds) != f.width || f.width == 0 && len(ds) > 1 && ds[0] == '0' {
		return 0, false
	}
	var num uint64
	for i := range len(ds) {
		if ds[i] < '0' || ds[i] > '9' {
			return 0, false
		}
		num = num*10 + uint64(ds[i]-'0')
	}
	return num, num < DenseLimit
}

// checkAgainstRef hashes ids under a key whose form first fixes, through
// HashString and HashBytes, and checks each against the reference: the
// dense hash of its number when it has the form, else no DenseMark.
func checkAgainstRef(t *testing.T, first string, ids []string) {
	t.Helper()
	var d Dense
	k := NewKey(maphash.MakeSeed(), &d)
	HashString(&k, first)
	f, fixed := refFix(first)
	for _, id := range ids {
		num, dense := uint64(0), false
		if fixed {
			num, dense = f.number(id)
		}
		for _, h := range []uint64{HashString(&k, id), HashBytes(&k, []byte(id))} {
			if dense {
				if want := num<<(64-DenseShardBits) | DenseMark | num>>DenseShardBits; h != want {
					t.Fatalf("form of %q: %q: hash %#x, want the dense hash of %d", first, id, h, num)
				}
			} else if h&DenseMark != 0 {
				t.Fatalf("form of %q: %q has a dense hash %#x, and the form says none", first, id, h)
			}
		}
	}
}

// Long forms, fixed by an id of 9 to 16 bytes: ids of their prefix and
// width get the dense hash of their number, every other id (short ones
// too) the keyed hash.
func TestDenseLongForm(t *testing.T) {
	for _, c := range []struct {
		first       string
		dense, none []string
	}{
		{"CU-0000772", []string{"CU-0000001", "CU-4194303", "CU-0000000"},
			[]string{"CU-4194304", "CU-000077", "CU-00007720", "CU0000772", "cu-0000772", "C0000772", "CU-000077x"}},
		{"CUSTOMER-000123", []string{"CUSTOMER-999999", "CUSTOMER-000000"},
			[]string{"CUSTOMER-00012", "CUSTOMER-0001234", "CUSTOMEX-000123", "DUSTOMER-000123", "CUSTOMER-00012A"}},
		{"CUSTOMER-123", []string{"CUSTOMER-1", "CUSTOMER-4194303", "CUSTOMER-0"},
			[]string{"CUSTOMER-0123", "CUSTOMER-4194304", "CUSTOMER-", "CUSTOMER-1234567890"}},
		{"ORDERBOOKENTRY-7", []string{"ORDERBOOKENTRY-0", "ORDERBOOKENTRY-9"}, []string{"ORDERBOOKENTRY-10", "ORDERBOOKENTRX-7"}},
		// "A" and 8 digits: every such number is past the limit, and ids
		// of up to 8 bytes never have a long form.
		{"A12345678", nil, []string{"A12345678", "A1234567", "A4194303", "A01234567"}},
		// More than 8 digits at the end: no id has the form.
		{"1234567890", nil, []string{"1234567890", "12345678", "123456789"}},
		{"X-1-000000001", nil, []string{"X-1-000000001", "X-1-00000001"}},
	} {
		checkAgainstRef(t, c.first, append(append([]string(nil), c.dense...), c.none...))
		// And the cases say what the reference says.
		f, _ := refFix(c.first)
		for _, id := range c.dense {
			if _, ok := f.number(id); !ok {
				t.Errorf("form of %q: the reference gives %q no number", c.first, id)
			}
		}
		for _, id := range c.none {
			if _, ok := f.number(id); ok {
				t.Errorf("form of %q: the reference gives %q a number", c.first, id)
			}
		}
	}
}

// Every id of 1 to 3 bytes, then random ids of up to 17 bytes around
// each form's own, hash as the reference says under forms short and long,
// padded and unpadded, fixed by each first id.
func TestDenseFormsAgainstReference(t *testing.T) {
	alphabet := "09C-X\x00\xff:/5"
	var small []string
	for n := 1; n <= 3; n++ {
		b := make([]byte, n)
		var gen func(i int)
		gen = func(i int) {
			if i == n {
				small = append(small, string(b))
				return
			}
			for j := range len(alphabet) {
				b[i] = alphabet[j]
				gen(i + 1)
			}
		}
		gen(0)
	}
	r := rand.New(rand.NewPCG(7, 8))
	for _, first := range []string{"C0000772", "100234", "C772", "AB-07", "ABCDEFG1", "5", "CU-0000772", "CUSTOMER-000123",
		"CUSTOMER-123", "ABCDEFGHIJKLMNO7", "123456789", "00000000012", "X\x00-0001", "C00000000"} {
		ids := append([]string(nil), small...)
		for range 100_000 {
			// The first id with some bytes changed, digits added or cut.
			b := []byte(first)
			switch r.IntN(4) {
			case 0:
				b = append(b, alphabet[r.IntN(len(alphabet))])
			case 1:
				if len(b) > 1 {
					b = b[:len(b)-1]
				}
			}
			for range r.IntN(3) {
				b[r.IntN(len(b))] = "0123456789"[r.IntN(10)]
			}
			if r.IntN(8) == 0 {
				b[r.IntN(len(b))] = alphabet[r.IntN(len(alphabet))]
			}
			ids = append(ids, string(b))
		}
		checkAgainstRef(t, first, ids)
	}
}
