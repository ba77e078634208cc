package disc

import "github.com/clientele-go/clientele/segment"

// Text is a short text in English and Russian.
type Text struct {
	EN string `json:"en,omitempty"`
	RU string `json:"ru,omitempty"`
}

// In returns the text in lang, falling back to the other language when
// that one is empty.
func (t Text) In(lang segment.Lang) string {
	if (lang == segment.Russian && t.RU != "") || t.EN == "" {
		return t.RU
	}
	return t.EN
}

// Traits describe what a style values and how to serve it: the DISC table
// of the source article, as data, so that the strategy layer can take the
// tone and the approach from it instead of restating them.
type Traits struct {
	Values    Text // what matters to them
	Service   Text // the service they want
	LoyalWhen Text // what makes them loyal
	Behaviour Text // how they behave
	Approach  Text // how to approach them
}

// traits is indexed by Style; the Unknown entry is empty.
var traits = [numStyles]Traits{
	Dominant: {
		Values:    Text{"productivity", "продуктивность"},
		Service:   Text{"fast decisions, information at hand", "быстрое принятие решений, доступность информации"},
		LoyalWhen: Text{"they get the most advanced products and services", "находит самые передовые продукты и услуги"},
		Behaviour: Text{"active, confident", "активное, уверенное"},
		Approach:  Text{"direct and energetic: the result, the facts, a quick yes", "прямой и энергичный: результат, факты, быстрое решение"},
	},
	Influential: {
		Values:    Text{"communication", "коммуникация, общение"},
		Service:   Text{"interactive contact, motivation", "интерактивные средства общения, мотивация"},
		LoyalWhen: Text{"they enjoy the contact with your staff and your site", "нравится контакт с представителями компании и продуктами на сайте"},
		Behaviour: Text{"energetic, sociable", "энергичное, общительное"},
		Approach:  Text{"social and shareable: events, stories, something to post", "через общение: мероприятия, истории, возможность делиться в соцсетях"},
	},
	Steady: {
		Values:    Text{"relationships, comfort", "установление отношений, создание комфорта"},
		Service:   Text{"clear, precise information; a chance to share their experience", "чёткая и точная информация, возможность делиться впечатлениями и опытом"},
		LoyalWhen: Text{"their need for stable, reliable solutions is met", "удовлетворены потребности в устойчивых и надёжных решениях"},
		Behaviour: Text{"patient, conservative", "терпеливое, консервативное"},
		Approach:  Text{"soft and gradual: no pressure, the same trusted contact", "мягкий и постепенный: без давления, через знакомого менеджера"},
	},
	Conscientious: {
		Values:    Text{"quality, guarantees", "качество, гарантии"},
		Service:   Text{"long demonstrations, detailed information, product lists", "продолжительные демонстрации, детальная информация, выбор из списка продукции"},
		LoyalWhen: Text{"quality is guaranteed", "гарантировано качество продуктов и услуг"},
		Behaviour: Text{"planning, cautious", "планирующее, осторожное"},
		Approach:  Text{"detailed and documented: specifications, reviews, guarantees", "подробный и документальный: технические характеристики, обзоры, гарантии"},
	},
}

// Traits returns the style's row of the DISC table; the zero Traits for
// Unknown and out-of-range values.
func (s Style) Traits() Traits {
	if int(s) >= numStyles {
		return Traits{}
	}
	return traits[s]
}
