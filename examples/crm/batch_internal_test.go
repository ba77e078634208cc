package main

import (
	"sync/atomic"
	"testing"
)

// onEveryCore calls fn once for every index, whatever the count.
func TestOnEveryCore(t *testing.T) {
	for _, n := range []int{0, 1, 2, 7, 8, 9, 1000} {
		calls := make([]atomic.Int32, n)
		onEveryCore(n, func(i int) { calls[i].Add(1) })
		for i := range calls {
			if c := calls[i].Load(); c != 1 {
				t.Fatalf("n=%d: index %d called %d times", n, i, c)
			}
		}
	}
}

// A worker's panic reaches the caller (where net/http recovers from it)
// instead of ending the process.
func TestOnEveryCorePanics(t *testing.T) {
	defer func() {
		if p := recover(); p != "customer 500" {
			t.Errorf("recovered %v", p)
		}
	}()
	onEveryCore(1000, func(i int) {
		if i == 500 {
			panic("customer 500")
		}
	})
	t.Error("no panic")
}
