//go:build !linux || !(amd64 || arm64)

package main

import "os"

// readAhead does nothing here: see readahead_linux.go.
func readAhead(*os.File) {}
