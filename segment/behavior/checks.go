package behavior

// check identifies one comparison of the built-in rules. The hot path
// passes only the id and numbers; the id's text (rule id, input, setting,
// titles) is looked up only when an explanation is asked for, so
// Classify and Explain run the same code and Classify stays cheap.
type check uint8

// checkInfo is what a reason says about a check.
type checkInfo struct {
	label   Type
	rule    string // reason's rule id
	field   string // the input, a segment field or a derived input
	en, ru  string // titles of a derived input
	setting string // the setting holding the threshold
	sleep   bool   // the threshold is the sleeping bound; its setting depends on the customer
}

// The checks, by type.
const (
	cPotentialNoPurchase check = iota
	cPotentialContacts
	cHotInquiries
	cHotDays
	cHotOpen
	cColdInquiries
	cColdDays
	cColdOpen
	cNewOccasions
	cNewRecency
	cOneTimeOccasions
	cOneTimeRecency
	cRareOccasions
	cRareGap
	cRegularOccasions
	cRegularGap
	cRegularSleeping
	cRegularLost
	cRegularChurned
	cGoldBought
	cGoldRevenue
	cGoldTenure
	cGoldSleeping
	cGoldLost
	cGoldChurned
	cSuperBought
	cSuperRevenue
	cSuperOccasions
	cSuperSleeping
	cSuperLost
	cSuperChurned
	cStatusBought
	cStatusAOV
	cStatusPremium
	cFanRegular
	cFanAdvocacy
	cPioneerOccasions
	cPioneerShare
	cLeadBought
	cLeadRevenue
	cLeadB2B
	cLeadInfluence
	cDetailBought
	cDetailResearch
	cSleepingBought
	cSleepingRecency
	cSleepingNotLost
	cSleepingNotChurned
	cLostBought
	cLostRecency
	cLostChurned
	cComplaint
	cComplaintCount
	cNegativeReview
	cNegativeReviewCount
	cUnderBought
	cUnderOccasions
	cUnderInactive
	cProblemComplaints
	cProblemOrders
	cProblemReturnRate
	cImpossibleBought
	cImpossibleSupport
	cBargainOccasions
	cBargainShare
	numChecks
)

// activeChecks are the three checks of "active" for one type.
type activeChecks struct{ sleeping, lost, churned check }

var (
	regularActive = activeChecks{cRegularSleeping, cRegularLost, cRegularChurned}
	goldActive    = activeChecks{cGoldSleeping, cGoldLost, cGoldChurned}
	superActive   = activeChecks{cSuperSleeping, cSuperLost, cSuperChurned}
)

var checks = [numChecks]checkInfo{
	cPotentialNoPurchase: {label: Potential, rule: "potential.no_purchase", field: "occasions"},
	cPotentialContacts: {label: Potential, rule: "potential.contacts", field: "contacts",
		en: "contacts (inquiries, visits, subscription, content, samples)", ru: "контактов (обращения, визиты, подписка, контент, пробы)",
		setting: "potential_contacts"},

	cHotInquiries:  {label: HotInquirer, rule: "inquirer_hot.inquiries", field: "inquiries"},
	cHotDays:       {label: HotInquirer, rule: "inquirer_hot.days_since_inquiry", field: "days_since_inquiry", setting: "hot_inquiry_days"},
	cHotOpen:       {label: HotInquirer, rule: "inquirer_hot.after_last_purchase", field: "days_since_inquiry"},
	cColdInquiries: {label: ColdInquirer, rule: "inquirer_cold.inquiries", field: "inquiries"},
	cColdDays:      {label: ColdInquirer, rule: "inquirer_cold.days_since_inquiry", field: "days_since_inquiry", setting: "hot_inquiry_days"},
	cColdOpen:      {label: ColdInquirer, rule: "inquirer_cold.after_last_purchase", field: "days_since_inquiry"},

	cNewOccasions:     {label: Newcomer, rule: "new.occasions", field: "occasions"},
	cNewRecency:       {label: Newcomer, rule: "new.recency", field: "recency_days", setting: "new_days"},
	cOneTimeOccasions: {label: OneTime, rule: "one_time.occasions", field: "occasions"},
	cOneTimeRecency:   {label: OneTime, rule: "one_time.recency", field: "recency_days", setting: "new_days"},
	cRareOccasions:    {label: Rare, rule: "rare.occasions", field: "occasions"},
	cRareGap:          {label: Rare, rule: "rare.mean_gap", field: "mean_gap_days", setting: "rare_gap_days"},

	cRegularOccasions: {label: Regular, rule: "regular.occasions", field: "occasions", setting: "regular_occasions"},
	cRegularGap:       {label: Regular, rule: "regular.mean_gap", field: "mean_gap_days", setting: "rare_gap_days"},
	cRegularSleeping:  {label: Regular, rule: "regular.active.sleeping", field: "recency_days", sleep: true},
	cRegularLost:      {label: Regular, rule: "regular.active.lost", field: "recency_days", setting: "lost_days"},
	cRegularChurned:   {label: Regular, rule: "regular.active.churned", field: "churned"},

	cGoldBought:   {label: Gold, rule: "gold.bought", field: "occasions"},
	cGoldRevenue:  {label: Gold, rule: "gold.revenue", field: "revenue", setting: "gold_revenue_top"},
	cGoldTenure:   {label: Gold, rule: "gold.tenure", field: "tenure_days", setting: "gold_tenure_days"},
	cGoldSleeping: {label: Gold, rule: "gold.active.sleeping", field: "recency_days", sleep: true},
	cGoldLost:     {label: Gold, rule: "gold.active.lost", field: "recency_days", setting: "lost_days"},
	cGoldChurned:  {label: Gold, rule: "gold.active.churned", field: "churned"},

	cSuperBought:    {label: SuperConsumer, rule: "super_consumer.bought", field: "occasions"},
	cSuperRevenue:   {label: SuperConsumer, rule: "super_consumer.revenue", field: "revenue", setting: "super_top"},
	cSuperOccasions: {label: SuperConsumer, rule: "super_consumer.occasions", field: "occasions", setting: "super_top"},
	cSuperSleeping:  {label: SuperConsumer, rule: "super_consumer.active.sleeping", field: "recency_days", sleep: true},
	cSuperLost:      {label: SuperConsumer, rule: "super_consumer.active.lost", field: "recency_days", setting: "lost_days"},
	cSuperChurned:   {label: SuperConsumer, rule: "super_consumer.active.churned", field: "churned"},

	cStatusBought:  {label: Status, rule: "status.bought", field: "occasions"},
	cStatusAOV:     {label: Status, rule: "status.aov", field: "average_order_value", setting: "status_aov_top"},
	cStatusPremium: {label: Status, rule: "status.premium_share", field: "premium_share", setting: "status_premium_share"},

	cFanRegular: {label: Fan, rule: "fan.regular", field: "regular", en: "regular customer", ru: "постоянный клиент"},
	cFanAdvocacy: {label: Fan, rule: "fan.advocacy", field: "advocacy", en: "positive reviews, referrals and social posts",
		ru: "положительных отзывов, рекомендаций и публикаций", setting: "fan_advocacy"},

	cPioneerOccasions: {label: Pioneer, rule: "pioneer.occasions", field: "occasions", setting: "pioneer_min_occasions"},
	cPioneerShare:     {label: Pioneer, rule: "pioneer.new_product_share", field: "new_product_share", setting: "pioneer_new_share"},

	cLeadBought:  {label: LeadUser, rule: "lead_user.bought", field: "occasions"},
	cLeadRevenue: {label: LeadUser, rule: "lead_user.revenue", field: "revenue", setting: "lead_revenue_top"},
	cLeadB2B:     {label: LeadUser, rule: "lead_user.b2b", field: "b2b"},
	cLeadInfluence: {label: LeadUser, rule: "lead_user.influence", field: "influence", en: "referrals and social posts",
		ru: "рекомендаций и публикаций", setting: "lead_influence"},

	cDetailBought:   {label: DetailSeeker, rule: "detail_seeker.bought", field: "occasions"},
	cDetailResearch: {label: DetailSeeker, rule: "detail_seeker.research", field: "research_per_purchase", setting: "detail_research"},

	cSleepingBought:     {label: Sleeping, rule: "sleeping.bought", field: "occasions"},
	cSleepingRecency:    {label: Sleeping, rule: "sleeping.recency", field: "recency_days", sleep: true},
	cSleepingNotLost:    {label: Sleeping, rule: "sleeping.not_lost", field: "recency_days", setting: "lost_days"},
	cSleepingNotChurned: {label: Sleeping, rule: "sleeping.not_churned", field: "churned"},

	cLostBought:  {label: Lost, rule: "lost.bought", field: "occasions"},
	cLostRecency: {label: Lost, rule: "lost.recency", field: "recency_days", setting: "lost_days"},
	cLostChurned: {label: Lost, rule: "lost.churned", field: "churned"},

	cComplaint:           {label: Dissatisfied, rule: "dissatisfied.complaint", field: "days_since_complaint", setting: "dissatisfied_days"},
	cComplaintCount:      {label: Dissatisfied, rule: "dissatisfied.complaint.count", field: "complaints"},
	cNegativeReview:      {label: Dissatisfied, rule: "dissatisfied.negative_review", field: "days_since_negative_review", setting: "dissatisfied_days"},
	cNegativeReviewCount: {label: Dissatisfied, rule: "dissatisfied.negative_review.count", field: "negative_reviews"},

	cUnderBought:    {label: UnderClient, rule: "under_client.bought", field: "occasions"},
	cUnderOccasions: {label: UnderClient, rule: "under_client.occasions", field: "occasions", setting: "under_client_max_occasions"},
	cUnderInactive:  {label: UnderClient, rule: "under_client.inactive", field: "inactive", en: "sleeping or lost", ru: "спящий или потерянный"},

	cProblemComplaints: {label: Problem, rule: "problem.complaints", field: "complaints", setting: "problem_complaints"},
	cProblemOrders:     {label: Problem, rule: "problem.orders", field: "orders", setting: "problem_min_orders"},
	cProblemReturnRate: {label: Problem, rule: "problem.return_rate", field: "return_rate", setting: "problem_return_rate"},

	cImpossibleBought:  {label: Impossible, rule: "impossible.bought", field: "occasions"},
	cImpossibleSupport: {label: Impossible, rule: "impossible.support_per_order", field: "support_per_order", setting: "impossible_support_per_order"},

	cBargainOccasions: {label: BargainOnly, rule: "bargain_only.occasions", field: "occasions", setting: "bargain_min_occasions"},
	cBargainShare:     {label: BargainOnly, rule: "bargain_only.discount_share", field: "discount_share", setting: "bargain_share"},
}
