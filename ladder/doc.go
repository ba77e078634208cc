// Package ladder places a customer on the loyalty ladder of the source
// article and says what is missing to reach the next rung:
//
//   - [Potential]: interested (asked, visited, subscribed) but has not
//     bought yet; attract attention with advertising, social media and
//     content.
//   - New ([NewCustomer]): made a first purchase; make the first
//     experience a good one: quality, service, delivery, support.
//   - [Regular]: buys again and again, a habit is forming; loyalty
//     programme, special offers, personal communication.
//   - [Advocate]: buys regularly and recommends you to others; reward them,
//     exclusive offers, events for the most loyal.
//   - [Partner]: takes part in the company's life (ambassador, co-creating
//     products) on top of buying regularly; involve them for the long term.
//   - [Lapsed]: climbed to some rung, then stopped buying; find out why and
//     win them back (the rung they had reached is the secondary label).
//   - [Unknown]: no purchase and no sign of interest; nothing to go on.
//
// Each rung carries the company's goal for it as data ([Rung.Goal]), and
// [Classifier.Next] returns the next [Step] in concrete terms: "one more
// purchase within 150 days", "a first referral", and for a lapsed
// customer "a purchase within 30 days" to come back.
//
// # Evidence
//
// A customer with no purchase is Potential when any interest indicator is
// positive (inquiries, site or app visits, a subscription, store visits),
// scored by the strongest against its threshold in [Config]; otherwise
// Unknown. A buyer is New; Regular from [Config.RegularOccasions]
// purchases; Advocate when a Regular also reaches any advocacy threshold
// (referrals, positive reviews, social posts); Partner when a Regular
// takes part in co-creation or is in the ambassador programme. Partner
// does not need advocacy first: taking part in the company's life is the
// stronger commitment, and ambassadors recommend by role.
//
// Scores are attainment, the share of each rung's requirements met: for
// a buyer Potential and New score 1, Regular the share of its purchases
// (2 of 3 scores 0.67), Advocate and Partner the lesser of that and their
// strongest indicator against its threshold. The rung reached scores 1,
// and the scores above it show how close the next rung is. The primary
// label is the highest rung scoring 1 (for a prospect, Potential with its
// interest score): on a tie the higher rung wins. More purchases or more
// referrals never lower the rung reached ([Reached]).
//
// # Inactivity
//
// A buyer is Lapsed when the days since their last purchase exceed
//
//	min(LapsedMaxDays, max(LapsedDays, LapsedGapFactor × mean gap))
//
// that is 180 days, or twice their own mean gap between purchases for
// customers with a slower rhythm, but never more than 365 days. A lapsed
// customer gets Primary = Lapsed with score 1 and Secondary = the rung
// reached, whose score fades as bound / recency; while active, the Lapsed
// score is the share of the allowance used (recency / bound), an early
// warning. Because the bound follows the customer's own rhythm, more
// purchases in the same span shorten it: whether a customer has lapsed is
// a matter of recency against rhythm, and only the rung reached is
// monotone in purchases.
//
// # Confidence
//
// Unknown signals are never evidence against a rung: they are left out.
// Confidence is the primary label's score times the share of the evidence
// that is in: the inputs that established the rung count as known, and
// the unknown inputs that could still change it count against (recency
// for every buyer, since it decides lapsing; advocacy and involvement for
// a Regular, who may be an Advocate or a Partner; involvement for an
// Advocate). A Lapsed verdict rests on known recency and has confidence 1;
// a prospect's confidence is their interest score.
package ladder
