// Package disc assigns customers their DISC style, after the "DISC
// typology" of the source article, so that sales and service can meet each
// customer the way they like to buy:
//
//   - [Dominant] (D): wants results and the newest, best product, fast;
//     give the facts at hand, a quick decision, a direct, energetic pitch.
//   - [Influential] (I): buys through people; talks, shares, recommends;
//     give live contact, events, and something worth posting.
//   - [Steady] (S): stays with what works; patient and conservative; give
//     clear, precise information, the same trusted contact, no pressure.
//   - [Conscientious] (C): researches, compares and plans; buys quality
//     and guarantees; give specifications, demonstrations and documents.
//
// Each style's row of the article's table (what they value, the service
// they want, what makes them loyal, how they behave, how to approach them)
// is data on the style, in English and Russian: [Style.Traits].
//
// The source: "each customer may show traits of several types, but usually
// one is primary". Every result has a score per style, the primary style
// and, where a second style has any evidence, the secondary.
//
// # Two sources of evidence
//
// Behaviour ([Classifier]) reads the profile: sixteen indicators, each a
// score in [0, 1] against a named threshold in [Config] (1 when the
// threshold is met, less in proportion the further it is missed):
//
//   - D: quick decisions (days from first view to purchase at most
//     quick_days), a share of purchases with new products and one with
//     premium items;
//   - I: social posts, referrals, positive reviews, calls and webinars;
//   - S: tenure (known from the second purchase on), repeat purchases,
//     loyalty-programme membership, a low share of new products, few
//     complaints (none counts only once they have bought);
//   - C: comparisons and spec sheets per purchase, long deliberation,
//     questions asked.
//
// A style's score is the mean of its known indicators. Unknown signals are
// left out: they lower the confidence, they never count against a style.
// The primary style needs a score of at least min_score (0.3): below it
// the evidence is too weak to name a style, and the primary is Unknown.
//
// A questionnaire ([Questionnaire]) asks directly: in each group of four
// words, one per style, the customer picks the word MOST and the word
// LEAST like them, and [Questionnaire.Score] tallies MOST minus LEAST per
// style ([Tally]). Answers that name an unknown group or word, pick the
// same word twice, or skip or repeat a group are errors naming the group
// and the word. The package ships a sample questionnaire of 24 groups in
// English and Russian ([SampleQuestionnaire]); use your own with
// [ParseQuestionnaire].
//
// # Combining them
//
// The [segment.Classifier] contract sees only a profile, so the
// questionnaire has its own entry points: [Tally.Result] for the
// questionnaire alone, [Classifier.Blend] for a tally and a profile
// together, and [Classifier.WithTallies] for a classifier over a whole
// base where some customers answered. The questionnaire weighs more
// (Config.QuestionnaireWeight, 0.75 by default): it is the customer's own
// word, behaviour is indirect.
//
// # Ties and confidence
//
// The primary style is the highest score; ties go to the earlier style in
// D, I, S, C order. The secondary is the next highest with a positive
// score. With no evidence, or too little, the primary is [Unknown].
//
// Behavioural confidence is the share of indicators known (averaged over
// the four styles, so that styles with more indicators do not weigh more)
// times the primary's score: a customer we know little about gets a style
// with low confidence, never a confident guess. Questionnaire confidence is
// the primary's MOST-minus-LEAST over the number of groups.
package disc
