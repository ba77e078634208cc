package main

import (
	"strings"
	"testing"

	"github.com/clientele-go/clientele/internal/sample"
	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/strategy"
)

// TestPlaybooksJSONBytes: each line of -out playbooks -format json is, byte
// for byte, what appendJSONLine (encoding/json without HTML escaping)
// writes for the library's rendered playbook, which is what the CLI wrote
// before it used Playbook.AppendJSON.
func TestPlaybooksJSONBytes(t *testing.T) {
	profiles, err := sample.Profiles()
	if err != nil {
		t.Fatal(err)
	}
	cs, err := strategy.Fit(profiles, nil)
	if err != nil {
		t.Fatal(err)
	}
	engine, err := strategy.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	// Every customer in English; in Russian a few, as in
	// TestPlaybooksMatchTheLibrary.
	for _, args := range [][]string{{"-lang", "en"}, {"-lang", "ru", "-id", profiles[7].ID}, {"-lang", "ru", "-id", profiles[42].ID}} {
		lang, _ := segment.ParseLang(args[1])
		code, out, errOut := shop(t, append([]string{"-out", "playbooks", "-format", "json"}, args...)...)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		lines := strings.SplitAfter(out, "\n")
		if lines[len(lines)-1] != "" {
			t.Fatalf("%v: output does not end in a newline", args)
		}
		lines = lines[:len(lines)-1]
		if len(args) == 2 && len(lines) != len(profiles) || len(args) > 2 && len(lines) != 1 {
			t.Fatalf("%v: %d lines for %d customers", args, len(lines), len(profiles))
		}
		byID := map[string]*segment.Profile{}
		for i := range profiles {
			byID[profiles[i].ID] = &profiles[i]
		}
		for _, got := range lines {
			id, _, _ := strings.Cut(strings.TrimPrefix(got, `{"customer_id":"`), `"`)
			p, ok := byID[id]
			if !ok {
				t.Fatalf("no customer %q in the sample: %s", id, got)
			}
			var c strategy.Classification
			cs.Classify(p, &c)
			want, err := appendJSONLine(nil, engine.Plan(&c).Render(lang))
			if err != nil {
				t.Fatal(err)
			}
			if got != string(want) {
				t.Fatalf("%s playbook of %s:\n got %s\nwant %s", lang, id, got, want)
			}
		}
	}
}
