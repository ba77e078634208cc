package main

import (
	"fmt"
	"io"
	"text/tabwriter"
)

// writeSummary prints a readable overview of the customer base.
func writeSummary(w io.Writer, d *dataset) error {
	profiles, st := d.ledger.Profiles(d.asOf)
	var revenue, returned float64
	var buyers, prospects int
	var freq [4]int    // occasions: 1, 2-3, 4-9, 10+
	var recency [3]int // days: <= 90, 91-365, > 365
	for i := range profiles {
		p := &profiles[i]
		revenue += p.Revenue
		returned += p.Returned
		if p.Occasions == 0 {
			prospects++
			continue
		}
		buyers++
		switch {
		case p.Occasions == 1:
			freq[0]++
		case p.Occasions <= 3:
			freq[1]++
		case p.Occasions <= 9:
			freq[2]++
		default:
			freq[3]++
		}
		switch r := p.Recency().Or(0); {
		case r <= 90:
			recency[0]++
		case r <= 365:
			recency[1]++
		default:
			recency[2]++
		}
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "clientele: %s, as of %s\n\n", d.source, d.asOf)
	fmt.Fprintf(tw, "order lines\t%d\t(%d skipped as invalid, %d after the as-of date)\n", d.orders.Loaded, d.orders.Skipped, st.AfterAsOf)
	fmt.Fprintf(tw, "customers\t%d\t(%d buyers, %d without a purchase yet; %d only after the as-of date)\n", st.Profiles, buyers, prospects, st.NotYet)
	fmt.Fprintf(tw, "net revenue\t%.2f\t(returns %.2f)\n", revenue, returned)
	fmt.Fprintf(tw, "\npurchase occasions per buyer\n")
	for i, label := range []string{"1", "2-3", "4-9", "10+"} {
		fmt.Fprintf(tw, "  %s\t%d\t%s\n", label, freq[i], share(freq[i], buyers))
	}
	fmt.Fprintf(tw, "\ndays since last purchase\n")
	for i, label := range []string{"0-90", "91-365", "over 365"} {
		fmt.Fprintf(tw, "  %s\t%d\t%s\n", label, recency[i], share(recency[i], buyers))
	}
	return tw.Flush()
}

func share(n, of int) string {
	if of == 0 {
		return "-"
	}
	return fmt.Sprintf("%.1f%%", 100*float64(n)/float64(of))
}
