package main

import (
	"encoding/csv"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"unicode"
)

// segMap is the 125-code map: segment numbers 1..len(names) (0 means "no
// segment"), the segment of each code, and a lookup of names as tools
// write them.
type segMap struct {
	names  []string // names[i-1] is segment i, in order of first appearance
	byCode [125]uint8
}

// codeIndex numbers the codes 111..555 as 0..124; scores are 1..5.
func codeIndex(r, f, m uint8) int { return int(r-1)*25 + int(f-1)*5 + int(m-1) }

// readMap reads the map CSV: the header r,f,m,segment and each of the 125
// codes exactly once.
func readMap(path string) (*segMap, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(rows) == 0 || !slices.Equal(rows[0], []string{"r", "f", "m", "segment"}) {
		return nil, fmt.Errorf("%s: want the header r,f,m,segment", path)
	}
	m := &segMap{}
	seen := [125]bool{}
	for i, row := range rows[1:] {
		line := i + 2
		var s [3]uint8
		for j := range s {
			v, err := strconv.Atoi(row[j])
			if err != nil || v < 1 || v > 5 {
				return nil, fmt.Errorf("%s:%d: %s %q: want 1..5", path, line, rows[0][j], row[j])
			}
			s[j] = uint8(v)
		}
		name := strings.TrimSpace(row[3])
		if name == "" {
			return nil, fmt.Errorf("%s:%d: empty segment", path, line)
		}
		k := codeIndex(s[0], s[1], s[2])
		if seen[k] {
			return nil, fmt.Errorf("%s:%d: code %d%d%d listed twice", path, line, s[0], s[1], s[2])
		}
		seen[k] = true
		n := slices.Index(m.names, name)
		if n < 0 {
			m.names = append(m.names, name)
			n = len(m.names) - 1
		}
		m.byCode[k] = uint8(n + 1)
	}
	if len(rows)-1 != 125 {
		return nil, fmt.Errorf("%s: %d codes, want all 125", path, len(rows)-1)
	}
	return m, nil
}

// segment returns the number of the segment a tool wrote as name, or 0 and
// false. Names match ignoring case, spaces and punctuation, so the title
// "Can't Lose Them" and the identifier "cant_lose_them" are one segment;
// a name that is a unique prefix of one segment's name also matches, so
// the identifier "loyal" finds "Loyal Customers".
func (m *segMap) segment(name string) (uint8, bool) {
	key := normalise(name)
	if key == "" {
		return 0, false
	}
	found := 0
	for i, n := range m.names {
		nk := normalise(n)
		if nk == key {
			return uint8(i + 1), true
		}
		if strings.HasPrefix(nk, key) {
			if found != 0 {
				found = -1 // ambiguous
			} else {
				found = i + 1
			}
		}
	}
	if found > 0 {
		return uint8(found), true
	}
	return 0, false
}

// normalise keeps lower-case letters and digits.
func normalise(s string) string {
	var b strings.Builder
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}
