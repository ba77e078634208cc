package strategy

import (
	"strconv"
	"strings"

	"github.com/clientele-go/clientele/segment"
)

// AppendText appends the playbook as [Playbook.Text] renders it, for a
// person to read, and returns the extended buffer. It writes the texts
// straight from the catalogue and the rules, without the Rendered value,
// the joined strings and the formatting Text once went through (which
// cost three times the planning), so a caller that reuses its buffer
// allocates nothing.
func (pb *Playbook) AppendText(dst []byte, lang segment.Lang) []byte {
	ru := lang == segment.Russian
	label := func(en, rus string) string {
		if ru {
			return rus
		}
		return en
	}
	dst = append(dst, label("Customer", "Клиент")...)
	dst = append(dst, ' ')
	dst = append(dst, pb.Customer...)
	dst = append(dst, "\n  "...)
	dst = append(dst, label("Objective", "Цель")...)
	dst = append(dst, ": "...)
	lead, target, sep, hasStep := pb.Objective.parts(lang)
	dst = append(append(append(dst, lead...), target...), sep...)
	if hasStep {
		dst = pb.Objective.Step.AppendText(dst, lang)
	}
	dst = append(dst, '\n')
	for i := range pb.Actions {
		p := &pb.Actions[i]
		a := p.Action
		dst = append(dst, "  "...)
		dst = strconv.AppendInt(dst, int64(i+1), 10)
		dst = append(dst, ". "...)
		dst = append(dst, a.Title(lang)...)
		dst = append(dst, " ["...)
		dst = append(dst, channelTitle(a.Channel, lang)...)
		dst = append(dst, ", "...)
		dst = append(dst, label("cost: ", "стоимость: ")...)
		dst = append(dst, lowerCostTitle(a.Cost, lang)...)
		dst = append(dst, "]\n     "...)
		dst = append(dst, a.Description(lang)...)
		dst = append(dst, '\n')
		for _, r := range p.why[:p.nWhy] {
			dst = append(dst, "     "...)
			dst = append(dst, label("because", "потому что")...)
			dst = append(dst, ' ')
			dst = pb.engine.appendReasonText(dst, r, lang)
			dst = append(dst, '\n')
		}
	}
	for _, line := range [...]struct {
		en, ru string
		a      *Advice
	}{{"Tone", "Тон", &pb.Tone}, {"Format", "Формат", &pb.Format}, {"Framing", "Подача", &pb.Framing}, {"Lever", "Рычаг", &pb.Lever}} {
		if text := line.a.Text(lang); text != "" {
			dst = append(dst, "  "...)
			dst = append(dst, label(line.en, line.ru)...)
			dst = append(dst, ": "...)
			dst = append(dst, text...)
			dst = append(dst, '\n')
		}
	}
	for i := range pb.Avoid {
		a := &pb.Avoid[i]
		dst = append(dst, "  "...)
		dst = append(dst, label("Avoid", "Избегать")...)
		dst = append(dst, ": "...)
		if act, ok := pb.engine.Action(a.Action); ok && act.Title(lang) != "" {
			dst = append(dst, act.Title(lang)...)
			dst = append(dst, " — "...)
		} // else a guard about the customer, not one action
		dst = append(dst, a.Why(lang)...)
		dst = append(dst, '\n')
	}
	dst = append(dst, "  "...)
	dst = append(dst, label("Contacts per month at most", "Контактов в месяц не более")...)
	dst = append(dst, ": "...)
	dst = strconv.AppendInt(dst, int64(pb.ContactsPerMonth), 10)
	dst = append(dst, "; "...)
	dst = append(dst, label("retention budget", "бюджет удержания")...)
	dst = append(dst, ": "...)
	dst = strconv.AppendFloat(dst, pb.RetentionBudget, 'f', 2, 64)
	return append(dst, '\n')
}

// appendReasonText appends the facts of the reason r, as Engine.reason
// lists them, joined with "; ".
func (e *Engine) appendReasonText(dst []byte, r ref, lang segment.Lang) []byte {
	rs, _ := e.reasonOf(r, lang) // the zero ref lists nothing
	for i, m := range rs.when {
		if i > 0 {
			dst = append(dst, "; "...)
		}
		name, sep, title := matchParts(m, lang)
		dst = append(append(append(dst, name...), sep...), title...)
	}
	if rs.hasWhy {
		if len(rs.when) > 0 {
			dst = append(dst, "; "...)
		}
		dst = append(dst, rs.why...)
	}
	return dst
}

// lowerCostTitles are the costs' titles in lower case, in English and in
// Russian, made once: strings.ToLower would make them for every action of
// every playbook.
var lowerCostTitles = func() (t [2][]string) {
	for k, lang := range [2]segment.Lang{segment.English, segment.Russian} {
		t[k] = make([]string, costs.Len())
		for c := range t[k] {
			t[k][c] = strings.ToLower(costTitle(Cost(c).String(), lang))
		}
	}
	return t
}()

// lowerCostTitle is how the text reads cost c in lang: its title in lower
// case, or its name in lower case for a cost without one.
func lowerCostTitle(c Cost, lang segment.Lang) string {
	if costs.Valid(c) {
		return lowerCostTitles[textSet(lang)][c]
	}
	return strings.ToLower(costTitle(c.String(), lang))
}

// textSet is the index of the texts a language reads in the tables that
// keep both, 0 English and 1 Russian: every language but Russian reads
// English (see Text2.In).
func textSet(lang segment.Lang) int {
	if lang == segment.Russian {
		return 1
	}
	return 0
}
