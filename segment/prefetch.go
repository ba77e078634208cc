package segment

import "unsafe"

// prefetch asks the processor for the memory at each of the first n of
// at, without waiting for it: a hint, which changes no result. On amd64
// it is the PREFETCHT0 instruction (prefetch_amd64.s), which retires at
// once, so that the work after it goes on while the cache misses are
// served; elsewhere it is prefetchByLoads.

// prefetchByLoads reads the first 4 bytes at each of the first n of at,
// which must be readable: a load does bring the memory, but the processor
// holds the loads' later work until they are served.
func prefetchByLoads(at *[lookUpBatch]unsafe.Pointer, n int) {
	var sum uint32
	for _, p := range at[:n] {
		sum += *(*uint32)(p)
	}
	warmed.Add(uint64(sum))
}
