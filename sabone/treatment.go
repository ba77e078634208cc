package sabone

import (
	"slices"

	"github.com/clientele-go/clientele/segment"
)

// Lever is one thing the source article recommends offering a category,
// with a stable identifier the strategy layer can map to its actions.
type Lever struct {
	Name string // identifier, e.g. "starter_pack"
	EN   string // English title
	RU   string // Russian title
}

// Title returns the lever's title in lang.
func (l Lever) Title(lang segment.Lang) string {
	if lang == segment.Russian {
		return l.RU
	}
	return l.EN
}

// Treatment is how to work with a category, after the source article: a
// one-sentence summary in both languages and the levers it names, in the
// article's order.
type Treatment struct {
	EN     string  // summary in English
	RU     string  // summary in Russian
	Levers []Lever // what to offer
}

// Text returns the summary in lang.
func (t Treatment) Text(lang segment.Lang) string {
	if lang == segment.Russian {
		return t.RU
	}
	return t.EN
}

// Treatment returns the recommended treatment of c; the zero Treatment for
// Unknown or an out-of-range value. Levers is a fresh copy the caller may
// keep or change.
func (c Category) Treatment() Treatment {
	if c == Unknown || int(c) >= len(treatments) {
		return Treatment{}
	}
	t := treatments[c]
	t.Levers = slices.Clone(t.Levers)
	return t
}

// treatments is indexed by Category. The texts follow the SABONE section of
// the source article ("Модель SABONE").
var treatments = [...]Treatment{
	Neighbourhood: {
		EN: "Invite them to local events, stress the convenient location and delivery, offer local products and services.",
		RU: "Приглашайте на местные мероприятия, подчёркивайте удобное расположение и доставку, предлагайте местные товары и услуги.",
		Levers: []Lever{
			{"local_events", "Local events", "Местные мероприятия"},
			{"convenient_location", "Convenient location", "Удобное расположение"},
			{"delivery", "Delivery", "Доставка"},
			{"local_products", "Local products and services", "Местные товары и услуги"},
		},
	},
	Active: {
		EN: "Be visible where they follow trends (social networks, blogs), show novelties first and talk to them personally.",
		RU: "Будьте заметны там, где они следят за трендами (соцсети, блоги), первыми показывайте новинки, общайтесь персонально.",
		Levers: []Lever{
			{"online_presence", "Brand presence in social networks and blogs", "Присутствие бренда в соцсетях и блогах"},
			{"novelties", "Novelties and trends first", "Новинки и тренды в первую очередь"},
			{"personalisation", "Personalisation and an individual approach", "Персонализация и индивидуальный подход"},
		},
	},
	Budget: {
		EN: "Lead with clear prices and discounts, offer affordable alternatives and a loyalty programme.",
		RU: "Делайте акцент на понятных ценах и скидках, предлагайте доступные альтернативы и программу лояльности.",
		Levers: []Lever{
			{"prices", "Clear, competitive prices", "Понятные конкурентные цены"},
			{"discounts", "Discounts and promotions", "Скидки и акции"},
			{"affordable_alternatives", "Affordable alternatives", "Доступные альтернативы"},
			{"loyalty_programme", "Loyalty programme", "Программа лояльности"},
		},
	},
	Education: {
		EN: "Offer courses, webinars and useful material, and support them in communities of their field.",
		RU: "Предлагайте обучающие курсы, вебинары и полезные материалы, поддерживайте общение в профессиональных сообществах.",
		Levers: []Lever{
			{"courses", "Courses and training", "Обучающие курсы"},
			{"webinars", "Webinars", "Вебинары"},
			{"useful_material", "Useful material and consultations", "Полезные материалы и консультации"},
			{"professional_community", "Community of their field", "Профессиональное сообщество"},
		},
	},
	Newcomer: {
		EN: "Solve the needs of their new situation: starter packs, support (legal support included) and partner programmes to grow.",
		RU: "Решайте задачи их новой ситуации: стартовые пакеты, поддержка (в том числе юридическая) и партнёрские программы для развития.",
		Levers: []Lever{
			{"starter_pack", "Starter packs", "Стартовые пакеты"},
			{"support", "Support, legal support included", "Поддержка, в том числе юридическая"},
			{"partner_programme", "Partner programmes", "Партнёрские программы"},
		},
	},
	Expert: {
		EN: "Show the brand's reputation, premium quality and innovation; they are ready to pay more for them.",
		RU: "Показывайте репутацию и престиж бренда, высокое качество и инновации: за них эти клиенты готовы платить больше.",
		Levers: []Lever{
			{"reputation", "Brand reputation and prestige", "Репутация и престиж бренда"},
			{"premium_quality", "Premium quality", "Высокое качество"},
			{"innovation", "Innovation", "Инновации"},
		},
	},
}
