package disc_test

import (
	"errors"
	"fmt"
	"strings"

	"github.com/clientele-go/clientele/disc"
	"github.com/clientele-go/clientele/segment"
)

// A customer who compares a lot, reads spec sheets and takes ten days to
// decide is conscientious: give them documents, not pressure.
func Example() {
	c, _ := disc.New(nil)
	p := segment.Profile{AsOf: segment.MustParseDate("2025-06-30"), Occasions: 2, Orders: 2, Revenue: 180,
		First: segment.MustParseDate("2025-01-10"), Last: segment.MustParseDate("2025-05-02")}
	p.Signals.ComparisonsViewed = segment.Some(5)
	p.Signals.LongReads = segment.Some(2)
	p.Signals.DaysToPurchase = segment.Some(10.0)
	p.Signals.Inquiries = segment.Some(4)

	r := c.Classify(&p)
	fmt.Printf("%s (%s), secondary %s, confidence %.2f\n", r.Primary, r.Primary.Title(segment.Russian), r.Secondary, r.Confidence)
	fmt.Println("approach:", r.Primary.Traits().Approach.In(segment.English))
	// Output:
	// conscientious (Аккуратный), secondary steady, confidence 0.43
	// approach: detailed and documented: specifications, reviews, guarantees
}

func ExampleClassifier_Explain() {
	c, _ := disc.New(nil)
	p := segment.Profile{AsOf: segment.MustParseDate("2025-06-30")}
	p.Signals.SocialPosts = segment.Some(4)
	p.Signals.Referrals = segment.Some(0)
	ex := c.Explain(&p)
	fmt.Print(ex.Result.Primary, "\n")
	for _, r := range ex.Reasons {
		if r.Known {
			fmt.Println(r.Text(segment.English))
		}
	}
	// Output:
	// influential
	// influential: social posts about the brand = 4 >= 3 (social_posts) — yes
	// influential: referrals = 0 >= 1 (referrals) — no
}

// A questionnaire of your own, its answers as a form would post them, and
// the tally: MOST minus LEAST per style.
func ExampleQuestionnaire_Score() {
	q, err := disc.ParseQuestionnaire([]byte(`{"groups": [
		{"id": "q1", "words": [
			{"id": "bold", "factor": "D", "en": "Bold", "ru": "Смелый"},
			{"id": "lively", "factor": "I", "en": "Lively", "ru": "Живой"},
			{"id": "calm", "factor": "S", "en": "Calm", "ru": "Спокойный"},
			{"id": "exact", "factor": "C", "en": "Exact", "ru": "Точный"}]},
		{"id": "q2", "words": [
			{"id": "firm", "factor": "D", "en": "Firm", "ru": "Твёрдый"},
			{"id": "cheerful", "factor": "I", "en": "Cheerful", "ru": "Жизнерадостный"},
			{"id": "loyal", "factor": "S", "en": "Loyal", "ru": "Преданный"},
			{"id": "careful", "factor": "C", "en": "Careful", "ru": "Тщательный"}]}]}`))
	if err != nil {
		panic(err)
	}
	answers, _ := disc.ParseAnswers([]byte(`[
		{"group": "q1", "most": "calm", "least": "bold"},
		{"group": "q2", "most": "loyal", "least": "cheerful"}]`))
	tally, err := q.Score(answers)
	fmt.Println(err)
	var nets []string
	for _, s := range disc.Styles.Values() {
		nets = append(nets, fmt.Sprintf("%s %+d", s.Letter(), tally.Net(s)))
	}
	fmt.Println(strings.Join(nets, ", "))
	r := tally.Result()
	fmt.Printf("%s, confidence %.2f\n", r.Primary, r.Confidence)
	// Output:
	// <nil>
	// D -1, I -1, S +2, C +0
	// steady, confidence 1.00
}

// Invalid answers are refused with every problem named, so a form can
// point at the group to fix.
func ExampleQuestionnaire_Score_errors() {
	q := disc.SampleQuestionnaire()
	var answers []disc.Answer
	for _, g := range q.Groups[:23] { // the last group is skipped
		answers = append(answers, disc.Answer{Group: g.ID, Most: g.Words[0].ID, Least: g.Words[1].ID})
	}
	answers[1].Least = answers[1].Most
	answers[2].Most = "brave"
	_, err := q.Score(answers)
	fmt.Println(err)
	fmt.Println(errors.Is(err, disc.ErrMissingGroup))
	// Output:
	// disc: answers: group "g02": least "enthusiastic": the same word as MOST and LEAST
	// disc: answers: group "g03": most "brave": not a word of the group; want one of loyal, analytical, persuasive, competitive
	// disc: answers: group "g24": group "g24": group not answered
	// true
}

func ExampleSampleQuestionnaire() {
	q := disc.SampleQuestionnaire()
	fmt.Println(len(q.Groups), "groups")
	fmt.Println(q.Title.In(segment.Russian))
	var words []string
	for _, w := range q.Groups[0].Words {
		words = append(words, w.In(segment.Russian)+" ("+w.Factor.Letter()+")")
	}
	fmt.Println(q.Groups[0].ID+":", strings.Join(words, ", "))
	// Output:
	// 24 groups
	// DISC: какой вы покупатель?
	// g01: Решительный (D), Терпеливый (S), Точный (C), Общительный (I)
}

// A customer whose behaviour looks conscientious says in the questionnaire
// that they are dominant: their own word weighs more, and the confidence
// drops because the two disagree.
func ExampleClassifier_Blend() {
	c, _ := disc.New(nil)
	p := segment.Profile{AsOf: segment.MustParseDate("2025-06-30")}
	p.Signals.ComparisonsViewed = segment.Some(6)
	p.Signals.DaysToPurchase = segment.Some(9.0)

	var t disc.Tally // 24 groups: D picked 16 times as MOST, C 12 times as LEAST
	t.Groups = 24
	t.Most[disc.Dominant], t.Most[disc.Influential], t.Most[disc.Steady] = 16, 4, 4
	t.Least[disc.Conscientious], t.Least[disc.Steady], t.Least[disc.Influential] = 12, 8, 4

	behaviour, answers, both := c.Classify(&p), t.Result(), c.Blend(&p, t)
	fmt.Printf("behaviour:     %s %.2f\n", behaviour.Primary, behaviour.Confidence)
	fmt.Printf("questionnaire: %s %.2f\n", answers.Primary, answers.Confidence)
	fmt.Printf("blended:       %s %.2f\n", both.Primary, both.Confidence)
	// Output:
	// behaviour:     conscientious 0.25
	// questionnaire: dominant 0.67
	// blended:       dominant 0.50
}

// The batch runner and the strategy layer see only profiles: give them a
// classifier that knows who answered the questionnaire.
func ExampleClassifier_WithTallies() {
	c, _ := disc.New(nil)
	q := disc.SampleQuestionnaire()
	var answers []disc.Answer
	for _, g := range q.Groups {
		most, least := g.Words[0], g.Words[1]
		for _, w := range g.Words {
			switch w.Factor {
			case disc.Influential:
				most = w
			case disc.Conscientious:
				least = w
			}
		}
		answers = append(answers, disc.Answer{Group: g.ID, Most: most.ID, Least: least.ID})
	}
	tally, err := q.Score(answers)
	if err != nil {
		panic(err)
	}
	s, err := c.WithTallies(map[string]disc.Tally{"C-42": tally})
	if err != nil {
		panic(err)
	}
	var classifier segment.Classifier[disc.Style] = s
	for _, id := range []string{"C-42", "C-43"} {
		p := segment.Profile{ID: id, AsOf: segment.MustParseDate("2025-06-30")}
		fmt.Println(id, classifier.Classify(&p).Primary)
	}
	// Output:
	// C-42 influential
	// C-43 unknown
}

func ExampleParseConfig() {
	cfg, err := disc.ParseConfig([]byte(`{"social_posts": 10, "questionnaire_weight": 0.9}`))
	fmt.Println(cfg.SocialPosts, cfg.QuestionnaireWeight, cfg.Referrals, err)
	_, err = disc.ParseConfig([]byte(`{"quick_days": 14}`))
	fmt.Println(err)
	// Output:
	// 10 0.9 1 <nil>
	// disc: disc config: quick_days "14": out of range: must be below deliberate_days (7)
}

func ExampleStyle_Traits() {
	t := disc.Dominant.Traits()
	fmt.Println(t.Values.In(segment.English), "|", t.LoyalWhen.In(segment.Russian))
	// Output:
	// productivity | находит самые передовые продукты и услуги
}

func ExampleParseStyle() {
	for _, text := range []string{"D", "steady", "Влиятельный", "X"} {
		s, err := disc.ParseStyle(text)
		fmt.Println(s, err)
	}
	// Output:
	// dominant <nil>
	// steady <nil>
	// influential <nil>
	// unknown style "X": unknown style; want one of unknown, dominant, influential, steady, conscientious
}
