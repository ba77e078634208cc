package ingest

// A read of a regular file whose pages the kernel has cached is a copy:
// work for the CPU, like the parsing it feeds, not a wait. But Go treats
// every system call as one that may block: when one lasts over 20 µs
// (a block of 512 KiB takes 0.1 to 0.3 ms) and the other Ps are busy,
// the runtime's monitor hands the caller's P to another thread, which
// then wakes on a core that has its own work. On this project's
// two-core VM the kernel often queued the woken thread behind a busy
// one while the other core idled, until the next tick (4 ms at 250 Hz):
// traces of the CLI showed a P idle beside runnable goroutines for 15 to
// 25 core-ms a run, in pieces of up to 4 ms, and the process switched
// 600 times where it now switches 330. So a regular file is read
// without that hand-off, for the pages already cached (RWF_NOWAIT: the
// kernel copies what it has and refuses, at once, what it would have to
// wait for), and with an ordinary read otherwise (see fileread_linux.go).
