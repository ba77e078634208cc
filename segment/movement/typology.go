package movement

import (
	"errors"
	"fmt"

	"github.com/clientele-go/clientele/segment"
)

// MaxTypologies is the most typologies one snapshot or comparison holds.
const MaxTypologies = 32

// Typology is one typology as movement sees it: its name and titles, its
// label table and, to classify profiles ([Take], [Between]), its
// classifier. The label type is erased, so typologies with different label
// types go in one slice. Make one with [Of]; it is immutable and safe for
// concurrent use.
type Typology struct {
	info     segment.LabelInfo
	labels   []segment.LabelInfo
	parse    func(string) (uint8, error)
	classify func(*segment.Profile) uint8
	explain  func(*segment.Profile) []segment.Reason
}

// Of describes a typology: info names it (Name is the key in snapshots,
// e.g. "rung"; EN and RU title it in events, e.g. "Loyalty ladder"), labels
// is its label table, and c its classifier, which may be nil for a
// typology that is only compared between saved snapshots ([Compare]).
// Movement follows the primary label.
func Of[L segment.Label](info segment.LabelInfo, labels *segment.Enum[L], c segment.Classifier[L]) *Typology {
	t := &Typology{info: info, labels: make([]segment.LabelInfo, labels.Len())}
	for i := range t.labels {
		t.labels[i] = labels.Info(L(i))
	}
	t.parse = func(s string) (uint8, error) {
		l, err := labels.Parse(s)
		return uint8(l), err
	}
	if c != nil {
		t.classify = func(p *segment.Profile) uint8 { return uint8(c.Classify(p).Primary) }
		t.explain = func(p *segment.Profile) []segment.Reason { return segment.Explain(c, p).Reasons }
	}
	return t
}

// Name returns the typology's key, e.g. "rung".
func (t *Typology) Name() string { return t.info.Name }

// Info returns the typology's name and titles.
func (t *Typology) Info() segment.LabelInfo { return t.info }

// Title returns the typology's title in lang, or its name when the title
// is empty.
func (t *Typology) Title(lang segment.Lang) string { return title(t.info, lang) }

// Labels returns the typology's labels, indexed by label value (0 is the
// unknown label).
func (t *Typology) Labels() []segment.LabelInfo { return append([]segment.LabelInfo(nil), t.labels...) }

func title(info segment.LabelInfo, lang segment.Lang) string {
	switch {
	case lang == segment.Russian && info.RU != "":
		return info.RU
	case info.EN != "":
		return info.EN
	}
	return info.Name
}

// checkTypologies checks a list of typologies: not empty, at most
// MaxTypologies, names present and distinct, and classifiers present when
// the caller classifies.
func checkTypologies(ts []*Typology, needClassifier bool) error {
	if len(ts) == 0 {
		return errors.New("movement: no typology given")
	}
	if len(ts) > MaxTypologies {
		return fmt.Errorf("movement: %d typologies; the limit is %d", len(ts), MaxTypologies)
	}
	seen := make(map[string]bool, len(ts))
	for i, t := range ts {
		switch {
		case t == nil:
			return fmt.Errorf("movement: typology %d is nil", i)
		case t.info.Name == "":
			return fmt.Errorf("movement: typology %d has no name", i)
		case seen[t.info.Name]:
			return fmt.Errorf("movement: typology %q given twice", t.info.Name)
		case needClassifier && t.classify == nil:
			return fmt.Errorf("movement: typology %q has no classifier", t.info.Name)
		}
		seen[t.info.Name] = true
	}
	return nil
}

// classifyChecked classifies p and checks the label is in the table: a
// classifier breaking that law would otherwise index past the matrix.
func (t *Typology) classifyChecked(p *segment.Profile) (uint8, error) {
	v := t.classify(p)
	if int(v) >= len(t.labels) {
		return 0, fmt.Errorf("movement: typology %q: label %d out of range (%d labels)", t.info.Name, v, len(t.labels))
	}
	return v, nil
}
