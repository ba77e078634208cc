package strategy

import (
	"strings"
	"testing"

	"github.com/clientele-go/clientele/segment"
)

// Every channel an action may name reads as words in both languages in
// the text playbook; JSON keeps the ids.
func TestChannelTitles(t *testing.T) {
	for _, ch := range channels {
		tt, ok := channelTitles[ch]
		if !ok || tt.EN == "" || tt.RU == "" {
			t.Errorf("channel %q has no title in both languages: %+v", ch, tt)
		}
	}
	e := engine(t, uncapped())
	pb := e.Plan(classification(t, "segment:dissatisfied", "rung:regular"))
	ru := pb.Text(segment.Russian)
	if !strings.Contains(ru, "стоимость: ") || strings.Contains(ru, "guard.") {
		t.Errorf("Russian text playbook:\n%s", ru)
	}
	r := pb.Render(segment.English)
	if len(r.Actions) == 0 || channelTitles[r.Actions[0].Channel].EN == "" {
		t.Errorf("rendered actions keep channel ids: %+v", r.Actions)
	}
}
