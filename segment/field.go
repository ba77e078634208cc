package segment

import "sort"

// Kind is the type of a profile field's value, for rule validation.
type Kind uint8

// The kinds of field values. All are read as float64; the kind says which
// values make sense.
const (
	Number Kind = iota // any real number (revenue, distance, shares)
	Count              // a whole number >= 0
	Days               // a number of days >= 0 (recency, days since an event)
	Bool               // 0 (false) or 1 (true)
)

var kindNames = [...]string{"number", "count", "days", "bool"}

// String returns "number", "count", "days" or "bool".
func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "Kind(?)"
}

// Field is one named, typed input that rules, explanations and validation
// can refer to: a purchase fact, a derived metric or a CRM signal. Fields
// are how data-driven rules ("recency_days > 90") reach into a [Profile]
// without reflection.
type Field struct {
	Name string // identifier used in rules and reasons, e.g. "recency_days"
	Kind Kind
	EN   string // English title
	RU   string // Russian title
	get  func(p *Profile) (float64, bool)
}

// Value returns the field's value for p and whether it is known.
func (f *Field) Value(p *Profile) (float64, bool) { return f.get(p) }

// Optional reports whether the field can be unknown: true for every CRM
// signal and every metric that needs something a customer may lack
// (recency needs a purchase, a share needs the flag recorded), false for
// the purchase facts every profile has (occasions, orders, returns,
// revenue, returned). Rules on an optional field must say what an unknown
// value means; the three-valued logic of package rule does.
func (f *Field) Optional() bool {
	// Every optional field is unknown on the zero profile, and every other
	// field is known on all profiles (TestFieldOptional keeps both true).
	_, known := f.get(&zeroProfile)
	return !known
}

// zeroProfile is the customer nobody knows anything about; read only.
var zeroProfile Profile

// Title returns the field's title in lang.
func (f *Field) Title(lang Lang) string {
	if lang == Russian {
		return f.RU
	}
	return f.EN
}

func num[T int | float64](o Opt[T]) (float64, bool) {
	v, ok := o.Get()
	return float64(v), ok
}

func flag(o Opt[bool]) (float64, bool) {
	v, ok := o.Get()
	if v {
		return 1, ok
	}
	return 0, ok
}

func known(v float64) (float64, bool) { return v, true }

// perOccasion divides a count signal by occasions; unknown without either.
func perOccasion(p *Profile, o Opt[int]) (float64, bool) {
	v, ok := o.Get()
	return perOccasionOf(p, float64(v), ok)
}

// perOccasionOf is perOccasion of a count v known when ok, already a
// number (a sum of counts, made as numbers: an int sum may wrap around).
func perOccasionOf(p *Profile, v float64, ok bool) (float64, bool) {
	if !ok || p.Occasions == 0 {
		return 0, false
	}
	return v / float64(p.Occasions), true
}

var fields = []*Field{
	// Purchase facts and derived metrics.
	{"occasions", Count, "purchase occasions", "покупок (визитов)", func(p *Profile) (float64, bool) { return known(float64(p.Occasions)) }},
	{"orders", Count, "order lines", "строк заказов", func(p *Profile) (float64, bool) { return known(float64(p.Orders)) }},
	{"returns", Count, "return lines", "возвратов", func(p *Profile) (float64, bool) { return known(float64(p.Returns)) }},
	{"revenue", Number, "net revenue", "чистая выручка", func(p *Profile) (float64, bool) { return known(p.Revenue) }},
	{"returned", Number, "amount returned", "сумма возвратов", func(p *Profile) (float64, bool) { return known(p.Returned) }},
	{"recency_days", Days, "days since last purchase", "дней с последней покупки", func(p *Profile) (float64, bool) { return num(p.Recency()) }},
	{"tenure_days", Days, "days since first purchase", "дней с первой покупки", func(p *Profile) (float64, bool) { return num(p.Tenure()) }},
	{"mean_gap_days", Days, "mean days between purchases", "средний интервал между покупками, дней", func(p *Profile) (float64, bool) { return num(p.MeanGap()) }},
	{"average_order_value", Number, "average order value", "средний чек", func(p *Profile) (float64, bool) { return num(p.AverageOrderValue()) }},
	{"return_rate", Number, "returns per order line", "доля возвратов", func(p *Profile) (float64, bool) { return num(p.ReturnRate()) }},
	{"discount_share", Number, "share of purchases on discount", "доля покупок со скидкой", func(p *Profile) (float64, bool) { return num(p.DiscountShare()) }},
	{"new_product_share", Number, "share of purchases with new products", "доля покупок с новинками", func(p *Profile) (float64, bool) { return num(p.NewProductShare()) }},
	{"premium_share", Number, "share of purchases with premium items", "доля покупок премиум-товаров", func(p *Profile) (float64, bool) { return num(p.PremiumShare()) }},
	{"discounted", Count, "purchases on discount", "покупок со скидкой", func(p *Profile) (float64, bool) { return num(p.Discounted) }},
	{"new_products", Count, "purchases with new products", "покупок с новинками", func(p *Profile) (float64, bool) { return num(p.NewProducts) }},
	{"premium_buys", Count, "purchases with premium items", "покупок премиум-товаров", func(p *Profile) (float64, bool) { return num(p.PremiumBuys) }},

	// Signals.
	{"inquiries", Count, "inquiries", "обращений", func(p *Profile) (float64, bool) { return num(p.Signals.Inquiries) }},
	{"days_since_inquiry", Days, "days since last inquiry", "дней с последнего обращения", func(p *Profile) (float64, bool) { return num(p.DaysSince(p.Signals.LastInquiry)) }},
	{"site_visits", Count, "site visits", "посещений сайта", func(p *Profile) (float64, bool) { return num(p.Signals.SiteVisits) }},
	{"subscribed", Bool, "subscribed", "подписан", func(p *Profile) (float64, bool) { return flag(p.Signals.Subscribed) }},
	{"positive_reviews", Count, "positive reviews", "положительных отзывов", func(p *Profile) (float64, bool) { return num(p.Signals.PositiveReviews) }},
	{"negative_reviews", Count, "negative reviews", "отрицательных отзывов", func(p *Profile) (float64, bool) { return num(p.Signals.NegativeReviews) }},
	{"days_since_negative_review", Days, "days since last negative review", "дней с последнего негативного отзыва", func(p *Profile) (float64, bool) { return num(p.DaysSince(p.Signals.LastNegativeReview)) }},
	{"complaints", Count, "complaints", "жалоб", func(p *Profile) (float64, bool) { return num(p.Signals.Complaints) }},
	{"days_since_complaint", Days, "days since last complaint", "дней с последней жалобы", func(p *Profile) (float64, bool) { return num(p.DaysSince(p.Signals.LastComplaint)) }},
	{"referrals", Count, "referrals", "рекомендаций (приведённых клиентов)", func(p *Profile) (float64, bool) { return num(p.Signals.Referrals) }},
	{"social_posts", Count, "social posts about the brand", "публикаций о бренде", func(p *Profile) (float64, bool) { return num(p.Signals.SocialPosts) }},
	{"co_creation", Count, "co-creation and beta tests", "участий в создании продуктов", func(p *Profile) (float64, bool) { return num(p.Signals.CoCreation) }},
	{"ambassador", Bool, "brand ambassador", "амбассадор бренда", func(p *Profile) (float64, bool) { return flag(p.Signals.Ambassador) }},
	{"video_views", Count, "video views", "просмотров видео", func(p *Profile) (float64, bool) { return num(p.Signals.VideoViews) }},
	{"image_views", Count, "photo and presentation views", "просмотров фото и презентаций", func(p *Profile) (float64, bool) { return num(p.Signals.ImageViews) }},
	{"long_reads", Count, "articles and spec sheets read", "прочитанных статей и спецификаций", func(p *Profile) (float64, bool) { return num(p.Signals.LongReads) }},
	{"audio_plays", Count, "podcasts and audio played", "прослушиваний аудио", func(p *Profile) (float64, bool) { return num(p.Signals.AudioPlays) }},
	{"calls", Count, "calls", "звонков", func(p *Profile) (float64, bool) { return num(p.Signals.Calls) }},
	{"webinars", Count, "webinars", "вебинаров", func(p *Profile) (float64, bool) { return num(p.Signals.Webinars) }},
	{"store_visits", Count, "store visits", "визитов в магазин", func(p *Profile) (float64, bool) { return num(p.Signals.StoreVisits) }},
	{"samples", Count, "samples tried", "пробников", func(p *Profile) (float64, bool) { return num(p.Signals.Samples) }},
	{"tastings", Count, "tastings", "дегустаций", func(p *Profile) (float64, bool) { return num(p.Signals.Tastings) }},
	{"test_drives", Count, "test drives", "тест-драйвов", func(p *Profile) (float64, bool) { return num(p.Signals.TestDrives) }},
	{"master_classes", Count, "master classes", "мастер-классов", func(p *Profile) (float64, bool) { return num(p.Signals.MasterClasses) }},
	{"comparisons_viewed", Count, "comparisons viewed", "просмотров сравнений", func(p *Profile) (float64, bool) { return num(p.Signals.ComparisonsViewed) }},
	{"research_per_purchase", Number, "spec and comparison views per purchase", "изучений характеристик на покупку", func(p *Profile) (float64, bool) {
		c, okc := p.Signals.ComparisonsViewed.Get()
		r, okr := p.Signals.LongReads.Get()
		return perOccasionOf(p, float64(c)+float64(r), okc || okr)
	}},
	{"days_to_purchase", Days, "days from first view to purchase", "дней от первого просмотра до покупки", func(p *Profile) (float64, bool) { return num(p.Signals.DaysToPurchase) }},
	{"impulse_purchases", Count, "impulse purchases", "импульсных покупок", func(p *Profile) (float64, bool) { return num(p.Signals.ImpulsePurchases) }},
	{"loyalty_member", Bool, "loyalty programme member", "участник программы лояльности", func(p *Profile) (float64, bool) { return flag(p.Signals.LoyaltyMember) }},
	{"bonus_earned", Number, "bonus points earned", "начислено бонусов", func(p *Profile) (float64, bool) { return num(p.Signals.BonusEarned) }},
	{"bonus_redeemed", Number, "bonus points redeemed", "списано бонусов", func(p *Profile) (float64, bool) { return num(p.Signals.BonusRedeemed) }},
	{"service_requests", Count, "personal service requests", "запросов персонального обслуживания", func(p *Profile) (float64, bool) { return num(p.Signals.ServiceRequests) }},
	{"support_requests", Count, "support requests", "обращений в поддержку", func(p *Profile) (float64, bool) { return num(p.Signals.SupportRequests) }},
	{"support_per_order", Number, "support requests per purchase", "обращений в поддержку на покупку", func(p *Profile) (float64, bool) { return perOccasion(p, p.Signals.SupportRequests) }},
	{"distance_km", Number, "distance to store, km", "расстояние до магазина, км", func(p *Profile) (float64, bool) { return num(p.Signals.DistanceKm) }},
	{"courses", Count, "courses attended", "пройденных курсов", func(p *Profile) (float64, bool) { return num(p.Signals.Courses) }},
	{"experience_years", Number, "years of experience", "лет опыта", func(p *Profile) (float64, bool) { return num(p.Signals.ExperienceYears) }},
	{"b2b", Bool, "business customer", "бизнес-клиент", func(p *Profile) (float64, bool) { return flag(p.Signals.B2B) }},
	{"churned", Bool, "marked as churned", "отмечен как ушедший", func(p *Profile) (float64, bool) { return flag(p.Signals.Churned) }},
	{"need_gone", Bool, "need is gone", "потребность исчезла", func(p *Profile) (float64, bool) { return flag(p.Signals.NeedGone) }},
}

var fieldIndex = func() map[string]*Field {
	m := make(map[string]*Field, len(fields))
	for _, f := range fields {
		if _, dup := m[f.Name]; dup {
			panic("segment: duplicate field " + f.Name)
		}
		m[f.Name] = f
	}
	return m
}()

// LookupField returns the field called name.
func LookupField(name string) (*Field, bool) {
	f, ok := fieldIndex[name]
	return f, ok
}

// Fields returns every field, sorted by name. The slice is a copy; the
// fields are shared and must not be modified.
func Fields() []*Field {
	out := append([]*Field(nil), fields...)
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// FieldTitle returns the title of the field called name in lang, or name
// itself for an unknown field.
func FieldTitle(name string, lang Lang) string {
	if f, ok := fieldIndex[name]; ok {
		return f.Title(lang)
	}
	return name
}
