package batch_test

import (
	"encoding/json"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/clientele-go/clientele/decision"
	"github.com/clientele-go/clientele/segment/batch"
	"github.com/clientele-go/clientele/segment/segmenttest"
)

// Summaries and grids of shards, written as JSON by one process and read
// and merged by another, equal the summary and grid of the whole base.
func TestSummaryAndGridJSONMerge(t *testing.T) {
	ps := segmenttest.Random(1500, 9)
	rng := rand.New(rand.NewPCG(5, 6))
	for i := range ps {
		ps[i].Revenue = math.Round((rng.Float64()-0.1)*1e6) / 100 // cents, some negative
	}
	styles, err := decision.New(nil)
	require.NoError(t, err)
	whole := batch.NewSummary(decision.Styles)
	var wholeGrid batch.Grid
	const k = 4
	var shards [k]*batch.Summary[decision.Style]
	var grids [k]batch.Grid
	for i := range shards {
		shards[i] = batch.NewSummary(decision.Styles)
	}
	for i := range ps {
		r := styles.Classify(&ps[i])
		j := rng.IntN(k)
		require.NoError(t, whole.Add(&ps[i], &r))
		require.NoError(t, shards[j].Add(&ps[i], &r))
		score := uint8(0)
		if ps[i].Occasions > 0 {
			score = uint8(1 + i%5)
		}
		require.NoError(t, wholeGrid.Add(score, score, score, ps[i].Revenue))
		require.NoError(t, grids[j].Add(score, score, score, ps[i].Revenue))
	}
	merged := batch.NewSummary(decision.Styles)
	var mergedGrid batch.Grid
	for i := k - 1; i >= 0; i-- {
		data, err := json.Marshal(shards[i])
		require.NoError(t, err)
		back := batch.NewSummary(decision.Styles)
		require.NoError(t, json.Unmarshal(data, back))
		require.NoError(t, merged.Merge(back))

		data, err = json.Marshal(&grids[i])
		require.NoError(t, err)
		var g batch.Grid
		require.NoError(t, json.Unmarshal(data, &g))
		require.NoError(t, mergedGrid.Merge(&g))
	}
	if diff := cmp.Diff(whole.Rows(), merged.Rows()); diff != "" {
		t.Errorf("rows (-whole +merged):\n%s", diff)
	}
	require.Equal(t, whole.Total(), merged.Total())
	require.Equal(t, wholeGrid.Cells(), mergedGrid.Cells())
	n, rev := wholeGrid.Unscored()
	m, mrev := mergedGrid.Unscored()
	require.Equal(t, [2]any{n, rev}, [2]any{m, mrev})
	require.Positive(t, n)

	// Written again, the merged summary is the whole one's JSON.
	a, err := json.Marshal(whole)
	require.NoError(t, err)
	b, err := json.Marshal(merged)
	require.NoError(t, err)
	require.JSONEq(t, string(a), string(b))
}

func TestSummaryJSONRejects(t *testing.T) {
	s := batch.NewSummary(tiers)
	for _, c := range []struct {
		id   string
		tier tier
	}{{"A", gold}, {"B", silver}, {"C", gold}} {
		p := buyer(c.id, 2, -150.5, 3)
		r := result(c.tier, 0.5)
		require.NoError(t, s.Add(&p, &r))
	}
	good, err := json.Marshal(s)
	require.NoError(t, err)
	require.Contains(t, string(good), `"revenue_micros":"-451500000"`)
	for name, tc := range map[string]struct{ old, new, want string }{
		"other typology": {`"kind":"tier"`, `"kind":"rung"`, `"rung"`},
		"unknown label":  {`"label":"gold"`, `"label":"platinum"`, `labels[`},
		"twice":          {`"label":"gold"`, `"label":"silver"`, "twice"},
		"not adding up":  {`"count":3`, `"count":4`, "add up"},
		"negative":       {`"buyers":3`, `"buyers":-3`, "total.buyers"},
		"more buyers":    {`"buyers":3`, `"buyers":4`, "more buyers"},
		"revenue":        {`"revenue_micros":"-451500000"`, `"revenue_micros":"1e3"`, "total.revenue_micros"},
		"beyond 128 bit": {`"revenue_micros":"-451500000"`, `"revenue_micros":"-170141183460469231731687303715884105729"`, "128 bits"},
	} {
		t.Run(name, func(t *testing.T) {
			data := strings.Replace(string(good), tc.old, tc.new, 1)
			require.NotEqual(t, string(good), data)
			back := batch.NewSummary(tiers)
			require.ErrorContains(t, json.Unmarshal([]byte(data), back), tc.want)
			require.Equal(t, 0, back.Count(), "a refused summary is left as it was")
		})
	}
	var zero batch.Summary[tier]
	require.ErrorContains(t, json.Unmarshal(good, &zero), "NewSummary")

	// The extremes of the 128-bit sum read back.
	for _, v := range []string{"-170141183460469231731687303715884105728", "170141183460469231731687303715884105727", "0", "-1", "18446744073709551616"} {
		var g batch.Grid
		require.NoError(t, json.Unmarshal([]byte(`{"cells":[],"unscored":{"count":1,"revenue_micros":"`+v+`"}}`), &g))
		data, err := json.Marshal(&g)
		require.NoError(t, err)
		require.Contains(t, string(data), `"`+v+`"`)
	}
}

func TestGridJSONRejects(t *testing.T) {
	var g batch.Grid
	require.NoError(t, g.Add(5, 4, 3, 10))
	require.NoError(t, g.Add(0, 0, 0, 1))
	good, err := json.Marshal(&g)
	require.NoError(t, err)
	require.JSONEq(t, `{"cells":[{"r":5,"f":4,"count":1,"revenue_micros":"10000000","m_sum":3}],"unscored":{"count":1,"revenue_micros":"1000000"}}`, string(good))
	for name, tc := range map[string]struct{ old, new, want string }{
		"score":     {`"r":5`, `"r":6`, "cells[0].r"},
		"twice":     {`"cells":[{`, `"cells":[{"r":5,"f":4,"count":1,"revenue_micros":"0","m_sum":1},{`, "twice"},
		"m sum":     {`"m_sum":3`, `"m_sum":6`, "m_sum"},
		"negative":  {`"count":1,"revenue_micros":"1000000"`, `"count":-1,"revenue_micros":"1000000"`, "unscored.count"},
		"scored":    {`"unscored":{`, `"unscored":{"r":1,`, "no scores"},
		"not a sum": {`"10000000"`, `"ten"`, "revenue_micros"},
	} {
		t.Run(name, func(t *testing.T) {
			data := strings.Replace(string(good), tc.old, tc.new, 1)
			require.NotEqual(t, string(good), data)
			var back batch.Grid
			require.ErrorContains(t, json.Unmarshal([]byte(data), &back), tc.want)
			require.Equal(t, 0, back.Scored())
		})
	}
}
