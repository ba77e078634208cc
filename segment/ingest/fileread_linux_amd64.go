package ingest

// sysPreadv2 is preadv2's number (the syscall package has none).
const sysPreadv2 = 327
