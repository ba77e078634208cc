package main

import (
	"bufio"
	"cmp"
	"fmt"
	"io"
	"slices"
	"strconv"

	"github.com/clientele-go/clientele/segment"
)

// writeBTYD writes the lifetimes-style summary, one row per customer sorted
// by id, numbers in the shortest form that reads back to the same float64.
// With id, only that customer's row.
func writeBTYD(w io.Writer, d *dataset, id string) error {
	rows, _, err := d.ledger.Summaries(d.asOf, d.unit)
	if err != nil {
		return err
	}
	slices.SortFunc(rows, func(a, b segment.Summary) int { return cmp.Compare(a.ID, b.ID) })
	if id != "" {
		i, ok := slices.BinarySearchFunc(rows, id, func(r segment.Summary, id string) int { return cmp.Compare(r.ID, id) })
		if !ok {
			return fmt.Errorf("-id %q: no such customer with a purchase as of %s", id, d.asOf)
		}
		rows = rows[i : i+1]
	}
	bw := bufio.NewWriter(w)
	bw.WriteString("customer_id,frequency,recency,T,monetary_value\n")
	var buf []byte
	num := func(v float64) {
		buf = strconv.AppendFloat(buf[:0], v, 'g', -1, 64)
		bw.Write(buf)
	}
	for _, r := range rows {
		bw.WriteString(csvCell(r.ID))
		bw.WriteByte(',')
		num(r.Frequency)
		bw.WriteByte(',')
		num(r.Recency)
		bw.WriteByte(',')
		num(r.T)
		bw.WriteByte(',')
		num(r.MonetaryValue)
		bw.WriteByte('\n')
	}
	return bw.Flush()
}
