package perception_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/clientele-go/clientele/perception"
	"github.com/clientele-go/clientele/segment"
)

func TestChannelText(t *testing.T) {
	want := []string{"unknown", "visual", "auditory", "kinesthetic"}
	var got []string
	for _, c := range append([]perception.Channel{perception.Unknown}, perception.Channels.Values()...) {
		got = append(got, c.String())
		b, err := c.MarshalText()
		require.NoError(t, err)
		for _, text := range []string{string(b), strings.ToUpper(string(b)), c.Title(segment.English), c.Title(segment.Russian)} {
			var back perception.Channel
			if err := back.UnmarshalText([]byte(text)); err != nil || back != c {
				t.Errorf("UnmarshalText(%q) = %s, %v; want %s", text, back, err, c)
			}
		}
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("names (-want +got):\n%s", diff)
	}
	if got := perception.Kinesthetic.Title(segment.Russian); got != "Кинестетик" {
		t.Errorf("Russian title = %q", got)
	}
	if got := perception.Channel(7).String(); got != "Channel(7)" {
		t.Errorf("out of range String = %q", got)
	}
	if _, err := perception.Channel(7).MarshalText(); err == nil {
		t.Error("MarshalText accepted an out-of-range channel")
	}
	var c perception.Channel
	if err := c.UnmarshalText([]byte("olfactory")); err == nil {
		t.Error(`UnmarshalText("olfactory") succeeded`)
	}
}

func TestResultJSON(t *testing.T) {
	c := mustNew(t, nil)
	p := recipes[perception.Auditory]
	r := c.Classify(&p)
	b, err := json.Marshal(r)
	require.NoError(t, err)
	var back segment.Result[perception.Channel]
	require.NoError(t, json.Unmarshal(b, &back))
	if diff := cmp.Diff(r, back); diff != "" {
		t.Errorf("result JSON round trip (-want +got):\n%s\n%s", diff, b)
	}
}

func TestAdvice(t *testing.T) {
	for _, c := range append([]perception.Channel{perception.Unknown}, perception.Channels.Values()...) {
		a := c.Advice()
		if a.Text(segment.English) == "" || a.Text(segment.Russian) == "" {
			t.Errorf("%s: summary missing in a language", c)
		}
		if len(a.Formats) < 3 {
			t.Errorf("%s: %d formats, want at least three", c, len(a.Formats))
		}
		names := map[string]bool{}
		for _, f := range a.Formats {
			if f.Name == "" || f.Name != strings.ToLower(f.Name) || strings.Contains(f.Name, " ") {
				t.Errorf("%s: format name %q is not an identifier", c, f.Name)
			}
			if f.Title(segment.English) == "" || f.Title(segment.Russian) == "" {
				t.Errorf("%s: format %s lacks a title", c, f.Name)
			}
			if names[f.Name] {
				t.Errorf("%s: format %s twice", c, f.Name)
			}
			names[f.Name] = true
		}
		if (a.Avoid(segment.English) == "") != (a.Avoid(segment.Russian) == "") {
			t.Errorf("%s: avoid text in one language only", c)
		}
	}
	if got := perception.Visual.Advice().Avoid(segment.English); !strings.Contains(got, "Long texts") {
		t.Errorf("visual advice does not warn against long texts: %q", got)
	}
	if a := perception.Channel(9).Advice(); a.EN != "" || a.Formats != nil {
		t.Errorf("out of range has advice: %+v", a)
	}
	a := perception.Kinesthetic.Advice()
	a.Formats[0].Name = "changed"
	if again := perception.Kinesthetic.Advice(); again.Formats[0].Name != "demonstration" {
		t.Errorf("changing a returned format changed the table: %s", again.Formats[0].Name)
	}
}

func TestExplain(t *testing.T) {
	c := mustNew(t, nil)
	p := recipes[perception.Kinesthetic]
	ex := c.Explain(&p)
	if diff := cmp.Diff(c.Classify(&p), ex.Result); diff != "" {
		t.Errorf("Explain and Classify disagree (-classify +explain):\n%s", diff)
	}
	var held []string
	for _, r := range ex.Reasons {
		if r.Held {
			held = append(held, r.Rule)
		}
	}
	want := []string{"visual.video_views", "kinesthetic.store_visits", "kinesthetic.samples", "kinesthetic.tastings",
		"kinesthetic.share", "engagements", "margin"}
	if diff := cmp.Diff(want, held); diff != "" {
		t.Errorf("held rules (-want +got):\n%s", diff)
	}
	if len(ex.Reasons) != 16 {
		t.Errorf("%d reasons, want 10 formats, 3 shares, engagements, margin, secondary", len(ex.Reasons))
	}
	var lines []string
	for _, r := range ex.Reasons[len(ex.Reasons)-3:] {
		lines = append(lines, r.Text(segment.Russian))
	}
	wantLines := []string{
		"engagements: взаимодействий по всем каналам = 11 >= 5 (min_engagements) — да",
		"kinesthetic: отрыв от доли визуального канала = 0.777778 >= 0.25 (clear_margin) — да",
		"visual: доля визуальных взаимодействий = 0.111111 >= 0.25 (secondary_share) — нет",
	}
	if diff := cmp.Diff(wantLines, lines); diff != "" {
		t.Errorf("Russian text (-want +got):\n%s", diff)
	}
}
