package hugepages

import (
	"runtime"
	"testing"
	"time"
)

// pinFirstTouch makes HugeFirstTouch report huge for the rest of the test
// without measuring, and lets it measure again afterwards.
func pinFirstTouch(t *testing.T, huge bool) {
	t.Helper()
	firstTouch.mu.Lock()
	defer firstTouch.mu.Unlock()
	firstTouch.huge.Store(huge)
	firstTouch.until.Store(int64(time.Since(epoch) + time.Hour))
	t.Cleanup(func() { firstTouch.until.Store(0) })
}

// Huge pages are preferred only when measured and cheaper.
func TestPreferHuge(t *testing.T) {
	for _, c := range []struct {
		small, huge time.Duration
		want        bool
	}{
		{13 * time.Microsecond, 4 * time.Microsecond, true},   // the AMD host of 2026-12-07
		{1500 * time.Nanosecond, 0, false},                    // 4 KiB pages cheap: the huge page not measured
		{10 * time.Microsecond, 0, false},                     // no huge pages to be had
		{11 * time.Microsecond, 7681 * time.Nanosecond, true}, // a cold huge page there
		{10 * time.Microsecond, 9999 * time.Nanosecond, true},
		{5 * time.Microsecond, 5 * time.Microsecond, false},
		{5 * time.Microsecond, 20 * time.Microsecond, false},
	} {
		if got := preferHuge(c.small, c.huge); got != c.want {
			t.Errorf("preferHuge(%v, %v) = %v, want %v", c.small, c.huge, got, c.want)
		}
	}
}

// The measurement gives a cost for 4 KiB pages, and for a huge page
// exactly when 4 KiB pages are not cheap.
func TestMeasureFirstTouch(t *testing.T) {
	small, huge := measureFirstTouch()
	t.Logf("first touch of 4 KiB: %v in 4 KiB pages, %v in a huge page (0: not measured)", small, huge)
	if small <= 0 {
		t.Fatalf("4 KiB pages: %v", small)
	}
	if small < cheapSmall && huge != 0 {
		t.Errorf("4 KiB pages cost %v, under %v, yet a huge page was measured (%v)", small, cheapSmall, huge)
	}
	if huge < 0 {
		t.Errorf("huge page: %v", huge)
	}
}

// HugeFirstTouch measures once, keeps the answer for firstTouchFor and
// measures again after it.
func TestHugeFirstTouchHolds(t *testing.T) {
	t.Cleanup(func() { firstTouch.until.Store(0) })
	firstTouch.until.Store(0)
	got := HugeFirstTouch()
	until := time.Duration(firstTouch.until.Load())
	if now := time.Since(epoch); until <= now || until > now+firstTouchFor {
		t.Fatalf("measured now (%v since epoch), held until %v", now, until)
	}
	if again := HugeFirstTouch(); again != got || time.Duration(firstTouch.until.Load()) != until {
		t.Errorf("asked again at once: %v until %v, then %v until %v", got, until, again, time.Duration(firstTouch.until.Load()))
	}
	// Pinned to the other answer until a time already past: measured again.
	firstTouch.huge.Store(!got)
	firstTouch.until.Store(int64(time.Since(epoch) - time.Second))
	HugeFirstTouch()
	if later := time.Duration(firstTouch.until.Load()); later <= until {
		t.Errorf("expired: not measured again (held until %v, before %v)", later, until)
	}
}

// threadTime counts the thread's work and not its waits.
func TestThreadTime(t *testing.T) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	start := threadTime()
	time.Sleep(50 * time.Millisecond)
	if slept := threadTime() - start; slept > 25*time.Millisecond {
		t.Errorf("50 ms of sleep counted %v", slept)
	}
	// Work: the clock moves (5 ms of it within 5 s, whatever else the
	// machine runs).
	start = threadTime()
	x := 1
	for w := time.Now(); threadTime()-start < 5*time.Millisecond; {
		for range 1000 {
			x = x*31 + 7
		}
		if time.Since(w) > 5*time.Second {
			t.Fatalf("5 s of work counted %v (%d)", threadTime()-start, x)
		}
	}
}
