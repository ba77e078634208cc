package ladder

import (
	"strconv"
	"strings"
	"testing"

	"github.com/clientele-go/clientele/segment"
)

// AppendText writes what the former Text built with a strings.Builder,
// for every kind of step: every pair of rungs, every field (and one Next
// does not produce), counts and days around the Russian plural's edges,
// with and without a time, in both languages. Text is AppendText's
// string, and writing into a buffer with room allocates nothing.
func TestAppendTextIsTheFormerText(t *testing.T) {
	fields := []string{"", "unknown_field", "revenue"}
	for f := range nouns {
		fields = append(fields, f)
	}
	times := []segment.Opt[int]{{}, segment.Some(-1), segment.Some(0), segment.Some(1), segment.Some(2)}
	for _, d := range []int{4, 5, 11, 14, 21, 22, 25, 90, 101, 111, 160} {
		times = append(times, segment.Some(d))
	}
	n := 0
	for _, lang := range []segment.Lang{segment.English, segment.Russian} {
		for from := Rung(0); int(from) < Rungs.Len(); from++ {
			for to := Rung(0); int(to) < Rungs.Len(); to++ {
				for _, field := range fields {
					for _, need := range []int{0, 1, 2, 3, 5, 11, 21, 22} {
						for _, have := range []int{0, 1, 2} {
							for _, within := range times {
								s := Step{From: from, To: to, Field: field, Need: need, Have: have, Within: within}
								want := textReference(s, lang)
								if got := s.Text(lang); got != want {
									t.Fatalf("%+v %v: Text %q, want %q", s, lang, got, want)
								}
								if got := string(s.AppendText([]byte("x"), lang)); got != "x"+want {
									t.Fatalf("%+v %v: AppendText %q, want %q", s, lang, got, "x"+want)
								}
								n++
							}
						}
					}
				}
			}
		}
	}
	if n < 10000 {
		t.Fatalf("only %d steps", n)
	}
	buf := make([]byte, 0, 256)
	s := Step{From: Regular, To: Advocate, Field: "referrals", Need: 3, Within: segment.Some(22)}
	if allocs := testing.AllocsPerRun(100, func() { buf = s.AppendText(buf[:0], segment.Russian) }); allocs != 0 {
		t.Errorf("AppendText into a buffer with room: %v allocations", allocs)
	}
}

// textReference is Step.Text as it was before AppendText, kept to test
// against.
func textReference(s Step, lang segment.Lang) string {
	if s.Field == "" {
		return ""
	}
	ru := lang == segment.Russian
	n, ok := nouns[s.Field]
	if !ok { // not a field Next produces; fall back to the field's title
		t := segment.FieldTitle(s.Field, lang)
		n = noun{t, t, t, t, t, 'n'}
	}
	var b strings.Builder
	next := false // the time applies to the next of several
	switch {
	case s.From == Lapsed && ru:
		b.WriteString(n.ru1)
	case s.From == Lapsed:
		b.WriteString("a " + n.en)
	case s.From == s.To && ru:
		b.WriteString(agree(n.gender, "следующий", "следующая", "следующее") + " " + n.ru1)
	case s.From == s.To:
		b.WriteString("the next " + n.en)
	case s.Need == 1 && s.Have == 0 && ru:
		b.WriteString(agree(n.gender, "первый", "первая", "первое") + " " + n.ru1)
	case s.Need == 1 && s.Have == 0:
		b.WriteString("a first " + n.en)
	case s.Need == 1 && ru:
		b.WriteString("ещё " + agree(n.gender, "один", "одна", "одно") + " " + n.ru1)
	case s.Need == 1:
		b.WriteString("one more " + n.en)
	case ru:
		b.WriteString("ещё " + strconv.Itoa(s.Need) + " " + russianPlural(s.Need, n.ru1, n.ru2, n.ru5))
		next = true
	default:
		b.WriteString(strconv.Itoa(s.Need) + " more " + n.enPlural)
		next = true
	}
	days, ok := s.Within.Get()
	if !ok {
		return b.String()
	}
	switch {
	case next && ru:
		b.WriteString(", " + agree(n.gender, "следующий", "следующая", "следующее") + " —")
	case next:
		b.WriteString(", the next")
	}
	switch {
	case days <= 0 && ru:
		b.WriteString(" сегодня")
	case days <= 0:
		b.WriteString(" today")
	case ru:
		b.WriteString(" в течение " + strconv.Itoa(days) + " " + russianPlural(days, "дня", "дней", "дней"))
	case days == 1:
		b.WriteString(" within 1 day")
	default:
		b.WriteString(" within " + strconv.Itoa(days) + " days")
	}
	return b.String()
}
