package main

import "strings"

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
func plainCell(s string) bool {
	if s != "" && formulaStart[s[0]] {
		return false
	}
	for i := 0; i < len(s); i++ {
		if needsQuotes[s[i]] {
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
