package main

import (
	"encoding/json"
	"math"
	"strconv"
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

// TestCLVBudget: with -clv-budget a customer with a CLV gets a retention
// budget that is a share of it (the default share, 0.1, or less for a
// customer better not to work with); one without a CLV (a one-time buyer,
// or repeat purchases netting to nothing) keeps the default budget.
func TestCLVBudget(t *testing.T) {
	_, clvOut, _ := shop(t, "-out", "clv", "-penalizer", "0.001")
	_, rows := readCSV(t, clvOut)
	clvs := map[string]float64{}
	for _, r := range rows {
		if r["clv"] != "" {
			v, err := strconv.ParseFloat(r["clv"], 64)
			if err != nil {
				t.Fatal(err)
			}
			clvs[r["customer_id"]] = v
		}
	}
	budgets := func(args ...string) map[string]float64 {
		code, out, errOut := shop(t, append([]string{"-out", "playbooks"}, args...)...)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		m := map[string]float64{}
		for _, pb := range decodePlaybooks(t, out) {
			m[pb.Customer] = pb.RetentionBudget
		}
		return m
	}
	plain := budgets("-lang", "en")
	withCLV := budgets("-clv-budget", "-penalizer", "0.001")
	full, changed := 0, 0
	for id, b := range withCLV {
		v, ok := clvs[id]
		switch {
		case !ok && b != plain[id]:
			t.Errorf("%s has no CLV, yet the budget went from %v to %v", id, plain[id], b)
		case ok && b > math.Round(100*0.1*v)/100+0.005:
			t.Errorf("%s: budget %v is more than a tenth of the CLV %v", id, b, v)
		case ok && b == math.Round(100*0.1*v)/100:
			full++
		}
		if b != plain[id] {
			changed++
		}
	}
	if full == 0 || changed == 0 {
		t.Errorf("%d budgets at a tenth of the CLV, %d changed by it", full, changed)
	}
}
