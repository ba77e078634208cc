package behavior_test

import (
	"encoding/json"
	"math"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/clientele-go/clientele/segment/behavior"
)

// A base written as JSON and read back, alone or merged with another
// base read back, gives exactly the cuts of the base it was written from.
func TestBaseJSONRoundTrip(t *testing.T) {
	base := manyProfiles()
	c := mustNew(t, nil)
	var whole, first, second behavior.Base
	for i := range base {
		whole.Add(&base[i])
		if i%3 == 0 {
			first.Add(&base[i])
		} else {
			second.Add(&base[i])
		}
	}
	roundTrip := func(b behavior.Base) *behavior.Base {
		data, err := json.Marshal(b)
		require.NoError(t, err)
		var back behavior.Base
		require.NoError(t, json.Unmarshal(data, &back))
		return &back
	}
	require.Equal(t, whole.Len(), roundTrip(whole).Len())
	require.Equal(t, c.FitBase(&whole).Cuts(), c.FitBase(roundTrip(whole)).Cuts())

	merged := roundTrip(second)
	merged.Merge(roundTrip(first))
	require.Equal(t, c.FitBase(&whole).Cuts(), c.FitBase(merged).Cuts())

	// Equal values are written once with their count.
	var ties behavior.Base
	for range 1000 {
		p := buyer(3, 100, 10, revenue(90))
		ties.Add(&p)
	}
	data, err := json.Marshal(ties)
	require.NoError(t, err)
	require.JSONEq(t, `{"revenue":{"values":[90],"counts":[1000]},"occasions":{"values":[3],"counts":[1000]},
		"average_order_value":{"values":[30],"counts":[1000]}}`, string(data))

	var empty behavior.Base
	data, err = json.Marshal(empty)
	require.NoError(t, err)
	require.Equal(t, 0, roundTrip(empty).Len(), string(data))

	// Occasions past 2^53, counted exactly, are written as float64s: two
	// that are the same float64 are one value, and the largest int64s
	// are 2^63. They read back, with the cuts. (An int of 32 bits holds
	// none of them.)
	if math.MaxInt < math.MaxInt64 {
		return
	}
	var huge behavior.Base
	for _, occ := range []int64{1 << 53, 1<<53 + 1, math.MaxInt64, math.MaxInt64 - 1, 2} {
		p := buyer(int(occ), 100, 10, revenue(90))
		huge.Add(&p)
	}
	data, err = json.Marshal(huge)
	require.NoError(t, err)
	require.Contains(t, string(data), `"occasions":{"values":[2,9007199254740992,9223372036854776000],"counts":[1,2,2]}`)
	back := roundTrip(huge)
	require.Equal(t, huge.Len(), back.Len())
	require.Equal(t, c.FitBase(&huge).Cuts(), c.FitBase(back).Cuts())
}

func TestBaseJSONRejects(t *testing.T) {
	good := `{"revenue":{"values":[10,20],"counts":[1,2]},"occasions":{"values":[1,2],"counts":[2,1]},"average_order_value":{"values":[5,10],"counts":[1,2]}}`
	var b behavior.Base
	require.NoError(t, json.Unmarshal([]byte(good), &b))
	require.Equal(t, 3, b.Len())
	for name, tc := range map[string]struct{ old, new, want string }{
		"unpaired":         {`[10,20],"counts":[1,2]`, `[10,20],"counts":[1]`, `revenue "2 values, 1 counts"`},
		"not increasing":   {`[10,20]`, `[20,10]`, `revenue[1]`},
		"occasions of 0":   {`"values":[1,2]`, `"values":[0,2]`, `occasions[0]`},
		"fractional":       {`"values":[1,2]`, `"values":[1,2.5]`, `occasions[1]`},
		"past 2^63":        {`"values":[1,2]`, `"values":[1,1e19]`, `occasions[1]`},
		"zero count":       {`"counts":[1,2]}`, `"counts":[0,2]}`, `revenue[0]`},
		"huge count":       {`"counts":[1,2]}`, `"counts":[1,9e18]}`, `revenue`},
		"different buyers": {`"average_order_value":{"values":[5,10],"counts":[1,2]}`, `"average_order_value":{"values":[5],"counts":[1]}`, "same buyers"},
		"wrong type":       {`[10,20]`, `"10"`, "base"},
	} {
		t.Run(name, func(t *testing.T) {
			data := strings.Replace(good, tc.old, tc.new, 1)
			require.NotEqual(t, good, data)
			err := json.Unmarshal([]byte(data), &b)
			require.ErrorContains(t, err, tc.want)
			require.Equal(t, 3, b.Len(), "a refused base leaves b as it was")
		})
	}
}

// FitBase reorders the base's values in place instead of copying them;
// the base keeps its buyers: written as JSON it is the same, fitted again
// it gives the same cuts, and with more buyers added it fits as a base
// that was never fitted.
func TestFitBaseKeepsTheBuyers(t *testing.T) {
	base := manyProfiles()
	c := mustNew(t, nil)
	var b, fresh behavior.Base
	for i := range base[:len(base)/2] {
		b.Add(&base[i])
		fresh.Add(&base[i])
	}
	before, err := json.Marshal(b)
	require.NoError(t, err)
	cuts := c.FitBase(&b).Cuts()
	after, err := json.Marshal(b)
	require.NoError(t, err)
	require.JSONEq(t, string(before), string(after))
	require.Equal(t, cuts, c.FitBase(&b).Cuts())
	require.Equal(t, c.FitBase(&fresh).Cuts(), cuts)

	for i := range base[len(base)/2:] {
		b.Add(&base[len(base)/2+i])
	}
	var whole behavior.Base
	for i := range base {
		whole.Add(&base[i])
	}
	require.Equal(t, c.FitBase(&whole).Cuts(), c.FitBase(&b).Cuts())
}
