package report

import (
	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/batch"
)

// typology is one summary with its label type erased, so every typology
// goes through the same chart and table code.
type typology struct {
	ID    string // anchor in the page
	Title string
	Total batch.Metrics
	Rows  []labelRow // the label table's order, unknown last (as batch.Summary.Rows)
}

// labelRow is one label's metrics with its titles resolved.
type labelRow struct {
	Value int    // the label's value
	Name  string // identifier
	Title string // in the report's language
	batch.Metrics
}

// erase returns the typology view of s, or nil when s is nil.
func erase[L segment.Label](id, title string, s *batch.Summary[L], lang segment.Lang) *typology {
	if s == nil {
		return nil
	}
	labels := s.Labels()
	ty := &typology{ID: id, Title: title, Total: s.Total()}
	for _, r := range s.Rows() {
		ty.Rows = append(ty.Rows, labelRow{
			Value:   int(r.Label),
			Name:    labels.Name(r.Label),
			Title:   labels.Title(r.Label, lang),
			Metrics: r.Metrics,
		})
	}
	return ty
}

// tagged reports whether any label is counted as a tag (multi-label
// typologies), which earns the table a column.
func (ty *typology) tagged() bool {
	for _, r := range ty.Rows {
		if r.Tagged > 0 {
			return true
		}
	}
	return false
}
