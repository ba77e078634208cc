//go:build !amd64

package segment

import "unsafe"

// prefetch: see prefetch.go.
func prefetch(at *[lookUpBatch]unsafe.Pointer, n int) { prefetchByLoads(at, n) }
