package behavior

import (
	"errors"
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/rule"
)

// Severity says whether an [Issue] makes a configuration unusable.
type Severity uint8

// The severities. The zero value is not a severity, so an Issue built by
// hand without one is noticed.
const (
	// Invalid: the setting is out of range or contradicts another; [New]
	// refuses the configuration.
	Invalid Severity = iota + 1
	// Warning: the configuration works, but some type will never be
	// assigned, or never be primary. Deliberate choices (a disabled type)
	// are reported too, so that nothing is unreachable by accident.
	Warning
)

// String returns "invalid" or "warning".
func (s Severity) String() string {
	switch s {
	case Invalid:
		return "invalid"
	case Warning:
		return "warning"
	}
	return "Severity(" + strconv.Itoa(int(s)) + ")"
}

// MarshalText implements [encoding.TextMarshaler].
func (s Severity) MarshalText() ([]byte, error) {
	if s != Invalid && s != Warning {
		return nil, fmt.Errorf("behavior: invalid severity %d", uint8(s))
	}
	return []byte(s.String()), nil
}

// Issue is one finding of [Config.Check].
type Issue struct {
	Severity Severity `json:"severity"`
	// Field is the setting at fault by its JSON path: "lost_days",
	// "priority[3]", "require.gold.all[1].value".
	Field string `json:"field"`
	Value string `json:"value"` // its value as text
	// Related are the other settings involved, as "name=value".
	Related []string `json:"related,omitempty"`
	// Labels are the types the issue makes never assigned or never
	// primary.
	Labels  []Type `json:"labels,omitempty"`
	Problem string `json:"problem"` // what is wrong, in English
	cause   error  // the sentinel behind Problem, when there is one
}

// Err returns the issue as an error: a [*segment.FieldError] naming the
// field and value, with the "behavior: " prefix.
func (i Issue) Err() error {
	cause := i.cause
	if cause == nil {
		cause = errors.New(i.Problem)
	}
	return fmt.Errorf("behavior: %w", &segment.FieldError{Record: "behavior config", Field: i.Field, Value: i.Value, Err: cause})
}

// String reads like the error, preceded by the severity.
func (i Issue) String() string { return i.Severity.String() + ": " + i.Err().Error() }

// checker collects issues.
type checker struct {
	issues []Issue
	bad    map[string]bool // settings already reported invalid
}

func (k *checker) add(sev Severity, field, value string, labels []Type, related []string, format string, args ...any) {
	k.issues = append(k.issues, Issue{Severity: sev, Field: field, Value: value, Related: related, Labels: labels,
		Problem: fmt.Sprintf(format, args...)})
}

func (k *checker) addErr(sev Severity, field, value string, labels []Type, cause error) {
	k.issues = append(k.issues, Issue{Severity: sev, Field: field, Value: value, Labels: labels, Problem: cause.Error(), cause: cause})
}

// Check returns every finding about c, in a stable order: settings out of
// range; thresholds that contradict each other; priority and disabled
// lists that name a type twice, name no type, or leave types out; extra
// conditions that do not compile or can never hold; and types that can
// never be primary under the priority because a type ranked above always
// applies with them. Zero fields are checked as their defaults. The
// default configuration has no findings.
//
// What Check decides is decidable from the configuration alone: it does
// not see the customer base (a top share may be empty in a given base) nor
// Go predicates added with [Require] (a predicate on a type ranked above
// can make a type reported as never primary reachable).
func (c Config) Check() []Issue {
	c = c.withDefaults()
	k := &checker{bad: map[string]bool{}}
	k.ranges(c)
	k.checkAlive(c)
	k.order(c)
	enabled := k.lists(c)
	k.requirements(c, enabled)
	k.shadows(c, enabled)
	return k.issues
}

// ranges reports every setting outside its range tag. segment.CheckRanges
// stops at the first; probing each field on its own in an otherwise
// default configuration finds them all.
func (k *checker) ranges(c Config) {
	v := reflect.ValueOf(c)
	t := v.Type()
	for i := 0; i < t.NumField(); i++ {
		if t.Field(i).Tag.Get("range") == "" {
			continue
		}
		probe := Defaults()
		reflect.ValueOf(&probe).Elem().Field(i).Set(v.Field(i))
		err := segment.CheckRanges("behavior config", probe)
		var fe *segment.FieldError
		if errors.As(err, &fe) {
			k.bad[fe.Field] = true
			k.addErr(Invalid, fe.Field, fe.Value, nil, fe.Err)
		}
	}
}

// order reports thresholds that contradict each other. A "recent" window
// (new_days, hot_inquiry_days) longer than lost_days would make a customer
// recent and lost at once: invalid. Longer than sleeping_days it makes them
// recent and sleeping at once, which the priority resolves: a warning.
func (k *checker) order(c Config) {
	type setting struct {
		name  string
		value int
	}
	pair := func(sev Severity, a, b setting, ok bool, labels []Type, why string) {
		if ok || k.bad[a.name] || k.bad[b.name] {
			return
		}
		k.add(sev, a.name, strconv.Itoa(a.value), labels, []string{b.name + "=" + strconv.Itoa(b.value)}, "%s", why)
	}
	lost, sleeping := setting{"lost_days", c.LostDays}, setting{"sleeping_days", c.SleepingDays}
	newDays, hot := setting{"new_days", c.NewDays}, setting{"hot_inquiry_days", c.HotInquiryDays}
	pair(Invalid, lost, sleeping, c.LostDays > c.SleepingDays, []Type{Sleeping},
		fmt.Sprintf("must be greater than sleeping_days (%d): a customer would be lost before ever sleeping", c.SleepingDays))
	for _, w := range []struct {
		s    setting
		what string
	}{{newDays, "a customer whose only purchase is still new"}, {hot, "a customer whose inquiry is still hot"}} {
		if w.s.value > c.LostDays {
			pair(Invalid, w.s, lost, false, nil,
				fmt.Sprintf("must not exceed lost_days (%d): %s would already be lost", c.LostDays, w.what))
			continue
		}
		pair(Warning, w.s, sleeping, w.s.value <= c.SleepingDays, nil,
			fmt.Sprintf("exceeds sleeping_days (%d): %s would already be sleeping", c.SleepingDays, w.what))
	}
}

// lists checks Priority and Disabled and returns the types that can be
// assigned.
func (k *checker) lists(c Config) segment.Set[Type] {
	var listed, disabled segment.Set[Type]
	for i, t := range c.Priority {
		field := fmt.Sprintf("priority[%d]", i)
		switch {
		case t == Unknown || !Types.Valid(t):
			k.add(Invalid, field, t.String(), nil, nil, "not a type")
		case listed.Has(t):
			k.add(Invalid, field, t.String(), nil, nil, "%s is listed twice", t)
		default:
			listed = listed.With(t)
		}
	}
	for i, t := range c.Disabled {
		field := fmt.Sprintf("disabled[%d]", i)
		switch {
		case t == Unknown || !Types.Valid(t):
			k.add(Invalid, field, t.String(), nil, nil, "not a type")
		case disabled.Has(t):
			k.add(Warning, field, t.String(), nil, nil, "%s is disabled twice", t)
		default:
			disabled = disabled.With(t)
			k.add(Warning, field, t.String(), []Type{t}, nil, "%s is disabled and will never be assigned", t)
		}
	}
	// A risk flag listed before a type does not outrank it: say so.
	lastType := -1
	for i, t := range c.Priority {
		if Types.Valid(t) && t != Unknown && !t.IsRisk() && !disabled.Has(t) {
			lastType = i
		}
	}
	for i, t := range c.Priority[:max(lastType, 0)] {
		if t.IsRisk() && !disabled.Has(t) {
			k.add(Warning, fmt.Sprintf("priority[%d]", i), t.String(), nil, nil,
				"risk flag %s is listed before %s, but risk flags rank after every other type", t, c.Priority[lastType])
		}
	}
	var enabled segment.Set[Type]
	for _, t := range Types.Values() {
		switch {
		case disabled.Has(t):
		case !listed.Has(t):
			k.add(Warning, "priority", t.String(), []Type{t}, nil,
				"%s is not in the priority list and will never be assigned; list it, or disable it to say so", t)
		default:
			enabled = enabled.With(t)
		}
	}
	return enabled
}

// requirements compiles every extra condition.
func (k *checker) requirements(c Config, enabled segment.Set[Type]) {
	for _, t := range sortedTypes(c.Require) {
		field := "require." + t.String()
		if t == Unknown || !Types.Valid(t) {
			k.add(Invalid, "require", t.String(), nil, nil, "not a type")
			continue
		}
		r, err := rule.Compile(c.Require[t])
		if err != nil {
			var fe *segment.FieldError
			if errors.As(requireError(t, err), &fe) {
				k.addErr(Invalid, fe.Field, fe.Value, nil, fe.Err)
			}
			continue
		}
		switch {
		case r.NeverHolds():
			k.add(Invalid, field, r.String(), []Type{t}, nil, "the condition can never hold, so %s would never be assigned", t)
		case !enabled.Has(t):
			k.add(Warning, field, r.String(), nil, nil, "%s is never assigned, so its condition has no effect", t)
		}
	}
}

// shadows reports types that can never be primary because, whenever
// their rule holds, the rule of a type ranked above holds too. The
// implications are the ones built into the rules: a Fan is a Regular
// customer; an UnderClient is Sleeping or Lost; and when NewDays is not
// below SleepingDays, a OneTime buyer is an UnderClient and Sleeping or
// Lost. An implied type with an extra condition may not hold, so it
// shadows nothing. Risk flags are primary only when no type applies, so
// they are not reported.
func (k *checker) shadows(c Config, enabled segment.Set[Type]) {
	rank := map[Type]int{}
	for i, t := range c.Priority {
		if _, seen := rank[t]; !seen {
			rank[t] = i
		}
	}
	above := func(a, b Type) bool { // a applies unconditionally and outranks b
		_, extra := c.Require[a]
		return enabled.Has(a) && !extra && rank[a] < rank[b]
	}
	report := func(t Type, by ...Type) {
		names := make([]string, len(by))
		for i, b := range by {
			names[i] = b.String()
		}
		k.add(Warning, "priority", t.String(), []Type{t}, nil,
			"%s can never be primary: whenever it applies, so does %s, which ranks above it", t, strings.Join(names, " or "))
	}
	if enabled.Has(Fan) && above(Regular, Fan) {
		report(Fan, Regular)
	}
	if enabled.Has(UnderClient) && above(Sleeping, UnderClient) && above(Lost, UnderClient) {
		report(UnderClient, Sleeping, Lost)
	}
	if enabled.Has(OneTime) && c.NewDays >= c.SleepingDays {
		switch {
		case above(UnderClient, OneTime):
			report(OneTime, UnderClient)
		case above(Sleeping, OneTime) && above(Lost, OneTime):
			report(OneTime, Sleeping, Lost)
		}
	}
}

func sortedTypes(r Requirements) []Type { return slices.Sorted(maps.Keys(r)) }
