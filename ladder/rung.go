package ladder

import "github.com/clientele-go/clientele/segment"

// Rung is a customer's place on the loyalty ladder. The zero value is
// Unknown: no purchase and no sign of interest, so nothing to place the
// customer by.
//
// Potential through Partner are declared in ladder order, so a < b says
// that rung a is below rung b. Lapsed is not a step of the ladder but a
// state: a customer who climbed to some rung and then stopped buying. A
// lapsed result keeps the rung reached as its secondary label (see
// [Reached]).
type Rung uint8

// The rungs of the ladder, bottom to top, then the lapsed state.
const (
	Unknown     Rung = iota
	Potential        // interest shown, no purchase yet
	NewCustomer      // a first purchase made; named "new" in text (the Go name leaves New to the constructor)
	Regular          // repeat purchases: a habit is forming
	Advocate         // buys regularly and recommends
	Partner          // takes part in the company's life
	Lapsed           // a buyer (New or higher) who stopped buying
)

// Rungs is the table of rungs: names, titles, parsing.
var Rungs = segment.NewEnum[Rung]("rung",
	segment.LabelInfo{Name: "unknown", EN: "Unknown", RU: "Не определён"},
	segment.LabelInfo{Name: "potential", EN: "Potential customer", RU: "Потенциальный клиент"},
	segment.LabelInfo{Name: "new", EN: "New customer", RU: "Новый клиент"},
	segment.LabelInfo{Name: "regular", EN: "Regular customer", RU: "Постоянный клиент"},
	segment.LabelInfo{Name: "advocate", EN: "Brand advocate", RU: "Защитник бренда"},
	segment.LabelInfo{Name: "partner", EN: "Partner", RU: "Партнёр"},
	segment.LabelInfo{Name: "lapsed", EN: "Lapsed customer", RU: "Неактивный клиент"},
)

// String returns the identifier, e.g. "regular".
func (r Rung) String() string { return Rungs.Name(r) }

// Title returns the title in lang, e.g. "Защитник бренда".
func (r Rung) Title(lang segment.Lang) string { return Rungs.Title(r, lang) }

// MarshalText implements [encoding.TextMarshaler]; out-of-range values are
// an error.
func (r Rung) MarshalText() ([]byte, error) { return Rungs.MarshalText(r) }

// UnmarshalText implements [encoding.TextUnmarshaler]: the name or either
// title, case-insensitive.
func (r *Rung) UnmarshalText(b []byte) error { return Rungs.UnmarshalText(r, b) }

// Reached returns the rung a result places the customer on regardless of
// activity: the primary label, or, when the customer has lapsed, the rung
// they had reached (the secondary label). It is the value that never falls
// as a customer makes more purchases or referrals.
func Reached(r segment.Result[Rung]) Rung {
	if r.Primary == Lapsed {
		return r.Secondary
	}
	return r.Primary
}

// Goal is what the company works for while a customer is on a rung, after
// the source article ("each level of the ladder needs its own approach").
// It is data, so that the strategy layer can key actions on ID and show
// the text.
type Goal struct {
	ID string `json:"id"` // stable identifier, e.g. "first_experience"
	EN string `json:"en"`
	RU string `json:"ru"`
}

// Text returns the goal in lang.
func (g Goal) Text(lang segment.Lang) string {
	if lang == segment.Russian {
		return g.RU
	}
	return g.EN
}

// goals is indexed by Rung; Unknown has no goal.
var goals = [...]Goal{
	Potential: {
		ID: "attract_attention",
		EN: "Attract attention and make them want to know more: advertising, social media, content marketing",
		RU: "Привлечь внимание и вызвать желание узнать о продукте больше: реклама, продвижение в соцсетях, контент-маркетинг",
	},
	NewCustomer: {
		ID: "first_experience",
		EN: "Make the first experience a good one: product quality, service, delivery and support",
		RU: "Обеспечить положительный первый опыт: качество продукта, обслуживание, доставка и поддержка",
	},
	Regular: {
		ID: "build_relationship",
		EN: "Keep satisfaction high and build a stronger relationship: loyalty programme, special offers, personal communication",
		RU: "Поддерживать высокую удовлетворённость и укреплять отношения: программа лояльности, специальные предложения, персональные коммуникации",
	},
	Advocate: {
		ID: "reward_advocacy",
		EN: "Reward and develop the advocate: reward programmes, exclusive offers, events for the most loyal",
		RU: "Поощрять и развивать защитника бренда: программы поощрения, эксклюзивные предложения, мероприятия для самых лояльных",
	},
	Partner: {
		ID: "strategic_involvement",
		EN: "Involve them in long-term cooperation: ambassador programme, co-creating products, strategic initiatives",
		RU: "Вовлекать в долгосрочное сотрудничество: амбассадорская программа, совместная разработка продуктов, стратегические инициативы",
	},
	Lapsed: {
		ID: "win_back",
		EN: "Find out why they stopped buying; if the need is gone, do not spend on retention, otherwise win them back with offers from their history",
		RU: "Выяснить, почему клиент перестал покупать; если потребность исчезла — не тратиться на удержание, иначе вернуть предложениями по истории покупок",
	},
}

// Goal returns the company's goal for customers on r; the zero Goal for
// Unknown and out-of-range values.
func (r Rung) Goal() Goal {
	if int(r) < len(goals) {
		return goals[r]
	}
	return Goal{}
}
