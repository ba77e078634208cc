//go:build !linux

package ingest

import (
	"os"
	"testing"
)

// DropPages leaves f's pages: only Linux is asked to drop them.
func DropPages(t testing.TB, f *os.File) {}
