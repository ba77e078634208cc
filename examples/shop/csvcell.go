package main

import (
	"encoding/binary"
	"strings"
	"unsafe"

	"github.com/clientele-go/clientele/internal/ascii"
)

// csvCell makes customer text safe to put in a CSV cell: quoted when it
// holds a comma, quote or line break, and prefixed with an apostrophe when
// it starts like a spreadsheet formula (= + - @, or a tab or carriage
// return), so that opening the export in Excel or Sheets cannot run it.
// Only text from the data goes through here; numbers we format ourselves
// (including negative ones) are written as they are.
func csvCell(s string) string {
	if plainCell(s) { // the common case, checked in one pass
		return s
	}
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		s = "'" + s
	}
	if strings.ContainsAny(s, ",\"\n\r") {
		s = `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
	}
	return s
}

// plainCell reports whether s needs neither quotes nor the apostrophe.
// It looks at 8 bytes at a time: every byte that needs quotes is below
// '-', which ids seldom hold, so a word without such a byte is passed
// in a few instructions, and only one with one is looked at byte by byte
// (a customer's id, checked once per row, cost a tenth of the row's
// formatting byte by byte).
func plainCell(s string) bool {
	if s == "" {
		return true
	}
	if formulaStart[s[0]] {
		return false
	}
	b := unsafe.Slice(unsafe.StringData(s), len(s)) // read only
	i := 0
	for ; i+8 <= len(b); i += 8 {
		if ascii.BelowDash(binary.LittleEndian.Uint64(b[i:])) != 0 && !plainBytes(b[i:i+8]) {
			return false
		}
	}
	return plainBytes(b[i:])
}

// plainBytes reports whether no byte of b needs quotes.
func plainBytes(b []byte) bool {
	for _, c := range b {
		if needsQuotes[c] {
			return false
		}
	}
	return true
}

var formulaStart, needsQuotes [256]bool

func init() {
	for _, c := range "=+-@\t\r" {
		formulaStart[c] = true
	}
	for _, c := range ",\"\n\r" {
		needsQuotes[c] = true
	}
}
