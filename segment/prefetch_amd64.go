package segment

import "unsafe"

// prefetch: see prefetch.go.
//
//go:noescape
func prefetch(at *[lookUpBatch]unsafe.Pointer, n int)
