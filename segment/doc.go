// Package segment is the core of clientele: customer facts in, the
// classifier contract out. Every typology package (behavioural segments,
// RFM, the loyalty ladder, DISC, SABONE, perception, decision style,
// loyalty kind) is written against it, and the batch runner and the
// strategy layer consume it.
//
// # Facts
//
// An [Order] is one line of an order log. A [Ledger] groups a log by
// customer and turns it into a [Profile] per customer as of any date:
// purchase occasions (orders on one day, or one period, are one occasion;
// returns are netted; a day with no positive net is not an occasion), net
// revenue, first and last occasion, and derived metrics such as
// [Profile.Recency] and [Profile.MeanGap]. Orders after the as-of date are
// ignored and counted in [Stats], never silently lost.
//
// [Ledger.Each] hands the profiles over one at a time on one goroutine. For
// a whole base on every core, a [View] ([Ledger.View], [Ledger.ViewByID])
// numbers the customers as of a date and makes any customer's profile on
// demand, safely from many goroutines; segment/batch.RunView and
// strategy.FitView split a view between workers.
//
// What a CRM knows besides orders lives in [Signals]. Every signal is an
// [Opt]: unknown is distinct from zero, so a missing signal lowers a
// classifier's confidence instead of counting as evidence against a label.
//
// The same ledger also produces the BTYD [Summary] (frequency, recency, T,
// monetary value) with exactly the definitions of Python lifetimes'
// summary_data_from_transaction_data, for churn and lifetime-value models.
//
// # The classifier contract
//
// A typology is a label type (a small uint8 enum whose zero value means
// unknown, backed by an [Enum] table) and a [Classifier] that maps a
// profile to a [Result]: the primary label, an optional secondary label,
// tags for multi-label typologies, a score per label and a confidence. A
// Result is a plain value: classifying does not allocate. Classifiers that
// can say why also implement [Explainer], returning [Reason]s as data
// (rule, input field, value, comparison, threshold, the setting holding
// it) that render in English or Russian. [Func] turns a plain function
// into a Classifier.
//
// Rules refer to profile facts by name through [Fields]: "recency_days",
// "referrals", "discount_share" and so on, each with a kind and titles.
//
// # Errors
//
// Bad input is reported as a [*FieldError] naming the record, the field
// and the value. Nothing is clamped or dropped silently.
//
// # Testing your rules
//
// Package [github.com/clientele-go/clientele/segment/segmenttest] checks
// that a classifier keeps the contract and runs table tests of profiles
// against expected labels.
package segment
