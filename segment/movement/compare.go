package movement

import (
	"fmt"

	"github.com/clientele-go/clientele/segment"
)

// Compare gives, for each typology of ts, the transition matrix from the
// earlier snapshot prev to the later one cur, and calls events (unless it
// is nil) for every change: each customer of cur whose label differs
// (Moved) or who is not in prev (Joined), in cur's order, then each
// customer of prev not in cur (Left), in prev's order. An event's reasons
// are those the snapshots keep (see Options.Reasons of [Take]); they are
// the snapshots' own slices, so do not modify them. An error from events
// stops the comparison and is returned.
//
// The snapshots may share a date (the same base under two rule sets), but
// prev must not be after cur. Both must hold every typology of ts, and
// every label must be
// one of the typology's (by name or title, as [segment.Enum.Parse]
// accepts): a label the typology does not know is an error naming the
// typology, the label and the snapshot, never a silent "unknown".
func Compare(prev, cur *Snapshot, ts []*Typology, events func(e *Event) error) ([]*Matrix, error) {
	if err := checkTypologies(ts, false); err != nil {
		return nil, err
	}
	if prev == nil || cur == nil {
		return nil, fmt.Errorf("movement: nil snapshot")
	}
	if prev.asOf.After(cur.asOf) {
		return nil, fmt.Errorf("movement: the earlier snapshot is as of %s, after the later one's %s (arguments swapped?)", prev.asOf, cur.asOf)
	}
	pcols, err := resolve(prev, ts)
	if err != nil {
		return nil, err
	}
	ccols, err := resolve(cur, ts)
	if err != nil {
		return nil, err
	}
	ms := make([]*Matrix, len(ts))
	for i, t := range ts {
		ms[i] = newMatrix(t, prev.asOf, cur.asOf)
	}
	// emit completes e and hands it to events, which the callers have
	// checked is not nil (an Event built for nothing would escape to the
	// heap).
	emit := func(e Event, t *Typology, from, to int, kind Kind) error {
		e.Kind, e.Typology, e.Since, e.AsOf = kind, t.info, prev.asOf, cur.asOf
		if from >= 0 {
			e.From = t.labels[from]
		}
		if to >= 0 {
			e.To = t.labels[to]
		}
		return events(&e)
	}
	pk, ck := len(prev.cols), len(cur.cols)
	for i, id := range cur.ids {
		j, inPrev := prev.index[id]
		for k, t := range ts {
			to := ccols[k].values[cur.codes[i*ck+ccols[k].col]]
			if !inPrev {
				ms[k].Joined[to]++
				if events == nil {
					continue
				}
				if err := emit(Event{Customer: id, After: cur.reasonsAt(i, ccols[k].col)}, t, -1, int(to), Joined); err != nil {
					return nil, err
				}
				continue
			}
			from := pcols[k].values[prev.codes[int(j)*pk+pcols[k].col]]
			ms[k].Counts[from][to]++
			if from != to && events != nil {
				e := Event{Customer: id, Before: prev.reasonsAt(int(j), pcols[k].col), After: cur.reasonsAt(i, ccols[k].col)}
				if err := emit(e, t, int(from), int(to), Moved); err != nil {
					return nil, err
				}
			}
		}
	}
	for j, id := range prev.ids {
		if cur.Has(id) {
			continue
		}
		for k, t := range ts {
			from := pcols[k].values[prev.codes[j*pk+pcols[k].col]]
			ms[k].Left[from]++
			if events == nil {
				continue
			}
			if err := emit(Event{Customer: id, Before: prev.reasonsAt(j, pcols[k].col)}, t, int(from), -1, Left); err != nil {
				return nil, err
			}
		}
	}
	return ms, nil
}

// resolved maps one snapshot column to a typology's label values.
type resolved struct {
	col    int     // column in the snapshot
	values []uint8 // label value by the column's code
}

// resolve finds each typology's column in s and parses its label names.
func resolve(s *Snapshot, ts []*Typology) ([]resolved, error) {
	out := make([]resolved, len(ts))
	for k, t := range ts {
		j := s.column(t.info.Name)
		if j < 0 {
			return nil, fmt.Errorf("movement: the snapshot as of %s has no typology %q (it has %v)", s.asOf, t.info.Name, s.Typologies())
		}
		out[k] = resolved{col: j, values: make([]uint8, len(s.cols[j].dict))}
		for code, name := range s.cols[j].dict {
			v, err := t.parse(name)
			if err != nil {
				return nil, fmt.Errorf("movement: the snapshot as of %s: typology %q: %w", s.asOf, t.info.Name, err)
			}
			out[k].values[code] = v
		}
	}
	return out, nil
}

// reasonsAt returns the reasons of customer i in column j, or nil.
func (s *Snapshot) reasonsAt(i, j int) []segment.Reason {
	if s.reasons == nil {
		return nil
	}
	return s.reasons[i*len(s.cols)+j]
}
