// Package batch segments a whole customer base: every customer through
// every typology in one parallel pass, results streamed back in input
// order, every record accounted for, and the summaries a marketer reads
// (segment sizes, revenue shares, the RFM grid).
//
// # Running a base
//
// A [Stage] computes a customer's output from their profile. [Classify]
// makes one of a classifier and a field of your output type; [Chain]
// runs several, so one pass classifies a customer by every typology:
//
//	type Row struct {
//		Rung     segment.Result[ladder.Rung]
//		Decision segment.Result[decision.Style]
//	}
//	stage := batch.Chain(
//		batch.Classify(rungs, func(r *Row) *segment.Result[ladder.Rung] { return &r.Rung }),
//		batch.Classify(styles, func(r *Row) *segment.Result[decision.Style] { return &r.Decision }),
//	)
//	stats, err := batch.Run(ctx, batch.FromLedger(l, asOf, nil), stage,
//		func(r *batch.Record[Row]) error { ...; return nil },
//		&batch.Options{Trusted: true, Progress: bar})
//
// [Run] reads the input (an iter.Seq of profiles: [FromLedger] streams a
// [segment.Ledger], [FromSlice] a slice) on its own goroutine in chunks,
// classifies the chunks on every core (Options.Workers), and calls emit
// on your goroutine for each customer in input order. Memory stays
// bounded by a reorder window of 4 chunks per worker, however large the
// base. The hot path allocates nothing per record.
//
// # Writing an export
//
// [RunView] runs the stages over a [segment.View], the profiles made on
// the workers from the ledger's lines. For output of a text per customer
// (a CSV row, a JSON line), [WriteView] also formats on the workers,
// after the stages (sixteen customers' stages, then their formats), and
// the calling goroutine only writes whole
// chunks of text to an io.Writer, in the view's order:
//
//	stats, err := batch.WriteView(ctx, view.ByID(), stage,
//		func(r *batch.Record[Row], buf []byte) ([]byte, error) {
//			if r.Err != nil {
//				return buf, r.Err // or write the error, or skip the customer
//			}
//			return fmt.Appendf(buf, "%s,%s\n", r.Profile.ID, r.Out.Rung.Primary), nil
//		}, w, &batch.Options{Trusted: true})
//
// [ReduceView] does the same for a result gathered from the whole base:
// each worker folds its customers into an accumulator of its own (a
// [Summary], a [Grid], counts), and the accumulators are merged at the
// end, so no goroutine takes every customer in turn. What it gathers
// must not depend on the order of the customers, which Summary and Grid
// guarantee by keeping exact sums.
//
// # Accounting
//
// Nothing is dropped silently. A profile that fails
// [segment.Profile.Validate], a stage that returns an error and a stage
// that panics each reject that one customer: emit still receives the
// record, with Record.Err naming the customer and the cause, and the run
// goes on. [Stats] always satisfy Read = Classified + Rejected +
// Unfinished, and the delivered records are exactly the first
// Classified + Rejected ones of the input. Cancelling the context (or
// returning an error from emit) stops the run promptly; the Stats then
// say how far it got, and Unfinished counts what was read but not
// delivered. A progress callback reports the same Stats at a bounded rate.
//
// [Map] is the engine under Run for other record types: two profiles of a
// customer at two dates, for instance (package segment/movement uses it
// that way).
//
// # Summaries
//
// A [Summary] per typology counts customers per label, their share of the
// base and of its net revenue, and their mean occasions, revenue,
// recency, order value and confidence. A [Grid] is the 5×5 RFM grid of
// recency and frequency scores with counts, revenue and the mean monetary
// score per cell. Both keep every sum as an integer, so summaries of
// shards merged together equal the summary of the whole base exactly: a
// base can be summarised on several machines and combined.
package batch
