package main

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"testing"

	gocmp "github.com/google/go-cmp/cmp"

	"github.com/clientele-go/clientele/internal/sample"
	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/clv"
)

// TestCLVMatchesTheLibrary recomputes every row of -out clv on the sample
// with segment/clv directly: BG/NBD on every customer, Gamma-Gamma on the
// repeat buyers with positive spend, a year's horizon at 10% a year.
func TestCLVMatchesTheLibrary(t *testing.T) {
	code, out, errOut := shop(t, "-out", "clv") // the default penalizer, 0.001
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.HasPrefix(out, clvHeader) {
		t.Fatalf("header: %q", out[:min(len(out), 100)])
	}
	l, err := sample.Ledger()
	if err != nil {
		t.Fatal(err)
	}
	rows, _, err := l.Summaries(sample.AsOf, segment.Day)
	if err != nil {
		t.Fatal(err)
	}
	slices.SortFunc(rows, func(a, b segment.Summary) int { return cmp.Compare(a.ID, b.ID) })
	fo := &clv.FitOptions{Penalizer: 0.001}
	bg, err := clv.FitBGNBD(rows, fo)
	if err != nil {
		t.Fatal(err)
	}
	var repeat []segment.Summary
	for _, r := range rows {
		if r.Frequency > 0 && r.MonetaryValue > 0 {
			repeat = append(repeat, r)
		}
	}
	gg, err := clv.FitGammaGamma(repeat, fo)
	if err != nil {
		t.Fatal(err)
	}
	pred, err := clv.NewPredictor(clv.Model{BGNBD: bg, GammaGamma: gg}, clv.Horizon{Length: 365, Unit: segment.Day, Discount: 0.1})
	if err != nil {
		t.Fatal(err)
	}
	g := func(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }
	var want strings.Builder
	want.WriteString(clvHeader)
	empty := 0
	for _, r := range rows {
		// A customer Gamma-Gamma can value gets the predictor's numbers;
		// the others BG/NBD's alone, and no CLV.
		alive, purchases, value := g(bg.PAlive(r)), g(bg.ExpectedPurchases(365, r)), ""
		if r.Frequency > 0 && r.MonetaryValue > 0 {
			p, err := pred.Predict(r)
			if err != nil {
				t.Fatal(err)
			}
			alive, purchases, value = g(p.PAlive), g(p.ExpectedPurchases), g(p.CLV)
		} else {
			empty++
		}
		fmt.Fprintf(&want, "%s,%s,%s,%s,%s,%s,%s,%s\n", r.ID, g(r.Frequency), g(r.Recency), g(r.T), g(r.MonetaryValue),
			alive, purchases, value)
	}
	if diff := gocmp.Diff(want.String(), out); diff != "" {
		t.Errorf("clv (-library +cli):\n%s", diff)
	}
	if empty == 0 || !strings.Contains(errOut, fmt.Sprintf("clv left empty for %d of %d customers", empty, len(rows))) {
		t.Errorf("stderr %q does not count the %d empty cells", errOut, empty)
	}

	code, params, _ := shop(t, "-out", "clv-params", "-penalizer", "0.001")
	wantParams, _ := json.Marshal(clv.Model{BGNBD: bg, GammaGamma: gg})
	if code != 0 || params != string(wantParams)+"\n" {
		t.Errorf("clv-params: exit %d\n got %s\nwant %s", code, params, wantParams)
	}
	var keys map[string]map[string]float64
	if err := json.Unmarshal([]byte(params), &keys); err != nil || len(keys["bgnbd"]) != 5 || len(keys["gamma_gamma"]) != 3 {
		t.Errorf("clv-params %s: %v", params, err)
	}
}

// TestCLVHorizon: the default horizon is a year in the unit, and the
// horizon counts.
func TestCLVHorizon(t *testing.T) {
	for _, c := range []struct {
		unit, flag float64
		want       float64
	}{{1, 0, 365}, {7, 0, 52}, {30, 0, 365.0 / 30}, {7, 10, 10}} {
		if got := horizon(&options{horizon: c.flag}, segment.Unit(c.unit)); got != c.want {
			t.Errorf("unit %v, -horizon %v: %v, want %v", c.unit, c.flag, got, c.want)
		}
	}
	_, year, _ := shop(t, "-out", "clv", "-penalizer", "0.001")
	_, explicit, _ := shop(t, "-out", "clv", "-penalizer", "0.001", "-horizon", "365")
	_, two, _ := shop(t, "-out", "clv", "-penalizer", "0.001", "-horizon", "730")
	if year != explicit || year == two {
		t.Errorf("-horizon: the default differs from 365 days, or 730 days changed nothing")
	}
}

// TestCLVRefusesWhatItCannotFit: too few customers is an error, never a
// guess; a repeat buyer whose repeat purchases net to zero or less gets
// no CLV, and the rest of the base still does.
func TestCLVRefusesWhatItCannotFit(t *testing.T) {
	file := writeFile(t, "orders.csv", handOrders)
	code, out, errOut := shop(t, "-orders", file, "-out", "clv")
	if code != 1 || out != "" || !strings.Contains(errOut, "too few customers") {
		t.Errorf("two customers: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	if code, _, errOut := shop(t, "-orders", file, "-out", "clv-params"); code != 1 || !strings.Contains(errOut, "cannot fit BG/NBD") {
		t.Errorf("clv-params on two customers: exit %d, stderr %q", code, errOut)
	}

	// The sample shop plus a customer whose only repeat purchase is a
	// return.
	orders, err := io.ReadAll(sample.OrdersCSV())
	if err != nil {
		t.Fatal(err)
	}
	orders = append(orders, "ZZ,z1,2025-01-05,50,0,0,0,0\nZZ,z2,2025-03-05,-10,1,0,0,0\n"...)
	file = writeFile(t, "orders.csv", string(orders))
	code, out, errOut = shop(t, "-orders", file, "-out", "clv", "-penalizer", "0.001")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	_, rows := readCSV(t, out)
	if last := rows[len(rows)-1]; last["customer_id"] != "ZZ" || last["monetary_value"] != "-10" || last["clv"] != "" {
		t.Errorf("ZZ: %v", last)
	}
	for _, r := range rows {
		valuable := r["frequency"] != "0" && !strings.HasPrefix(r["monetary_value"], "-")
		if (r["clv"] != "") != valuable {
			t.Errorf("%s: clv %q with frequency %s and monetary value %s", r["customer_id"], r["clv"], r["frequency"], r["monetary_value"])
		}
		if r["p_alive"] == "" || r["expected_purchases"] == "" {
			t.Errorf("%s: no P(alive) or expected purchases: %v", r["customer_id"], r)
		}
	}
	if !strings.Contains(errOut, "1 whose repeat purchases net to zero or less") {
		t.Errorf("stderr %q", errOut)
	}
}

// Plain maximum likelihood (lifetimes' default) cannot pin BG/NBD down on
// the sample shop, whose customers rarely drop out: a clear error with a
// way out, never a guessed model.
func TestCLVUnidentifiedSuggestsPenalizer(t *testing.T) {
	code, out, errOut := shop(t, "-out", "clv-params", "-penalizer", "0")
	if code != 1 || out != "" {
		t.Fatalf("exit %d, stdout %q; want 1 and nothing", code, out)
	}
	if !strings.Contains(errOut, "-penalizer") {
		t.Fatalf("stderr %q does not suggest -penalizer", errOut)
	}
}
