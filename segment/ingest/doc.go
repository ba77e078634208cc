// Package ingest reads the exports a shop or CRM has into a
// [segment.Ledger]: order logs ([LoadOrders], or [OrderReader] row by row)
// and per-customer signals ([LoadSignals]). Reading streams, so a log of
// millions of lines never has to fit in memory as text.
//
// # Orders
//
// The first line is a header; columns are found by name (case-insensitive,
// configurable in [Options]), so their order and any extra columns do not
// matter. Required: customer id, date, amount. Optional, used when the
// header has them: order id and the flags return, discounted, new_product,
// premium (1/0, true/false, yes/no; an empty cell means unknown).
//
//   - Dates: YYYY-MM-DD, YYYYMMDD or RFC 3339 (the calendar date as
//     written, in its own offset); years 1900 to 9999.
//   - Amounts: an optional sign, digits, and "." as the decimal separator
//     ("1234.50", "-20"). A comma is an error, never guessed at: "1,500"
//     could be one and a half or fifteen hundred.
//   - Quoting follows RFC 4180 (a field in double quotes may contain
//     commas, doubled quotes and line breaks); a UTF-8 byte order mark and
//     CRLF line ends are accepted.
//   - Blank lines are skipped and counted.
//
// # Signals
//
// One row per customer: the id column and any signals by their names
// ([segment.SignalNames]: referrals, complaints, last_complaint,
// distance_km, ...). An empty cell is unknown.
//
// # Speed
//
// [LoadOrders] reads blocks of whole lines and parses them on every core
// straight into the ledger's own form of a line (no [segment.Order] and
// no string per line; the customer id hashed on the parsing core), and the
// ledger adds each block on every core as [segment.Ledger.AddOrders]
// would: on a 2-core machine a 106 MB export of 4.4 million lines loads in
// about one CPU-second, and about two in a process that has just started
// and must first get its memory from the kernel (see BENCHMARKS.md). The outcome is exactly that of reading record by record;
// from the first block holding a double quote (a quoted field may span
// lines) it does read record by record.
//
// # Errors
//
// Every problem with a row is an [*Error] naming the line, the column and
// the value. Reading can continue after one: [OrderReader.Read] returns
// the next row on the next call, and the loaders skip bad rows and count
// them when asked to, so that rows read = rows loaded + rows skipped.
package ingest
