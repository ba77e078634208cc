package behavior

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/clv"
)

// Alive holds the thresholds on P(alive), the probability that a customer
// is still active, that decide Sleeping and Lost when the classifier has a
// model of it ([WithModel], [WithPAlive]). Without one they are not used.
// A zero field means its default.
type Alive struct {
	// Sleeping: P(alive) below this, and not lost. Default 0.5: more
	// likely gone than still there.
	Sleeping float64 `json:"sleeping" range:"0.001,1"`
	// Lost: P(alive) below this. Default 0.2. Must be below Sleeping.
	Lost float64 `json:"lost" range:"0.001,1"`
}

// WithPAlive decides Sleeping and Lost by P(alive) instead of by days:
// sleeping when pAlive(p) is below Config.Alive.Sleeping (and not lost),
// lost when below Config.Alive.Lost or marked churned, active otherwise.
// sleeping_days, sleeping_gap_factor and lost_days then play no part for
// that customer. Use it to plug in P(alive) from any model, for example a
// lookup by p.ID in values computed from [segment.Ledger.Summaries];
// [WithModel] is the ready-made BG/NBD case.
//
// pAlive returns false for a customer the model does not judge; the day
// rules decide them, as without this option. A value that is NaN or
// outside [0, 1] is a broken model: Sleeping and Lost are then Unknown for
// the customer (not assigned, lower confidence), never guessed. pAlive
// must be deterministic, must not modify the profile, must be safe for
// concurrent use and, to keep [Classifier.Classify] allocation-free, must
// not allocate. It is called once per classification, for customers with
// a purchase.
func WithPAlive(pAlive func(p *segment.Profile) (float64, bool)) Option {
	return func(c *Classifier) error {
		if pAlive == nil {
			return fmt.Errorf("behavior: WithPAlive: %w", &segment.FieldError{Field: "pAlive", Err: errors.New("nil function")})
		}
		return c.setAlive("WithPAlive", pAlive)
	}
}

// WithModel decides Sleeping and Lost by the P(alive) of a fitted BG/NBD
// model (see [WithPAlive] for the rules), so that a silence is judged
// against each customer's own rhythm: 120 quiet days are nothing for
// someone who buys twice a year and alarming for a weekly buyer. unit is
// the time unit the model was fitted in (its α is a time); the profile's
// summary is [clv.SummaryOf].
//
// One-time buyers are left to the day rules: BG/NBD lets a customer drop
// out only after a repeat purchase, so its P(alive) for someone who bought
// once is exactly 1 however long ago that was, which would make no
// one-time buyer ever sleeping or lost (see package clv).
//
// An invalid model (see [clv.BGNBD.Validate]) or a unit that is not
// positive is an error.
func WithModel(m clv.BGNBD, unit segment.Unit) Option {
	return func(c *Classifier) error {
		if err := m.Validate(); err != nil {
			return fmt.Errorf("behavior: WithModel: %w", err)
		}
		if unit <= 0 {
			return fmt.Errorf("behavior: WithModel: %w", &segment.FieldError{Field: "unit", Value: strconv.Itoa(int(unit)), Err: segment.ErrRange})
		}
		return c.setAlive("WithModel", func(p *segment.Profile) (float64, bool) {
			s, ok := clv.SummaryOf(p, unit)
			if !ok || s.Frequency == 0 {
				return 0, false
			}
			return m.PAlive(s), true
		})
	}
}

func (c *Classifier) setAlive(option string, f func(p *segment.Profile) (float64, bool)) error {
	if c.pAlive != nil {
		return fmt.Errorf("behavior: %s: %w", option, errors.New("P(alive) is already given (WithModel or WithPAlive once)"))
	}
	c.pAlive = f
	return nil
}

// Which threshold on P(alive) a comparison used, for its reason.
const (
	aliveNone uint8 = iota
	aliveSleeping
	aliveLost
)

// initAlive has P(alive) decide sleeping and lost (see activity) when the
// classifier has a model and the model judges the customer, a buyer;
// otherwise the day rules decide.
func (e *evaluator) initAlive(pAlive func(p *segment.Profile) (float64, bool)) {
	if pAlive == nil || e.occ < 1 {
		return
	}
	v, judged := pAlive(e.p)
	if !judged {
		return
	}
	e.byAlive, e.alive, e.aliveOK = true, v, v >= 0 && v <= 1
}

// sleepy is "past the sleeping bound": more days since the last purchase
// than the bound, or P(alive) below alive.sleeping. Like gone, it is
// worked out once (activity) for the plain path and compared again, to be
// noted, on the Explain path.
func (e *evaluator) sleepy(id check) kleene {
	if e.log != nil {
		return e.sleepyCmp(id)
	}
	return e.sleepyK
}

// gone is "lost by recency": more than lost_days since the last purchase,
// or P(alive) below alive.lost.
func (e *evaluator) gone(id check) kleene {
	if e.log != nil {
		return e.goneCmp(id)
	}
	return e.goneK
}

func (e *evaluator) sleepyCmp(id check) kleene {
	if e.byAlive {
		return e.aliveCmp(id, segment.Less, e.cfg.Alive.Sleeping, aliveSleeping)
	}
	return e.gt(id, e.rec, e.recOK, e.sleepBound)
}

// awakeCmp is not sleepyCmp.
func (e *evaluator) awakeCmp(id check) kleene {
	if e.byAlive {
		return e.aliveCmp(id, segment.GreaterEq, e.cfg.Alive.Sleeping, aliveSleeping)
	}
	return e.le(id, e.rec, e.recOK, e.sleepBound)
}

func (e *evaluator) goneCmp(id check) kleene {
	if e.byAlive {
		return e.aliveCmp(id, segment.Less, e.cfg.Alive.Lost, aliveLost)
	}
	return e.gt(id, e.rec, e.recOK, e.lim.lostDays)
}

// notGoneCmp is not goneCmp.
func (e *evaluator) notGoneCmp(id check) kleene {
	if e.byAlive {
		return e.aliveCmp(id, segment.GreaterEq, e.cfg.Alive.Lost, aliveLost)
	}
	return e.le(id, e.rec, e.recOK, e.lim.lostDays)
}

// aliveCmp compares P(alive) with a threshold (op is Less or GreaterEq).
func (e *evaluator) aliveCmp(id check, op segment.Op, t float64, which uint8) kleene {
	holds := e.alive < t
	if op == segment.GreaterEq {
		holds = !holds
	}
	k := truthOf(e.aliveOK, holds)
	if e.log != nil {
		e.log[id] = entry{v: e.alive, t: t, op: op, truth: k.rule(), set: true, alive: which}
	}
	return k
}

// aliveReason names P(alive) and its setting in the reason of a comparison
// made on it; the rules that are recency rules by days ("sleeping.recency",
// "lost.recency") become "sleeping.p_alive" and "lost.p_alive".
func aliveReason(r *segment.Reason, which uint8) {
	r.Field, r.FieldEN, r.FieldRU = "p_alive", "P(alive)", "P(alive), вероятность, что клиент активен"
	if base, ok := strings.CutSuffix(r.Rule, ".recency"); ok {
		r.Rule = base + ".p_alive"
	}
	r.Setting = "alive.sleeping"
	if which == aliveLost {
		r.Setting = "alive.lost"
	}
}

// checkAlive reports the P(alive) thresholds out of range or out of order.
func (k *checker) checkAlive(c Config) {
	a := c.Alive
	bad := false
	for _, s := range []struct {
		name string
		v    float64
	}{{"alive.sleeping", a.Sleeping}, {"alive.lost", a.Lost}} {
		probe := Defaults().Alive
		if s.name == "alive.sleeping" {
			probe.Sleeping = s.v
		} else {
			probe.Lost = s.v
		}
		var fe *segment.FieldError
		if err := segment.CheckRanges("behavior config", probe); errors.As(err, &fe) {
			bad = true
			k.addErr(Invalid, s.name, fe.Value, nil, fe.Err)
		}
	}
	if !bad && a.Lost >= a.Sleeping {
		k.add(Invalid, "alive.lost", formatFloat(a.Lost), []Type{Sleeping}, []string{"alive.sleeping=" + formatFloat(a.Sleeping)},
			"must be below alive.sleeping (%s): a customer would be lost before ever sleeping", formatFloat(a.Sleeping))
	}
}

func formatFloat(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }
