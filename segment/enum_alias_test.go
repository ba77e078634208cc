package segment_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/clientele-go/clientele/segment"
)

// rungs declares aliases the way a typology does: chained onto NewEnum.
var rungs = segment.NewEnum[tier]("rung",
	segment.LabelInfo{Name: "unknown", EN: "Unknown", RU: "Неизвестно"},
	segment.LabelInfo{Name: "new", EN: "New customer", RU: "Новый клиент"},
	segment.LabelInfo{Name: "regular", EN: "Regular", RU: "Постоянный"},
).WithAliases(1, "new_customer", "First-time").WithAliases(2, "repeat", "regular")

func TestEnumAliases(t *testing.T) {
	for in, want := range map[string]tier{
		"new_customer": 1, "NEW_CUSTOMER": 1, " first-time ": 1, "new": 1, "New customer": 1,
		"repeat": 2, "regular": 2,
	} {
		got, err := rungs.Parse(in)
		if err != nil || got != want {
			t.Errorf("Parse(%q) = %v, %v; want %d", in, got, err, want)
		}
	}
	if _, err := rungs.Parse("newcustomer"); err == nil {
		t.Error("a text that is no name, title or alias parsed")
	}
	// Aliases are read, never written.
	if b, _ := rungs.MarshalText(1); string(b) != "new" || rungs.Name(1) != "new" {
		t.Errorf("written as %q, named %q; want the name new", b, rungs.Name(1))
	}
	if diff := cmp.Diff([]string{"new_customer", "First-time"}, rungs.Aliases(1)); diff != "" {
		t.Errorf("Aliases (-want +got):\n%s", diff)
	}
	a := rungs.Aliases(1)
	a[0] = "changed"
	if rungs.Aliases(1)[0] != "new_customer" {
		t.Error("Aliases returned the table's own slice")
	}
	if rungs.Aliases(0) != nil || rungs.Aliases(9) != nil || tiers.Aliases(tierGold) != nil {
		t.Error("labels without aliases must have none")
	}
}

func TestWithAliasesRejectsMistakes(t *testing.T) {
	fresh := func() *segment.Enum[tier] {
		return segment.NewEnum[tier]("tier",
			segment.LabelInfo{Name: "unknown"}, segment.LabelInfo{Name: "bronze", EN: "Bronze"}, segment.LabelInfo{Name: "gold"})
	}
	for name, declare := range map[string]func(){
		"clash with a name":   func() { fresh().WithAliases(2, "bronze") },
		"clash with a title":  func() { fresh().WithAliases(2, "BRONZE") },
		"clash with an alias": func() { fresh().WithAliases(1, "metal").WithAliases(2, "metal") },
		"empty":               func() { fresh().WithAliases(1, " ") },
		"unknown label":       func() { fresh().WithAliases(0, "none") },
		"label out of range":  func() { fresh().WithAliases(3, "platinum") },
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s: WithAliases did not panic", name)
				}
			}()
			declare()
		}()
	}
}
