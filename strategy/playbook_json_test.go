package strategy_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/segmenttest"
	"github.com/clientele-go/clientele/strategy"
)

// encodeRendered is what the shop example wrote for a playbook before
// AppendJSON: Render, then a json.Encoder without HTML escaping, without
// the encoder's newline.
func encodeRendered(pb *strategy.Playbook, lang segment.Lang) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(pb.Render(lang)); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

// requireSameJSON checks that AppendJSON writes what encodeRendered does,
// after a prefix it must keep.
func requireSameJSON(t *testing.T, pb *strategy.Playbook, lang segment.Lang, what string) {
	t.Helper()
	want, err := encodeRendered(pb, lang)
	require.NoError(t, err, what)
	got, err := pb.AppendJSON([]byte("prefix"), lang)
	require.NoError(t, err, what)
	require.Equal(t, "prefix", string(got[:6]), what)
	if !bytes.Equal(got[6:], want) {
		t.Fatalf("%s:\n got %s\nwant %s", what, got[6:], want)
	}
}

// weird is text a configuration may hold that JSON must escape, or must
// not: quotes, backslashes, every kind of control character, HTML
// characters, the line and paragraph separators, invalid and truncated
// UTF-8 and valid runes of every length.
const weird = "q\"b\\s/ \x00\x01\x1f\x7f\b\f\n\r\t <a href='x'>&amp;</a> \u2028\u2029 " +
	"\xff \xc3( \xe2\x82 \xed\xa0\x80 \xf0\x9f\x98 é Ж € 😀 \xc0\xaf end\xe2\x80"

// weirdEngines are the golden engines and one whose catalogue and
// conflicts say everything in weird text, with a negated match on every
// conflict.
func weirdEngines(t *testing.T) []*strategy.Engine {
	cfg := strategy.Defaults()
	for i := range cfg.Actions {
		a := &cfg.Actions[i]
		a.EN.Title += weird
		a.RU.Title = weird + a.RU.Title
		a.EN.Text = fmt.Sprintf("%d%s%s", i, weird, a.EN.Text)
		a.RU.Text += "\u2028" + weird[i%len(weird):]
		a.Format += weird[:i%len(weird)]
	}
	for i := range cfg.Conflicts {
		k := &cfg.Conflicts[i]
		k.Why.EN += weird
		k.Why.RU = weird[i%len(weird):] + k.Why.RU
		k.When = append(k.When, strategy.Match{Typology: "disc", Label: "steady", Not: true})
	}
	e, err := strategy.New(&cfg)
	require.NoError(t, err)
	return append(goldenEngines(t), e)
}

// AppendJSON writes byte for byte what encoding/json writes for Render,
// for every customer of the sample and of generated and extreme profiles,
// in both languages, under the default rules, a patched configuration and
// one whose texts need escaping of every kind.
func TestAppendJSONIsEncodingJSON(t *testing.T) {
	base := sampleProfiles(t)
	cs, err := strategy.Fit(base, nil)
	require.NoError(t, err)
	profiles := append(append(base, segmenttest.Random(300, 5)...), segmenttest.Extremes()...)
	engines := weirdEngines(t)
	var c strategy.Classification
	var pb strategy.Playbook
	for i := range profiles {
		p := &profiles[i]
		c.Value = segment.Opt[float64]{}
		if i%3 == 0 {
			c.Value = segment.Some(float64(i%1000) * 1.7)
		}
		cs.Classify(p, &c)
		for j, e := range engines {
			e.PlanInto(&c, &pb)
			for _, lang := range []segment.Lang{segment.English, segment.Russian} {
				requireSameJSON(t, &pb, lang, fmt.Sprintf("%s, engine %d, %v", p.ID, j, lang))
			}
		}
	}
}

// The exported fields of a playbook may hold anything a caller puts
// there: ids that need escaping, negative counts, and numbers at and
// around the cutoffs where encoding/json switches to exponents.
func TestAppendJSONFieldsAndNumbers(t *testing.T) {
	base, cs, e := sampleSetUp(t)
	var c strategy.Classification
	var pb strategy.Playbook
	numbers := []float64{0, math.Copysign(0, -1), 1, -1, 0.1, 0.005, 1.015, 123456789.125, 1e20, 1e21, 9.999999999999999e20,
		-1e21, 1e-6, 9.99999e-7, 1e-7, -1.5e-9, 1.5e-10, 5e-324, math.SmallestNonzeroFloat64, math.MaxFloat64,
		-math.MaxFloat64, 1e300, 1e-300, 123.456e-100, 7e22, math.Pi, 1 << 53, 1<<53 + 1, 0.30000000000000004}
	for i, x := range numbers {
		cs.Classify(&base[i%len(base)], &c)
		e.PlanInto(&c, &pb)
		pb.Customer = weird[:i%len(weird)] + pb.Customer
		pb.ContactsPerMonth = -i * 1_000_000_007
		pb.RetentionBudget = x
		for k := range pb.Actions {
			pb.Actions[k].Score = x * float64(k+1) // Render rounds scores to cents
		}
		if len(pb.Actions) > 0 && i%2 == 0 {
			// An action that is not the catalogue's own entry (AppendJSON
			// keeps the catalogue's escaped once): a changed copy.
			a := *pb.Actions[0].Action
			a.EN.Title, a.RU.Text = "changed "+weird, weird+" changed"
			pb.Actions[0].Action = &a
		}
		for _, lang := range []segment.Lang{segment.English, segment.Russian, segment.Lang(9)} {
			requireSameJSON(t, &pb, lang, fmt.Sprintf("%g, %v", x, lang))
		}
	}
}

// A budget that is NaN or infinite is an error, as it is for
// encoding/json (with the same message), and the buffer comes back as it
// was.
func TestAppendJSONUnsupportedNumbers(t *testing.T) {
	base, cs, e := sampleSetUp(t)
	var c strategy.Classification
	cs.Classify(&base[0], &c)
	pb := e.Plan(&c)
	for _, x := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
		pb.RetentionBudget = x
		_, want := encodeRendered(pb, segment.English)
		require.Error(t, want)
		got, err := pb.AppendJSON([]byte("keep"), segment.English)
		var unsupported *json.UnsupportedValueError
		require.ErrorAs(t, err, &unsupported)
		require.EqualError(t, err, want.Error())
		require.Equal(t, "keep", string(got))
	}
}

// Into a buffer with room enough, AppendJSON allocates nothing, for
// every objective (the ladder step's text goes through a buffer on the
// stack), in both languages, under every engine of the tests.
func TestAppendJSONDoesNotAllocate(t *testing.T) {
	base := sampleProfiles(t)
	cs, err := strategy.Fit(base, nil)
	require.NoError(t, err)
	var c strategy.Classification
	var pb strategy.Playbook
	buf := make([]byte, 0, 64<<10)
	kinds := map[strategy.ObjectiveKind]int{}
	for _, e := range weirdEngines(t) {
		for i := range base {
			if i%7 != 0 {
				continue // a seventh of them: AllocsPerRun runs each 20 times
			}
			cs.Classify(&base[i], &c)
			e.PlanInto(&c, &pb)
			kinds[pb.Objective.Kind]++
			for _, lang := range []segment.Lang{segment.English, segment.Russian} {
				allocs := testing.AllocsPerRun(20, func() {
					if _, err := pb.AppendJSON(buf[:0], lang); err != nil {
						t.Fatal(err)
					}
				})
				require.Zero(t, allocs, "%s %v (%v)", base[i].ID, lang, pb.Objective.Kind)
			}
		}
	}
	require.Len(t, kinds, 3, "objectives met: %v", kinds)
}

// BenchmarkPlaybookJSON compares AppendJSON with what it replaces,
// Render and encoding/json, over the sample's playbooks in both
// languages.
func BenchmarkPlaybookJSON(b *testing.B) {
	base, cs, e := sampleSetUp(b)
	pbs := make([]strategy.Playbook, len(base))
	var c strategy.Classification
	for i := range base {
		cs.Classify(&base[i], &c)
		e.PlanInto(&c, &pbs[i])
	}
	run := func(name string, write func(buf []byte, pb *strategy.Playbook, lang segment.Lang) []byte) {
		for _, lang := range []segment.Lang{segment.English, segment.Russian} {
			b.Run(name+"/"+lang.String(), func(b *testing.B) {
				b.ReportAllocs()
				buf := make([]byte, 0, 64<<10)
				n, i := 0, 0
				report := strategy.CPUPerOp(b)
				for b.Loop() {
					buf = write(buf[:0], &pbs[i%len(pbs)], lang)
					n += len(buf)
					i++
				}
				report()
				b.ReportMetric(float64(n)/float64(i), "json-bytes/op")
			})
		}
	}
	run("AppendJSON", func(buf []byte, pb *strategy.Playbook, lang segment.Lang) []byte {
		buf, err := pb.AppendJSON(buf, lang)
		if err != nil {
			b.Fatal(err)
		}
		return buf
	})
	// As the shop example wrote a line before AppendJSON.
	run("RenderEncodingJSON", func(buf []byte, pb *strategy.Playbook, lang segment.Lang) []byte {
		var sb strings.Builder
		enc := json.NewEncoder(&sb)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(pb.Render(lang)); err != nil {
			b.Fatal(err)
		}
		return append(buf, sb.String()...)
	})
}

// A fresh engine's playbooks written from many goroutines at once (the
// JSON pieces it escapes once are made by the first): each the same as
// written alone.
func TestAppendJSONConcurrent(t *testing.T) {
	base, cs, e := sampleSetUp(t)
	want := make([][]byte, 64)
	pbs := make([]strategy.Playbook, len(want))
	var c strategy.Classification
	for i := range pbs {
		cs.Classify(&base[i], &c)
		e.PlanInto(&c, &pbs[i])
		var err error
		want[i], err = encodeRendered(&pbs[i], segment.Lang(i%2))
		require.NoError(t, err)
	}
	fresh, err := strategy.New(nil) // nothing escaped yet
	require.NoError(t, err)
	got := make([][]byte, len(want))
	var wg sync.WaitGroup
	for i := range pbs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var c strategy.Classification
			var pb strategy.Playbook
			cs.Classify(&base[i], &c)
			fresh.PlanInto(&c, &pb)
			got[i], _ = pb.AppendJSON(nil, segment.Lang(i%2))
		}()
	}
	wg.Wait()
	for i := range want {
		require.Equal(t, string(want[i]), string(got[i]), "playbook %d", i)
	}
}
