package strategy

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/segmenttest"
)

// textReference is Playbook.Text as it was before AppendText: the
// rendered playbook through fmt, kept to hold AppendText to it.
func textReference(pb *Playbook, lang segment.Lang) string {
	r := pb.Render(lang)
	ru := lang == segment.Russian
	label := func(en, rus string) string {
		if ru {
			return rus
		}
		return en
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s\n", label("Customer", "Клиент"), r.Customer)
	fmt.Fprintf(&b, "  %s: %s\n", label("Objective", "Цель"), r.Objective)
	for i, a := range r.Actions {
		fmt.Fprintf(&b, "  %d. %s [%s, %s%s]\n     %s\n", i+1, a.Title, channelTitle(a.Channel, lang),
			label("cost: ", "стоимость: "), strings.ToLower(costTitle(a.Cost, lang)), a.Description)
		for _, w := range a.Why {
			fmt.Fprintf(&b, "     %s %s\n", label("because", "потому что"), strings.Join(w.Because, "; "))
		}
	}
	for _, line := range []struct{ en, ru, text string }{
		{"Tone", "Тон", r.Tone}, {"Format", "Формат", r.Format}, {"Framing", "Подача", r.Framing}, {"Lever", "Рычаг", r.Lever},
	} {
		if line.text != "" {
			fmt.Fprintf(&b, "  %s: %s\n", label(line.en, line.ru), line.text)
		}
	}
	for _, a := range r.Avoid {
		if a.Title == "" { // a guard about the customer, not one action
			fmt.Fprintf(&b, "  %s: %s\n", label("Avoid", "Избегать"), a.Why)
			continue
		}
		fmt.Fprintf(&b, "  %s: %s — %s\n", label("Avoid", "Избегать"), a.Title, a.Why)
	}
	fmt.Fprintf(&b, "  %s: %d; %s: %.2f\n", label("Contacts per month at most", "Контактов в месяц не более"), r.ContactsPerMonth,
		label("retention budget", "бюджет удержания"), r.RetentionBudget)
	return b.String()
}

// Text (through AppendText) writes what it wrote through Render and fmt,
// for the sample's customers and generated and extreme ones, under the
// default rules and rules whose texts are odd (every conflict with a
// negated match, an action of every cost), in every language, with the
// exported fields set to anything a caller may put there.
func TestAppendTextIsTextReference(t *testing.T) {
	base, cs, def := sampleFitted(t)
	cfg := Defaults()
	for i := range cfg.Actions {
		a := &cfg.Actions[i]
		a.EN.Title += " «odd» %s\n"
		a.RU.Text = "%d; " + a.RU.Text
		a.Channel = []string{"email", "phone", "manager", "internal"}[i%4]
	}
	for i := range cfg.Conflicts {
		k := &cfg.Conflicts[i]
		k.When = append(k.When, Match{Typology: "disc", Label: "steady", Not: true})
	}
	odd, err := New(&cfg)
	if err != nil {
		t.Fatal(err)
	}
	profiles := append(append(base, segmenttest.Random(300, 9)...), segmenttest.Extremes()...)
	var c Classification
	var pb Playbook
	budgets := []float64{0, 12.345, math.Copysign(0, -1), -7.005, 1e21, math.NaN(), math.Inf(1), math.Inf(-1)}
	for i := range profiles {
		cs.Classify(&profiles[i], &c)
		for j, e := range []*Engine{def, odd} {
			e.PlanInto(&c, &pb)
			if i%5 == 0 {
				pb.Customer = "x,\"y\"\n" + pb.Customer
				pb.ContactsPerMonth = -i
				pb.RetentionBudget = budgets[i%len(budgets)]
				if len(pb.Actions) > 0 {
					a := *pb.Actions[0].Action
					a.Cost = Cost(200)           // not a cost the list knows
					a.Channel = "carrier pigeon" // nor a channel
					pb.Actions[0].Action = &a
				}
			}
			for _, lang := range []segment.Lang{segment.English, segment.Russian, segment.Lang(9)} {
				if got, want := pb.Text(lang), textReference(&pb, lang); got != want {
					t.Fatalf("%s, engine %d, %v:\n got %q\nwant %q", profiles[i].ID, j, lang, got, want)
				}
			}
		}
	}
}

// AppendText allocates nothing once its buffer is large enough.
func TestAppendTextDoesNotAllocate(t *testing.T) {
	base, cs, e := sampleFitted(t)
	var c Classification
	var pb Playbook
	buf := make([]byte, 0, 1<<16)
	i := 0
	allocs := testing.AllocsPerRun(500, func() {
		cs.Classify(&base[i%len(base)], &c)
		e.PlanInto(&c, &pb)
		buf = pb.AppendText(buf[:0], segment.Lang(i%2))
		i++
	})
	if allocs != 0 {
		t.Fatalf("%v allocations per playbook", allocs)
	}
}
