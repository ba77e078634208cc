package main

import (
	"fmt"
	"io"

	"github.com/clientele-go/clientele/decision"
	"github.com/clientele-go/clientele/disc"
	"github.com/clientele-go/clientele/ladder"
	"github.com/clientele-go/clientele/loyalty"
	"github.com/clientele-go/clientele/perception"
	"github.com/clientele-go/clientele/sabone"
	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/behavior"
	"github.com/clientele-go/clientele/strategy"
)

// tr picks the text in lang.
func tr(lang segment.Lang, en, ru string) string {
	if lang == segment.Russian {
		return ru
	}
	return en
}

// describe summarises the purchase facts of p in one line.
func describe(p *segment.Profile, lang segment.Lang) string {
	return fmt.Sprintf(tr(lang,
		"%d purchases, revenue %.2f, last one %d days ago",
		"покупок: %d, выручка %.2f, последняя %d дн. назад"),
		p.Occasions, p.Revenue, p.Recency().Or(0))
}

// printAnswers prints every typology's answer for c's customer with the
// reasons that held. Explain recomputes the result with its reasons; the
// plain Classify path (used by the playbook) does not allocate, Explain
// may.
func printAnswers(w io.Writer, cs *strategy.Classifiers, c *strategy.Classification, lang segment.Lang) {
	p := c.Profile
	answer(w, lang, tr(lang, "Behavioural segment", "Поведенческий сегмент"), cs.Behavior.Explain(p), behavior.Types.Title)
	answer(w, lang, "RFM", cs.RFM.Explain(p), cs.RFM.Map().Title)
	answer(w, lang, tr(lang, "Loyalty ladder", "Лестница лояльности"), cs.Ladder.Explain(p), ladder.Rungs.Title)
	if next := c.Next.Text(lang); next != "" {
		fmt.Fprintf(w, "    %s: %s\n", tr(lang, "next step", "следующий шаг"), next)
	}
	answer(w, lang, "DISC", segment.Explain(cs.DISC, p), disc.Styles.Title)
	answer(w, lang, "SABONE", segment.Explain(cs.SABONE, p), sabone.Categories.Title)
	answer(w, lang, tr(lang, "Perception", "Восприятие"), segment.Explain(cs.Perception, p), perception.Channels.Title)
	answer(w, lang, tr(lang, "Decision style", "Способ решения"), segment.Explain(cs.Decision, p), decision.Styles.Title)
	answer(w, lang, tr(lang, "Loyalty kind", "Вид лояльности"), segment.Explain(cs.Loyalty, p), loyalty.Kinds.Title)
}

// answer prints one typology: its primary label, the confidence and the
// reasons whose test held.
func answer[L segment.Label](w io.Writer, lang segment.Lang, typology string, e segment.Explanation[L], title func(L, segment.Lang) string) {
	fmt.Fprintf(w, "%s: %s (%s %.2f)\n", typology, title(e.Result.Primary, lang),
		tr(lang, "confidence", "уверенность"), e.Result.Confidence)
	for _, r := range e.Held() {
		fmt.Fprintf(w, "    %s\n", r.Text(lang))
	}
}
