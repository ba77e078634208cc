package batch_test

import (
	"encoding/json"
	"errors"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/batch"
)

// A grid computed by hand.
func TestGridByHand(t *testing.T) {
	var g batch.Grid
	for _, c := range []struct {
		r, f, m uint8
		revenue float64
	}{
		{5, 5, 4, 100},
		{5, 5, 2, 300},
		{1, 4, 1, 50},
		{0, 0, 0, -10}, // no purchase yet, a return on record
	} {
		require.NoError(t, g.Add(c.r, c.f, c.m, c.revenue))
	}
	some := segment.Some[float64]
	if diff := cmp.Diff(batch.Cell{R: 5, F: 5, Count: 2, Share: 2.0 / 3, Revenue: 400, RevenueShare: some(400.0 / 450), MeanM: some(3)}, g.Cell(5, 5)); diff != "" {
		t.Errorf("cell 5,5 (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(batch.Cell{R: 1, F: 4, Count: 1, Share: 1.0 / 3, Revenue: 50, RevenueShare: some(50.0 / 450), MeanM: some(1)}, g.Cell(1, 4)); diff != "" {
		t.Errorf("cell 1,4 (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(batch.Cell{R: 3, F: 3, RevenueShare: some(0)}, g.Cell(3, 3)); diff != "" {
		t.Errorf("empty cell (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(batch.Cell{R: 6, F: 1}, g.Cell(6, 1)); diff != "" {
		t.Errorf("out of range cell (-want +got):\n%s", diff)
	}
	if n, rev := g.Unscored(); n != 1 || rev != -10 {
		t.Errorf("unscored = %d, %v; want 1, -10", n, rev)
	}
	if g.Scored() != 3 {
		t.Errorf("scored = %d, want 3", g.Scored())
	}
	cells := g.Cells()
	var order [][2]uint8
	for _, c := range cells {
		order = append(order, [2]uint8{c.R, c.F})
	}
	if len(cells) != 25 || order[0] != [2]uint8{5, 1} || order[4] != [2]uint8{5, 5} || order[24] != [2]uint8{1, 5} {
		t.Errorf("cells in order %v; want R 5..1, F 1..5", order)
	}
	if cells[4].Count != 2 {
		t.Errorf("Cells()[4] = %+v, want the 5,5 cell", cells[4])
	}
}

func TestGridRejects(t *testing.T) {
	for _, c := range []struct {
		r, f, m uint8
		revenue float64
		field   string
	}{
		{0, 3, 2, 10, "r_score"},
		{6, 1, 1, 10, "r_score"},
		{3, 0, 2, 10, "f_score"},
		{3, 2, 9, 10, "m_score"},
		{3, 2, 1, math.NaN(), "revenue"},
		{0, 0, 0, math.Inf(1), "revenue"},
		{1, 1, 1, 2e18, "revenue"},
	} {
		var g batch.Grid
		err := g.Add(c.r, c.f, c.m, c.revenue)
		var fe *segment.FieldError
		if !errors.As(err, &fe) || fe.Field != c.field || !errors.Is(err, segment.ErrRange) {
			t.Errorf("Add(%d, %d, %d, %v) = %v, want a range error on %s", c.r, c.f, c.m, c.revenue, err, c.field)
		}
		if n, _ := g.Unscored(); g.Scored() != 0 || n != 0 {
			t.Errorf("Add(%d, %d, %d, %v) counted a refused customer", c.r, c.f, c.m, c.revenue)
		}
	}
}

// Grids of shards merge into exactly the grid of the union.
func TestGridMergeEqualsUnion(t *testing.T) {
	rng := rand.New(rand.NewPCG(8, 9))
	var whole, a, b batch.Grid
	for range 5000 {
		r, f, m := uint8(rng.IntN(6)), uint8(1+rng.IntN(5)), uint8(1+rng.IntN(5))
		if r == 0 {
			f, m = 0, 0
		}
		rev := math.Round(rng.NormFloat64()*1e5) / 100
		require.NoError(t, whole.Add(r, f, m, rev))
		shard := &a
		if rng.IntN(2) == 0 {
			shard = &b
		}
		require.NoError(t, shard.Add(r, f, m, rev))
	}
	var merged batch.Grid
	require.NoError(t, merged.Merge(&b))
	require.NoError(t, merged.Merge(&a))
	if diff := cmp.Diff(whole.Cells(), merged.Cells()); diff != "" {
		t.Errorf("(-whole +merged):\n%s", diff)
	}
	wn, wr := whole.Unscored()
	mn, mr := merged.Unscored()
	if wn != mn || wr != mr {
		t.Errorf("unscored: whole %d %v, merged %d %v", wn, wr, mn, mr)
	}
}

// A grid's counts and sums never wrap around: a grid read back whose
// cells add up past an int64 is refused, and so is a customer or a merge
// that would take a count, the monetary sum or the revenue (128 bits)
// past what it holds, leaving the grid as it was.
func TestGridPastInt64(t *testing.T) {
	read := func(data string) (*batch.Grid, error) {
		var g batch.Grid
		return &g, json.Unmarshal([]byte(data), &g)
	}
	const maxInt64, maxSum = "9223372036854775807", "170141183460469231731687303715884105727"
	// Two cells of 2^62 customers each: as an int64 their sum wrapped
	// around to a negative number of scored customers.
	_, err := read(`{"cells":[{"r":1,"f":1,"count":4611686018427387904,"revenue_micros":"0","m_sum":4611686018427387904},` +
		`{"r":2,"f":1,"count":4611686018427387904,"revenue_micros":"0","m_sum":4611686018427387904}],"unscored":{"count":0,"revenue_micros":"0"}}`)
	var fe *segment.FieldError
	if !errors.As(err, &fe) || fe.Field != "cells[1]" || !errors.Is(err, segment.ErrRange) {
		t.Errorf("cells adding up past an int64: err = %v, want a range error on cells[1]", err)
	}

	cases := []struct {
		name, grid string
		r, f, m    uint8
		revenue    float64
	}{
		{"count", `{"cells":[{"r":3,"f":3,"count":` + maxInt64 + `,"revenue_micros":"0","m_sum":` + maxInt64 + `}],"unscored":{"count":0,"revenue_micros":"0"}}`, 4, 4, 1, 1},
		{"monetary sum", `{"cells":[{"r":3,"f":3,"count":2000000000000000000,"revenue_micros":"0","m_sum":9223372036854775805}],"unscored":{"count":0,"revenue_micros":"0"}}`, 3, 3, 5, 1},
		{"revenue", `{"cells":[{"r":3,"f":3,"count":5,"revenue_micros":"` + maxSum + `","m_sum":5}],"unscored":{"count":0,"revenue_micros":"0"}}`, 3, 3, 1, 1},
		{"scored revenue", `{"cells":[{"r":3,"f":3,"count":5,"revenue_micros":"` + maxSum + `","m_sum":5}],"unscored":{"count":0,"revenue_micros":"0"}}`, 2, 2, 1, 1},
		{"unscored count", `{"cells":[],"unscored":{"count":` + maxInt64 + `,"revenue_micros":"0"}}`, 0, 0, 0, 1},
		{"unscored revenue", `{"cells":[],"unscored":{"count":1,"revenue_micros":"-170141183460469231731687303715884105728"}}`, 0, 0, 0, -1},
	}
	for _, c := range cases {
		g, err := read(c.grid)
		require.NoError(t, err, c.name)
		before := *g
		err = g.Add(c.r, c.f, c.m, c.revenue)
		if !errors.As(err, &fe) || fe.Field != "customers" || !errors.Is(err, segment.ErrRange) {
			t.Errorf("%s: Add = %v, want a range error on customers", c.name, err)
		}
		require.Equal(t, before, *g, "%s: a refused customer changes nothing", c.name)

		var one batch.Grid
		require.NoError(t, one.Add(c.r, c.f, c.m, c.revenue))
		require.ErrorContains(t, g.Merge(&one), "cannot merge grids", c.name)
		require.Equal(t, before, *g, "%s: a refused merge changes nothing", c.name)
		// Merged the other way round, too.
		require.ErrorContains(t, one.Merge(g), "cannot merge grids", c.name)
	}

	// Up to the most: a grid one customer short of 2^63-1 takes it.
	g, err := read(`{"cells":[{"r":3,"f":3,"count":9223372036854775806,"revenue_micros":"0","m_sum":9223372036854775806}],"unscored":{"count":0,"revenue_micros":"0"}}`)
	require.NoError(t, err)
	require.NoError(t, g.Add(5, 5, 1, 10))
	if math.MaxInt == math.MaxInt64 { // Scored is an int
		require.Equal(t, math.MaxInt, g.Scored())
	}
}

// Revenue read back is summed in the file's order, where a running sum
// may pass 2^127-1 millionths and come back: a grid that fits as a whole
// reads back (its own JSON, whatever its cells' signs).
func TestGridRevenueReadInAnyOrder(t *testing.T) {
	var g batch.Grid
	require.NoError(t, json.Unmarshal([]byte(`{"cells":[{"r":1,"f":1,"count":1,"revenue_micros":"170141183460469231731687303715884105727","m_sum":1},`+
		`{"r":1,"f":3,"count":1,"revenue_micros":"-2000000","m_sum":1}],"unscored":{"count":0,"revenue_micros":"0"}}`), &g))
	require.NoError(t, g.Add(1, 2, 1, 1))
	data, err := json.Marshal(&g)
	require.NoError(t, err)
	var back batch.Grid
	require.NoError(t, json.Unmarshal(data, &back), "its own JSON: %s", data)
	require.Equal(t, g.Cells(), back.Cells())
}
