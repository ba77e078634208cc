package perception

import (
	"slices"

	"github.com/clientele-go/clientele/segment"
)

// Format is a content format to use with a channel, with a stable
// identifier the strategy layer can map to its content catalogue.
type Format struct {
	Name string // identifier, e.g. "tasting"
	EN   string // English title
	RU   string // Russian title
}

// Title returns the format's title in lang.
func (f Format) Title(lang segment.Lang) string {
	if lang == segment.Russian {
		return f.RU
	}
	return f.EN
}

// Advice is how to present information to a channel, after the source
// article: a one-sentence summary in both languages, the content formats to
// use, and what to avoid (empty where the source names nothing).
type Advice struct {
	EN      string   // summary in English
	RU      string   // summary in Russian
	Formats []Format // what to use, in the article's order
	AvoidEN string   // what to avoid, in English
	AvoidRU string   // what to avoid, in Russian
}

// Text returns the summary in lang.
func (a Advice) Text(lang segment.Lang) string {
	if lang == segment.Russian {
		return a.RU
	}
	return a.EN
}

// Avoid returns what to avoid in lang; empty when nothing.
func (a Advice) Avoid(lang segment.Lang) string {
	if lang == segment.Russian {
		return a.AvoidRU
	}
	return a.AvoidEN
}

// Advice returns the content-format advice for c. Unknown gets advice too:
// offer one format of each channel and see which the customer takes up,
// which is also how the evidence for a channel is gathered. Out of range,
// the zero Advice. Formats is a fresh copy the caller may keep or change.
func (c Channel) Advice() Advice {
	if int(c) >= len(advice) {
		return Advice{}
	}
	a := advice[c]
	a.Formats = slices.Clone(a.Formats)
	return a
}

// advice is indexed by Channel. The texts follow "Классификация по способу
// восприятия информации" of the source article.
var advice = [...]Advice{
	Unknown: {
		EN: "The channel is not known yet: combine a picture, a voice and a chance to try, and watch which the customer takes up.",
		RU: "Канал восприятия пока не ясен: сочетайте наглядный материал, живое общение и возможность попробовать и смотрите, на что клиент откликнется.",
		Formats: []Format{
			{"photos", "Photos", "Фотографии"},
			{"call", "A call", "Звонок"},
			{"sample", "Samples to try", "Пробники"},
		},
	},
	Visual: {
		EN: "Show rather than tell: product presentations, photos and video, a well-designed site, information in a concise visual form.",
		RU: "Показывайте, а не рассказывайте: презентации продукта, фотографии и видео, продуманный дизайн сайта, наглядная и лаконичная подача.",
		Formats: []Format{
			{"presentation", "Product presentations", "Презентации продукта"},
			{"photos", "Photos", "Фотографии"},
			{"video", "Video", "Видео"},
			{"design", "Careful design of the site and packaging", "Продуманный дизайн сайта и упаковки"},
			{"infographics", "Concise visual summaries", "Наглядная краткая подача"},
		},
		AvoidEN: "Long texts: visual customers rarely read them.",
		AvoidRU: "Длинных текстов: визуалы их редко читают.",
	},
	Auditory: {
		EN: "Let them listen and talk: an audio file about the product, podcasts, live broadcasts and webinars, a conversation by phone.",
		RU: "Дайте послушать и поговорить: аудиофайл о продукте, подкасты, онлайн-трансляции и вебинары, разговор по телефону.",
		Formats: []Format{
			{"audio", "Audio about the product", "Аудиофайл о продукте"},
			{"podcast", "Podcasts", "Подкасты"},
			{"live_stream", "Live broadcasts", "Онлайн-трансляции"},
			{"webinar", "Webinars", "Вебинары"},
			{"call", "A conversation by phone", "Разговор по телефону"},
		},
	},
	Kinesthetic: {
		EN: "Let them try: demonstrations, samples, tastings, test drives and master classes; touch, taste and smell decide.",
		RU: "Дайте попробовать: демонстрация продукта, пробники, дегустации, тест-драйвы и мастер-классы; решают ощущения, вкус и запах.",
		Formats: []Format{
			{"demonstration", "Product demonstrations", "Демонстрация продукта"},
			{"sample", "Samples to try", "Пробники"},
			{"tasting", "Tastings", "Дегустации"},
			{"test_drive", "Test drives", "Тест-драйвы"},
			{"master_class", "Master classes", "Мастер-классы"},
		},
	},
}
