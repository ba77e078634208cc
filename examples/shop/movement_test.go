package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// moveOrders: R bought monthly until May 2023 and then stopped (regular,
// then lapsed); N bought once in May 2023 and three times in late 2024
// (new, then regular); L bought first in October 2024 (joined).
const moveOrders = `customer_id,date,amount
R,2023-01-10,40
R,2023-02-10,50
R,2023-03-10,60
R,2023-04-10,30
R,2023-05-10,45
N,2023-05-01,20
N,2024-06-01,25
N,2024-09-01,25
N,2024-11-20,30
L,2024-10-01,80
`

func TestMovement(t *testing.T) {
	file := writeFile(t, "orders.csv", moveOrders)
	args := []string{"-orders", file, "-asof", "2024-12-31", "-previous-asof", "2023-06-01"}

	code, out, errOut := shop(t, append(args, "-out", "movement")...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{
		"R moved from Regular customer to Lapsed customer on 2024-12-31 (Loyalty ladder; previous snapshot 2023-06-01)\n" +
			"  was: lapsed: days since last purchase = 22 > 180 (lapsed_days) — no\n" +
			"  now: lapsed: days since last purchase = 601 > 180 (lapsed_days) — yes\n",
		"N moved from New customer to Regular customer",
		"L joined as New customer",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("movement lacks %q:\n%s", want, out)
		}
	}
	_, ru, _ := shop(t, append(args, "-out", "movement", "-lang", "ru")...)
	if !strings.Contains(ru, "клиент R перешёл из «Постоянный клиент» в «Неактивный клиент»") {
		t.Errorf("Russian movement:\n%s", ru)
	}

	// -id gives the customer's events of the whole base's run, without
	// running the base.
	for _, id := range []string{"R", "N", "L"} {
		for _, format := range []string{"text", "csv", "json"} {
			_, all, _ := shop(t, append(args, "-out", "movement", "-format", format)...)
			code, one, errOut := shop(t, append(args, "-out", "movement", "-format", format, "-id", id)...)
			if want := customerLines(all, id, format); code != 0 || one != want {
				t.Errorf("-id %s -format %s: exit %d, stderr %q\n got %q\nwant %q", id, format, code, errOut, one, want)
			}
		}
	}

	code, out, _ = shop(t, append(args, "-out", "movement", "-format", "csv", "-id", "R")...)
	_, rows := readCSV(t, out)
	var got []string
	for _, r := range rows {
		if r["customer_id"] != "R" || r["was"] == "" || r["now"] == "" {
			t.Errorf("-id R: row %v", r)
		}
		got = append(got, r["typology"]+":"+r["from"]+">"+r["to"])
	}
	want := []string{"segment:regular>lost", "rfm_segment:champions>at_risk", "rung:regular>lapsed", "loyalty:behavioural>none"}
	if diff := cmp.Diff(want, got); code != 0 || diff != "" {
		t.Errorf("exit %d; R's moves (-want +got):\n%s", code, diff)
	}

	_, out, _ = shop(t, append(args, "-out", "movement", "-format", "json")...)
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	joined := 0
	for _, line := range lines {
		var e eventRow
		if err := json.Unmarshal([]byte(line), &e); err != nil {
			t.Fatalf("%s: %v", line, err)
		}
		if e.Kind == "joined" {
			joined++
			if e.ID != "L" || e.From != "" || e.Was == nil || len(e.Now) == 0 && e.Typology == "rung" {
				t.Errorf("joined: %+v", e)
			}
		}
	}
	if joined != 8 {
		t.Errorf("%d joined events, want L's 8 (one per typology)", joined)
	}

	code, out, errOut = shop(t, args...)
	if code != 0 {
		t.Fatalf("summary: exit %d: %s", code, errOut)
	}
	for _, want := range []string{
		"movers since 2023-06-01 (customers whose label changed): segment 2, rfm_segment 2, rung 2, disc 1, sabone 0, perception 0, decision 0, loyalty 2\n",
		"Loyalty ladder: 2023-06-01 -> 2024-12-31, 2 moved, 0 stayed, 1 joined",
		"Behavioural segment: 2023-06-01 -> 2024-12-31, 2 moved",
		"RFM segment: 2023-06-01 -> 2024-12-31, 2 moved",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("summary lacks %q:\n%s", want, out)
		}
	}
}

func TestMovementNeedsAnEarlierDate(t *testing.T) {
	file := writeFile(t, "orders.csv", moveOrders)
	if code, _, errOut := shop(t, "-orders", file, "-out", "movement"); code != 2 || !strings.Contains(errOut, "-previous-asof") {
		t.Errorf("no -previous-asof: exit %d, %q", code, errOut)
	}
	if code, _, _ := shop(t, "-orders", file, "-asof", "2024-01-01", "-previous-asof", "2024-02-01"); code != 2 {
		t.Errorf("-previous-asof after -asof: exit %d, want 2", code)
	}
	if code, _, errOut := shop(t, "-orders", file, "-previous-asof", "2025-02-01"); code != 1 || !strings.Contains(errOut, "must be before") {
		t.Errorf("-previous-asof after the last order: exit %d, %q", code, errOut)
	}
}

// customerLines keeps the header and the events of customer id from a
// movement output.
func customerLines(out, id, format string) string {
	var b strings.Builder
	mine := false
	for i, line := range strings.SplitAfter(out, "\n") {
		switch {
		case format == "csv" && i == 0:
			mine = true
		case format == "csv":
			mine = strings.HasPrefix(line, id+",")
		case format == "json":
			mine = strings.HasPrefix(line, `{"customer_id":"`+id+`"`)
		case !strings.HasPrefix(line, " "): // a headline; reasons are indented
			mine = strings.HasPrefix(line, id+" ")
		}
		if mine {
			b.WriteString(line)
		}
	}
	return b.String()
}
