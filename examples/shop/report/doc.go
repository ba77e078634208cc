// Package report writes the HTML report of a segmented customer base: one
// self-contained file (inline CSS and SVG, no script, nothing fetched) that a
// marketer opens in any browser, reads on a phone, prints or mails.
//
// # What it shows
//
//   - a headline: customers, net revenue, the as-of date (and the earlier
//     date when movement is shown), the data source;
//   - for each typology, a bar per label: how many customers (the bar) and
//     what share of the revenue they bring (the thinner bar below it), so a
//     small segment that carries the revenue stands out;
//   - the loyalty ladder as a funnel, potential customers at the top and
//     partners at the bottom, with lapsed customers set apart;
//   - the RFM grid as a heat map: recency score by frequency score, coloured
//     by the number of customers, with the mean monetary score in each cell;
//   - when two snapshots are compared, a transition matrix per typology
//     (from the earlier label to the later one), coloured by customers.
//
// Every chart has its numbers in a table below it (a <details> element) and
// an SVG <title> and <desc>, for screen readers and for copying figures.
//
// # Safety
//
// Everything that comes from customer data (labels of a user's RFM map, the
// source's file name, the title) is escaped by html/template, in the HTML and
// in the SVG text alike, so a hostile label cannot inject markup or script.
//
// # Use
//
// Build a Data from the summaries you already have (package segment/batch)
// or let NewData and Data.Add count classified customers, then call Write.
// Missing parts (a nil summary, no movement) are left out; an empty base
// gives a report that says there is no data.
package report
