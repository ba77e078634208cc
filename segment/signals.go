package segment

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
)

// Signals are what a CRM records about a customer besides orders. Every
// signal is optional: an unknown signal lowers a classifier's confidence, it
// never counts as evidence of the opposite. Counts are totals up to the
// profile's as-of date; dates are the most recent event.
//
// Signals describe the customer as the CRM knows them now; a [Ledger]
// attaches them as given to a profile for any as-of date. An event dated
// after a profile's as-of date had not happened yet as of that date, so
// [Profile.DaysSince] treats it as unknown.
//
// The JSON names are the field names used by rules, explanations and the
// signals CSV columns (see [Fields]).
type Signals struct {
	// Interest and contact.
	Inquiries   Opt[int]  `json:"inquiries,omitzero"`    // questions asked (calls, chat, forms)
	LastInquiry Opt[Date] `json:"last_inquiry,omitzero"` // day of the latest inquiry
	SiteVisits  Opt[int]  `json:"site_visits,omitzero"`  // visits to the site or app
	Subscribed  Opt[bool] `json:"subscribed,omitzero"`   // subscribed to news or a channel

	// Voice of the customer.
	PositiveReviews    Opt[int]  `json:"positive_reviews,omitzero"`
	NegativeReviews    Opt[int]  `json:"negative_reviews,omitzero"`
	LastNegativeReview Opt[Date] `json:"last_negative_review,omitzero"`
	Complaints         Opt[int]  `json:"complaints,omitzero"`
	LastComplaint      Opt[Date] `json:"last_complaint,omitzero"`
	Referrals          Opt[int]  `json:"referrals,omitzero"`    // customers they brought
	SocialPosts        Opt[int]  `json:"social_posts,omitzero"` // posts or shares about the brand

	// Involvement in the company's life.
	CoCreation Opt[int]  `json:"co_creation,omitzero"` // co-creation sessions, beta tests
	Ambassador Opt[bool] `json:"ambassador,omitzero"`  // in an ambassador programme

	// Engagement by content format (views, plays or attendances).
	VideoViews    Opt[int] `json:"video_views,omitzero"`
	ImageViews    Opt[int] `json:"image_views,omitzero"` // photo galleries, presentations, design pages
	LongReads     Opt[int] `json:"long_reads,omitzero"`  // articles, spec sheets, manuals
	AudioPlays    Opt[int] `json:"audio_plays,omitzero"` // podcasts, audio guides
	Calls         Opt[int] `json:"calls,omitzero"`       // phone or voice consultations
	Webinars      Opt[int] `json:"webinars,omitzero"`
	StoreVisits   Opt[int] `json:"store_visits,omitzero"`
	Samples       Opt[int] `json:"samples,omitzero"`
	Tastings      Opt[int] `json:"tastings,omitzero"`
	TestDrives    Opt[int] `json:"test_drives,omitzero"`
	MasterClasses Opt[int] `json:"master_classes,omitzero"`

	// How they decide.
	ComparisonsViewed Opt[int]     `json:"comparisons_viewed,omitzero"` // comparison tables, side-by-side views
	DaysToPurchase    Opt[float64] `json:"days_to_purchase,omitzero"`   // mean days from first view to purchase
	ImpulsePurchases  Opt[int]     `json:"impulse_purchases,omitzero"`  // purchases with no prior research

	// Loyalty programme and service.
	LoyaltyMember   Opt[bool]    `json:"loyalty_member,omitzero"`
	BonusEarned     Opt[float64] `json:"bonus_earned,omitzero"`
	BonusRedeemed   Opt[float64] `json:"bonus_redeemed,omitzero"`
	ServiceRequests Opt[int]     `json:"service_requests,omitzero"` // asks for personal service by name
	SupportRequests Opt[int]     `json:"support_requests,omitzero"` // support tickets, demands, escalations

	// Who they are.
	DistanceKm      Opt[float64] `json:"distance_km,omitzero"`      // to the nearest store
	Courses         Opt[int]     `json:"courses,omitzero"`          // courses or training sessions attended
	ExperienceYears Opt[float64] `json:"experience_years,omitzero"` // in the field the shop serves
	B2B             Opt[bool]    `json:"b2b,omitzero"`              // buys for a business

	// Marked by staff.
	Churned  Opt[bool] `json:"churned,omitzero"`   // marked as having left
	NeedGone Opt[bool] `json:"need_gone,omitzero"` // the need itself is gone (moved away, product no longer needed)
}

// signalSetters maps each signal's JSON name to a function that parses text
// into it; built once by reflection over the struct tags, so adding a
// signal is one line in the struct.
var signalSetters = func() map[string]func(s *Signals, text string) error {
	m := make(map[string]func(*Signals, string) error)
	t := reflect.TypeOf(Signals{})
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		idx := i
		m[name] = func(s *Signals, text string) error {
			u := reflect.ValueOf(s).Elem().Field(idx).Addr().Interface().(json.Unmarshaler)
			return u.UnmarshalJSON(signalJSON(text, f.Type))
		}
	}
	return m
}()

// signalJSON turns CSV text into the JSON the Opt's decoder reads: empty is
// null (unknown), dates are quoted, booleans accept 1/0 and yes/no.
func signalJSON(text string, t reflect.Type) []byte {
	text = strings.TrimSpace(text)
	if text == "" {
		return []byte("null")
	}
	switch t {
	case reflect.TypeOf(Opt[Date]{}):
		return []byte(strconv.Quote(text))
	case reflect.TypeOf(Opt[bool]{}):
		switch strings.ToLower(text) {
		case "1", "yes", "y", "true", "t":
			return []byte("true")
		case "0", "no", "n", "false", "f":
			return []byte("false")
		}
	}
	return []byte(text)
}

// SignalNames returns the names of all signals, as accepted by
// [Signals.Set], in declaration order. The slice is the caller's.
func SignalNames() []string { return slices.Clone(signalNames) }

// signalNames and signalIndex are computed once: Set runs per CSV cell.
var signalNames = func() []string {
	t := reflect.TypeOf(Signals{})
	out := make([]string, t.NumField())
	for i := range out {
		out[i], _, _ = strings.Cut(t.Field(i).Tag.Get("json"), ",")
	}
	return out
}()

var signalIndex = func() map[string]int {
	m := make(map[string]int, len(signalNames))
	for i, n := range signalNames {
		m[n] = i
	}
	return m
}()

// Set parses text into the signal called name (its JSON name). Empty text
// sets the signal to unknown. Booleans accept true/false, 1/0 and yes/no;
// dates take the forms [ParseDate] accepts. Errors are [*FieldError]s
// naming the signal and the text.
func (s *Signals) Set(name, text string) error {
	set, ok := signalSetters[name]
	if !ok {
		return &FieldError{Field: "signal", Value: name, Err: errors.New("unknown signal")}
	}
	if err := set(s, text); err != nil {
		var je *json.UnmarshalTypeError
		var se *json.SyntaxError
		switch {
		case errors.As(err, &je):
			err = fmt.Errorf("want a %s", je.Type)
		case errors.As(err, &se):
			err = errors.New("not a value of the signal's type")
		}
		return &FieldError{Field: name, Value: text, Err: err}
	}
	i := signalIndex[name]
	if err := checkSignal(reflect.ValueOf(s).Elem().Field(i).Interface()); err != nil {
		_ = set(s, "")
		return &FieldError{Field: name, Value: text, Err: err}
	}
	return nil
}
