// Package rfm scores customers by recency, frequency and monetary value
// (RFM) against the customer base they belong to, and assigns each score
// code a segment by a map: the eleven common segments by default, or a
// map of your own as ordered range rules or explicit code lists, which
// the package validates.
//
// # Segments of the default map
//
//   - [Champions]: bought most recently, buy often, spend well. Reward
//     them; ask for reviews and referrals; show new things first.
//   - [Loyal]: buy often, recently enough. Loyalty programme, upsell,
//     personal contact.
//   - [PotentialLoyalist]: recent, with a few purchases. Membership,
//     recommendations: turn the habit into loyalty.
//   - [NewCustomers]: bought for the first time, very recently. A good
//     first experience and onboarding.
//   - [Promising]: one recent purchase, a little while ago. Build the
//     relationship: a reason to come back.
//   - [NeedAttention]: middling on recency and frequency. Limited-time
//     offers, recommendations from their history.
//   - [AboutToSleep]: few purchases, some time ago. Reactivate before
//     they lapse: popular products, renewed discounts.
//   - [AtRisk]: bought often, but not for a long time. Personal win-back
//     messages, helpful resources.
//   - [CantLoseThem]: bought often and spent well, and have gone quiet.
//     Win them back at a cost: talk to them, find out why.
//   - [Hibernating]: few purchases long ago. Cheap reactivation; accept
//     that some are gone.
//   - [Lost]: lowest on all three. Do not spend on them, or ask why they
//     left.
//
// Customers with no purchase occasion have no RFM code (the zero [Code])
// and get [Unknown] with confidence 0; [Stats] counts them as unscored.
//
// # Scores: quantiles that never split ties
//
// [Fit] (or a [Fitter] fed one profile at a time) takes the base's values
// of each dimension: R from days since the last purchase
// (segment.Profile.Recency), F from purchase occasions, M from net revenue
// or, with [AverageOrderValue], revenue per occasion. For each it finds
// four cut points at the 20, 40, 60 and 80% quantiles: the k-th cut point
// is the smallest value v such that at least k/5 of the base have a value
// <= v (the value at position ceil(k*n/5) of the ascending sort). A value
// equal to a cut point always falls in the bucket below it ([Cuts] has the
// buckets), and R is reversed: fewer days, higher R.
//
// So customers with equal values always get equal scores, unlike pandas
// qcut over rank(method="first"), SQL NTILE or DuckDB's ntile, which cut a
// run of identical customers wherever the 20% boundary falls. The rule has an
// exact reading: a customer's bucket is
//
//	1 + floor(5 * (share of the base with a strictly smaller value))
//
// which is the rank of the first occurrence of their value, in fifths.
//
// The price is that buckets are not 20% each when values repeat. The
// share of the base in buckets 1..k together is at least k/5 and below
// k/5 plus the share of customers tied at the k-th cut point; a run of
// ties that spans a whole fifth leaves the next bucket empty. Empty
// buckets stay empty: scores are not renumbered, so a score keeps its
// meaning (F4 means more occasions than at least 60% of the base). The
// common case is frequency in a shop where most customers bought once:
// with 60% one-time buyers, F1 holds 60%, F2 and F3 are empty, and a
// second purchase already earns F4. The segments that need F2 or F3
// (Potential Loyalist, Need Attention, part of About To Sleep) then stay
// empty; give frequency cut points of your own ([Config].Frequency, e.g.
// [1, 2, 3, 5]) when that is not what you want. [Stats] reports the
// customers per score, so the deviation is visible.
//
// # Cut points of your own, and the model
//
// [Config] can fix the cut points of any dimension (days, occasions,
// money: strictly increasing, four per dimension) instead of taking
// quantiles. The result of fitting is a [Model]: the basis and twelve
// numbers, immutable, plain JSON, the whole state scoring needs.
//
// A base split across goroutines or machines fits exactly as a whole: each
// part's [Fitter.Distribution] (value counts per dimension) merges by
// addition ([Distribution.Merge]) and [Distribution.Fit] gives the same
// model as one Fitter over everything.
//
// # The default map, and how it resolves the published one
//
// The default map derives from the widely used R x F grid of the eleven
// segments (the one usually written as regular expressions over the R and
// F digits): Champions R5 F4-5; Loyal R3-4 F4-5; Potential Loyalist R4-5
// F2-3; New Customers R5 F1; Promising R4 F1; Need Attention R3 F3; About
// To Sleep R3 F1-2; At Risk R1-2 F3-4; Can't Lose Them R1-2 F5;
// Hibernating R1-2 F1-2. That grid has two ambiguities, resolved here:
//
//   - It ignores M, while the descriptions of two segments are about
//     money: Champions "spend the most" and Can't Lose Them "made the
//     biggest purchases". A frequent buyer in the bottom 40% by spend is
//     neither, so both need M >= 3; with M1-2 the customer goes to the
//     frequency segment next door (Loyal, At Risk). The bar is only "not
//     in the bottom 40%" (as wide as the grid's own low band, F1-2): the
//     map departs from the grid where the grid contradicts a segment's own
//     description, and no further.
//   - It has no cell for Lost, the eleventh segment, described as lowest
//     on all three. Lost is carved out of Hibernating: R1, F1-2, M1-2.
//     A customer at R1 F1-2 who spent well stays Hibernating: cheap to
//     try to wake.
//
// The result, in R x F terms (M decides only where marked):
//
//	        F1           F2           F3          F4          F5
//	R5  New          Potential    Potential   Champions*  Champions*
//	R4  Promising    Potential    Potential   Loyal       Loyal
//	R3  About Sleep  About Sleep  Need Attn   Loyal       Loyal
//	R2  Hibernating  Hibernating  At Risk     At Risk     Can't Lose*
//	R1  Hib./Lost*   Hib./Lost*   At Risk     At Risk     Can't Lose*
//
//	* Champions and Can't Lose Them need M >= 3 (M1-2: Loyal, At Risk);
//	  at R1 F1-2, M1-2 is Lost and M3-5 Hibernating.
//
// The map is written out as data, each segment listing its codes, and a
// test checks it covers each of the 125 codes exactly once
// ([DefaultPartition]). Published range-rule versions of this map, such as
// the defaults of the R package rfm (Champions r 4-5 f 4-5 m 4-5, Loyal
// Customers r 2-5 f 3-5 m 3-5, Potential Loyalist r 3-5 f 1-3 m 1-3, New
// Customers r 4-5 f 1 m 1, ...) are checked first match first: there,
// New Customers, Promising and Can't Lose Them never match, and 36 codes
// fall to "Others".
//
// # Maps of your own
//
// [Rules] are ordered range rules, first match wins, inclusive ranges, a
// left-out dimension matching any score, an optional fallback segment for
// codes no rule covers (without one, those customers get Unknown):
//
//	{"fallback":"Others","rules":[{"segment":"Champions","r":[4,5],"f":[4,5],"m":[4,5]}, ...]}
//
// [Partition] lists codes per segment and must cover each code exactly
// once. Both compile into a [Map], a 125-entry table. [Rules.Check] (and
// [Map.Findings]) report every rule that can never match together with
// the earlier rules that take its codes, and the codes no rule covers,
// compactly, and whether the fallback takes them; [Partition.Check]
// reports codes listed nowhere or twice. Each [Finding] prints as one
// line, in English or Russian. Malformed maps (a range outside 1..5 or
// backwards, an empty segment name, unknown fields, more than [MaxRules]
// rules or [MaxSegments] segments) are errors naming the rule and field.
//
// A map may use names beyond the eleven defaults. Names that match a
// default segment's name or title, ignoring case ("Loyal Customers",
// "loyal", "Лояльные") are that segment, with its usual value; other
// names get the values after [Lost] in the order the map first names them
// (rules in order, the fallback last; or lists in order). Each map
// has its own label table ([Map.Labels]); [Map.Name] is authoritative,
// while [Segment.String] knows only the defaults.
//
// # Scores, secondary label and confidence
//
// The primary label scores 1. Every other segment of the map scores
// 1/(1+d), where d is the fewest single score steps (R, F or M up or down
// by one) from the customer's code to one of the segment's codes, so a
// segment next door scores 0.5. The secondary label is the segment next
// door that holds most of the code's neighbours (ties: the more valuable
// segment), if any: a Champion one step from Loyal shows Loyal. All three
// inputs are facts every buyer has, so a scored customer's confidence is
// 1; a customer without a code, or with a code a rule map leaves without a
// segment, has confidence 0.
//
// # Explanations
//
// [Classifier.Explain] returns the inputs (days since the last purchase,
// occasions, money), the cut points each fell between, the scores, and
// the rule or code list that assigned the segment, as segment.Reason
// data. Score reasons use the fields r_score, f_score, m_score and
// rfm_code, which are not profile fields.
package rfm
