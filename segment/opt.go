package segment

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// Opt is an optional value: either known (made with [Some]) or unknown (the
// zero Opt). Signals a CRM may or may not record are Opts, so that "we do not
// know" is never mistaken for "zero": a customer whose referrals are unknown
// is not a customer who never referred anyone.
//
// Opt is a plain comparable value: no pointers, no allocation. In JSON an
// unknown Opt is null (or, with the omitzero tag option, absent), and null or
// absent decodes to unknown.
type Opt[T comparable] struct {
	v  T
	ok bool
}

// Some returns a known Opt holding v.
func Some[T comparable](v T) Opt[T] { return Opt[T]{v: v, ok: true} }

// Get returns the value and whether it is known.
func (o Opt[T]) Get() (T, bool) { return o.v, o.ok }

// Known reports whether the value is known.
func (o Opt[T]) Known() bool { return o.ok }

// Or returns the value if known, else def.
func (o Opt[T]) Or(def T) T {
	if o.ok {
		return o.v
	}
	return def
}

// IsZero reports whether o is unknown; it lets encoding/json's omitzero
// option leave unknown values out.
func (o Opt[T]) IsZero() bool { return !o.ok }

// Equal reports whether o and p are both unknown, or both known and equal.
// (go-cmp uses it, so profiles compare with cmp.Diff without options.)
func (o Opt[T]) Equal(p Opt[T]) bool { return o.ok == p.ok && (!o.ok || o.v == p.v) }

// String returns "unknown" or the value formatted with %v.
func (o Opt[T]) String() string {
	if !o.ok {
		return "unknown"
	}
	return fmt.Sprint(o.v)
}

// MarshalJSON encodes an unknown Opt as null and a known one as its value.
func (o Opt[T]) MarshalJSON() ([]byte, error) {
	if !o.ok {
		return []byte("null"), nil
	}
	return json.Marshal(o.v)
}

// UnmarshalJSON decodes null as unknown and anything else as a known value.
func (o *Opt[T]) UnmarshalJSON(b []byte) error {
	if bytes.Equal(bytes.TrimSpace(b), []byte("null")) {
		*o = Opt[T]{}
		return nil
	}
	var v T
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	*o = Some(v)
	return nil
}
