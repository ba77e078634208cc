package segmenttest

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/clientele-go/clientele/segment"
)

// Case is one row of a table test: a profile and the label it should get.
type Case[L segment.Label] struct {
	Name    string          // names the subtest
	Profile segment.Profile // the customer
	Want    L               // the expected primary label
	Why     string          // why Want is right; printed when the case fails
	// Tags, when not empty, must all be in the result's tags.
	Tags []L
	// Check, when set, is called with the result for further checks.
	Check func(segment.Result[L]) error
}

// Check classifies every case and returns an error listing each case whose
// result is not what it expects, with the classifier's explanation; nil
// when all pass.
func Check[L segment.Label](c segment.Classifier[L], cases ...Case[L]) error {
	var errs []error
	for i := range cases {
		if err := checkCase(c, &cases[i]); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// Run runs every case as a subtest of t named after the case.
func Run[L segment.Label](t *testing.T, c segment.Classifier[L], cases ...Case[L]) {
	t.Helper()
	for i := range cases {
		tc := &cases[i]
		name := tc.Name
		if name == "" {
			name = fmt.Sprintf("case%d", i)
		}
		t.Run(name, func(t *testing.T) {
			t.Helper()
			if err := checkCase(c, tc); err != nil {
				t.Error(err)
			}
		})
	}
}

func checkCase[L segment.Label](c segment.Classifier[L], tc *Case[L]) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("case %q: classifier panicked: %v", tc.Name, r)
		}
	}()
	p := tc.Profile
	got := c.Classify(&p)
	var problems []string
	if got.Primary != tc.Want {
		problems = append(problems, fmt.Sprintf("got %s, want %s", got.Primary, tc.Want))
	}
	for _, tag := range tc.Tags {
		if !got.Tags.Has(tag) {
			problems = append(problems, fmt.Sprintf("tag %s missing (tags %s)", tag, tagList(got.Tags)))
		}
	}
	if tc.Check != nil {
		if err := tc.Check(got); err != nil {
			problems = append(problems, err.Error())
		}
	}
	if len(problems) == 0 {
		return nil
	}
	var b strings.Builder
	fmt.Fprintf(&b, "case %q: %s", tc.Name, strings.Join(problems, "; "))
	if tc.Why != "" {
		fmt.Fprintf(&b, "\n  expected because: %s", tc.Why)
	}
	if ex := segment.Explain(c, &p); len(ex.Reasons) > 0 {
		b.WriteString("\n  classifier's reasons:")
		for _, r := range ex.Reasons {
			b.WriteString("\n    ")
			b.WriteString(r.Text(segment.English))
		}
	}
	return errors.New(b.String())
}

func tagList[L segment.Label](s segment.Set[L]) string {
	var names []string
	for _, l := range s.Labels() {
		names = append(names, l.String())
	}
	return "[" + strings.Join(names, " ") + "]"
}
