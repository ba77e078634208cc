// Command customrules shows a shop's own rule set: a wine shop with a
// typology of its own (collector, explorer, casual), its own behavioural
// thresholds, RFM cut points and segment map, and an action added to the
// strategy. The rules are written twice, as JSON files a CRM can store
// (rules/*.json, embedded) and as Go values (gorules.go); the tests prove
// both give the same answers, and show how to test rules with the test
// kit segment/segmenttest.
//
//	go run ./examples/customrules            # English
//	go run ./examples/customrules -lang ru   # Russian
//
// It also shows rule validation: a segment map copied from a blog
// (rules/broken_map.json), and what rfm finds wrong with it.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/clientele-go/clientele/internal/sample"
	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/behavior"
	"github.com/clientele-go/clientele/segment/rfm"
)

func main() {
	lang := flag.String("lang", "en", "language of the output: en or ru")
	flag.Parse()
	l, err := segment.ParseLang(*lang)
	if err == nil {
		err = run(os.Stdout, l)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "customrules:", err)
		os.Exit(1)
	}
}

func run(w io.Writer, lang segment.Lang) error {
	base, err := sample.Profiles()
	if err != nil {
		return err
	}
	return report(w, lang, base)
}

// report applies the shop's rules (from JSON) to base, the sample shop.
func report(w io.Writer, lang segment.Lang, base []segment.Profile) error {
	rules, err := fromJSON()
	if err != nil {
		return err
	}
	shop, err := rules.fit(base)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, tr(lang, "The wine shop's rules on the sample shop (%d customers, as of %s)\n",
		"Правила винного магазина на примере магазина (%d клиентов на %s)\n"), len(base), sample.AsOf)

	// How many customers each tier and each RFM segment of the shop's
	// own map gets.
	tiers := map[Tier]int{}
	segments := map[rfm.Segment]int{}
	var collector *segment.Profile
	for i := range base {
		t := shop.tiers.Classify(&base[i]).Primary
		tiers[t]++
		segments[shop.cs.RFM.Classify(&base[i]).Primary]++
		if t == Collector && collector == nil && active(shop.cs.Behavior.Classify(&base[i])) {
			collector = &base[i]
		}
	}
	fmt.Fprintln(w, "\n"+tr(lang, "Tiers:", "Типы покупателей:"))
	for _, t := range append(Tiers.Values(), UnknownTier) {
		fmt.Fprintf(w, "  %-24s %5d\n", t.Title(lang), tiers[t])
	}
	fmt.Fprintln(w, "\n"+tr(lang, "RFM segments of the shop's map:", "RFM-сегменты карты магазина:"))
	m := shop.cs.RFM.Map()
	for _, s := range append(m.Labels().Values(), rfm.Unknown) {
		if n := segments[s]; n > 0 || len(m.Codes(s)) > 0 {
			fmt.Fprintf(w, "  %-24s %5d\n", m.Title(s, lang), n)
		}
	}

	// An active collector: why, and what the shop's strategy plans for
	// them (a sleeping one gets a win-back plan first).
	if collector != nil {
		e := shop.tiers.Explain(collector)
		fmt.Fprintf(w, "\n%s %s: %s\n", tr(lang, "Customer", "Клиент"), collector.ID, e.Result.Primary.Title(lang))
		for _, r := range e.Reasons {
			if r.Label == e.Result.Primary.String() { // the rule that gave the tier
				fmt.Fprintf(w, "    %s\n", r.Text(lang))
			}
		}
		var c = shop.classify(collector)
		pb := shop.engine.Plan(&c)
		for i, a := range pb.Actions {
			fmt.Fprintf(w, "  %d. %s (%s)\n", i+1, a.Action.Title(lang), a.Action.ID)
		}
	}

	// Validation: what rfm says about a map copied from a blog, and about
	// the shop's own.
	broken, err := rulesDir.ReadFile("rules/broken_map.json")
	if err != nil {
		return err
	}
	bm, err := rfm.ParseMap(broken)
	if err != nil {
		return err
	}
	fmt.Fprintln(w, "\n"+tr(lang, "rules/broken_map.json, checked:", "rules/broken_map.json, проверка:"))
	for _, f := range bm.Findings() {
		fmt.Fprintf(w, "  %s\n", f.Text(lang))
	}
	blog, err := rfm.New(shop.cs.RFM.Model(), bm)
	if err != nil {
		return err
	}
	lost := 0
	for i := range base {
		if c := blog.Code(&base[i]); c.Valid() && blog.Classify(&base[i]).Primary == rfm.Unknown {
			lost++
		}
	}
	fmt.Fprintf(w, tr(lang, "  on the sample, %d buyers would get no segment\n",
		"  на примере %d покупателей остались бы без сегмента\n"), lost)
	fmt.Fprintln(w, "\n"+tr(lang, "rules/rfm_map.json, checked:", "rules/rfm_map.json, проверка:"))
	if len(m.Findings()) == 0 {
		fmt.Fprintln(w, "  "+tr(lang, "every rule matches some code, and every code has a rule",
			"каждое правило срабатывает хотя бы для одного кода, и у каждого кода есть правило"))
	}
	for _, f := range m.Findings() {
		fmt.Fprintf(w, "  %s\n", f.Text(lang))
	}
	return nil
}

// active reports whether a customer is neither sleeping nor lost.
func active(r segment.Result[behavior.Type]) bool {
	return !r.Tags.Has(behavior.Sleeping) && !r.Tags.Has(behavior.Lost)
}

// tr picks the text in lang.
func tr(lang segment.Lang, en, ru string) string {
	if lang == segment.Russian {
		return ru
	}
	return en
}
