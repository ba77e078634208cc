package disc_test

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/clientele-go/clientele/disc"
	"github.com/clientele-go/clientele/segment"
)

func TestParseStyle(t *testing.T) {
	for text, want := range map[string]disc.Style{
		"D": disc.Dominant, "i": disc.Influential, " s ": disc.Steady, "c": disc.Conscientious,
		"dominant": disc.Dominant, "Influential": disc.Influential, "УСТОЙЧИВЫЙ": disc.Steady,
		"Аккуратный": disc.Conscientious, "unknown": disc.Unknown, "Не определён": disc.Unknown,
	} {
		got, err := disc.ParseStyle(text)
		if err != nil || got != want {
			t.Errorf("ParseStyle(%q) = %v, %v; want %v", text, got, err, want)
		}
	}
	for _, text := range []string{"", "?", "x", "DI", "d!", "Д"} {
		_, err := disc.ParseStyle(text)
		var fe *segment.FieldError
		if !errors.As(err, &fe) || fe.Value != text {
			t.Errorf("ParseStyle(%q): error %v, want a FieldError naming the text", text, err)
		}
	}
}

func TestStyleText(t *testing.T) {
	type row struct{ Style disc.Style }
	for _, s := range disc.Styles.Values() {
		b, err := json.Marshal(row{s})
		require.NoError(t, err)
		var back row
		require.NoError(t, json.Unmarshal(b, &back))
		if back.Style != s {
			t.Errorf("%s: JSON round trip gives %v (%s)", s, back.Style, b)
		}
		if len(s.Letter()) != 1 || s.Title(segment.Russian) == s.Title(segment.English) {
			t.Errorf("%s: letter %q, titles %q / %q", s, s.Letter(), s.Title(segment.English), s.Title(segment.Russian))
		}
	}
	var letters string
	for _, s := range disc.Styles.Values() {
		letters += s.Letter()
	}
	if letters != "DISC" {
		t.Errorf("letters in order = %q, want DISC", letters)
	}
	bad := disc.Style(9)
	if bad.String() != "Style(9)" || bad.Letter() != "" || disc.Unknown.Letter() != "" {
		t.Errorf("out of range: %q %q", bad.String(), bad.Letter())
	}
	if _, err := bad.MarshalText(); err == nil {
		t.Error("an out-of-range style marshals")
	}
}

func TestTraits(t *testing.T) {
	for _, s := range disc.Styles.Values() {
		tr := s.Traits()
		for name, text := range map[string]disc.Text{"values": tr.Values, "service": tr.Service,
			"loyal when": tr.LoyalWhen, "behaviour": tr.Behaviour, "approach": tr.Approach} {
			if text.EN == "" || text.RU == "" {
				t.Errorf("%s: %s is %+v; want both languages", s, name, text)
			}
		}
	}
	if diff := cmp.Diff(disc.Traits{}, disc.Unknown.Traits()); diff != "" {
		t.Errorf("Unknown has traits (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(disc.Traits{}, disc.Style(200).Traits()); diff != "" {
		t.Errorf("out of range has traits (-want +got):\n%s", diff)
	}
	// The article's words, where the strategy layer will look for them.
	if got := disc.Steady.Traits().Behaviour.In(segment.Russian); got != "терпеливое, консервативное" {
		t.Errorf("steady behaviour in Russian = %q", got)
	}
}

func TestTextFallsBack(t *testing.T) {
	for _, tc := range []struct {
		text disc.Text
		lang segment.Lang
		want string
	}{
		{disc.Text{EN: "a", RU: "б"}, segment.English, "a"},
		{disc.Text{EN: "a", RU: "б"}, segment.Russian, "б"},
		{disc.Text{EN: "a"}, segment.Russian, "a"},
		{disc.Text{RU: "б"}, segment.English, "б"},
		{disc.Text{}, segment.Russian, ""},
	} {
		if got := tc.text.In(tc.lang); got != tc.want {
			t.Errorf("%+v.In(%s) = %q, want %q", tc.text, tc.lang, got, tc.want)
		}
	}
}
