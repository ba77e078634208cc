package ingest

import (
	"bytes"
	"fmt"
	"hash/maphash"
	"math"
	"math/rand/v2"
	"reflect"
	"regexp"
	"runtime"
	"strings"
	"testing"

	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/internal/bulk"
)

// parseByLine is parse without the run: every line through fastLine or
// generalLine, as before the run was made. It is the reference the run
// must equal.
func (p *parser) parseByLine(b *block) {
	b.orders = b.orders[:0]
	var s lineScratch
	data := b.data
	for start := 0; start < len(data); {
		end := bytes.IndexByte(data[start:], '\n')
		next := start + end + 1
		if end < 0 {
			end, next = len(data)-start, len(data)
		}
		raw := bytes.TrimSuffix(data[start:start+end], []byte{'\r'})
		b.lines++
		if !p.fast() || !p.fastLine(b, &s, raw, start) {
			p.generalLine(b, &s, raw, start)
		}
		start = next
	}
}

// parsed is what parsing a block tells: its lines for the ledger (a
// repeat's hash and id left out, which the ledger does not read), its bad
// records and its counts.
type parsed struct {
	Orders              []bulk.Line
	Bad                 []string
	Lines, Blank, Rows  int
	Date                segment.Date
	DateText            string
	DateSet             bool
	PrevFrom, PrevLen   int
	BadOrders, BadLines []int
}

func parseWith(header, data string, key bulk.Key, byLine bool) parsed {
	rd, err := NewOrderReader(strings.NewReader(header), nil)
	if err != nil {
		panic(err)
	}
	p := parser{names: rd.names, cols: rd.cols, key: key}
	// The data in a buffer with room after it, as the blocks' are, the
	// room full of lines that must not be read.
	buf := make([]byte, 0, len(data)+200)
	buf = append(buf, data...)
	junk := buf[len(buf):cap(buf)]
	for i := range junk {
		junk[i] = "C1,2024-01-01,5\n"[i%16]
	}
	// Lines for the ledger left from another block, as the recycled
	// slices have: every field is set anew.
	orders := make([]bulk.Line, len(data)/4+1)
	for i := range orders {
		orders[i] = bulk.Line{Hash: 1, Micros: 2, ID: 3, Short: 4, Day: 5, Flags: 6, Known: 7, Repeat: true}
	}
	b := &block{data: buf, before: 1, orders: orders[:0]}
	if byLine {
		p.parseByLine(b)
	} else {
		p.parse(b)
	}
	out := parsed{Lines: b.lines, Blank: b.blank, Rows: b.rows, Date: p.date, DateText: string(p.dateText), DateSet: p.dateSet}
	for _, ln := range b.orders {
		if ln.Repeat {
			ln.Hash, ln.ID, ln.Short = 0, 0, 0 // not read
		}
		out.Orders = append(out.Orders, ln)
	}
	for _, e := range b.bad {
		out.Bad = append(out.Bad, e.err.Error())
		out.BadOrders = append(out.BadOrders, e.orders, e.blank, e.rows)
		out.BadLines = append(out.BadLines, e.line)
	}
	return out
}

// checkRun holds parse, which takes the run, to parseByLine on data:
// with a key that numbers no id, and with keys that number the ids of
// C0000772's padded form, C772's unpadded one and CU-0000772's long one,
// which the run takes in assembly where it can (runnumbered.go), and
// then also without the assembly.
func checkRun(t *testing.T, header, data string) {
	t.Helper()
	checkRunKey(t, header, data, bulk.NewKey(maphash.MakeSeed(), nil))
	checkRunKey(t, header, data, numberedKey("C0000772"))
	checkRunKey(t, header, data, numberedKey("C772"))
	checkRunKey(t, header, data, numberedKey("CU-0000772"))
}

// numberedKey returns a key that numbers the ids of id's form.
func numberedKey(id string) bulk.Key {
	d := new(bulk.Dense)
	var ok bool
	if len(id) <= 8 {
		_, ok = d.HashWord(bulk.WordOf(id), len(id))
	} else {
		a, b := bulk.Words([]byte(id))
		_, ok = d.HashWords(a, b, len(id))
	}
	if !ok {
		panic("not numbered: " + id)
	}
	return bulk.NewKey(maphash.MakeSeed(), d)
}

// checkRunKey is checkRun with key, the run with the assembly loop and
// without.
func checkRunKey(t *testing.T, header, data string, key bulk.Key) {
	t.Helper()
	want := parseWith(header, data, key, true)
	for _, asm := range []bool{false, haveRunNumbered} {
		runNumbered = asm
		got := parseWith(header, data, key, false)
		runNumbered = haveRunNumbered
		if !reflect.DeepEqual(got, want) {
			for i := range min(len(got.Orders), len(want.Orders)) {
				if got.Orders[i] != want.Orders[i] {
					t.Errorf("line for the ledger %d: got %+v, want %+v", i, got.Orders[i], want.Orders[i])
					break
				}
			}
			t.Fatalf("parse(%q), assembly %v, numbered %v\n got %+v\nwant %+v", data, asm, key.Numbered() != nil, got, want)
		}
	}
}

// The pieces of nearly plain lines: what the run takes, and texts next
// to it that it must leave to the one-line paths.
var (
	runIDs = []string{"C0000772", "C0001438", "C9999999", "C1", "C12", "C123", "1234567", "123456789", "C12345678901234",
		"C123456789012345", "C1234567890123456", "customer-00001@example.com", "", " C1", "C1 ", "C 1", "\u00a0C9",
		"C9\u00a0", "С9", "C\x00", "C\t1", "C\"1", "C+1", "C-1", "C.1", "C/1", "C0000772\r"}
	runDates = []string{"2024-01-02", "2024-01-02", "2024-01-02", "2024-01-03", "2024-01-03", "20240104", "2024-02-30",
		"1899-12-31", "2024-01-05T10:00:00Z", "2024-01-05T10:00:00+01:00", " 2024-01-02", "2024-01-02 ", "", "2024-1-2",
		"2024-01-0x", "2024/01/02"}
	runAmounts = []string{"22.45", "5.98", "3.49", "0", "-0", "-13.26", "12345678", "1234567.8", "123456789", "-12345678",
		"-123456789", ".5", "5.", "-.5", ".", "-", "", "1.2.3", "+5", "1e3", " 1", "1 ", "--5", "5-", "00000000000000001.5",
		"999999999999999", "1000000000000.01", "NaN", "1,5", "\u00a01"}
)

// runLine returns a random line of the layout id, date, amount: plain
// mostly, with pieces of every kind now and then.
func runLine(r *rand.Rand) string {
	pick := func(list []string, plain int) string {
		if r.IntN(8) > 0 {
			return list[r.IntN(plain)]
		}
		return list[r.IntN(len(list))]
	}
	amount := fmt.Sprintf("%d.%02d", r.IntN(2000), r.IntN(100))
	if r.IntN(6) == 0 {
		amount = pick(runAmounts, len(runAmounts))
	}
	if r.IntN(10) == 0 {
		amount = randomAmount(r)
	}
	line := pick(runIDs, 10) + "," + pick(runDates, 5) + "," + amount
	const odd = "\t \",;+-.\x00\x7f\x80"
	if r.IntN(10) == 0 {
		// A byte that may end a field, or not, anywhere.
		at := r.IntN(len(line) + 1)
		line = line[:at] + odd[r.IntN(len(odd)):][:1] + line[at:]
	}
	if r.IntN(10) == 0 {
		// Such a byte in place of a comma.
		if at := strings.LastIndexByte(line[:r.IntN(len(line)+1)], ','); at >= 0 {
			line = line[:at] + odd[r.IntN(len(odd)):][:1] + line[at+1:]
		}
	}
	switch r.IntN(40) {
	case 0:
		line += ",extra"
	case 1:
		line = strings.Replace(line, ",", "", 1)
	case 2:
		line = ""
	case 3:
		line = "  "
	case 4:
		line += "\r"
	case 5:
		line += "\r\r"
	case 6:
		line = line[:r.IntN(len(line)+1)]
	}
	return line
}

// randomAmount is a text of 0 to 12 bytes over the amounts' alphabet.
func randomAmount(r *rand.Rand) string {
	b := make([]byte, r.IntN(13))
	for i := range b {
		if r.IntN(4) == 0 {
			b[i] = amountAlphabet[r.IntN(len(amountAlphabet))]
		} else {
			b[i] = '0' + byte(r.IntN(10))
		}
	}
	return string(b)
}

// TestRunIsTheOneLinePaths holds the run to the one-line paths on blocks
// of nearly plain lines: the same lines for the ledger, bad records,
// counts and last date; with line ends of both kinds, and without one at
// the end.
func TestRunIsTheOneLinePaths(t *testing.T) {
	const header = "customer_id,date,amount\n"
	r := rand.New(rand.NewPCG(7, 8))
	for range 3000 {
		var b strings.Builder
		crlf := r.IntN(4) == 0
		for range r.IntN(60) {
			b.WriteString(runLine(r))
			if crlf {
				b.WriteString("\r")
			}
			b.WriteString("\n")
		}
		data := b.String()
		checkRun(t, header, data)
		if len(data) > 0 {
			checkRun(t, header, data[:len(data)-1])
			checkRun(t, header, data[:r.IntN(len(data))])
		}
	}
	// Lines of every length up to the window and past it, each plain.
	for n := 1; n <= 40; n++ {
		id := "C" + strings.Repeat("0", n)
		var b strings.Builder
		for i := range 50 {
			fmt.Fprintf(&b, "%s,2024-01-%02d,%d.5\n", id[:1+i%len(id)], 1+i/10, i)
		}
		checkRun(t, header, b.String())
	}
	// Dates of the same first and last 8 bytes, of other lengths.
	checkRun(t, header, strings.Repeat("C1,20240104,1\nC1,2024010420240104,1\nC1,202401040104,1\n", 5))
	// A layout the run does not take.
	checkRun(t, "date,customer_id,amount\n", "2024-01-02,C1,5\n2024-01-02,C2,6\n")
}

// TestRunTakesPlainLines checks that the run takes every plain line of a
// block of the usual layout but for those in its last window, and of
// both kinds of line end.
func TestRunTakesPlainLines(t *testing.T) {
	rd, err := NewOrderReader(strings.NewReader("customer_id,date,amount\n"), nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, end := range []string{"\n", "\r\n"} {
		data := []byte(strings.ReplaceAll(string(genBlock(2000)), "\n", end))
		p := parser{names: rd.names, cols: rd.cols, key: bulk.NewKey(maphash.MakeSeed(), nil)}
		b := &block{data: data, orders: make([]bulk.Line, 0, 2000)}
		var s lineScratch
		start := p.plainRun(b, &s, 0)
		if start < len(data)-runRoom || b.lines != len(b.orders) || b.rows != b.lines || b.lines < 1990 {
			t.Errorf("line ends %q: the run stopped at byte %d of %d, after %d lines (%d orders, %d rows)",
				end, start, len(data), b.lines, len(b.orders), b.rows)
		}
	}
}

// genBlock returns n plain lines as bench/gen writes them.
func genBlock(n int) []byte { return genLines(n, "C%07d") }

// genLines returns n plain lines of ids of format, as bench/gen writes
// them.
func genLines(n int, format string) []byte {
	r := rand.New(rand.NewPCG(11, 12))
	var b bytes.Buffer
	day := segment.MustParseDate("2022-01-01")
	for i := range n {
		fmt.Fprintf(&b, format+",%s,%d.%02d\n", r.IntN(10_000), day.AddDays(i/50), r.IntN(2000)-100, r.IntN(100))
	}
	return b.Bytes()
}

// TestRunRepeats holds the run's repeat test to the one-line paths on
// runs of one customer's lines, ids of every length, differing in one
// byte.
func TestRunRepeats(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 10))
	for range 500 {
		var b strings.Builder
		id := []byte(strings.Repeat("7", 1+r.IntN(20)))
		for range 40 {
			if r.IntN(3) == 0 {
				id = []byte(strings.Repeat("7", 1+r.IntN(20)))
				id[r.IntN(len(id))] = "0189AZaz"[r.IntN(8)]
			}
			fmt.Fprintf(&b, "%s,2024-01-02,%d\n", id, r.IntN(100))
		}
		checkRun(t, "customer_id,date,amount\n", b.String())
	}
}

// TestRunAmounts holds the run's amounts to fastMicros, which
// TestFastMicrosIsTheLoop holds to the byte loop: every amount of up to 5
// bytes over a small alphabet, 8 and 9 digits with a dot in every place.
func TestRunAmounts(t *testing.T) {
	var amounts []string
	eachText("019.-x", 5, func(s string) { amounts = append(amounts, s) })
	for n := 1; n <= 10; n++ {
		digits := strings.Repeat("9", n)
		for at := 0; at <= n; at++ {
			amounts = append(amounts, digits[:at]+"."+digits[at:], "-"+digits[:at]+"."+digits[at:])
		}
	}
	for i := 0; i < len(amounts); i += 50 {
		var b strings.Builder
		for _, a := range amounts[i:min(i+50, len(amounts))] {
			fmt.Fprintf(&b, "C0000772,2024-01-02,%s\n", a)
		}
		checkRun(t, "customer_id,date,amount\n", b.String())
	}
}

// TestRunAmountMicros checks that the run's amounts are the micros of the
// float64s the texts mean, seven decimals (which the run leaves to
// fastLine) too.
func TestRunAmountMicros(t *testing.T) {
	rd, err := NewOrderReader(strings.NewReader("customer_id,date,amount\n"), nil)
	if err != nil {
		t.Fatal(err)
	}
	texts := []string{"-0", "0", "0.1", "-0.1", "99999999", "-9999999.9", "1.00", "0.07", "1234.5678", ".1234567", "-.0000005", "0.000001", "-.000015"}
	var data strings.Builder
	for _, a := range texts {
		fmt.Fprintf(&data, "C0000772,2024-01-02,%s\n", a)
	}
	data.WriteString(strings.Repeat("C0000772,2024-01-02,1\n", 3)) // room for the last window
	p := parser{names: rd.names, cols: rd.cols, key: bulk.NewKey(maphash.MakeSeed(), nil)}
	b := &block{data: []byte(data.String())}
	p.parse(b)
	for i, a := range texts {
		amount, _ := parseAmount([]byte(a))
		if got, want := b.orders[i].Micros, bulk.Micros(amount); got != want {
			t.Errorf("amount %q: %d micros, want %d", a, got, want)
		}
	}
}

// FuzzRunIsTheOneLinePaths holds the run to the one-line paths on any
// block.
func FuzzRunIsTheOneLinePaths(f *testing.F) {
	f.Add([]byte("C0000772,2022-01-01,22.45\nC0001438,2022-01-01,5.98\nC0002636,2022-01-02,-3.49\nC0002636,2022-01-02,3\n" +
		"C0004453,2022-01-02,3.49\r\nC1,20220103,1.\n\n"))
	f.Add([]byte("C0000772,2022-01-01,22.45\r\nC0000772,2022-01-01,22.45\r\nC0000772,2022-01-01,22.45\r\nC 1,2022-01-01,1\r\n" +
		"C1,2022-01-01,1,2\r\n\xc2\xa0C1,2022-01-01,1\r\nC1\xc2\xa0,2022-01-01,1\r\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		checkRun(t, "customer_id,date,amount\n", string(data))
	})
}

// TestRunNumberedForms holds the run to the one-line paths on blocks of
// ids of numbered forms, short and long, padded and not (as the assembly
// loop takes them, when there is one), and of near misses: another prefix, a
// byte just outside the digits, another length, a leading zero where
// the form has none, a number past bulk.DenseLimit.
func TestRunNumberedForms(t *testing.T) {
	r := rand.New(rand.NewPCG(13, 14))
	for _, form := range []struct{ prefix, first string }{
		{"C", "C0000772"}, {"", "00000772"}, {"", "0772"}, {"CU-", "CU-00001"}, {"ab", "ab000001"}, {"X", "X01"},
		{"C", "C772"}, {"", "100234"}, {"CU-", "CU-1"}, {"abcdefg", "abcdefg1"},
		{"CU-", "CU-0000772"}, {"CUSTOMER-", "CUSTOMER-000123"}, {"CUSTOMER-", "CUSTOMER-1"}, {"c", "c00000001"},
		{"customer", "customer1234567"}, {"abcdefghijklmno", "abcdefghijklmno1"}, {"CU-", "CU-1234567"},
	} {
		key := numberedKey(form.first)
		f, ok := key.Numbered().ShortForm()
		if !ok {
			lf, _ := key.Numbered().LongForm()
			f.Width = lf.Width
		}
		for range 300 {
			var b strings.Builder
			day := segment.MustParseDate("2024-01-02")
			var last []byte
			for range r.IntN(80) {
				var num string
				if f.Width != 0 {
					num = fmt.Sprintf("%0*d", f.Width, r.IntN(min(int(math.Pow10(f.Width)), 5_000_000)))
				} else {
					num = fmt.Sprint(r.IntN([]int{10, 1000, 5_000_000, 100_000_000}[r.IntN(4)]))
				}
				id := []byte(form.prefix + num)
				switch r.IntN(12) {
				case 0: // a byte off the form
					const off = "/:Aa\x80 ,-9"
					id[r.IntN(len(id))] = off[r.IntN(len(off))]
				case 1: // another length
					id = append(id, '0'+byte(r.IntN(10)))
				case 2:
					id = id[:len(id)-1]
				case 3: // a leading zero
					id = []byte(form.prefix + "0" + num)
				case 4, 5: // the last id again
					if last != nil {
						id = last
					}
				}
				last = id
				if r.IntN(20) == 0 {
					day = day.AddDays(1 + r.IntN(3))
				}
				date := day.String()
				switch r.IntN(30) {
				case 0: // the same last 8 bytes, a century on
					date = "21" + date[2:]
				case 1: // the same first and last 8 bytes, of other lengths
					date = []string{"20240104", "2024010420240104", "202401040104"}[r.IntN(3)]
				}
				amount := fmt.Sprintf("%d.%02d", r.IntN(2000)-200, r.IntN(100))
				if r.IntN(6) == 0 {
					amount = randomAmount(r)
				}
				end := "\n"
				if r.IntN(10) == 0 {
					end = "\r\n"
				}
				fmt.Fprintf(&b, "%s,%s,%s%s", id, date, amount, end)
			}
			data := b.String()
			checkRunKey(t, "customer_id,date,amount\n", data, key)
			if len(data) > 0 {
				checkRunKey(t, "customer_id,date,amount\n", data[:r.IntN(len(data))], key)
			}
		}
	}
}

// TestRunNumberedRepeatsAfterLookalikes holds the run to the one-line
// paths where the line before an id of a long form has an id with the
// same words (as bulk.Words reads them) but another length, or the same
// last word and length but another first: neither is a repeat.
func TestRunNumberedRepeatsAfterLookalikes(t *testing.T) {
	for _, c := range []struct{ first, ids string }{
		{"CUSTOMER-1", "CUSTOMERTOMER-12 CUSTOMER-12 CUSTOMER-12"},
		{"CU-0000772", "XU-0000772 CU-0000772 CU-0000772 XU-0000772"},
	} {
		var b strings.Builder
		for i, id := range strings.Fields(c.ids + " " + c.ids) {
			fmt.Fprintf(&b, "%s,2024-01-0%d,1.5\n", id, 2+i/4)
		}
		b.WriteString(strings.Repeat("C1,2024-01-09,1\n", 3)) // the last window
		checkRunKey(t, "customer_id,date,amount\n", b.String(), numberedKey(c.first))
	}
}

// TestRunNumberedTakesPlainLines checks that the assembly loop, where
// there is one, takes every plain line of ids of a numbered form but for
// those in the last window, short and long, padded and not, with both
// kinds of line end;
// a test of the loop that compares it to the Go loop would pass as well
// if it took none.
func TestRunNumberedTakesPlainLines(t *testing.T) {
	if !haveRunNumbered {
		t.Skip("no assembly loop on " + runtime.GOARCH)
	}
	for _, form := range []struct{ first, format string }{
		{"C0000772", "C%07d"}, {"C772", "C%d"}, {"CU-0000772", "CU-%07d"}, {"CUSTOMR-1", "CUSTOMR-%d"},
		{"CUSTOMER-1", "CUSTOMER-%d"}, // a prefix of over 8 bytes: shorter amounts, for lines under 32 bytes
	} {
		for _, end := range []string{"\n", "\r\n"} {
			text := genLines(2000, form.format)
			if len(form.first) > 9 {
				text = regexp.MustCompile(`\.\d\d\n`).ReplaceAll(text, []byte("\n"))
			}
			data := []byte(strings.ReplaceAll(string(text), "\n", end))
			r := numberedRun(data, 2000, form.first)
			var lines int
			for start := 0; start < len(data)-runRoom; {
				text := data[bytes.IndexByte(data[start:], ',')+start+1:][:10]
				d, err := segment.ParseDateBytes(text)
				if err != nil {
					t.Fatal(err)
				}
				r.setDate(d, text)
				k, next, _ := r.numberedLines(lines, start, 0)
				if k == lines {
					t.Fatalf("form %s, line ends %q: the loop took no line at byte %d of %d: %q",
						form.first, end, start, len(data), data[start:start+runRoom])
				}
				lines, start = k, next
			}
			if lines < 1990 {
				t.Errorf("form %s, line ends %q: the loop took %d lines of 2000", form.first, end, lines)
			}
		}
	}
}

// numberedRun returns a run over data, with room for lines lines, that
// takes ids of first's form in the assembly loop.
func numberedRun(data []byte, lines int, first string) *run {
	key := numberedKey(first)
	r := &run{data: data, out: make([]bulk.Line, lines), key: &key, dateLen: -1, numbered: key.Numbered()}
	var ok bool
	if r.num, ok = numberedForm(r.numbered); !ok {
		panic(first + "'s form is not one the assembly loop takes")
	}
	return r
}

// TestRunNumberedBounds checks that the assembly loop reads no line
// starting past the last window of its data, and writes no line past the
// end of its room, though more lines it would take lie beyond both.
func TestRunNumberedBounds(t *testing.T) {
	if !haveRunNumbered {
		t.Skip("no assembly loop on " + runtime.GOARCH)
	}
	all := []byte(strings.Repeat("C0000772,2024-01-02,1.5\n", 100)) // 24 bytes a line
	for _, c := range []struct{ data, room, lines int }{
		{data: 50 * 24, room: 100, lines: 50 - 1}, // the last line's window passes the data's end
		{data: 100 * 24, room: 10, lines: 10},
	} {
		r := numberedRun(all[:c.data], 100, "C0000772")
		room := r.out
		r.out = room[:c.room]
		r.setDate(segment.MustParseDate("2024-01-02"), []byte("2024-01-02"))
		k, start, _ := r.numberedLines(0, 0, 0)
		if k != c.lines || start != 24*c.lines {
			t.Errorf("%d bytes, room for %d: took %d lines up to byte %d, want %d up to %d", c.data, c.room, k, start, c.lines, 24*c.lines)
		}
		if room[k] != (bulk.Line{}) {
			t.Errorf("%d bytes, room for %d: line %d written: %+v", c.data, c.room, k, room[k])
		}
	}
}

// TestRunNumberedTwoDecimals checks the assembly's path for amounts of
// two decimals and no sign (D.DD to DDDDD.DD), most of an order log's:
// with the general amount path shut, the loop takes every such line, of
// every form, as the general path takes it (which the tests above hold
// to the one-line paths), and no line whose amount is near that form.
// The tests above would pass as well if the path took no amount.
func TestRunNumberedTwoDecimals(t *testing.T) {
	if !haveRunNumbered {
		t.Skip("no assembly loop on " + runtime.GOARCH)
	}
	var taken, near []string
	for _, whole := range []string{"0", "7", "10", "99", "100", "999", "1000", "4567", "00012", "12345", "99999", "10000"} {
		for _, frac := range []string{"00", "01", "09", "10", "45", "90", "99"} {
			taken = append(taken, whole+"."+frac)
		}
	}
	near = []string{"-1.00", "-99999.99", "-0.00", "+1.00", "1.0", "1.000", "1.", ".50", ".5", "123456.78", "0123456.78",
		"1..00", "1.0.0", "12.3.", " 1.00", "1 .00", "1. 00", "1.00 ", "1,00", "1e3.00", "1", "100", "12345678"}
	const bytesNear = "/:.-x \x00\x7f\x80\xff"
	for i := range len("12345.67") {
		for _, c := range []byte(bytesNear) {
			a := []byte("12345.67")
			if a[i] == c || i == 5 && c == '.' {
				continue
			}
			a[i] = c
			near = append(near, string(a))
		}
	}
	for _, id := range []string{"C0000772", "C772", "CU-0000772"} {
		for _, amounts := range []struct {
			list []string
			take int
		}{{taken, 1}, {near, 0}} {
			for _, a := range amounts.list {
				line := id + ",2024-01-02," + a + "\n"
				data := []byte(line + strings.Repeat(id+",2024-01-02,1\n", 3)) // room for the window; amounts the path leaves
				got, want := numberedRun(data, 4, id), numberedRun(data, 4, id)
				got.num.twoOnly = 1
				for _, r := range []*run{got, want} {
					r.setDate(segment.MustParseDate("2024-01-02"), []byte("2024-01-02"))
				}
				k, next, _ := got.numberedLines(0, 0, 0)
				if k != amounts.take || next != amounts.take*len(line) {
					t.Errorf("id %s, amount %q: the two-decimal path took %d lines up to byte %d, want %d", id, a, k, next, amounts.take)
					continue
				}
				if k == 0 {
					continue
				}
				if wk, _, _ := want.numberedLines(0, 0, 0); wk < 1 || got.out[0] != want.out[0] {
					t.Errorf("id %s, amount %q: the two-decimal path made\n%+v\nthe general path (%d lines)\n%+v", id, a, got.out[0], wk, want.out[0])
				}
			}
		}
	}
}
