package main

import (
	"errors"
	"testing"

	"github.com/clientele-go/clientele/segment/batch"
)

// A panic batch.Map recovered on a worker is raised again (on the
// handler's goroutine, where net/http recovers from it); other errors
// and no error are left to the caller.
func TestRaise(t *testing.T) {
	raise(nil)
	raise(errors.New("cannot encode"))
	defer func() {
		if p, ok := recover().(*batch.PanicError); !ok || p.Value != "customer 500" {
			t.Errorf("recovered %v", p)
		}
	}()
	raise(&batch.PanicError{Value: "customer 500"})
	t.Error("no panic")
}
