package main

import (
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

// answer is the response to one customer: every typology with its
// reasons, the ladder's next step and the playbook, in one language.
type answer struct {
	CustomerID string            `json:"customer_id"`
	Lang       segment.Lang      `json:"lang"`
	Profile    *segment.Profile  `json:"profile"`
	Typologies []typologyAnswer  `json:"typologies"`
	Next       ladder.Step       `json:"next_step"`
	NextText   string            `json:"next_step_text"`
	Playbook   strategy.Rendered `json:"playbook"`
}

// typologyAnswer is one typology's result and why. Why renders the
// reasons that held in the answer's language; Reasons has every reason
// as data (the field, its value, the threshold, the setting holding it).
type typologyAnswer struct {
	Typology   string           `json:"typology"` // as strategy rules name it: segment, rfm_segment, rung, ...
	Title      string           `json:"title"`
	Label      string           `json:"label"`
	LabelTitle string           `json:"label_title"`
	Secondary  string           `json:"secondary,omitempty"`
	Tags       []string         `json:"tags,omitempty"`
	Confidence float32          `json:"confidence"`
	Why        []string         `json:"why"`
	Reasons    []segment.Reason `json:"reasons"`
}

// answer classifies c by every typology and plans the playbook.
func (s *service) answer(c *customer, lang segment.Lang) *answer {
	p := &c.profile
	cl := strategy.Classification{Value: c.value}
	s.cs.Classify(p, &cl)
	pb := s.engine.Plan(&cl)
	rfmMap := s.cs.RFM.Map()
	return &answer{
		CustomerID: p.ID,
		Lang:       lang,
		Profile:    p,
		Typologies: []typologyAnswer{
			typology(strategy.Behavior, tr(lang, "Behavioural segment", "Поведенческий сегмент"), s.cs.Behavior.Explain(p), behavior.Types.Name, behavior.Types.Title, lang),
			typology(strategy.RFM, "RFM", s.cs.RFM.Explain(p), rfmMap.Name, rfmMap.Title, lang),
			typology(strategy.Ladder, tr(lang, "Loyalty ladder", "Лестница лояльности"), s.cs.Ladder.Explain(p), ladder.Rungs.Name, ladder.Rungs.Title, lang),
			typology(strategy.DISC, "DISC", segment.Explain(s.cs.DISC, p), disc.Styles.Name, disc.Styles.Title, lang),
			typology(strategy.SABONE, "SABONE", segment.Explain(s.cs.SABONE, p), sabone.Categories.Name, sabone.Categories.Title, lang),
			typology(strategy.Perception, tr(lang, "Perception channel", "Канал восприятия"), segment.Explain(s.cs.Perception, p), perception.Channels.Name, perception.Channels.Title, lang),
			typology(strategy.Decision, tr(lang, "Decision style", "Способ решения"), segment.Explain(s.cs.Decision, p), decision.Styles.Name, decision.Styles.Title, lang),
			typology(strategy.Loyalty, tr(lang, "Loyalty kind", "Вид лояльности"), segment.Explain(s.cs.Loyalty, p), loyalty.Kinds.Name, loyalty.Kinds.Title, lang),
		},
		Next:     cl.Next,
		NextText: cl.Next.Text(lang),
		Playbook: pb.Render(lang),
	}
}

func typology[L segment.Label](t strategy.Typology, title string, e segment.Explanation[L],
	name func(L) string, labelTitle func(L, segment.Lang) string, lang segment.Lang) typologyAnswer {
	r := e.Result
	a := typologyAnswer{
		Typology:   t.String(),
		Title:      title,
		Label:      name(r.Primary),
		LabelTitle: labelTitle(r.Primary, lang),
		Confidence: r.Confidence,
		Why:        []string{},
		Reasons:    e.Reasons,
	}
	if r.Secondary != 0 {
		a.Secondary = name(r.Secondary)
	}
	for _, l := range r.Tags.Labels() {
		a.Tags = append(a.Tags, name(l))
	}
	for _, reason := range e.Held() {
		a.Why = append(a.Why, reason.Text(lang))
	}
	if a.Reasons == nil {
		a.Reasons = []segment.Reason{}
	}
	return a
}

// tr picks the text in lang.
func tr(lang segment.Lang, en, ru string) string {
	if lang == segment.Russian {
		return ru
	}
	return en
}
