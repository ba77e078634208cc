package main

import "strings"

// csvCell makes customer text safe to put in a CSV cell: quoted when it
// holds a comma, quote or line break, and prefixed with an apostrophe when
// it starts like a spreadsheet formula (= + - @, or a tab or carriage
// return), so that opening the export in Excel or Sheets cannot run it.
// Only text from the data goes through here; numbers we format ourselves
// (including negative ones) are written as they are.
func csvCell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		s = "'" + s
	}
	if strings.ContainsAny(s, ",\"\n\r") {
		s = `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
	}
	return s
}
