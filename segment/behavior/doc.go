// Package behavior assigns the behavioural segments of the source article
// (customer-classification, most of it): the named types a marketer works
// with, and the three risk flags for customers better not to work with.
//
// # The types
//
// What each means to a marketer, and its default rule (every number is a
// named setting of [Config]):
//
//   - [Potential] (потенциальные): interested, has not bought yet; attract
//     attention. No purchase, at least one contact (inquiry, visit,
//     subscription, content view, sample...).
//   - [HotInquirer] (горячие обращенцы): asked a question lately and is
//     ready to buy; answer fast, personally. Latest inquiry at most 14 days
//     old, no purchase since.
//   - [ColdInquirer] (холодные обращенцы): asked a while ago, not ready yet;
//     nurture with relevant content. Latest inquiry older than 14 days, no
//     purchase since.
//   - [Newcomer] (первые): made a first purchase; make the first experience
//     good. One purchase, at most 90 days ago.
//   - [OneTime] (разовые): bought once, long ago; find out why they did not
//     return. One purchase, more than 90 days ago.
//   - [Rare] (редкие): buys seldom; remind at the right moment. Two or more
//     purchases, more than 180 days apart on average.
//   - [Regular] (постоянные): buys again and again; reward the habit. Three
//     or more purchases at most 180 days apart on average, and active.
//   - [Gold] (золотые): most profitable and long-standing; exclusive
//     service. Revenue in the top 20% of buyers, first purchase at least a
//     year ago, active.
//   - [SuperConsumer] (суперпотребители): very active and big spending;
//     premium content, early access. In the top 10% by purchases and by
//     revenue, active.
//   - [Status] (статусные): buys the expensive end; stress status and
//     quality. Average order value in the top 10%, or half their purchases
//     include a premium item.
//   - [Fan] (фанаты): devoted and says so; community, ambassador roles. A
//     regular customer with at least 2 positive reviews, referrals and
//     social posts together.
//   - [Pioneer] (пионеры): first to buy new things; early access to
//     novelties. Half of at least 2 purchases include a new product.
//   - [LeadUser] (ведущие пользователи): a large account that is a business
//     or sways others; personal terms, a key-account manager. Revenue in
//     the top 20%, and B2B or at least 3 referrals and social posts.
//   - [DetailSeeker] (мелочь: внимание к деталям): studies every detail;
//     give specs, comparison tables, examples. At least 5 spec sheets and
//     comparisons viewed per purchase.
//   - [Sleeping] (спящие): has the need but went quiet; offers from their
//     history, a survey. No purchase for more than max(90 days, 2 × their
//     own mean gap), not yet lost.
//   - [Lost] (потерянные): left; ask why, win back only if the need is
//     still there. No purchase for more than 365 days, or marked churned.
//   - [Dissatisfied] (недовольные): unhappy and may leave; ask what went
//     wrong, apologise, fix it. A complaint or a negative review in the
//     last 90 days.
//   - [UnderClient] (недоклиенты): bought 1 to 3 times, then vanished;
//     find the barrier. At most 3 purchases, and sleeping or lost.
//   - [Problem] (проблемные, risk flag): complains or returns a lot; limit
//     investment, set boundaries. At least 3 complaints, or more than 0.3
//     returns per order line over at least 3 order lines.
//   - [Impossible] (невозможные, risk flag): excessive demands; set
//     boundaries. More than 2 support requests per purchase.
//   - [BargainOnly] (мелкие, risk flag): buys only at a discount; do not
//     train them further with discounts. At least 90% of at least 2
//     purchases on discount.
//
// "Active" means neither sleeping nor lost. A customer with exactly two
// purchases, the last one recent and the gap short, fits none of the
// purchase-pattern types (new is one purchase, regular three): set
// Config.RegularOccasions to 2 to call them regular.
//
// # Several types, one primary
//
// A customer carries every type whose rule holds ([segment.Result.Tags],
// each with score 1: the types are rules, not degrees). The primary is
// the first of them in Config.Priority ([DefaultPriority]: states that
// call for action, then value and influence, then purchase patterns, then
// prospects), the secondary the next. Risk flags are tags like the others
// but rank after every type: they are primary only when nothing else
// applies. [Risks] returns them so the strategy layer can respect them
// whatever the primary is.
//
// # Unknown is not "no"
//
// Rules use the three-valued logic of package
// [github.com/clientele-go/clientele/segment/rule]: a comparison on a
// signal the CRM does not record is unknown, not false, and a type whose
// rule is unknown is not assigned. Confidence says how sure the primary
// is: (1 + k) / (1 + m), where m types rank above the primary and k of
// them could be decided. So a regular customer whose reviews and referrals
// nobody recorded (they might be a fan) gets a lower confidence than one
// known to have none. Facts every profile has (purchases, revenue) are
// always known, and for a customer who never bought the purchase rules are
// simply false. A staff mark of churn is an annotation: when present it
// makes the customer lost; when the CRM has none, recency alone decides.
//
// # The customer base
//
// "Top 20% by revenue" is relative to the base being segmented: two
// phases. [Classifier.Fit] computes the [Cuts] over the base (customers
// with equal values always land on the same side; the top never exceeds
// its share), then Classify is a pure function of the profile and the
// cuts: no allocation, all twenty-one rules in about 150 ns. Cuts are a
// small JSON value;
// [Classifier.WithCuts] classifies one customer from a CRM without the
// base. Until then, the relative rules are unknown.
//
// # Customising
//
// Thresholds, priority and disabled types are in [Config], which reads
// and writes JSON ([ParseConfig]); [Config.Check] reports every invalid or
// contradictory setting and every type that can never be assigned or never
// be primary. A type can require more than its built-in rule: a condition
// stored as data in Config.Require ("gold also requires loyalty_member"),
// or a Go predicate with [Require].
//
// # P(alive) instead of day counts
//
// Fixed day counts treat a customer who buys twice a year like one who
// buys weekly. With [WithModel] (a BG/NBD model fitted with package
// [github.com/clientele-go/clientele/segment/clv]) or [WithPAlive] (any
// model), Sleeping and Lost, and so "active", are decided by P(alive), the
// probability that the customer is still a customer: sleeping below
// Config.Alive.Sleeping (default 0.5), lost below Config.Alive.Lost
// (default 0.2) or when marked churned. Explanations then read "lost:
// P(alive) = 0.12 < 0.2 (alive.lost) — yes". Customers the model does not
// judge keep the day rules: with WithModel, one-time buyers, whose BG/NBD
// P(alive) is 1 by definition. A P(alive) that is not a probability makes
// Sleeping and Lost unknown for that customer. Classify stays free of
// allocation; the model adds one P(alive) evaluation per customer.
//
// # Explanations
//
// [Classifier.Explain] returns, for the types that apply, every
// comparison as a [segment.Reason] (input, value, threshold, the setting
// holding it, whether it held); [Classifier.ExplainAll] adds the types
// that do not.
package behavior
