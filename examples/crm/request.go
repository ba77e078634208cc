package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"net/http"
	"strconv"
	"strings"

	"github.com/clientele-go/clientele/segment"
)

// customerJSON is one customer as a CRM sends it:
//
//	{"customer_id": "C1", "as_of": "2025-06-30",
//	 "orders": [{"order_id": "o1", "date": "2025-05-02", "amount": 120.5,
//	             "flags": ["premium"]}],
//	 "signals": {"referrals": 2, "last_complaint": "2025-01-10"},
//	 "value": 840}
//
// as_of defaults to today (UTC; in a batch, to the batch's as_of). An
// order's amount is not negative: a return is sent as a positive amount
// with the flag "return". An order with a "flags" array (even an empty
// one) records all four flags, so a flag not listed is known to be off;
// an order without "flags" leaves them unknown. signals are the fields of
// segment.Signals by their JSON names; a signal left out is unknown.
// value is the customer's worth over the planning horizon (CLV), used for
// the retention budget; unknown when left out.
type customerJSON struct {
	CustomerID string            `json:"customer_id"`
	AsOf       string            `json:"as_of"`
	Orders     []json.RawMessage `json:"orders"`
	Signals    json.RawMessage   `json:"signals"`
	Value      *float64          `json:"value"`
}

// orderJSON is one order line of a customerJSON.
type orderJSON struct {
	OrderID string    `json:"order_id"`
	Date    string    `json:"date"`
	Amount  *float64  `json:"amount"`
	Flags   *[]string `json:"flags"`
}

// flagNames are the order flags by their JSON names.
var flagNames = map[string]segment.Flags{
	"return":      segment.Return,
	"discounted":  segment.Discounted,
	"new_product": segment.NewProduct,
	"premium":     segment.Premium,
}

const allFlags = segment.Return | segment.Discounted | segment.NewProduct | segment.Premium

// maxIDBytes bounds customer and order ids: ids longer than that are a
// column mix-up, not an id.
const maxIDBytes = 256

// customer is a decoded and validated customer: the profile to classify
// and their value, if known.
type customer struct {
	profile segment.Profile
	value   segment.Opt[float64]
}

// decodeStrict decodes one JSON value into v: unknown fields and data
// after the value are errors.
func decodeStrict(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		if errors.Is(err, io.EOF) {
			return errEmpty
		}
		return err
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return errTrailing
	}
	return nil
}

// readBody reads r's body up to limit bytes after checking the content
// type. An oversized body is a 413 (through fromDecodeError), a wrong
// content type a 415.
func readBody(w http.ResponseWriter, r *http.Request, limit int64) ([]byte, *apiError) {
	if e := checkContentType(r); e != nil {
		return nil, e
	}
	if r.ContentLength > limit { // refuse at once what says it is too large
		return nil, fromDecodeError("", "", &http.MaxBytesError{Limit: limit})
	}
	// A body without a length (chunked), or lying about it, is cut at the
	// limit as it is read.
	data, err := io.ReadAll(http.MaxBytesReader(w, r.Body, limit))
	if err != nil {
		return nil, fromDecodeError("", "", err)
	}
	return data, nil
}

// decodeCustomer decodes and validates one customer. where names the
// customer in errors until their id is known ("request", "customers[3]");
// defaultAsOf is used when the customer gives none, and no date may be
// after latest.
func decodeCustomer(data []byte, where string, defaultAsOf, latest segment.Date) (*customer, string, *apiError) {
	var c customerJSON
	if err := decodeStrict(data, &c); err != nil {
		// Name the customer in the answer if the id can be read at all.
		var id struct {
			CustomerID string `json:"customer_id"`
		}
		_ = json.Unmarshal(data, &id)
		if len(id.CustomerID) > maxIDBytes {
			id.CustomerID = ""
		}
		return nil, id.CustomerID, fromDecodeError(where, "", err)
	}
	id := c.CustomerID
	record := where
	switch {
	case id == "":
		return nil, id, invalid(record, "customer_id", "", segment.ErrEmpty)
	case len(id) > maxIDBytes:
		return nil, id, invalid(record, "customer_id", id[:32]+"...", fmt.Errorf("%w: longer than %d bytes", segment.ErrRange, maxIDBytes))
	}
	record = "customer " + strconv.Quote(id)
	if where != "request" {
		record = where + " (" + record + ")"
	}

	asOf := defaultAsOf
	if c.AsOf != "" {
		d, e := parseDate(record, "as_of", c.AsOf)
		if e != nil {
			return nil, id, e
		}
		asOf = d
	}
	if asOf.After(latest) {
		return nil, id, invalid(record, "as_of", asOf.String(), fmt.Errorf("%w: in the future (today is %s)", segment.ErrRange, latest.AddDays(-1)))
	}
	if len(c.Orders) > MaxOrders {
		return nil, id, &apiError{Status: http.StatusRequestEntityTooLarge, Code: codeTooLarge, Record: record, Field: "orders",
			Value:   strconv.Itoa(len(c.Orders)),
			Message: fmt.Sprintf("%s: %d orders, over the limit of %d per customer", record, len(c.Orders), MaxOrders)}
	}

	ledger := segment.NewLedger(nil)
	seen := make(map[string]int, len(c.Orders))
	for i, raw := range c.Orders {
		o, e := decodeOrder(raw, i, record, asOf, seen)
		if e != nil {
			return nil, id, e
		}
		o.Customer = id
		if err := ledger.Add(o); err != nil {
			return nil, id, fromFieldError(record, fmt.Sprintf("orders[%d].", i), err)
		}
	}

	var sig segment.Signals
	if len(c.Signals) > 0 {
		if err := decodeStrict(c.Signals, &sig); err != nil {
			return nil, id, signalsError(record, c.Signals, err)
		}
	}
	for _, d := range dateSignals {
		if v, ok := d.get(&sig).Get(); ok && v.After(asOf) {
			return nil, id, invalid(record, "signals."+d.name, v.String(), fmt.Errorf("%w: after as_of %s", segment.ErrRange, asOf))
		}
	}

	out := &customer{}
	if c.Value != nil {
		if v := *c.Value; v < 0 || math.IsInf(v, 0) || math.IsNaN(v) {
			return nil, id, invalid(record, "value", strconv.FormatFloat(v, 'g', -1, 64), fmt.Errorf("%w: must not be negative", segment.ErrRange))
		}
		out.value = segment.Some(*c.Value)
	}
	p, ok := ledger.Profile(id, asOf)
	if !ok { // no orders: a prospect the CRM knows only by signals, or not at all
		p = segment.Profile{ID: id, AsOf: asOf}
	}
	p.Signals = sig
	if err := p.Validate(); err != nil {
		prefix := ""
		var fe *segment.FieldError
		if errors.As(err, &fe) && isSignal(fe.Field) {
			prefix = "signals."
		}
		return nil, id, fromFieldError(record, prefix, err)
	}
	out.profile = p
	return out, id, nil
}

// decodeOrder decodes and checks order i of a customer. seen maps the
// order ids met so far to their index, to refuse duplicates.
func decodeOrder(raw []byte, i int, record string, asOf segment.Date, seen map[string]int) (segment.Order, *apiError) {
	path := fmt.Sprintf("orders[%d]", i)
	var o orderJSON
	if err := decodeStrict(raw, &o); err != nil {
		return segment.Order{}, fromDecodeError(record, path, err)
	}
	var out segment.Order
	switch {
	case o.Date == "":
		return out, invalid(record, path+".date", "", segment.ErrEmpty)
	case o.Amount == nil:
		return out, invalid(record, path+".amount", "", segment.ErrEmpty)
	case *o.Amount < 0:
		return out, invalid(record, path+".amount", strconv.FormatFloat(*o.Amount, 'g', -1, 64),
			fmt.Errorf("%w: must not be negative; send a return as a positive amount with the flag \"return\"", segment.ErrRange))
	case len(o.OrderID) > maxIDBytes:
		return out, invalid(record, path+".order_id", o.OrderID[:32]+"...", fmt.Errorf("%w: longer than %d bytes", segment.ErrRange, maxIDBytes))
	}
	d, e := parseDate(record, path+".date", o.Date)
	if e != nil {
		return out, e
	}
	if d.After(asOf) {
		return out, invalid(record, path+".date", o.Date, fmt.Errorf("%w: after as_of %s", segment.ErrRange, asOf))
	}
	if o.OrderID != "" {
		if j, dup := seen[o.OrderID]; dup {
			return out, invalid(record, path+".order_id", o.OrderID, fmt.Errorf("duplicate of orders[%d]", j))
		}
		seen[o.OrderID] = i
	}
	out = segment.Order{ID: o.OrderID, Date: d, Amount: *o.Amount}
	if o.Flags != nil {
		out.Known = allFlags
		for j, name := range *o.Flags {
			f, ok := flagNames[strings.ToLower(name)]
			if !ok {
				return out, invalid(record, fmt.Sprintf("%s.flags[%d]", path, j), name,
					errors.New("unknown flag; want return, discounted, new_product or premium"))
			}
			out.Flags |= f
		}
	}
	return out, nil
}

func isSignal(name string) bool {
	for _, s := range segment.SignalNames() {
		if s == name {
			return true
		}
	}
	return false
}

// parseDate parses the date s of field, or says what is wrong with it.
func parseDate(record, field, s string) (segment.Date, *apiError) {
	d, err := segment.ParseDate(s)
	if err != nil {
		// The library's message starts with the value, which the
		// apiError carries apart.
		msg := strings.TrimPrefix(err.Error(), strconv.Quote(s)+": ")
		return d, invalid(record, field, s, errors.New(msg))
	}
	return d, nil
}

// dateSignals are the signals that are dates.
var dateSignals = []struct {
	name string
	get  func(*segment.Signals) segment.Opt[segment.Date]
}{
	{"last_inquiry", func(s *segment.Signals) segment.Opt[segment.Date] { return s.LastInquiry }},
	{"last_negative_review", func(s *segment.Signals) segment.Opt[segment.Date] { return s.LastNegativeReview }},
	{"last_complaint", func(s *segment.Signals) segment.Opt[segment.Date] { return s.LastComplaint }},
}

// signalsError explains why the signals did not decode. A date that does
// not parse is a value error (422) naming the signal, which encoding/json
// alone cannot tell.
func signalsError(record string, raw json.RawMessage, err error) *apiError {
	if errors.Is(err, segment.ErrDate) {
		var fields map[string]json.RawMessage
		_ = json.Unmarshal(raw, &fields)
		for _, d := range dateSignals {
			var text string
			if v, ok := fields[d.name]; ok && json.Unmarshal(v, &text) == nil {
				if _, e := parseDate(record, "signals."+d.name, text); e != nil {
					return e
				}
			}
		}
	}
	return fromDecodeError(record, "signals", err)
}
