package segment_test

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/clientele-go/clientele/segment"
)

// tier is a small label type built the way every typology builds its own.
type tier uint8

const (
	tierUnknown tier = iota
	tierBronze
	tierGold
)

var tiers = segment.NewEnum[tier]("tier",
	segment.LabelInfo{Name: "unknown", EN: "Unknown", RU: "Неизвестно"},
	segment.LabelInfo{Name: "bronze", EN: "Bronze", RU: "Бронзовый"},
	segment.LabelInfo{Name: "gold", EN: "Gold customer", RU: "Золотой клиент"},
)

func (t tier) String() string                 { return tiers.Name(t) }
func (t tier) Title(lang segment.Lang) string { return tiers.Title(t, lang) }
func (t tier) MarshalText() ([]byte, error)   { return tiers.MarshalText(t) }
func (t *tier) UnmarshalText(b []byte) error  { return tiers.UnmarshalText(t, b) }

func TestEnumConventions(t *testing.T) {
	if got := tier(7).String(); got != "Tier(7)" {
		t.Errorf("out-of-range String = %q, want the fallback Tier(7)", got)
	}
	if _, err := tier(7).MarshalText(); !errors.Is(err, segment.ErrRange) {
		t.Errorf("out-of-range MarshalText must fail with ErrRange, got %v", err)
	}
	for _, in := range []string{"gold", "GOLD", " Gold ", "gold customer", "Золотой клиент", "ЗОЛОТОЙ КЛИЕНТ"} {
		var got tier
		if err := got.UnmarshalText([]byte(in)); err != nil || got != tierGold {
			t.Errorf("UnmarshalText(%q) = %v, %v; want gold", in, got, err)
		}
	}
	var bad tier
	err := bad.UnmarshalText([]byte("platinum"))
	var fe *segment.FieldError
	if !errors.As(err, &fe) || fe.Field != "tier" || fe.Value != "platinum" {
		t.Errorf("unknown label error = %v; want a FieldError naming tier and the value", err)
	}
	if got := tierGold.Title(segment.Russian); got != "Золотой клиент" {
		t.Errorf("Russian title = %q", got)
	}
	if diff := cmp.Diff([]tier{tierBronze, tierGold}, tiers.Values()); diff != "" {
		t.Errorf("Values (-want +got):\n%s", diff)
	}
}

func TestNewEnumRejectsMistakes(t *testing.T) {
	for name, labels := range map[string][]segment.LabelInfo{
		"empty":      nil,
		"upper case": {{Name: "Unknown"}},
		"duplicate":  {{Name: "unknown"}, {Name: "a", EN: "X"}, {Name: "b", EN: "x"}},
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s: NewEnum did not panic", name)
				}
			}()
			segment.NewEnum[tier]("tier", labels...)
		}()
	}
}

func TestResultJSONRoundTrip(t *testing.T) {
	r := segment.Result[tier]{Primary: tierGold, Secondary: tierBronze, Confidence: 0.75}
	r.Scores[tierGold], r.Scores[tierBronze] = 0.9, 0.4
	r.Tags = r.Tags.With(tierGold).With(tierBronze)
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"label":"gold","secondary":"bronze","tags":["bronze","gold"],"scores":{"bronze":0.4,"gold":0.9},"confidence":0.75}`
	if string(b) != want {
		t.Errorf("JSON = %s\nwant   %s", b, want)
	}
	var back segment.Result[tier]
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if back != r {
		t.Errorf("round trip: got %+v, want %+v", back, r)
	}
	if err := json.Unmarshal([]byte(`{"label":"platinum"}`), &back); err == nil {
		t.Error("an unknown label must not decode")
	}
}

func TestLangAndOp(t *testing.T) {
	for in, want := range map[string]segment.Lang{"en": segment.English, "RU": segment.Russian, "ru-RU": segment.Russian, "english": segment.English} {
		if got, err := segment.ParseLang(in); err != nil || got != want {
			t.Errorf("ParseLang(%q) = %v, %v", in, got, err)
		}
	}
	if _, err := segment.ParseLang("fr"); err == nil {
		t.Error(`ParseLang("fr") must fail`)
	}
	for in, want := range map[string]segment.Op{"ge": segment.GreaterEq, ">=": segment.GreaterEq, "LT": segment.Less, "=": segment.Equal, "!=": segment.NotEqual} {
		if got, err := segment.ParseOp(in); err != nil || got != want {
			t.Errorf("ParseOp(%q) = %v, %v", in, got, err)
		}
	}
	if _, err := segment.ParseOp("~"); err == nil {
		t.Error(`ParseOp("~") must fail`)
	}
	if !segment.Greater.Holds(91, 90) || segment.Greater.Holds(90, 90) || !segment.GreaterEq.Holds(90, 90) {
		t.Error("Greater/GreaterEq boundaries wrong")
	}
}
