package rfm_test

import (
	"encoding/json"
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/rfm"
)

func TestConfig(t *testing.T) {
	cfg, err := rfm.ParseConfig([]byte(`{"monetary_basis":"average_order_value","recency":[30,90,180,365]}`))
	require.NoError(t, err)
	want := rfm.Config{Basis: rfm.AverageOrderValue, Recency: segment.Some(rfm.Cuts{30, 90, 180, 365})}
	if diff := cmp.Diff(want, cfg); diff != "" {
		t.Errorf("ParseConfig (-want +got):\n%s", diff)
	}
	// What a CRM stores, it loads back unchanged; the defaults are an
	// empty object.
	for _, c := range []rfm.Config{cfg, rfm.Defaults(), {Frequency: segment.Some(rfm.Cuts{1, 2, 3, 5}), Monetary: segment.Some(rfm.Cuts{-10, 0, 10.5, 1e6})}} {
		b, err := json.Marshal(c)
		require.NoError(t, err)
		back, err := rfm.ParseConfig(b)
		require.NoError(t, err)
		if diff := cmp.Diff(c, back); diff != "" {
			t.Errorf("round trip of %s (-want +got):\n%s", b, diff)
		}
	}
	if b, _ := json.Marshal(rfm.Defaults()); string(b) != "{}" {
		t.Errorf("defaults marshal to %s", b)
	}

	for _, bad := range []struct{ json, field string }{
		{`{"recency":[30,90,90,365]}`, "recency[2]"},
		{`{"recency":[-1,90,180,365]}`, "recency[0]"},
		{`{"frequency":[0.5,2,3,4]}`, "frequency[0]"},
		{`{"frequency":[1,3,2,4]}`, "frequency[2]"},
		{`{"monetary":[1,2,3]}`, "monetary"},
		{`{"monetary":[1,2,3,4,5]}`, "monetary"},
		{`{"monetary":"high"}`, "monetary"},
		{`{"monetary_basis":"profit"}`, "monetary_basis"},
		{`{"monetary_basis":1}`, "monetary_basis"},
		{`{"recency_days":[1,2,3,4]}`, "recency_days"},
	} {
		_, err := rfm.ParseConfig([]byte(bad.json))
		var fe *segment.FieldError
		if !errors.As(err, &fe) || fe.Field != bad.field {
			t.Errorf("%s: error %v, want one naming %s", bad.json, err, bad.field)
		}
		if err != nil && !strings.HasPrefix(err.Error(), "rfm: ") {
			t.Errorf("%s: error %q lacks the rfm: prefix", bad.json, err)
		}
	}
	for _, c := range []rfm.Config{
		{Basis: 7},
		{Monetary: segment.Some(rfm.Cuts{1, 2, math.NaN(), 4})},
		{Monetary: segment.Some(rfm.Cuts{1, 2, 3, math.Inf(1)})},
	} {
		if err := c.Validate(); err == nil {
			t.Errorf("Validate accepted %+v", c)
		}
	}
}

func TestModelJSON(t *testing.T) {
	m := rfm.Model{Basis: rfm.AverageOrderValue, Recency: rfm.Cuts{3, 3, 40, 200}, Frequency: rfm.Cuts{1, 1, 1, 2}, Monetary: rfm.Cuts{-5, 0.5, 20, 20}}
	b, err := json.Marshal(m)
	require.NoError(t, err)
	if want := `{"monetary_basis":"average_order_value","recency":[3,3,40,200],"frequency":[1,1,1,2],"monetary":[-5,0.5,20,20]}`; string(b) != want {
		t.Errorf("got  %s\nwant %s", b, want)
	}
	back, err := rfm.ParseModel(b)
	require.NoError(t, err)
	if diff := cmp.Diff(m, back); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
	// Plain json.Unmarshal reads it too, and refuses short arrays.
	var plain rfm.Model
	require.NoError(t, json.Unmarshal(b, &plain))
	if plain != m {
		t.Errorf("json.Unmarshal: %+v", plain)
	}
	if err := json.Unmarshal([]byte(`{"recency":[1,2,3]}`), &plain); err == nil {
		t.Error("json.Unmarshal accepted three cut points")
	}

	for _, bad := range []struct{ json, field string }{
		{`{"recency":[1,2,3,4],"frequency":[1,2,3,4]}`, "monetary"},
		{`{"recency":[5,4,3,2],"frequency":[1,2,3,4],"monetary":[1,2,3,4]}`, "recency[1]"},
		{`{"recency":[1,2,3,4],"frequency":[0,2,3,4],"monetary":[1,2,3,4]}`, "frequency[0]"},
		{`{"recency":[1,2,3,4],"frequency":[1,2,3,4],"monetary":[1,2,3,4],"version":2}`, "version"},
	} {
		_, err := rfm.ParseModel([]byte(bad.json))
		var fe *segment.FieldError
		if !errors.As(err, &fe) || fe.Field != bad.field {
			t.Errorf("%s: error %v, want one naming %s", bad.json, err, bad.field)
		}
	}
}

// A distribution of MaxCustomers scores by the same quantile ranks as a
// small one (k*n, as an int of 32 bits, wrapped around from 537 million
// customers on), and merging past MaxCustomers is refused.
func TestDistributionOfMaxCustomers(t *testing.T) {
	n := rfm.MaxCustomers
	half := func(lo, hi float64) rfm.Histogram {
		return rfm.Histogram{Values: []float64{lo, hi}, Counts: []int{n / 2, n - n/2}}
	}
	d := rfm.Distribution{Recency: half(0, 7), Frequency: half(1, 2), Monetary: half(10, 20)}
	m, _, err := d.Fit(nil)
	require.NoError(t, err)
	// The ranks of the cuts, ceil(k*n/5)-1, are below n/2 for k = 1, 2.
	require.Equal(t, rfm.Cuts{0, 0, 7, 7}, m.Recency)
	require.Equal(t, rfm.Cuts{1, 1, 2, 2}, m.Frequency)
	one := rfm.Distribution{
		Recency: rfm.Histogram{Values: []float64{0}, Counts: []int{1}}, Frequency: rfm.Histogram{Values: []float64{1}, Counts: []int{1}},
		Monetary: rfm.Histogram{Values: []float64{10}, Counts: []int{1}},
	}
	require.ErrorContains(t, d.Merge(one), "more than 2147483647 customers")
	require.Equal(t, n, d.Recency.Total(), "a refused merge leaves the distribution as it was")
}

func TestDistributionValidate(t *testing.T) {
	good := rfm.Distribution{
		Recency:   rfm.Histogram{Values: []float64{0, 5}, Counts: []int{1, 2}},
		Frequency: rfm.Histogram{Values: []float64{1}, Counts: []int{3}},
		Monetary:  rfm.Histogram{Values: []float64{10, 20, 30}, Counts: []int{1, 1, 1}},
	}
	require.NoError(t, good.Validate())
	for name, mutate := range map[string]func(d *rfm.Distribution){
		"unpaired":        func(d *rfm.Distribution) { d.Recency.Counts = d.Recency.Counts[:1] },
		"unsorted":        func(d *rfm.Distribution) { d.Monetary.Values = []float64{10, 30, 20} },
		"zero count":      func(d *rfm.Distribution) { d.Frequency.Counts = []int{0} },
		"NaN":             func(d *rfm.Distribution) { d.Monetary.Values = []float64{10, math.NaN(), 30} },
		"different sizes": func(d *rfm.Distribution) { d.Frequency.Counts = []int{4} },
		"negative days":   func(d *rfm.Distribution) { d.Recency.Values = []float64{-3, 5} },
		"other basis":     func(d *rfm.Distribution) { d.Basis = rfm.AverageOrderValue },
		// Totals that wrapped around to the same count (as ints, these
		// histograms count 1 customer each).
		"counts past an int": func(d *rfm.Distribution) {
			d.Recency = rfm.Histogram{Values: []float64{0, 5, 9}, Counts: []int{math.MaxInt, math.MaxInt, 3}}
			d.Frequency = rfm.Histogram{Values: []float64{1}, Counts: []int{1}}
			d.Monetary = rfm.Histogram{Values: []float64{10}, Counts: []int{1}}
		},
		"counts past MaxCustomers": func(d *rfm.Distribution) { // the same customers in each
			d.Recency.Counts = []int{1, rfm.MaxCustomers}
			d.Frequency = rfm.Histogram{Values: []float64{1, 2}, Counts: []int{1, rfm.MaxCustomers}}
			d.Monetary = rfm.Histogram{Values: []float64{10, 20}, Counts: []int{1, rfm.MaxCustomers}}
		},
		"unscored past MaxCustomers": func(d *rfm.Distribution) { d.Unscored = rfm.MaxCustomers - 2 },
	} {
		d := good
		d.Recency.Values = append([]float64(nil), good.Recency.Values...)
		mutate(&d)
		_, _, fitErr := d.Fit(nil)
		merged := good
		mergeErr := merged.Merge(d)
		if fitErr == nil || mergeErr == nil {
			t.Errorf("%s: Fit error %v, Merge error %v; want both to fail", name, fitErr, mergeErr)
		}
	}
}
