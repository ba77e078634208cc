package ingest

import (
	"fmt"
	"io"
	"reflect"
	"runtime/debug"
	"strings"
	"testing"
	"time"

	"github.com/clientele-go/clientele/segment/internal/bulk"
)

// slowReader gives its input 64 bytes a read, sleeping first: a load's
// reader that the spares' readying always outruns.
type slowReader struct{ r io.Reader }

func (s slowReader) Read(p []byte) (int, error) {
	time.Sleep(200 * time.Microsecond)
	return s.r.Read(p[:min(len(p), 64)])
}

// splitAll runs split over input in blocks of 256 bytes, with no parser
// and no ledger, and returns its spares and the blocks it sent.
func splitAll(t *testing.T, input string) (*spares, int) {
	t.Helper()
	return splitFrom(t, slowReader{strings.NewReader(input)})
}

// drainPools empties the pools of buffers and line slices.
func drainPools() {
	for buffers.Get() != nil {
	}
	for lineSlices.Get() != nil {
	}
}

// splitFrom is splitAll reading from in.
func splitFrom(t *testing.T, in io.Reader) (*spares, int) {
	t.Helper()
	defer SetBlockBytes(256)()
	r, err := NewOrderReader(in, nil)
	if err != nil {
		t.Fatal(err)
	}
	drainPools() // what other tests' loads left: split would take it
	work, ordered, stop := make(chan *block, 100), make(chan *block, 100), make(chan struct{})
	s := newSpares(6)
	r.split(work, ordered, stop, s)
	blocks := 0
	for range ordered {
		blocks++
	}
	return s, blocks
}

func orderLines(n int) string {
	var b strings.Builder
	b.WriteString("customer_id,date,amount\n")
	for i := range n {
		fmt.Fprintf(&b, "C%07d,2024-01-%02d,%d.50\n", i, 1+i%28, i%90)
	}
	return b.String()
}

// TestReadyBuffers checks that a load longer than a block reads its next
// blocks into buffers readied for it, which split does not make, and that
// a load of one block readies none.
func TestReadyBuffers(t *testing.T) {
	s, blocks := splitAll(t, orderLines(60)) // 26 bytes a line: 7 blocks
	if blocks < 6 {
		t.Fatalf("%d blocks, want 6 or more", blocks)
	}
	// The first buffer is split's own; the next five were ready (no
	// block is recycled here, so each later one is made).
	if got, want := int(s.made.Load()), 1+max(0, blocks-1-(cap(s.bufs)-1)); got != want {
		t.Errorf("split made %d buffers for %d blocks, want %d", got, blocks, want)
	}
	if !s.ended.Load() {
		t.Error("not ended after the input")
	}

	// A reader faster than the readying: split waits for the buffers
	// being readied rather than make its own.
	s, blocks = splitFrom(t, strings.NewReader(orderLines(60)))
	if got, want := int(s.made.Load()), 1+max(0, blocks-1-(cap(s.bufs)-1)); blocks < 6 || got != want {
		t.Errorf("a fast reader: split made %d buffers for %d blocks, want %d", got, blocks, want)
	}

	s, blocks = splitAll(t, orderLines(5))
	time.Sleep(20 * time.Millisecond) // time for a readying, were one started
	if blocks != 1 || s.made.Load() != 1 || len(s.bufs) != 0 {
		t.Errorf("one block: %d blocks, %d buffers made, %d ready; want 1, 1, 0", blocks, s.made.Load(), len(s.bufs))
	}
}

// TestReadyBuffersTakesThePoolFirst checks that buffers an earlier load
// left in the pool are readied before any is made, and that a readying
// stops at the input's end.
func TestReadyBuffersTakesThePoolFirst(t *testing.T) {
	s := newSpares(4)
	s.ended.Store(true)
	s.ready(3, 100, 10)
	if len(s.bufs) != 0 {
		t.Fatalf("%d buffers ready after the end, want 0", len(s.bufs))
	}
	s.ended.Store(false)
	// No collection empties the pool meanwhile.
	defer debug.SetGCPercent(debug.SetGCPercent(-1))
	old := make([]byte, 0, 100)
	buffers.Put(&old)
	s.ready(3, 100, 10)
	if len(s.bufs) != 3 {
		t.Fatalf("%d buffers ready, want 3", len(s.bufs))
	}
	pooled := false
	for range 3 {
		b := <-s.bufs
		if cap(b) < 100 || len(b) != 0 {
			t.Fatalf("a ready buffer of length %d and capacity %d, want 0 and 100 or more", len(b), cap(b))
		}
		pooled = pooled || &b[:1][0] == &old[:1][0]
	}
	if !pooled && !raceDetector { // the race detector's pool drops some at random
		t.Error("the pooled buffer was not readied")
	}

	// At most maxReady, however many spares there are.
	s = newSpares(3 * maxReady)
	s.ready(3*maxReady-1, 100, 10)
	if len(s.bufs) != maxReady {
		t.Errorf("%d buffers ready of %d spares, want %d", len(s.bufs), 3*maxReady, maxReady)
	}
}

// TestReadyCarves checks that ready makes what the pools do not have in
// pieces of one array each, every buffer and line slice its own: filled
// to its capacity, none reaches another.
func TestReadyCarves(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(-1))
	drainPools()
	const n, size, lines = 5, 100, 7
	s := newSpares(n)
	s.ready(n, size, lines)
	if len(s.bufs) != n || len(s.lines) != n {
		t.Fatalf("%d buffers and %d line slices ready, want %d each", len(s.bufs), len(s.lines), n)
	}
	var bufs [][]byte
	var slices [][]bulk.Line
	for i := range n {
		b, ls := <-s.bufs, <-s.lines
		if len(b) != 0 || cap(b) != size || len(ls) != 0 || cap(ls) != lines {
			t.Fatalf("ready buffer %d: len %d cap %d; line slice: len %d cap %d; want 0, %d, 0, %d", i, len(b), cap(b), len(ls), cap(ls), size, lines)
		}
		bufs, slices = append(bufs, b[:size]), append(slices, ls[:lines])
	}
	for i := range n {
		for j := range bufs[i] {
			bufs[i][j] = byte(i + 1)
		}
		for j := range slices[i] {
			slices[i][j].Day = int32(i + 1)
		}
	}
	for i := range n {
		for j, v := range bufs[i] {
			if v != byte(i+1) {
				t.Fatalf("buffer %d, byte %d: %d, written by another", i, j, v)
			}
		}
		for j, l := range slices[i] {
			if l.Day != int32(i+1) {
				t.Fatalf("line slice %d, line %d: %d, written by another", i, j, l.Day)
			}
		}
	}

	// A line slice in the pool too small for the lines is not taken.
	small := make([]bulk.Line, 0, lines-1)
	lineSlices.Put(&small)
	s = newSpares(1)
	s.ready(1, size, lines)
	if ls := <-s.lines; cap(ls) != lines {
		t.Errorf("a line slice of capacity %d readied for %d lines", cap(ls), lines)
	}
}

// TestReadyPutsBackWhatItTook checks the ways out of ready: after the
// input's end it takes and makes nothing; with more spares than room, it
// readies what fits and leaves in the pools, once each, the rest of what
// it took from them.
func TestReadyPutsBackWhatItTook(t *testing.T) {
	if raceDetector {
		t.Skip("the race detector's pool drops some at random")
	}
	defer debug.SetGCPercent(debug.SetGCPercent(-1))
	drainPools()
	s := newSpares(3)
	s.ended.Store(true)
	s.ready(5, 100, 7)
	if len(s.bufs) != 0 || len(s.lines) != 0 || buffers.Get() != nil || lineSlices.Get() != nil {
		t.Fatal("ready after the input's end readied or left something")
	}

	drainPools()
	want := map[*byte]int{}
	wantLines := map[*bulk.Line]int{}
	for range 5 {
		b, ls := make([]byte, 0, 100), make([]bulk.Line, 0, 7)
		buffers.Put(&b)
		lineSlices.Put(&ls)
		want[&b[:1][0]]++
		wantLines[&ls[:1][0]]++
	}
	s = newSpares(3)
	// A line slice already spare: the slices fill their room a step
	// before the buffers do.
	extra := make([]bulk.Line, 0, 7)
	s.lines <- extra
	wantLines[&extra[:1][0]]++
	s.ready(5, 100, 7)
	got := map[*byte]int{}
	gotLines := map[*bulk.Line]int{}
	for len(s.bufs) > 0 {
		b := <-s.bufs
		got[&b[:1][0]]++
	}
	for len(s.lines) > 0 {
		ls := <-s.lines
		gotLines[&ls[:1][0]]++
	}
	for b, ok := buffers.Get().(*[]byte); ok; b, ok = buffers.Get().(*[]byte) {
		got[&(*b)[:1][0]]++
	}
	for ls, ok := lineSlices.Get().(*[]bulk.Line); ok; ls, ok = lineSlices.Get().(*[]bulk.Line) {
		gotLines[&(*ls)[:1][0]]++
	}
	if !reflect.DeepEqual(got, want) || !reflect.DeepEqual(gotLines, wantLines) {
		t.Errorf("the five pooled buffers and line slices, readied or back in the pools: %d and %d distinct, counts %v and %v; want each once", len(got), len(gotLines), got, gotLines)
	}
}

// next takes what the channel holds, waits while ready runs for what it
// sends, and gives up once ready has returned.
func TestNext(t *testing.T) {
	c := make(chan int, 2)
	c <- 1
	if v, ok := next(c, nil); v != 1 || !ok {
		t.Errorf("a value there, no readying: %d, %v", v, ok)
	}
	if _, ok := next(c, nil); ok {
		t.Error("nothing there, no readying: ok")
	}
	readying := make(chan struct{})
	go func() {
		time.Sleep(20 * time.Millisecond)
		c <- 2
		close(readying)
	}()
	if v, ok := next(c, readying); v != 2 || !ok {
		t.Errorf("a value sent while readying: %d, %v", v, ok)
	}
	<-readying
	if _, ok := next(c, readying); ok {
		t.Error("nothing there, readying over: ok")
	}
	c <- 3
	if v, ok := next(c, readying); v != 3 || !ok {
		t.Errorf("a value there, readying over: %d, %v", v, ok)
	}
}
