package strategy_test

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/clientele-go/clientele/internal/sample"
	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/rfm"
	"github.com/clientele-go/clientele/strategy"
)

// bigLedger is a base large enough for FitView to split it between
// workers: customers with one to five orders, some of them returns.
func bigLedger(t testing.TB, customers int, sign float64) *segment.Ledger {
	t.Helper()
	r := rand.New(rand.NewPCG(uint64(customers), 3))
	start := segment.MustParseDate("2023-01-01")
	var orders []segment.Order
	for c := range customers {
		for range 1 + r.IntN(5) {
			amount := sign * float64(1+r.IntN(50000)) / 100
			if sign > 0 && r.IntN(15) == 0 {
				amount = -amount
			}
			orders = append(orders, segment.Order{Customer: fmt.Sprintf("K%06d", c), Date: start.AddDays(r.IntN(700)), Amount: amount})
		}
	}
	l := segment.NewLedger(nil)
	_, err := l.AddOrders(orders)
	require.NoError(t, err)
	return l
}

// FitView on every core fits exactly what one Fitter over the same
// profiles fits, for a base split between workers and for a small one.
func TestFitViewIsFitter(t *testing.T) {
	small, err := sample.Ledger()
	require.NoError(t, err)
	for name, l := range map[string]*segment.Ledger{"sample": small, "100k": bigLedger(t, 100_000, 1)} {
		base, _ := l.Profiles(segment.Date{})
		want, err := strategy.Fit(base, nil)
		require.NoError(t, err, name)
		got, err := strategy.FitView(l.View(segment.Date{}), nil)
		require.NoError(t, err, name)
		require.Equal(t, want.Behavior.Cuts(), got.Behavior.Cuts(), name)
		require.Equal(t, want.RFM.Model(), got.RFM.Model(), name)
		for i := 0; i < len(base); i += 97 {
			var a, b strategy.Classification
			want.Classify(&base[i], &a)
			got.Classify(&base[i], &b)
			require.Equal(t, a, b, "%s: customer %s", name, base[i].ID)
		}
	}
}

// Fits over one view at once: one borrows the room the ledger's grouping
// left (see fitroom.Room), the others make their own, and all fit the
// same as a fit alone, which borrows it again.
func TestFitViewConcurrent(t *testing.T) {
	v := bigLedger(t, 100_000, 1).View(segment.Date{})
	var got [3]*strategy.Classifiers
	var errs [3]error
	var wg sync.WaitGroup
	for i := range got {
		wg.Add(1)
		go func() {
			defer wg.Done()
			got[i], errs[i] = strategy.FitView(v, nil)
		}()
	}
	wg.Wait()
	want, err := strategy.FitView(v, nil)
	require.NoError(t, err)
	for i := range got {
		require.NoError(t, errs[i])
		require.Equal(t, want.Behavior.Cuts(), got[i].Behavior.Cuts(), "fit %d", i)
		require.Equal(t, want.RFM.Model(), got[i].RFM.Model(), "fit %d", i)
	}
}

// A base of returns only has no buyer to score against, on one worker and
// on several; bad settings are refused before any customer is read.
func TestFitViewErrors(t *testing.T) {
	for _, n := range []int{10, 70_000} {
		_, err := strategy.FitView(bigLedger(t, n, -1).View(segment.Date{}), nil)
		require.ErrorIs(t, err, rfm.ErrNoPurchases, "%d customers", n)
	}
	l, err := sample.Ledger()
	require.NoError(t, err)
	_, err = strategy.FitView(l.View(sample.AsOf), &strategy.Settings{RFM: &rfm.Config{Basis: 99}})
	require.Error(t, err)
	require.Contains(t, err.Error(), "rfm")
	// On several workers, each of which makes its Fitter and refuses.
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(max(2, runtime.GOMAXPROCS(0))))
	_, err = strategy.FitView(bigLedger(t, 70_000, 1).View(segment.Date{}), &strategy.Settings{RFM: &rfm.Config{Basis: 99}})
	require.Error(t, err)
	require.Contains(t, err.Error(), "rfm")
}

// An empty base has no buyer to fit on.
func TestFitViewEmpty(t *testing.T) {
	_, err := strategy.FitView(segment.NewLedger(nil).View(segment.Date{}), nil)
	require.ErrorIs(t, err, rfm.ErrNoPurchases)
}
