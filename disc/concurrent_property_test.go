package disc_test

import (
	"sync"
	"testing"

	"github.com/clientele-go/clientele/disc"
)

// One questionnaire scores answers from many goroutines at once (as a
// CRM's request handlers do) and gives each the sequential tally; under
// -race this also shows Score only reads the questionnaire.
func TestQuestionnaireConcurrentScore(t *testing.T) {
	q := disc.SampleQuestionnaire()
	styles := []disc.Style{disc.Dominant, disc.Influential, disc.Steady, disc.Conscientious}
	var sets [][]disc.Answer
	for _, most := range styles {
		for _, least := range styles {
			if most != least {
				sets = append(sets, answersFor(q, always(most, least)))
			}
		}
	}
	want := make([]disc.Tally, len(sets))
	for i, a := range sets {
		var err error
		if want[i], err = q.Score(a); err != nil {
			t.Fatal(err)
		}
	}
	var wg sync.WaitGroup
	errs := make(chan int, 8)
	for w := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := range 50 {
				i := (w + k) % len(sets)
				if got, err := q.Score(sets[i]); err != nil || got != want[i] {
					errs <- i
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for i := range errs {
		t.Errorf("answer set %d: another tally under concurrency", i)
	}
}
