package clv

import "github.com/clientele-go/clientele/segment"

// SummaryOf returns the BTYD summary of one profile in unit (0 means
// [segment.Day]), for scoring a single customer with a fitted model when
// the ledger is not at hand (a behavioural classifier, a CRM card). It is
// the one place clientele turns a [segment.Profile] into a
// [segment.Summary]:
//
//   - Frequency is Occasions - 1 (repeat purchase days);
//   - Recency is Last - First and T is AsOf - First, in unit.
//
// These are the definitions of [segment.Ledger.Summaries] as long as every
// day with a transaction has a positive net amount and the ledger groups
// by calendar day (LedgerOptions.OccasionDays 1): a profile counts only
// such days as occasions, while the summary counts every day with a
// transaction. For a customer with a day of returns only, or with
// occasions grouped over several days, the two differ; fit models on
// Ledger.Summaries, which is exact.
//
// MonetaryValue is left 0: the summary's is the mean of the repeat
// purchases, the first excluded, and a profile does not keep the amount of
// the first purchase. Take spend from Ledger.Summaries.
//
// The result is false for a profile without a purchase or without the
// dates to measure (zero First, Last or AsOf, Last before First, AsOf
// before Last, one purchase on two dates), and for a negative unit.
func SummaryOf(p *segment.Profile, unit segment.Unit) (segment.Summary, bool) {
	if unit == 0 {
		unit = segment.Day
	}
	if unit < 0 || p.Occasions < 1 || p.First.IsZero() || p.Last.IsZero() || p.AsOf.IsZero() ||
		p.Last.Before(p.First) || p.AsOf.Before(p.Last) || (p.Occasions == 1 && p.Last != p.First) {
		return segment.Summary{}, false
	}
	u := float64(unit)
	return segment.Summary{
		ID:        p.ID,
		Frequency: float64(p.Occasions - 1),
		Recency:   float64(p.Last.Sub(p.First)) / u,
		T:         float64(p.AsOf.Sub(p.First)) / u,
	}, true
}
