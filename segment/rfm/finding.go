package rfm

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/clientele-go/clientele/segment"
)

// FindingKind is the kind of problem a map validation finds.
type FindingKind uint8

// The kinds of findings.
const (
	// Shadowed: a rule that can never match, because earlier rules take
	// every one of its codes.
	Shadowed FindingKind = iota + 1
	// Uncovered: codes that no rule covers. The fallback segment takes
	// them, or, without one, they get no segment.
	Uncovered
	// Unlisted: codes that an explicit partition lists under no segment.
	Unlisted
	// Duplicated: codes that an explicit partition lists under more than
	// one segment.
	Duplicated
)

var findingKinds = [...]string{"", "shadowed", "uncovered", "unlisted", "duplicated"}

// String returns "shadowed", "uncovered", "unlisted" or "duplicated".
func (k FindingKind) String() string {
	if k > 0 && int(k) < len(findingKinds) {
		return findingKinds[k]
	}
	return "FindingKind(" + strconv.Itoa(int(k)) + ")"
}

// MarshalText writes the name.
func (k FindingKind) MarshalText() ([]byte, error) {
	if k == 0 || int(k) >= len(findingKinds) {
		return nil, &segment.FieldError{Field: "kind", Value: k.String(), Err: segment.ErrRange}
	}
	return []byte(findingKinds[k]), nil
}

// UnmarshalText reads the name.
func (k *FindingKind) UnmarshalText(b []byte) error {
	for i := 1; i < len(findingKinds); i++ {
		if strings.EqualFold(string(b), findingKinds[i]) {
			*k = FindingKind(i)
			return nil
		}
	}
	return &segment.FieldError{Field: "kind", Value: string(b), Err: fmt.Errorf("want one of %s", strings.Join(findingKinds[1:], ", "))}
}

// Taker is an earlier rule and the codes it takes from a shadowed rule.
type Taker struct {
	Index   int    `json:"index"`   // position in Rules.Rules
	Segment string `json:"segment"` // its segment, as written
	Codes   []Code `json:"codes"`   // the shadowed rule's codes it takes
}

// Finding is one problem of a map, as data; [Finding.Text] renders it as
// one line for people.
type Finding struct {
	Kind FindingKind `json:"kind"`
	// Index is the position of the shadowed rule in Rules.Rules; -1 for
	// findings about codes.
	Index int `json:"index"`
	// Rule is the shadowed rule.
	Rule Rule `json:"rule,omitzero"`
	// By lists the earlier rules that take the shadowed rule's codes, in
	// rule order: the rules to move or narrow.
	By []Taker `json:"by,omitempty"`
	// Codes are the codes concerned: the shadowed rule's codes, or the
	// uncovered, unlisted or duplicated ones, in the order 111 ... 555.
	Codes []Code `json:"codes"`
	// Fallback is, for uncovered codes, the segment that takes them;
	// empty when the rules have no fallback and the codes get no segment.
	Fallback string `json:"fallback,omitempty"`
	// Segments are, for duplicated codes, the segments that list them.
	Segments []string `json:"segments,omitempty"`
}

// String renders f in English.
func (f Finding) String() string { return f.Text(segment.English) }

// Text renders f in lang as one line, describing sets of codes compactly
// ("r 1-2 f 3-5 m 1-5, 312"), e.g.
//
//	rules[3] "New Customers" r 4-5 f 1 m 1 never matches: earlier rules take all its 2 codes: rules[2] "Potential Loyalist" takes r 4-5 f 1 m 1
//	12 codes are covered by no rule: r 1 f 3-5 m 1-2, 222; the fallback "Others" takes them
func (f Finding) Text(lang segment.Lang) string {
	ru := lang == segment.Russian
	set := setOf(f.Codes)
	n := len(f.Codes)
	switch f.Kind {
	case Shadowed:
		var b strings.Builder
		rule := "rules[" + strconv.Itoa(f.Index) + "] " + f.Rule.String()
		switch {
		case ru && n == 1:
			fmt.Fprintf(&b, "%s никогда не срабатывает: его единственный код уже занят более ранним правилом:", rule)
		case ru:
			fmt.Fprintf(&b, "%s никогда не срабатывает: все его коды (%d) уже заняты более ранними правилами:", rule, n)
		case n == 1:
			fmt.Fprintf(&b, "%s never matches: an earlier rule takes its only code:", rule)
		default:
			fmt.Fprintf(&b, "%s never matches: earlier rules take all its %d codes:", rule, n)
		}
		for i, t := range f.By {
			if i > 0 {
				b.WriteByte(';')
			}
			if ru {
				fmt.Fprintf(&b, " rules[%d] «%s» — %s", t.Index, t.Segment, setOf(t.Codes).describe())
			} else {
				fmt.Fprintf(&b, " rules[%d] %q takes %s", t.Index, t.Segment, setOf(t.Codes).describe())
			}
		}
		return b.String()
	case Uncovered:
		switch {
		case ru && f.Fallback != "":
			return fmt.Sprintf("%s не покрывает ни одно правило: %s; их забирает запасной сегмент «%s»", ruCount(n), set.describe(), f.Fallback)
		case ru:
			return fmt.Sprintf("%s не покрывает ни одно правило: %s; запасного сегмента нет, такие клиенты останутся без сегмента", ruCount(n), set.describe())
		case f.Fallback != "":
			return fmt.Sprintf("%s covered by no rule: %s; the fallback %q takes them", enCount(n), set.describe(), f.Fallback)
		default:
			return fmt.Sprintf("%s covered by no rule: %s; there is no fallback, so these customers get no segment", enCount(n), set.describe())
		}
	case Unlisted:
		if ru {
			return fmt.Sprintf("%s не %s ни в одном сегменте: %s", ruCount(n), ruPlural(n, "указан", "указаны", "указаны"), set.describe())
		}
		return fmt.Sprintf("%s listed under no segment: %s", enCount(n), set.describe())
	case Duplicated:
		quoted := make([]string, len(f.Segments))
		for i, s := range f.Segments {
			quoted[i] = strconv.Quote(s)
			if ru {
				quoted[i] = "«" + s + "»"
			}
		}
		if ru {
			return fmt.Sprintf("%s %s в нескольких сегментах (%s): %s", ruCount(n), ruPlural(n, "указан", "указаны", "указаны"), strings.Join(quoted, ", "), set.describe())
		}
		return fmt.Sprintf("%s listed under more than one segment (%s): %s", enCount(n), strings.Join(quoted, ", "), set.describe())
	}
	return f.Kind.String()
}

func setOf(cs []Code) codeSet {
	var s codeSet
	for _, c := range cs {
		if c.Valid() {
			s.add(c.index())
		}
	}
	return s
}

// enCount returns "1 code is" or "n codes are".
func enCount(n int) string {
	if n == 1 {
		return "1 code is"
	}
	return strconv.Itoa(n) + " codes are"
}

// ruPlural picks the Russian noun form for n: one (1, 21), few (2-4,
// 22-24) or many (0, 5-20, 25...).
func ruPlural(n int, one, few, many string) string {
	switch n10, n100 := n%10, n%100; {
	case n10 == 1 && n100 != 11:
		return one
	case n10 >= 2 && n10 <= 4 && (n100 < 12 || n100 > 14):
		return few
	}
	return many
}

// ruCount returns "N код(а/ов)" as the subject of a sentence.
func ruCount(n int) string {
	return strconv.Itoa(n) + " " + ruPlural(n, "код", "кода", "кодов")
}
