package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/clientele-go/clientele/internal/sample"
	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/strategy"
)

func decodePlaybooks(t *testing.T, out string) []strategy.Rendered {
	t.Helper()
	var pbs []strategy.Rendered
	dec := json.NewDecoder(strings.NewReader(out))
	dec.DisallowUnknownFields()
	for dec.More() {
		var pb strategy.Rendered
		if err := dec.Decode(&pb); err != nil {
			t.Fatalf("playbook %d: %v", len(pbs)+1, err)
		}
		pbs = append(pbs, pb)
	}
	return pbs
}

// TestPlaybooksMatchTheLibrary compares the CLI's playbooks, in both
// languages, with the engine's for the same customers.
func TestPlaybooksMatchTheLibrary(t *testing.T) {
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
	byID := map[string]*segment.Profile{}
	for i := range profiles {
		byID[profiles[i].ID] = &profiles[i]
	}
	// Every customer in English; in Russian one, as the texts are the
	// engine's and a whole base costs a minute under -race.
	for _, args := range [][]string{{"-lang", "en"}, {"-lang", "ru", "-id", profiles[7].ID}} {
		lang, _ := segment.ParseLang(args[1])
		code, out, errOut := shop(t, append([]string{"-out", "playbooks"}, args...)...)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		pbs := decodePlaybooks(t, out)
		if len(args) == 2 && len(pbs) != len(profiles) || len(args) > 2 && len(pbs) != 1 {
			t.Fatalf("%v: %d playbooks for %d customers", args, len(pbs), len(profiles))
		}
		for i, got := range pbs {
			if i > 0 && pbs[i-1].Customer >= got.Customer {
				t.Fatalf("playbook %d: %s after %s: not sorted", i+1, got.Customer, pbs[i-1].Customer)
			}
			var c strategy.Classification
			cs.Classify(byID[got.Customer], &c)
			want := engine.Plan(&c).Render(lang)
			if diff := cmp.Diff(want, got); diff != "" {
				t.Fatalf("%s playbook of %s (-library +cli):\n%s", lang, got.Customer, diff)
			}
		}
	}
}

func TestPlaybooksText(t *testing.T) {
	id := sampleSegments(t)[1]["customer_id"]
	code, out, errOut := shop(t, "-out", "playbooks", "-format", "text", "-id", id)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.Contains(out, id) || !strings.HasSuffix(out, "\n\n") {
		t.Errorf("text playbook of %s:\n%s", id, out)
	}
	_, ru, _ := shop(t, "-out", "playbooks", "-format", "text", "-id", id, "-lang", "ru")
	if ru == out || !strings.Contains(ru, "Клиент") {
		t.Errorf("Russian playbook:\n%s", ru)
	}
	if code, _, _ := shop(t, "-out", "playbooks", "-format", "csv"); code != 2 {
		t.Errorf("-format csv for playbooks: exit %d, want 2", code)
	}
}

// TestCLVBudget: with -clv-budget a repeat buyer's retention budget is a
// share of their CLV; a one-time buyer, who has none, keeps the default.
func TestCLVBudget(t *testing.T) {
	_, clvOut, _ := shop(t, "-out", "clv", "-penalizer", "0.001")
	_, rows := readCSV(t, clvOut)
	var repeat, once string
	for _, r := range rows {
		if r["clv"] != "" && repeat == "" {
			repeat = r["customer_id"]
		}
		if r["frequency"] == "0" && once == "" {
			once = r["customer_id"]
		}
	}
	budget := func(id string, args ...string) float64 {
		code, out, errOut := shop(t, append([]string{"-out", "playbooks", "-id", id}, args...)...)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		return decodePlaybooks(t, out)[0].RetentionBudget
	}
	withCLV := []string{"-clv-budget", "-penalizer", "0.001"}
	if a, b := budget(repeat), budget(repeat, withCLV...); a == b || b <= 0 {
		t.Errorf("repeat buyer %s: budget %v without CLV, %v with; want a different positive budget", repeat, a, b)
	}
	if a, b := budget(once), budget(once, withCLV...); a != b {
		t.Errorf("one-time buyer %s: budget %v without CLV, %v with; want the same", once, a, b)
	}
}
