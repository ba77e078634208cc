package main

import (
	"strings"
	"testing"
)

// shadowedRules has a rule no code can reach (New Customers lies inside
// Potential Loyalist) and codes covered by no rule, taken by the fallback.
const shadowedRules = `{"fallback": "Others", "rules": [
  {"segment": "Champions", "r": [4, 5], "f": [4, 5], "m": [4, 5]},
  {"segment": "Potential Loyalist", "r": [3, 5], "f": [1, 3]},
  {"segment": "New Customers", "r": [4, 5], "f": [1, 1], "m": [1, 1]},
  {"segment": "Lost", "r": [1, 1]}
]}`

// soundRules cover every code once: the default partition's shape.
const soundRules = `{"rules": [
  {"segment": "Champions", "r": [4, 5]},
  {"segment": "Lost", "r": [1, 3]}
]}`

func TestCheckRules(t *testing.T) {
	bad := writeFile(t, "bad.json", shadowedRules)
	code, out, errOut := shop(t, "-check-rules", "-rfm-rules", bad)
	if code != 1 || errOut != "" {
		t.Errorf("shadowed rules: exit %d, stderr %q; want 1", code, errOut)
	}
	for _, want := range []string{`rules[2] "New Customers"`, "never matches", `rules[1] "Potential Loyalist"`, `"Others"`} {
		if !strings.Contains(out, want) {
			t.Errorf("findings lack %q:\n%s", want, out)
		}
	}
	if lines := strings.Count(out, "\n"); lines != 2 {
		t.Errorf("%d findings, want 2 (the shadowed rule, the uncovered codes):\n%s", lines, out)
	}
	_, ru, _ := shop(t, "-check-rules", "-rfm-rules", bad, "-lang", "ru")
	if ru == out || !strings.ContainsAny(ru, "абвгдеёжзийклмнопрстуфхцчшщыьэюя") {
		t.Errorf("-lang ru findings are not Russian:\n%s", ru)
	}

	good := writeFile(t, "good.json", soundRules)
	if code, out, _ := shop(t, "-check-rules", "-rfm-rules", good); code != 0 || !strings.Contains(out, "no findings") {
		t.Errorf("sound rules: exit %d, %q", code, out)
	}
	if code, out, _ := shop(t, "-check-rules"); code != 0 || !strings.Contains(out, "default map: no findings") {
		t.Errorf("default map: exit %d, %q", code, out)
	}

	// A partition listing a code twice and leaving others out.
	overlap := writeFile(t, "overlap.json", `{"segments": [
	  {"segment": "Champions", "codes": ["555", "554"]},
	  {"segment": "Loyal", "codes": ["554"]}
	]}`)
	code, out, _ = shop(t, "-check-rules", "-rfm-rules", overlap)
	if code != 1 || !strings.Contains(out, "554") || !strings.Contains(out, "Loyal") {
		t.Errorf("overlapping partition: exit %d, %q", code, out)
	}
	// ... and cannot be used to segment.
	if code, _, errOut := shop(t, "-out", "segments", "-rfm-rules", overlap); code != 1 || !strings.Contains(errOut, "-check-rules") {
		t.Errorf("segments with a broken partition: exit %d, %q", code, errOut)
	}

	broken := writeFile(t, "broken.json", `{"rules": [{"segment": "X", "r": [0, 9]}]}`)
	if code, _, errOut := shop(t, "-check-rules", "-rfm-rules", broken); code != 1 || !strings.Contains(errOut, "rules[0]") {
		t.Errorf("malformed rules: exit %d, stderr %q", code, errOut)
	}
}

// TestRFMRulesInSegments: a map of one's own names the segments, and its
// findings are announced on stderr.
func TestRFMRulesInSegments(t *testing.T) {
	file := writeFile(t, "rules.json", shadowedRules)
	code, out, errOut := shop(t, "-out", "segments", "-rfm-rules", file)
	if code != 0 || !strings.Contains(errOut, "2 finding(s)") {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	_, rows := readCSV(t, out)
	seen := map[string]int{}
	for _, r := range rows {
		seen[r["rfm_segment"]]++
	}
	for _, want := range []string{"champions", "potential_loyalist", "lost", "others", "unknown"} {
		if seen[want] == 0 {
			t.Errorf("no customer in %q: %v", want, seen)
		}
	}
	for _, never := range []string{"new_customers", "loyal", "at_risk"} {
		if seen[never] != 0 {
			t.Errorf("%d customers in %q, which the map cannot give", seen[never], never)
		}
	}
}

func TestStrategyFile(t *testing.T) {
	id := sampleSegments(t)[1]["customer_id"]
	_, before, _ := shop(t, "-out", "playbooks", "-id", id)
	var first string
	for _, a := range decodePlaybooks(t, before)[0].Actions {
		first = a.ID
		break
	}
	if first == "" {
		t.Fatalf("customer %s has no action to remove", id)
	}
	file := writeFile(t, "strategy.json", `{"patch": {"remove_actions": ["`+first+`"]}}`)
	code, after, errOut := shop(t, "-out", "playbooks", "-id", id, "-strategy", file)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, a := range decodePlaybooks(t, after)[0].Actions {
		if a.ID == first {
			t.Errorf("action %s is still planned after the strategy removed it", first)
		}
	}

	bad := writeFile(t, "bad.json", `{"max_actions": 99}`)
	if code, _, errOut := shop(t, "-out", "playbooks", "-strategy", bad); code != 1 || !strings.Contains(errOut, "max_actions") {
		t.Errorf("bad strategy: exit %d, stderr %q", code, errOut)
	}
}
