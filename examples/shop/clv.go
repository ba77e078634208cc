package main

import (
	"bufio"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"

	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/batch"
	"github.com/clientele-go/clientele/segment/clv"
)

// clvHeader is the CSV header of -out clv.
const clvHeader = "customer_id,frequency,recency,T,monetary_value,p_alive,expected_purchases,clv\n"

// values are the fitted CLV models and the BTYD summary of every customer,
// sorted by id: enough to value any customer of the base.
type values struct {
	model   clv.Model
	horizon float64
	pred    *clv.Predictor
	rows    []segment.Summary // sorted by id
}

// horizon returns -horizon, or one year in the unit: 365 days, 52 weeks.
func horizon(o *options, unit segment.Unit) float64 {
	switch {
	case o.horizon > 0:
		return o.horizon
	case unit == segment.Week:
		return 52
	default:
		return 365 / float64(unit)
	}
}

// fitCLV fits BG/NBD to every customer with a purchase and Gamma-Gamma to
// the repeat buyers whose repeat purchases are worth something: one whose
// repeat purchases net to zero or less has no spend the model can take
// (it would refuse the whole fit), and gets no CLV. Their number goes to
// stderr.
func fitCLV(o *options, d *dataset, stderr io.Writer) (*values, error) {
	rows, _, err := d.ledger.Summaries(d.asOf, d.unit)
	if err != nil {
		return nil, err
	}
	slices.SortFunc(rows, func(a, b segment.Summary) int { return cmp.Compare(a.ID, b.ID) })
	v := &values{rows: rows, horizon: horizon(o, d.unit)}
	fo := &clv.FitOptions{Penalizer: o.penalizer}
	if v.model.BGNBD, err = clv.FitBGNBD(rows, fo); err != nil {
		return nil, fmt.Errorf("%s: cannot fit BG/NBD to %d customers as of %s: %w%s", d.source, len(rows), d.asOf, err, hint(o, err))
	}
	var repeat []segment.Summary
	for _, r := range rows {
		if valuable(r) {
			repeat = append(repeat, r)
		}
	}
	if v.model.GammaGamma, err = clv.FitGammaGamma(repeat, fo); err != nil {
		return nil, fmt.Errorf("%s: cannot fit Gamma-Gamma to %d repeat buyers as of %s: %w%s", d.source, len(repeat), d.asOf, err, hint(o, err))
	}
	h := clv.Horizon{Length: v.horizon, Unit: d.unit, Discount: o.discount}
	if v.pred, err = clv.NewPredictor(v.model, h); err != nil {
		return nil, fmt.Errorf("-horizon %v, -discount %v: %w", v.horizon, o.discount, err)
	}
	return v, nil
}

// hint suggests a penalizer when the data do not identify the parameters.
func hint(o *options, err error) string {
	if o.penalizer < 0.01 && errors.Is(err, clv.ErrUnidentified) {
		return "; try a larger -penalizer, such as 0.01"
	}
	return ""
}

// valuable reports whether Gamma-Gamma can value the customer: a repeat
// buyer whose repeat purchases are worth more than nothing.
func valuable(r segment.Summary) bool {
	return r.Frequency > 0 && r.MonetaryValue > 0
}

// of returns the CLV of customer id, unknown when the customer has no
// purchase or Gamma-Gamma cannot value them. Safe for concurrent use.
func (v *values) of(id string) segment.Opt[float64] {
	i, ok := slices.BinarySearchFunc(v.rows, id, func(r segment.Summary, id string) int { return cmp.Compare(r.ID, id) })
	if !ok || !valuable(v.rows[i]) {
		return segment.Opt[float64]{}
	}
	p, err := v.pred.Predict(v.rows[i])
	if err != nil || math.IsNaN(p.CLV) {
		return segment.Opt[float64]{}
	}
	return segment.Some(p.CLV)
}

// writeCLV writes -out clv or -out clv-params.
func writeCLV(stdout, stderr io.Writer, o *options, d *dataset) error {
	v, err := fitCLV(o, d, stderr)
	if err != nil {
		return err
	}
	if o.out == "clv-params" {
		b, err := json.Marshal(v.model)
		if err != nil {
			return err
		}
		_, err = fmt.Fprintf(stdout, "%s\n", b)
		return err
	}
	rows := v.rows
	if o.id != "" {
		i, ok := slices.BinarySearchFunc(rows, o.id, func(r segment.Summary, id string) int { return cmp.Compare(r.ID, id) })
		if !ok {
			return fmt.Errorf("-id %q: no such customer with a purchase as of %s", o.id, d.asOf)
		}
		rows = rows[i : i+1]
	}
	w := bufio.NewWriterSize(stdout, 64<<10)
	w.WriteString(clvHeader)
	var oneTime, worthless int
	// Predictions cost microseconds each (discounting steps): spread them
	// over every core, in id order.
	_, err = batch.Map(context.Background(), batch.FromSlice(rows), func(r *segment.Summary, out *[]byte) error {
		line, err := v.appendRow(nil, r)
		*out = line
		return err
	}, func(it *batch.Item[segment.Summary, []byte]) error {
		if it.Err != nil {
			return it.Err
		}
		switch {
		case it.In.Frequency == 0:
			oneTime++
		case !valuable(*it.In):
			worthless++
		}
		_, err := w.Write(*it.Out)
		return err
	}, nil)
	if err != nil {
		return err
	}
	if oneTime+worthless > 0 {
		fmt.Fprintf(stderr, "shop: clv left empty for %d of %d customers Gamma-Gamma cannot value: %d one-time buyers (no repeat purchase), %d whose repeat purchases net to zero or less\n",
			oneTime+worthless, len(rows), oneTime, worthless)
	}
	return w.Flush()
}

// appendRow formats a customer's CLV row: P(alive) and expected purchases
// for every customer, the CLV only when Gamma-Gamma can value them.
func (v *values) appendRow(buf []byte, r *segment.Summary) ([]byte, error) {
	num := func(x float64) {
		buf = append(buf, ',')
		buf = strconv.AppendFloat(buf, x, 'g', -1, 64)
	}
	buf = append(buf, csvCell(r.ID)...)
	num(r.Frequency)
	num(r.Recency)
	num(r.T)
	num(r.MonetaryValue)
	if !valuable(*r) {
		num(v.model.BGNBD.PAlive(*r))
		num(v.pred.ExpectedPurchases(*r))
		return append(buf, ",\n"...), nil
	}
	p, err := v.pred.Predict(*r)
	if err != nil {
		return buf, err
	}
	num(p.PAlive)
	num(p.ExpectedPurchases)
	num(p.CLV)
	return append(buf, '\n'), nil
}
