package batch_test

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/clientele-go/clientele/ladder"
	"github.com/clientele-go/clientele/segment/batch"
	"github.com/clientele-go/clientele/segment/segmenttest"
)

// FuzzSummaryJSON: a summary read from any JSON either is refused or
// reports, merges and writes back without panicking, and what it writes
// reads back to the same text (shards stored by one process and merged by
// another lose nothing).
func FuzzSummaryJSON(f *testing.F) {
	c, err := ladder.New(nil)
	if err != nil {
		f.Fatal(err)
	}
	s := batch.NewSummary(ladder.Rungs)
	profiles := segmenttest.Random(200, 8)
	for i := range profiles {
		r := c.Classify(&profiles[i])
		if err := s.Add(&profiles[i], &r); err != nil {
			f.Fatal(err)
		}
	}
	good, err := json.Marshal(s)
	if err != nil {
		f.Fatal(err)
	}
	for _, seed := range []string{string(good), `{"kind":"rung","total":{"count":0,"occasions":0,"revenue_micros":"0","buyers":0,"recency_days":0,"confidence_units":0},"labels":[]}`,
		`{"kind":"rung","total":{"count":1,"revenue_micros":"99999999999999999999999999"},"labels":[{"label":"regular","count":1,"revenue_micros":"99999999999999999999999999"}]}`,
		`{"kind":"tier"}`, `{"kind":"rung","total":{"count":-1}}`, `null`} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		s := batch.NewSummary(ladder.Rungs)
		if json.Unmarshal(data, s) != nil {
			return
		}
		_ = s.Rows()
		_ = s.Total()
		out, err := json.Marshal(s)
		if err != nil {
			t.Fatalf("read %s, cannot write: %v", data, err)
		}
		back := batch.NewSummary(ladder.Rungs)
		if err := json.Unmarshal(out, back); err != nil {
			t.Fatalf("read %s, wrote %s, which is refused: %v", data, out, err)
		}
		again, _ := json.Marshal(back)
		if !bytes.Equal(out, again) {
			t.Fatalf("round trip of %s:\n%s\n%s", data, out, again)
		}
		if err := back.Merge(s); err != nil {
			return // a sum beyond the exact range is refused, not wrapped
		}
		_ = back.Rows()
	})
}

// FuzzGridJSON: the same for the RFM grid.
func FuzzGridJSON(f *testing.F) {
	var g batch.Grid
	for r := uint8(1); r <= 5; r++ {
		for fr := uint8(1); fr <= 5; fr++ {
			if err := g.Add(r, fr, (r+fr)%5+1, float64(r)*10.5+float64(fr)); err != nil {
				f.Fatal(err)
			}
		}
	}
	good, err := json.Marshal(&g)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(good)
	f.Add([]byte(`{}`))
	f.Add([]byte(`{"cells":[{"r":6,"f":1,"count":1}]}`))
	f.Add([]byte(`{"cells":[{"r":5,"f":5,"count":9223372036854775807,"revenue_micros":"170141183460469231731687303715884105727","m_sum":9223372036854775807}],"unscored":{"count":1,"revenue_micros":"-170141183460469231731687303715884105728"}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var g batch.Grid
		if json.Unmarshal(data, &g) != nil {
			return
		}
		_ = g.Cells()
		_, _ = g.Unscored()
		out, err := json.Marshal(&g)
		if err != nil {
			t.Fatalf("read %s, cannot write: %v", data, err)
		}
		var back batch.Grid
		if err := json.Unmarshal(out, &back); err != nil {
			t.Fatalf("read %s, wrote %s, which is refused: %v", data, out, err)
		}
		again, _ := json.Marshal(&back)
		if !bytes.Equal(out, again) {
			t.Fatalf("round trip of %s:\n%s\n%s", data, out, again)
		}
		// A merge adds up or is refused whole (counts near 2^63 read
		// back may not add up).
		before, _ := json.Marshal(&back)
		if err := back.Merge(&g); err != nil {
			if after, _ := json.Marshal(&back); !bytes.Equal(before, after) {
				t.Fatalf("a refused merge changed the grid: %s -> %s", before, after)
			}
		}
		_ = back.Cells()
	})
}
