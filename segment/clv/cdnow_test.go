package clv_test

import (
	"encoding/csv"
	"fmt"
	"os"
	"slices"
	"strconv"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/clientele-go/clientele/segment"
)

// readCDNOW loads testdata/cdnow_summary.csv (see testdata/README.md):
// the 2,357 CDNOW customers of Fader, Hardie and Lee (2005), recency and
// T in weeks, monetary value the mean spend of the repeat purchases.
func readCDNOW() ([]segment.Summary, error) {
	f, err := os.Open("testdata/cdnow_summary.csv")
	if err != nil {
		return nil, err
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		return nil, err
	}
	if !slices.Equal(recs[0], []string{"ID", "x", "t_x", "T", "zbar"}) {
		return nil, fmt.Errorf("header %v", recs[0])
	}
	rows := make([]segment.Summary, 0, len(recs)-1)
	for _, r := range recs[1:] {
		var v [4]float64
		for i := range v {
			if v[i], err = strconv.ParseFloat(r[i+1], 64); err != nil {
				return nil, err
			}
		}
		rows = append(rows, segment.Summary{ID: r[0], Frequency: v[0], Recency: v[1], T: v[2], MonetaryValue: v[3]})
	}
	if len(rows) != 2357 {
		return nil, fmt.Errorf("%d rows, want 2357", len(rows))
	}
	return rows, nil
}

func cdnow(t testing.TB) []segment.Summary {
	t.Helper()
	rows, err := readCDNOW()
	require.NoError(t, err)
	return rows
}

// cdnowRows is readCDNOW for the examples, which have no testing.T.
func cdnowRows() []segment.Summary {
	rows, err := readCDNOW()
	if err != nil {
		panic(err)
	}
	return rows
}
