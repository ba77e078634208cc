package rule_test

import (
	"fmt"
	"sync"
	"testing"

	"github.com/clientele-go/clientele/segment/rule"
)

// A compiled rule is shared by goroutines (every request of a CRM tests
// the same stored rule) and gives each the sequential truth and reasons.
func TestRuleConcurrentUse(t *testing.T) {
	r := rule.MustParse(`{"all": [
		{"field": "occasions", "op": "ge", "value": 3},
		{"any": [{"field": "referrals", "op": "ge", "value": 1}, {"field": "loyalty_member", "op": "eq", "value": true}]},
		{"not": {"field": "recency_days", "op": "gt", "value": 180}}]}`)
	profiles := randomProfiles()
	want := make([]string, len(profiles))
	for i := range profiles {
		truth, reasons := r.Explain(&profiles[i])
		want[i] = fmt.Sprint(truth, r.Test(&profiles[i]), reasons)
	}
	var wg sync.WaitGroup
	errs := make(chan string, 8)
	for w := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := range profiles {
				i := (k + w*37) % len(profiles)
				p := profiles[i]
				truth, reasons := r.Explain(&p)
				if got := fmt.Sprint(truth, r.Test(&p), reasons); got != want[i] {
					errs <- p.ID
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for id := range errs {
		t.Errorf("%s: another answer under concurrency", id)
	}
}
