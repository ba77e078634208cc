// Package sample generates the deterministic sample shop that the examples
// run on when given no data: a few thousand customers of an online and
// high-street shop with realistic orders (several a day, returns, discounts,
// new and premium products) and CRM signals, built from archetypes so that
// every label of every typology occurs.
//
// The generated files are embedded ([OrdersCSV], [SignalsCSV]) so the
// examples need nothing on disk; TestEmbeddedIsCurrent fails when the
// generator and the files drift apart (regenerate with
// `go test ./internal/sample -update`).
package sample
