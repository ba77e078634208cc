package main

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	"github.com/clientele-go/clientele/ladder"
	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/behavior"
	"github.com/clientele-go/clientele/strategy"
)

// The customer in run has five purchases at most 180 days apart, the last
// 33 days ago, two positive reviews and a referral: a regular customer
// who recommends the shop. Whatever the classifiers come from, that is a
// fan on the behavioural side and an advocate on the ladder, and the
// playbook must rank at least one action from the catalogue.
func TestRun(t *testing.T) {
	for _, tc := range []struct {
		name   string
		lang   segment.Lang
		noBase bool
	}{
		{"sample base, English", segment.English, false},
		{"sample base, Russian", segment.Russian, false},
		{"hand-set cuts, English", segment.English, true},
		{"hand-set cuts, Russian", segment.Russian, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var out bytes.Buffer
			if err := run(&out, tc.lang, tc.noBase); err != nil {
				t.Fatal(err)
			}
			text := out.String()
			for _, want := range []string{
				behavior.Types.Title(behavior.Fan, tc.lang),
				ladder.Rungs.Title(ladder.Advocate, tc.lang),
			} {
				if !strings.Contains(text, want) {
					t.Errorf("output does not name %q:\n%s", want, text)
				}
			}
			if n := rankedActions(text, tc.lang); n == 0 {
				t.Errorf("no action of the catalogue is ranked in the playbook:\n%s", text)
			}
			if tc.lang != segment.English || tc.noBase {
				return // determinism is checked once: fitting takes a while under -race
			}
			var again bytes.Buffer
			if err := run(&again, tc.lang, tc.noBase); err != nil {
				t.Fatal(err)
			}
			if again.String() != text {
				t.Error("a second run printed something else: the output is not deterministic")
			}
		})
	}
}

// rankedActions counts the lines "  N. <title of a catalogue action> [".
func rankedActions(text string, lang segment.Lang) int {
	titles := map[string]bool{}
	for _, a := range strategy.DefaultCatalogue() {
		titles[a.Title(lang)] = true
	}
	n := 0
	for _, m := range regexp.MustCompile(`(?m)^  \d+\. (.+?) \[`).FindAllStringSubmatch(text, -1) {
		if titles[m[1]] {
			n++
		}
	}
	return n
}
