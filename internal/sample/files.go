package sample

import (
	"bufio"
	"bytes"
	_ "embed"
	"fmt"
	"io"
	"reflect"
	"sort"
	"strconv"

	"github.com/clientele-go/clientele/segment"
)

//go:embed orders.csv
var ordersCSV []byte

//go:embed signals.csv
var signalsCSV []byte

// OrdersCSV returns the embedded order export of the sample shop: columns
// customer_id, order_id, date, amount, return, discounted, new_product,
// premium, in date order.
func OrdersCSV() io.Reader { return bytes.NewReader(ordersCSV) }

// SignalsCSV returns the embedded CRM export of the sample shop: the
// customer id and every signal, empty where the CRM does not know it.
func SignalsCSV() io.Reader { return bytes.NewReader(signalsCSV) }

// WriteOrders writes the customers' orders as an order export, sorted by
// date (then by customer, as generated).
func WriteOrders(w io.Writer, cs []Customer) error {
	var all []segment.Order
	for _, c := range cs {
		all = append(all, c.Orders...)
	}
	sort.SliceStable(all, func(i, j int) bool { return all[i].Date.Before(all[j].Date) })
	bw := bufio.NewWriter(w)
	bw.WriteString("customer_id,order_id,date,amount,return,discounted,new_product,premium\n")
	flag := func(o *segment.Order, f segment.Flags) string {
		if o.Flags&f != 0 {
			return "1"
		}
		return "0"
	}
	for i := range all {
		o := &all[i]
		fmt.Fprintf(bw, "%s,%s,%s,%s,%s,%s,%s,%s\n", o.Customer, o.ID, o.Date,
			strconv.FormatFloat(o.Amount, 'f', 2, 64), flag(o, segment.Return), flag(o, segment.Discounted),
			flag(o, segment.NewProduct), flag(o, segment.Premium))
	}
	return bw.Flush()
}

// WriteSignals writes one row per customer with any known signal.
func WriteSignals(w io.Writer, cs []Customer) error {
	names := segment.SignalNames()
	bw := bufio.NewWriter(w)
	bw.WriteString("customer_id")
	for _, n := range names {
		bw.WriteString("," + n)
	}
	bw.WriteByte('\n')
	type opt interface {
		Known() bool
		String() string
	}
	for _, c := range cs {
		if c.Signals == (segment.Signals{}) {
			continue
		}
		bw.WriteString(c.ID)
		v := reflect.ValueOf(c.Signals)
		for i := range names {
			bw.WriteByte(',')
			if o := v.Field(i).Interface().(opt); o.Known() {
				bw.WriteString(o.String())
			}
		}
		bw.WriteByte('\n')
	}
	return bw.Flush()
}
