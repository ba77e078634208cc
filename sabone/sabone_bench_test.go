package sabone_test

import "testing"

// BenchmarkClassifyOrdersOnly is a customer known from the order log
// alone, with no CRM signal and no flag columns: the common case of a
// plain order export, where no SABONE category can apply.
func BenchmarkClassifyOrdersOnly(b *testing.B) {
	c := mustNew(b, nil)
	p := buyer(6, nil)
	b.ReportAllocs()
	for b.Loop() {
		_ = c.Classify(&p)
	}
}
