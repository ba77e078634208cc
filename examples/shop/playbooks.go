package main

import (
	"io"
	"sync"

	"github.com/clientele-go/clientele/strategy"
)

// writePlaybooks writes every customer's playbook, sorted by id: JSON Lines
// of the rendered playbook, or the text a person reads, separated by blank
// lines.
func writePlaybooks(stdout, stderr io.Writer, o *options, d *dataset, b *base, cfg *config) error {
	engine, err := cfg.playbookEngine()
	if err != nil {
		return err
	}
	// Playbooks are planned on the workers, each into a recycled one, so
	// planning allocates nothing per customer.
	books := sync.Pool{New: func() any { return new(strategy.Playbook) }}
	format := func(c *strategy.Classification, buf []byte) ([]byte, error) {
		pb := books.Get().(*strategy.Playbook)
		defer books.Put(pb)
		engine.PlanInto(c, pb)
		if o.format == "text" {
			from := len(buf) // buf holds the customers' before
			buf = pb.AppendText(buf, o.lang)
			if n := len(buf); n == from || buf[n-1] != '\n' {
				buf = append(buf, '\n')
			}
			return append(buf, '\n'), nil
		}
		// AppendJSON writes the bytes appendJSONLine would for
		// pb.Render, without building the rendered playbook.
		line, err := pb.AppendJSON(buf, o.lang)
		if err != nil {
			return buf, err
		}
		return append(line, '\n'), nil
	}
	return b.write(stderr, d, o.id, "", format, stdout)
}
