package ladder

import (
	"strconv"

	"github.com/clientele-go/clientele/segment"
)

// Step is what is missing for a customer to reach the next rung, in
// concrete terms: which fact, how much more of it, and within how many
// days when time matters. It is a plain value; [Step.Text] renders it.
//
// The steps, by the rung of the result:
//
//   - Unknown: a first inquiry, to become Potential;
//   - Potential: a first purchase, to become New;
//   - New: the purchases still missing for Regular, the next one within
//     the days left before the customer would lapse;
//   - Regular: what is missing on the advocacy indicator nearest its
//     threshold (referrals on a tie), to become Advocate;
//   - Advocate: co-creation sessions, to become Partner (joining the
//     ambassador programme would do as well);
//   - Partner: the top rung; the step is staying involved, that is not
//     lapsing: the next purchase within the days left (From == To);
//   - Lapsed: coming back, a purchase within [Config.WinBackDays], to
//     return to the rung reached (To).
type Step struct {
	From Rung `json:"from"` // the primary label now
	To   Rung `json:"to"`   // the rung the step leads to
	// The fact that must grow, as named in [segment.Fields]: "occasions",
	// "inquiries", "referrals", "positive_reviews", "social_posts" or
	// "co_creation".
	Field string `json:"field"`
	Have  int    `json:"have"` // its value now (0 when unknown)
	Need  int    `json:"need"` // how much more of it; at least 1
	// Days from the as-of date within which the (next) one must happen, 0
	// meaning today; unknown when time does not matter or cannot be told
	// (a buyer whose purchase dates are unknown).
	Within segment.Opt[int] `json:"within,omitzero"`
	// The configuration setting that sets the target or the time; empty
	// for a first purchase, which needs no setting.
	Setting string `json:"setting,omitempty"`
}

// Next returns the step that takes the customer from the rung Classify
// gives to the next one. It goes through the same evaluation as Classify,
// so the two cannot disagree, and it does not allocate.
func (c *Classifier) Next(p *segment.Profile) Step {
	var r segment.Result[Rung]
	var st Step
	c.ClassifyNextInto(p, &r, &st)
	return st
}

// ClassifyNext returns what [Classifier.Classify] and [Classifier.Next]
// return, from one evaluation of p instead of two. It does not allocate.
func (c *Classifier) ClassifyNext(p *segment.Profile) (segment.Result[Rung], Step) {
	var r segment.Result[Rung]
	var st Step
	c.ClassifyNextInto(p, &r, &st)
	return r, st
}

// ClassifyNextInto stores what [Classifier.ClassifyNext] returns in *out
// and *next, overwriting them: a caller that keeps results in place (as
// strategy.Classifiers does) saves copying them. It does not allocate.
func (c *Classifier) ClassifyNextInto(p *segment.Profile, out *segment.Result[Rung], next *Step) {
	*out = segment.Result[Rung]{}
	var e evaluation
	c.eval(p, nil, &e, out)
	c.next(p, &e, out.Primary, next)
}

// next stores in *st the next step of p, evaluated as e with primary
// label from.
func (c *Classifier) next(p *segment.Profile, e *evaluation, from Rung, st *Step) {
	cfg := &c.cfg
	*st = Step{From: from}
	switch from {
	case Unknown:
		have := max(p.Signals.Inquiries.Or(0), 0)
		st.To, st.Field, st.Have, st.Setting = Potential, "inquiries", have, "interest_inquiries"
		st.Need = max(cfg.InterestInquiries-have, 1)
	case Potential:
		st.To, st.Field, st.Need = NewCustomer, "occasions", 1
	case NewCustomer:
		st.To, st.Field, st.Have, st.Setting = Regular, "occasions", p.Occasions, "regular_occasions"
		st.Need = max(cfg.RegularOccasions-p.Occasions, 1)
		st.Within = e.daysLeft()
	case Regular:
		n := &e.nearest
		have := 0
		if n.known {
			have = max(n.value, 0)
		}
		st.To, st.Field, st.Have, st.Setting = Advocate, specs[n.spec].field, have, specs[n.spec].setting
		st.Need = max(n.threshold-have, 1)
	case Advocate:
		have := max(e.coCreation, 0)
		st.To, st.Field, st.Have, st.Setting = Partner, "co_creation", have, "partner_co_creation"
		st.Need = max(cfg.PartnerCoCreation-have, 1)
	case Partner:
		st.To, st.Field, st.Have, st.Need = Partner, "occasions", p.Occasions, 1
		st.Within, st.Setting = e.daysLeft(), e.boundSetting
	case Lapsed:
		st.To, st.Field, st.Have, st.Need = e.reached, "occasions", p.Occasions, 1
		st.Within, st.Setting = segment.Some(cfg.WinBackDays), "win_back_days"
	}
}

// noun holds the forms of what a step counts: English singular and
// plural; Russian forms for 1, 2-4 and 5 or more, and the gender that
// "первый / первая / первое" agree with.
type noun struct {
	en, enPlural  string
	ru1, ru2, ru5 string
	gender        byte // 'm', 'f' or 'n'
}

var nouns = map[string]noun{
	"occasions":        {"purchase", "purchases", "покупка", "покупки", "покупок", 'f'},
	"inquiries":        {"inquiry", "inquiries", "обращение", "обращения", "обращений", 'n'},
	"referrals":        {"referral", "referrals", "рекомендация", "рекомендации", "рекомендаций", 'f'},
	"positive_reviews": {"positive review", "positive reviews", "положительный отзыв", "положительных отзыва", "положительных отзывов", 'm'},
	"social_posts":     {"post about the brand", "posts about the brand", "публикация о бренде", "публикации о бренде", "публикаций о бренде", 'f'},
	"co_creation":      {"co-creation session", "co-creation sessions", "участие в создании продуктов", "участия в создании продуктов", "участий в создании продуктов", 'n'},
}

// Text renders what must happen, in lang: "one more purchase within 90
// days" / "ещё одна покупка в течение 90 дней", "a first referral" /
// "первая рекомендация", for a lapsed customer "a purchase within 30 days"
// / "покупка в течение 30 дней", for a partner "the next purchase within
// 160 days". The framing (reach the next rung, stay on the top one, come
// back) follows from From and To and is left to the caller, who composes
// it with the rung titles. The zero Step renders as "".
func (s Step) Text(lang segment.Lang) string {
	if s.Field == "" {
		return ""
	}
	return string(s.AppendText(make([]byte, 0, 64), lang))
}

// AppendText appends [Step.Text] to dst and returns the extended buffer,
// allocating nothing when dst has room: for writers that render a step
// per customer of a large base.
func (s Step) AppendText(dst []byte, lang segment.Lang) []byte {
	if s.Field == "" {
		return dst
	}
	ru := lang == segment.Russian
	n, ok := nouns[s.Field]
	if !ok { // not a field Next produces; fall back to the field's title
		t := segment.FieldTitle(s.Field, lang)
		n = noun{t, t, t, t, t, 'n'}
	}
	next := false // the time applies to the next of several
	switch {
	case s.From == Lapsed && ru:
		dst = append(dst, n.ru1...)
	case s.From == Lapsed:
		dst = append(append(dst, "a "...), n.en...)
	case s.From == s.To && ru:
		dst = append(append(append(dst, agree(n.gender, "следующий", "следующая", "следующее")...), ' '), n.ru1...)
	case s.From == s.To:
		dst = append(append(dst, "the next "...), n.en...)
	case s.Need == 1 && s.Have == 0 && ru:
		dst = append(append(append(dst, agree(n.gender, "первый", "первая", "первое")...), ' '), n.ru1...)
	case s.Need == 1 && s.Have == 0:
		dst = append(append(dst, "a first "...), n.en...)
	case s.Need == 1 && ru:
		dst = append(append(append(dst, "ещё "...), agree(n.gender, "один", "одна", "одно")...), ' ')
		dst = append(dst, n.ru1...)
	case s.Need == 1:
		dst = append(append(dst, "one more "...), n.en...)
	case ru:
		dst = strconv.AppendInt(append(dst, "ещё "...), int64(s.Need), 10)
		dst = append(append(dst, ' '), russianPlural(s.Need, n.ru1, n.ru2, n.ru5)...)
		next = true
	default:
		dst = append(strconv.AppendInt(dst, int64(s.Need), 10), " more "...)
		dst = append(dst, n.enPlural...)
		next = true
	}
	days, ok := s.Within.Get()
	if !ok {
		return dst
	}
	switch {
	case next && ru:
		dst = append(append(append(dst, ", "...), agree(n.gender, "следующий", "следующая", "следующее")...), " —"...)
	case next:
		dst = append(dst, ", the next"...)
	}
	switch {
	case days <= 0 && ru:
		dst = append(dst, " сегодня"...)
	case days <= 0:
		dst = append(dst, " today"...)
	case ru:
		dst = strconv.AppendInt(append(dst, " в течение "...), int64(days), 10)
		dst = append(append(dst, ' '), russianPlural(days, "дня", "дней", "дней")...)
	case days == 1:
		dst = append(dst, " within 1 day"...)
	default:
		dst = append(strconv.AppendInt(append(dst, " within "...), int64(days), 10), " days"...)
	}
	return dst
}

// String renders the step in English.
func (s Step) String() string { return s.Text(segment.English) }

func agree(gender byte, m, f, n string) string {
	switch gender {
	case 'm':
		return m
	case 'f':
		return f
	}
	return n
}

// russianPlural picks the form a Russian noun takes after the number n:
// 1, 21, 101 take one; 2-4, 22-24 another; 0, 5-20, 25-30 the third.
func russianPlural(n int, one, few, many string) string {
	n %= 100
	switch {
	case n >= 11 && n <= 14:
		return many
	case n%10 == 1:
		return one
	case n%10 >= 2 && n%10 <= 4:
		return few
	}
	return many
}
