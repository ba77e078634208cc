package clv

import (
	"errors"
	"fmt"
	"math"
	"strconv"

	"github.com/clientele-go/clientele/segment"
)

// Errors a fit returns when the data cannot support it, for callers that
// branch on the cause (errors.Is). They come wrapped with the details.
var (
	// ErrTooFewCustomers: fewer rows than FitOptions.MinCustomers (for
	// Gamma-Gamma: fewer repeat buyers).
	ErrTooFewCustomers = errors.New("too few customers")
	// ErrNoRepeatBuyers: no customer bought twice, so nothing shows how
	// often customers buy or when they drop out.
	ErrNoRepeatBuyers = errors.New("no repeat buyers")
	// ErrUnidentified: the likelihood keeps improving as a parameter runs
	// off to zero or infinity, so the data do not pin it down (for example
	// when no customer seems to have dropped out).
	ErrUnidentified = errors.New("the data do not identify the parameters")
	// ErrNotConverged: the optimiser ran out of evaluations
	// (FitOptions.MaxEvaluations) before the fit settled.
	ErrNotConverged = errors.New("the fit did not converge")
)

// CheckSummaries reports the first row that BG/NBD cannot take, as a
// [*segment.FieldError] naming the customer (or the row number when the ID
// is empty), the field and the value, wrapped with the "clv: " prefix. A
// row must have
//
//   - finite Frequency, Recency and T, none negative;
//   - a whole-number Frequency (it counts repeat purchase periods);
//   - Recency ≤ T;
//   - Recency 0 when Frequency is 0: a one-time buyer's last purchase is
//     the first, by the definition of the summary.
//
// [segment.Ledger.Summaries] only produces such rows; the check is for
// summaries that come from elsewhere. MonetaryValue is not checked here
// (see [FitGammaGamma]).
func CheckSummaries(rows []segment.Summary) error {
	for i := range rows {
		if validRow(&rows[i]) { // the fast path; checkRow says what is wrong
			continue
		}
		if err := checkRow(rowRecord(i, &rows[i]), &rows[i]); err != nil {
			return err
		}
	}
	return nil
}

// validRow is the allocation-free form of checkRow for the prediction
// methods, which return NaN for a row that checkRow would refuse.
func validRow(s *segment.Summary) bool {
	x, tx, T := s.Frequency, s.Recency, s.T
	return x >= 0 && tx >= 0 && T >= 0 && // false for NaN too
		x <= maxFrequency && T <= math.MaxFloat64 && tx <= T &&
		x == math.Trunc(x) && (x > 0 || tx == 0)
}

// maxFrequency bounds Frequency so that it converts to an int exactly and
// r+x stays meaningful; no shop sees 2^31 repeat purchase days.
const maxFrequency = 1 << 31

// rowRecord names row i in errors: by customer ID, or by its 1-based
// position when the ID is empty.
func rowRecord(i int, s *segment.Summary) string {
	if s.ID == "" {
		return "row " + strconv.Itoa(i+1)
	}
	return "customer " + strconv.Quote(s.ID)
}

func checkRow(rec string, s *segment.Summary) error {
	bad := func(field string, v float64, err error) error {
		return fmt.Errorf("clv: %w", &segment.FieldError{Record: rec, Field: field, Value: formatFloat(v), Err: err})
	}
	for _, f := range []struct {
		name string
		v    float64
	}{{"frequency", s.Frequency}, {"recency", s.Recency}, {"T", s.T}} {
		switch {
		case math.IsNaN(f.v) || math.IsInf(f.v, 0):
			return bad(f.name, f.v, segment.ErrNotFinite)
		case f.v < 0:
			return bad(f.name, f.v, fmt.Errorf("%w: must not be negative", segment.ErrRange))
		}
	}
	switch {
	case s.Frequency != math.Trunc(s.Frequency) || s.Frequency > maxFrequency:
		return bad("frequency", s.Frequency, errors.New("must be a whole number of repeat purchase periods"))
	case s.Recency > s.T:
		return bad("recency", s.Recency, fmt.Errorf("%w: greater than T (%s)", segment.ErrRange, formatFloat(s.T)))
	case s.Frequency == 0 && s.Recency != 0:
		return bad("recency", s.Recency, fmt.Errorf("%w: must be 0 when frequency is 0 (a one-time buyer's last purchase is the first)", segment.ErrRange))
	}
	return nil
}

func formatFloat(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }
