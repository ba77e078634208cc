package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/clientele-go/clientele/decision"
	"github.com/clientele-go/clientele/disc"
	"github.com/clientele-go/clientele/ladder"
	"github.com/clientele-go/clientele/loyalty"
	"github.com/clientele-go/clientele/perception"
	"github.com/clientele-go/clientele/sabone"
	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/batch"
	"github.com/clientele-go/clientele/segment/behavior"
	"github.com/clientele-go/clientele/segment/movement"
)

// typologies name the typologies as the segments CSV does, with titles.
var typologies = []segment.LabelInfo{
	{Name: "segment", EN: "Behavioural segment", RU: "Поведенческий сегмент"},
	{Name: "rfm_segment", EN: "RFM segment", RU: "RFM-сегмент"},
	{Name: "rung", EN: "Loyalty ladder", RU: "Лестница лояльности"},
	{Name: "disc", EN: "DISC style", RU: "Стиль DISC"},
	{Name: "sabone", EN: "SABONE category", RU: "Категория SABONE"},
	{Name: "perception", EN: "Perception channel", RU: "Канал восприятия"},
	{Name: "decision", EN: "Decision style", RU: "Стиль принятия решений"},
	{Name: "loyalty", EN: "Loyalty kind", RU: "Вид лояльности"},
}

// movementTypologies are the base's classifiers as movement sees them.
func (b *base) movementTypologies() []*movement.Typology {
	cs := b.cs
	return []*movement.Typology{
		movement.Of(typologies[0], behavior.Types, cs.Behavior),
		movement.Of(typologies[1], b.rfmMap.Labels(), cs.RFM),
		movement.Of(typologies[2], ladder.Rungs, cs.Ladder),
		movement.Of(typologies[3], disc.Styles, cs.DISC),
		movement.Of(typologies[4], sabone.Categories, cs.SABONE),
		movement.Of(typologies[5], perception.Channels, cs.Perception),
		movement.Of(typologies[6], decision.Styles, cs.Decision),
		movement.Of(typologies[7], loyalty.Kinds, cs.Loyalty),
	}
}

// moves compares the base as of -previous-asof with the base as of -asof,
// both classified by the classifiers fitted as of -asof (so an RFM score
// means the same on both dates), and calls events for every change.
func moves(stderr io.Writer, o *options, d *dataset, b *base, events func(e *movement.Event) error) ([]*movement.Matrix, error) {
	if !o.previous.Before(d.asOf) {
		return nil, fmt.Errorf("-previous-asof %s: must be before the as-of date %s", o.previous, d.asOf)
	}
	bar := newProgress(stderr, b.customers)
	opts := &movement.Options{Options: batchOptions(bar)}
	ms, _, err := movement.Between(context.Background(), d.ledger, o.previous, d.asOf, b.movementTypologies(), events, opts)
	bar.done()
	return ms, err
}

// writeMovement writes every change of a customer's label between
// -previous-asof and -asof, with the reasons on both dates, in ledger order.
func writeMovement(stdout, stderr io.Writer, o *options, d *dataset, b *base) error {
	if o.id != "" {
		if _, ok := d.ledger.Profile(o.id, d.asOf); !ok {
			return fmt.Errorf("-id %q: no such customer as of %s", o.id, d.asOf)
		}
	}
	w := bufio.NewWriterSize(stdout, 64<<10)
	if o.format == "csv" {
		w.WriteString("customer_id,typology,kind,from,to,since,as_of,was,now\n")
	}
	var text []byte // an event's text, reused
	err := eachEvent(stderr, o, d, b, func(e *movement.Event) error {
		switch o.format {
		case "csv":
			was, now := sides(e, o.lang)
			for i, s := range []string{e.Customer, e.Typology.Name, e.Kind.String(), e.From.Name, e.To.Name,
				dateText(e.Since), dateText(e.AsOf), strings.Join(was, "; "), strings.Join(now, "; ")} {
				if i > 0 {
					w.WriteByte(',')
				}
				w.WriteString(csvCell(s))
			}
			return w.WriteByte('\n')
		case "json":
			was, now := sides(e, o.lang)
			line, err := appendJSONLine(nil, eventRow{
				ID: e.Customer, Typology: e.Typology.Name, Kind: e.Kind.String(),
				From: e.From.Name, To: e.To.Name, Since: dateText(e.Since), AsOf: dateText(e.AsOf),
				Was: was, Now: now, Text: e.Text(o.lang),
			})
			if err != nil {
				return err
			}
			_, err = w.Write(line)
			return err
		}
		text = e.AppendText(text[:0], o.lang)
		if len(text) == 0 || text[len(text)-1] != '\n' {
			text = append(text, '\n')
		}
		_, err := w.Write(text)
		return err
	})
	if err != nil {
		return err
	}
	return w.Flush()
}

// eachEvent calls fn for every change between -previous-asof and -asof:
// of the whole base (moves), or, with -id, of that one customer alone,
// from two one-customer snapshots that keep the reasons, which gives the
// same events without explaining every other customer's moves.
func eachEvent(stderr io.Writer, o *options, d *dataset, b *base, fn func(e *movement.Event) error) error {
	if o.id == "" {
		_, err := moves(stderr, o, d, b, fn)
		return err
	}
	if !o.previous.Before(d.asOf) {
		return fmt.Errorf("-previous-asof %s: must be before the as-of date %s", o.previous, d.asOf)
	}
	ts := b.movementTypologies()
	snapshot := func(date segment.Date) (*movement.Snapshot, error) {
		p, ok := d.ledger.Profile(o.id, date)
		if !ok { // not a customer yet: an empty snapshot of that date
			var names []string
			for _, t := range ts {
				names = append(names, t.Name())
			}
			return movement.NewSnapshot(date, names...)
		}
		one := func(yield func(*segment.Profile) bool) { yield(&p) }
		s, _, err := movement.Take(context.Background(), one, ts, &movement.Options{Options: batch.Options{Trusted: true}, Reasons: true})
		return s, err
	}
	prev, err := snapshot(o.previous)
	if err != nil {
		return err
	}
	cur, err := snapshot(d.asOf)
	if err != nil {
		return err
	}
	_, err = movement.Compare(prev, cur, ts, fn)
	return err
}

// eventRow is a line of -out movement -format json: the columns of the CSV,
// the reasons as lists, and the event as text.
type eventRow struct {
	ID       string   `json:"customer_id"`
	Typology string   `json:"typology"`
	Kind     string   `json:"kind"`
	From     string   `json:"from"`
	To       string   `json:"to"`
	Since    string   `json:"since"`
	AsOf     string   `json:"as_of"`
	Was      []string `json:"was"`
	Now      []string `json:"now"`
	Text     string   `json:"text"`
}

// sides are the reasons of an event on the earlier and the later date: the
// rules whose outcome changed, or, when none did, those that held.
func sides(e *movement.Event, lang segment.Lang) (was, now []string) {
	was, now = []string{}, []string{}
	if ch := e.Changes(); len(ch) > 0 {
		for _, c := range ch {
			if c.Before != nil {
				was = append(was, c.Before.Text(lang))
			}
			if c.After != nil {
				now = append(now, c.After.Text(lang))
			}
		}
		return was, now
	}
	return held(was, e.Before, e.From.Name, lang), held(now, e.After, e.To.Name, lang)
}

// held appends the reasons that held or, when none did, those about the
// label, as Event.Text shows them.
func held(out []string, reasons []segment.Reason, label string, lang segment.Lang) []string {
	for _, r := range reasons {
		if r.Held {
			out = append(out, r.Text(lang))
		}
	}
	if len(out) > 0 {
		return out
	}
	for _, r := range reasons {
		if r.Label == label {
			out = append(out, r.Text(lang))
		}
	}
	return out
}

func dateText(d segment.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.String()
}

// writeMatrices prints each typology's transition matrix, only the labels
// someone had, and how many customers moved.
func writeMatrices(w io.Writer, ms []*movement.Matrix, lang segment.Lang) {
	for _, m := range ms {
		fmt.Fprintf(w, "\n%s: %s -> %s, %d moved, %d stayed, %d joined\n", title(m.Typology, lang), m.Since, m.AsOf, m.Moved(), m.Stayed(), m.TotalJoined())
		var rows, cols []int
		for l := range m.Labels {
			if m.Before(l) > 0 {
				rows = append(rows, l)
			}
			if m.After(l) > 0 {
				cols = append(cols, l)
			}
		}
		tw := tabwriter.NewWriter(w, 0, 0, 1, ' ', tabwriter.AlignRight)
		fmt.Fprint(tw, "from \\ to\t")
		for _, c := range cols {
			fmt.Fprintf(tw, "%s\t", m.Labels[c].Name)
		}
		fmt.Fprintln(tw, "left\t")
		for _, r := range rows {
			fmt.Fprintf(tw, "%s\t", m.Labels[r].Name)
			for _, c := range cols {
				fmt.Fprintf(tw, "%s\t", count(m.Counts[r][c]))
			}
			fmt.Fprintf(tw, "%s\t\n", count(m.Left[r]))
		}
		fmt.Fprint(tw, "joined\t")
		for _, c := range cols {
			fmt.Fprintf(tw, "%s\t", count(m.Joined[c]))
		}
		fmt.Fprintln(tw, "\t")
		tw.Flush()
	}
}

// count prints 0 as a dot, so the diagonal and the moves stand out.
func count(n int) string {
	if n == 0 {
		return "."
	}
	return fmt.Sprint(n)
}

// title is a typology's title in lang.
func title(t segment.LabelInfo, lang segment.Lang) string {
	if lang == segment.Russian && t.RU != "" {
		return t.RU
	}
	if t.EN != "" {
		return t.EN
	}
	return t.Name
}
