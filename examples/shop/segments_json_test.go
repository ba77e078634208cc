package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/clientele-go/clientele/segment"
)

// segmentRow is a line of -out segments -format json as encoding/json
// wrote it before the writer wrote it by hand: the same keys in the same
// order, with the same types.
type segmentRow struct {
	ID         string           `json:"customer_id"`
	R          segment.Opt[int] `json:"r"`
	F          segment.Opt[int] `json:"f"`
	M          segment.Opt[int] `json:"m"`
	RFMSegment string           `json:"rfm_segment"`
	Segment    string           `json:"segment"`
	Tags       []string         `json:"tags"`
	Rung       string           `json:"rung"`
	NextStep   string           `json:"next_step"`
	DISC       string           `json:"disc"`
	SABONE     string           `json:"sabone"`
	Perception string           `json:"perception"`
	Decision   string           `json:"decision"`
	Loyalty    string           `json:"loyalty"`
	Confidence struct {
		RFMSegment float32 `json:"rfm_segment"`
		Segment    float32 `json:"segment"`
		Rung       float32 `json:"rung"`
		DISC       float32 `json:"disc"`
		SABONE     float32 `json:"sabone"`
		Perception float32 `json:"perception"`
		Decision   float32 `json:"decision"`
		Loyalty    float32 `json:"loyalty"`
	} `json:"confidence"`
}

// Every JSON line is byte for byte what encoding/json writes for the same
// row (decoded, then encoded again as the shop did before), in both
// languages and with an RFM map whose names need escaping, so the
// hand-written writer cannot drift from the format users parse. A line
// that decodes into the row with fields left over or missing fails too:
// unknown keys are refused and the round trip must give the same bytes.
func TestSegmentsJSONIsEncodingJSON(t *testing.T) {
	odd := writeFile(t, "odd.json", `{"rules": [
	  {"segment": "Champ\"ions\\ <b>&amp;</b>", "r": [5, 5]},
	  {"segment": "Лояльные «свои»", "r": [3, 4]},
	  {"segment": "separator \u2028 here", "r": [1, 2]}
	]}`)
	for _, args := range [][]string{
		{},
		{"-lang", "ru"},
		{"-rfm-rules", odd},
	} {
		code, out, errOut := shop(t, append([]string{"-out", "segments", "-format", "json"}, args...)...)
		if code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, errOut)
		}
		lines := strings.SplitAfter(out, "\n")
		lines = lines[:len(lines)-1] // after the last newline
		if len(lines) < 1000 {
			t.Fatalf("%v: %d lines", args, len(lines))
		}
		for i, line := range lines {
			var row segmentRow
			dec := json.NewDecoder(strings.NewReader(line))
			dec.DisallowUnknownFields()
			if err := dec.Decode(&row); err != nil {
				t.Fatalf("%v: line %d: %v\n%s", args, i+1, err, line)
			}
			want, err := appendJSONLine(nil, row)
			if err != nil {
				t.Fatal(err)
			}
			if string(want) != line {
				t.Fatalf("%v: line %d:\n got %s\nwant %s", args, i+1, line, want)
			}
		}
	}
}
