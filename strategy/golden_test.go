package strategy_test

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"hash/fnv"
	"maps"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/segmenttest"
	"github.com/clientele-go/clientele/strategy"
)

var update = flag.Bool("update", false, "rewrite testdata/golden_digests.txt from the code as it is")

const goldenFile = "testdata/golden_digests.txt"

// The fast paths of Classify and PlanInto must not change a single answer.
// Every typology's result and explanation, the next step, and the playbook
// (every field, every score to the last bit, every reason and avoid, in
// both languages, under the default rules and a patched configuration) of
// the sample shop's customers and of generated and extreme profiles are
// digested one line per customer and compared with the digests the code
// gave before the fast paths (testdata/golden_digests.txt). A deliberate
// change of the rules, the typologies or the sample rewrites the file:
// go test ./strategy -run TestGoldenDigests -update.
func TestGoldenDigests(t *testing.T) {
	base := sampleProfiles(t)
	cs, err := strategy.Fit(base, nil)
	require.NoError(t, err)
	engines := goldenEngines(t)

	profiles := append(append(base, segmenttest.Random(1500, 77)...), segmenttest.Extremes()...)
	// Each digest is keyed by customer id (the n-th profile with an id, as
	// generated profiles may share one), so that a change in the order the
	// sample's profiles come in does not count as a change of answers.
	got := map[string]string{}
	seen := map[string]int{}
	var c strategy.Classification
	var pb strategy.Playbook
	for i := range profiles {
		p := &profiles[i]
		seen[p.ID]++
		key := fmt.Sprintf("%s#%d", p.ID, seen[p.ID])
		if raceDetector && !*update && i%5 != 0 {
			continue // a fifth of them under the race detector, which adds nothing here but time
		}
		// Some customers have a value (CLV), from their id so that the
		// digest does not depend on the order of the profiles.
		c.Value = segment.Opt[float64]{}
		if h := fnv32(p.ID); h%3 == 0 {
			c.Value = segment.Some(float64(h%1000) * 1.7)
		}
		cs.Classify(p, &c)
		var b strings.Builder
		fmt.Fprintf(&b, "%v|%v|%v|%v|%v|%v|%v|%v|%v|%v|%v\n", c.Segment, c.RFM, c.Rung, c.Next, c.DISC, c.SABONE,
			c.Perception, c.Decision, c.Loyalty, c.Value, c.Profile == p)
		explain(&b, cs, p)
		for _, e := range engines {
			e.PlanInto(&c, &pb)
			fmt.Fprintf(&b, "%q %+v %d %v\n", pb.Customer, pb.Objective, pb.ContactsPerMonth, pb.RetentionBudget)
			for _, a := range pb.Actions {
				fmt.Fprintf(&b, "%s %v %+v %+v\n", a.Action.ID, a.Score, pb.Reasons(&a, segment.English), pb.Reasons(&a, segment.Russian))
			}
			for _, lang := range []segment.Lang{segment.English, segment.Russian} {
				js, err := json.Marshal(pb.Render(lang))
				require.NoError(t, err)
				b.Write(js)
				b.WriteString(pb.Text(lang))
			}
		}
		sum := sha256.Sum256([]byte(b.String()))
		got[key] = hex.EncodeToString(sum[:8])
	}

	if *update {
		lines := make([]string, 0, len(got))
		for key, digest := range got {
			lines = append(lines, key+" "+digest)
		}
		slices.Sort(lines)
		require.NoError(t, os.WriteFile(goldenFile, []byte(strings.Join(lines, "\n")+"\n"), 0o644))
		return
	}
	want := map[string]string{}
	for _, line := range readLines(t, goldenFile) {
		i := strings.LastIndexByte(line, ' ') // ids may hold spaces
		want[line[:i]] = line[i+1:]
	}
	require.Equal(t, len(seenIDs(want)), len(seen), "customers (rerun with -update if the sample or the generator changed on purpose)")
	bad := 0
	for _, key := range slices.Sorted(maps.Keys(got)) {
		if got[key] != want[key] {
			if bad < 10 {
				t.Errorf("%s: digest %s, want %q", key, got[key], want[key])
			}
			bad++
		}
	}
	if bad > 0 {
		t.Errorf("%d of %d profiles classified or planned differently", bad, len(got))
	}
}

// seenIDs returns the customer ids of the golden keys (id#n).
func seenIDs(want map[string]string) map[string]bool {
	ids := map[string]bool{}
	for key := range want {
		ids[key[:strings.LastIndexByte(key, '#')]] = true
	}
	return ids
}

// explain digests every typology's explanation, the reference path each
// fast Classify is checked against.
func explain(b *strings.Builder, cs *strategy.Classifiers, p *segment.Profile) {
	fmt.Fprintf(b, "%+v\n", cs.Behavior.Explain(p))
	fmt.Fprintf(b, "%+v\n", cs.RFM.Explain(p))
	fmt.Fprintf(b, "%+v\n", cs.Ladder.Explain(p))
	fmt.Fprintf(b, "%+v\n", segment.Explain(cs.DISC, p))
	fmt.Fprintf(b, "%+v\n", segment.Explain(cs.SABONE, p))
	fmt.Fprintf(b, "%+v\n", segment.Explain(cs.Perception, p))
	fmt.Fprintf(b, "%+v\n", segment.Explain(cs.Decision, p))
	fmt.Fprintf(b, "%+v\n", segment.Explain(cs.Loyalty, p))
}

// goldenEngines are the default rules and a configuration that exercises
// the other paths: a removed action, an added treatment on a negated
// match (unindexed), a tight contact cap, a budget cap and long plans.
func goldenEngines(t *testing.T) []*strategy.Engine {
	def, err := strategy.New(nil)
	require.NoError(t, err)
	cfg := strategy.Config{
		MaxActions: 20,
		Guards:     strategy.Guards{ContactsPerMonth: 1, BudgetCap: 40, BudgetShare: 0.3},
		Patch: strategy.Patch{
			RemoveActions: []string{def.Actions()[3].ID},
			AddTreatments: []strategy.Treatment{{
				ID: "golden.not_regular", Action: def.Actions()[5].ID, Weight: 7,
				When: []strategy.Match{{Typology: "rung", Label: "regular", Not: true}},
			}},
		},
	}
	patched, err := strategy.New(&cfg)
	require.NoError(t, err)
	return []*strategy.Engine{def, patched}
}

func readLines(t *testing.T, name string) []string {
	t.Helper()
	f, err := os.Open(name)
	require.NoError(t, err)
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		out = append(out, sc.Text())
	}
	require.NoError(t, sc.Err())
	return out
}

func fnv32(s string) uint32 {
	h := fnv.New32a()
	h.Write([]byte(s))
	return h.Sum32()
}
