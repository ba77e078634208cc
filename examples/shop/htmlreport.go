package main

import (
	"bufio"
	"fmt"
	"io"
	"os"

	"github.com/clientele-go/clientele/examples/shop/report"
)

// writeReport writes the HTML report of -report from the summary's
// tables, grid and, with -previous-asof, transition matrices. The file is
// written whole or, on an error, removed: a half-written report would
// look like a small shop.
func writeReport(stderr io.Writer, o *options, d *dataset, b *base, s *overview) (err error) {
	if s == nil {
		if s, err = summarise(stderr, o, d, b); err != nil {
			return err
		}
	}
	data := *s.tables
	data.Source, data.AsOf, data.Lang = d.source, d.asOf, o.lang
	data.Stats, data.Movement = s.stats, s.matrices
	if s.matrices != nil {
		data.PreviousAsOf = o.previous
	}
	f, err := os.Create(o.report)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			os.Remove(o.report)
			err = fmt.Errorf("-report %s: %w", o.report, err)
		}
	}()
	w := bufio.NewWriter(f)
	if err := report.Write(w, &data); err != nil {
		return err
	}
	return w.Flush()
}
