// Package sabone places a customer in the six categories of the SABONE
// model of the source article (an acronym of six Russian words; not the
// French buying-motives model of the same name):
//
//   - [Neighbourhood] (Соседство): lives or works nearby and values
//     convenience. Invite to local events, stress location and delivery.
//   - [Active] (Активные потребители): follow novelties and
//     trends online. Be visible in social networks, show novelties first,
//     personalise.
//   - [Budget] (Бюджетные покупатели): count the money. Clear
//     prices, discounts, affordable alternatives, a loyalty programme.
//   - [Education] (Образование): value knowledge. Courses, webinars,
//     useful material.
//   - [Newcomer] (Новички): just starting their business or path. Starter
//     packs, support, partner programmes.
//   - [Expert] (Эксперты): experienced in the field. Reputation, premium
//     quality, innovation; they pay more for them.
//
// [Category.Treatment] returns these recommendations as data (summary and
// levers, English and Russian) for the strategy layer.
//
// # Evidence
//
// Each category has indicators, each comparing one profile fact with a
// named threshold in [Config] (defaults in brackets):
//
//	neighbourhood  distance_km <= near_km [3]
//	active         new_product_share >= novelty_share [0.3]
//	               social_posts >= social_posts [2]
//	               site_visits >= visits_per_purchase [5] × purchases (supporting)
//	budget         discount_share >= discount_share [0.5]
//	               bonus_redeemed >= redeem_share [0.8] × bonus_earned
//	education      courses >= courses [1]
//	               webinars >= webinars [2]
//	               long_reads >= long_reads [10] (supporting)
//	newcomer       experience_years <= newcomer_years [1]
//	               tenure_days <= newcomer_days [180] (supporting)
//	expert         experience_years >= expert_years [5]
//	               premium_share >= premium_share [0.5]
//
// An indicator scores 1 when it holds and in proportion otherwise (half the
// threshold scores 0.5; for an "at most" threshold, twice the threshold
// scores 0.5). A category applies when one of its qualifying indicators
// holds. Supporting indicators never make a category apply: browsing,
// reading and a short history with the shop are also what customers of
// other categories do.
//
// An unknown input is left out: it is never counted as evidence against a
// category, it only lowers the confidence. Inputs that no valid profile
// has (negative or not finite) are treated as unknown.
//
// # Scores, labels and confidence
//
// A category that applies scores 0.5 plus half the mean of all its known
// indicators, so in (0.5, 1]; one that does not scores half the mean of its
// known qualifying indicators, so below 0.5, and 0 when none is known.
// Every category that applies is in the result's Tags. Categories mix, as
// the source says every customer is unique: the primary is the strongest
// category that applies and the secondary the next one. Ties go to the
// category with more indicators held, then to the acronym order
// (neighbourhood, active, budget, education, newcomer, expert). With no
// category applying, the primary is Unknown.
//
// Confidence is the evidence in hand, out of the thirteen indicators:
// every known indicator of another category counts one (it rules a rival
// in or out), and the primary's own indicators count by their scores (1
// when held), so a fact against the primary never raises its confidence. That share is
// multiplied by the primary's score less half the highest other score. A
// prospect of whom only a short distance is known is a neighbour with
// confidence 1/13; one whose two categories are equally strong gets half
// the confidence the same evidence would give a single category.
package sabone
