// Package loyalty tells what holds a customer to the company, after the
// three kinds of loyalty of the source article ("how to attract and
// retain a customer"):
//
//   - [Behavioural]: kept by habit and programme rewards, repeat purchases
//     and bonuses; make the benefit obvious, and do not punish (bonuses
//     that expire drive people away).
//   - [Emotional]: kept by special status and personal recognition ("the
//     usual?"); unique offers, personal service, staff who know them.
//   - [Personal]: identifies with the brand like a fan with a team and
//     stays through its failures; involve them, let them speak for you.
//   - [None]: what is known shows no loyalty (bought once, outside the
//     programme, no advocacy); earn the first reason to come back.
//   - [Unknown]: no evidence either way.
//
// Kinds mix, so a result has a secondary kind when another one shows.
//
// # Evidence
//
// Each kind has markers, each a score in [0, 1] against a threshold in
// [Config]:
//
//   - Behavioural: repeat purchases (occasions against RepeatOccasions),
//     and rewards used (the share of earned bonus redeemed against
//     RedeemShare, which needs both amounts; 0 outside the programme).
//   - Emotional: personal-service requests; the share of purchases with a
//     premium item; being known to the staff (tenure and store visits plus
//     calls, the lesser of the two against TenureDays and StaffContacts).
//   - Personal: referrals, social posts and positive reviews, each
//     against its threshold; the ambassador programme; staying through
//     failures (complained or wrote a negative review, and bought again
//     after it; scored like repeat purchases).
//
// A kind scores its strongest known marker: one clear sign is enough, and
// a missing sign is no evidence against (most fans are in no ambassador
// programme). Unknown markers are left out. Behavioural and emotional
// loyalty last only while the customer keeps buying: after
// [Config.ActiveDays] without a purchase they score 0; personal loyalty
// outlasts a pause. A customer who never bought is judged on signals
// alone.
//
// None scores 1 minus the strongest kind. The primary label is the
// highest score; on a tie the deeper bond wins (Personal, then Emotional,
// then Behavioural, then None), so a kind is primary from a score of 0.5.
// The secondary is the best other kind with a positive score. With no
// marker known at all the result is Unknown.
//
// # Confidence
//
// Confidence is the primary's score times the share of the evidence that
// is in: the known markers of the primary kind count for it, and the
// markers of every kind that could still outrank it count against while
// unknown (a repeat buyer whose referrals and service requests are
// unknown may be more than behaviourally loyal). A Personal customer
// with a full marker cannot be outranked; a None verdict weighs every
// marker.
package loyalty
