package hugepages

import (
	"os"
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

// The measurement gives a cost for 4 KiB pages, and for huge pages
// exactly when 4 KiB pages are not cheap (where the kernel has huge pages
// at all).
func TestMeasureFirstTouch(t *testing.T) {
	small, huge := measureFirstTouch()
	t.Logf("first touch of 4 KiB: %v in 4 KiB pages, %v in a huge page (0: not measured)", small, huge)
	if small <= 0 {
		t.Fatalf("4 KiB pages: %v", small)
	}
	if huge < 0 {
		t.Fatalf("huge pages: %v", huge)
	}
	if small < cheapSmall && huge != 0 {
		t.Errorf("4 KiB pages cost %v, under %v, yet huge pages were measured (%v)", small, cheapSmall, huge)
	}
	if _, err := os.Stat("/sys/kernel/mm/transparent_hugepage"); err == nil && small >= cheapSmall && huge == 0 {
		t.Errorf("4 KiB pages cost %v, %v or more, yet huge pages were not measured", small, cheapSmall)
	}
}

// HugeFirstTouch decides from a measurement (preferHuge), keeps the answer
// for firstTouchFor and measures again after it.
func TestHugeFirstTouchHolds(t *testing.T) {
	costs := [][2]time.Duration{{12 * time.Microsecond, 8 * time.Microsecond}, {2 * time.Microsecond, 0}}
	measured := 0
	saved := measure
	measure = func() (time.Duration, time.Duration) {
		c := costs[measured%len(costs)]
		measured++
		return c[0], c[1]
	}
	t.Cleanup(func() { measure = saved; firstTouch.until.Store(0) })
	firstTouch.until.Store(0)

	if !HugeFirstTouch() || measured != 1 {
		t.Fatalf("4 KiB pages at 12 us, huge ones at 8: huge %v after %d measurements, want true after 1", firstTouch.huge.Load(), measured)
	}
	until := time.Duration(firstTouch.until.Load())
	if now := time.Since(epoch); until <= now || until > now+firstTouchFor {
		t.Fatalf("measured now (%v since epoch), held until %v", now, until)
	}
	if !HugeFirstTouch() || measured != 1 || time.Duration(firstTouch.until.Load()) != until {
		t.Errorf("asked again at once: measured %d times, held until %v (was %v)", measured, time.Duration(firstTouch.until.Load()), until)
	}
	// Expired: measured again, and 4 KiB pages cheap this time.
	firstTouch.until.Store(int64(time.Since(epoch) - time.Second))
	if HugeFirstTouch() || measured != 2 {
		t.Errorf("expired: huge %v after %d measurements, want false after 2", firstTouch.huge.Load(), measured)
	}
	if later := time.Duration(firstTouch.until.Load()); later <= until {
		t.Errorf("expired: held until %v, not after %v", later, until)
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
