package rule

// Truth is the value of a condition for one customer in three-valued
// (Kleene) logic. Unknown is the zero value on purpose: a condition that
// was never evaluated, or that depends on a signal nobody recorded, has not
// been shown true or false.
type Truth uint8

// The truth values.
const (
	Unknown Truth = iota // the inputs needed to decide are unknown
	False
	True
)

var truthNames = [...]string{"unknown", "false", "true"}

// String returns "unknown", "false" or "true".
func (t Truth) String() string {
	if int(t) < len(truthNames) {
		return truthNames[t]
	}
	return "Truth(?)"
}

// Not returns the negation: True and False swap, Unknown stays Unknown
// (not knowing whether a customer bought within 90 days is also not knowing
// whether they did not).
func (t Truth) Not() Truth {
	switch t {
	case True:
		return False
	case False:
		return True
	}
	return Unknown
}

// And returns the Kleene conjunction: False if either is False, else
// Unknown if either is Unknown, else True.
func And(a, b Truth) Truth { return andTable[(a&3)<<2|b&3] }

// Or returns the Kleene disjunction: True if either is True, else Unknown
// if either is Unknown, else False.
func Or(a, b Truth) Truth { return orTable[(a&3)<<2|b&3] }

// The tables of And and Or, indexed by a<<2 | b: lookups without branches,
// for the hot paths that combine many truths. Values out of range (3) are
// treated as Unknown.
var (
	andTable = [16]Truth{
		Unknown, False, Unknown, Unknown, // a Unknown
		False, False, False, False, // a False
		Unknown, False, True, Unknown, // a True
		Unknown, False, Unknown, Unknown, // out of range
	}
	orTable = [16]Truth{
		Unknown, Unknown, True, Unknown,
		Unknown, False, True, Unknown,
		True, True, True, True,
		Unknown, Unknown, True, Unknown,
	}
)

// Of returns True for true and False for false.
func Of(b bool) Truth {
	if b {
		return True
	}
	return False
}
