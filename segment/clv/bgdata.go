package clv

import (
	"cmp"
	"math"
	"slices"
	"sync"

	"github.com/clientele-go/clientele/segment"
)

// bgData is a BTYD summary prepared for many evaluations of the BG/NBD
// likelihood: customers with the same (x, t_x, T) become one weighted
// cell; the terms that depend on x alone are computed once per distinct
// x, and the logarithms of α+T and α+t_x once per distinct T and t_x
// (summaries in whole days have few).
type bgData struct {
	cells  []bgCell
	xs     []float64 // distinct frequencies, ascending
	ts     []float64 // distinct T, ascending
	txs    []float64 // distinct t_x, ascending
	n      float64   // customers
	repeat int       // customers with x > 0
	meanT  float64

	// scratch per evaluation
	common, dropout []float64 // per distinct x
	lnT, lnTx       []float64 // ln(α+T), ln(α+t_x) per distinct value
	partial         []float64 // per chunk
}

type bgCell struct {
	k, iT, iTx int32   // indices into xs, ts and txs
	weight     float64 // customers in the cell
}

// Cells are summed in chunks of chunkCells, concurrently when there are
// several; the partial sums are then added in chunk order, so the result
// is the same bit for bit whatever the scheduling and GOMAXPROCS.
const chunkCells = 8192

// newBGData prepares valid rows (see CheckSummaries).
func newBGData(rows []segment.Summary) *bgData {
	type key struct{ x, tx, T float64 }
	keys := make([]key, len(rows))
	d := &bgData{n: float64(len(rows))}
	for i, r := range rows {
		keys[i] = key{r.Frequency, r.Recency, r.T}
		if r.Frequency > 0 {
			d.repeat++
		}
	}
	slices.SortFunc(keys, func(a, b key) int {
		if c := cmp.Compare(a.x, b.x); c != 0 {
			return c
		}
		if c := cmp.Compare(a.tx, b.tx); c != 0 {
			return c
		}
		return cmp.Compare(a.T, b.T)
	})
	for _, k := range keys {
		d.ts = append(d.ts, k.T)
		d.txs = append(d.txs, k.tx)
	}
	slices.Sort(d.ts)
	d.ts = slices.Compact(d.ts)
	slices.Sort(d.txs)
	d.txs = slices.Compact(d.txs)
	index := func(s []float64, v float64) int32 {
		i, _ := slices.BinarySearch(s, v)
		return int32(i)
	}
	var sumT float64 // over the sorted keys, so the order of the rows changes nothing
	for i := 0; i < len(keys); {
		j := i + 1
		for j < len(keys) && keys[j] == keys[i] {
			j++
		}
		k := keys[i]
		if len(d.xs) == 0 || d.xs[len(d.xs)-1] != k.x {
			d.xs = append(d.xs, k.x)
		}
		w := float64(j - i)
		d.cells = append(d.cells, bgCell{k: int32(len(d.xs) - 1), iT: index(d.ts, k.T), iTx: index(d.txs, k.tx), weight: w})
		sumT += w * k.T
		i = j
	}
	if len(rows) > 0 {
		d.meanT = sumT / d.n
	}
	d.common = make([]float64, len(d.xs))
	d.dropout = make([]float64, len(d.xs))
	d.lnT = make([]float64, len(d.ts))
	d.lnTx = make([]float64, len(d.txs))
	d.partial = make([]float64, (len(d.cells)+chunkCells-1)/chunkCells)
	return d
}

// logLik is the BG/NBD log-likelihood of the prepared data. It is not
// safe for concurrent use (it writes the scratch slices).
func (d *bgData) logLik(r, alpha, a, b float64) float64 {
	lgR, lgB, lgAB := lgamma(r), lgamma(b), lgamma(a+b)
	rLogAlpha := r * math.Log(alpha)
	logA := math.Log(a)
	for k, x := range d.xs {
		// ln Γ(r+x)α^r/Γ(r) + ln B(a, b+x)/B(a, b)
		d.common[k] = lgamma(r+x) - lgR + rLogAlpha + lgAB + lgamma(b+x) - lgB - lgamma(a+b+x)
		if x > 0 {
			d.dropout[k] = logA - math.Log(b+x-1)
		}
	}
	for i, T := range d.ts {
		d.lnT[i] = math.Log(alpha + T)
	}
	for i, tx := range d.txs {
		d.lnTx[i] = math.Log(alpha + tx)
	}
	if len(d.partial) == 1 {
		d.partial[0] = d.sumCells(r, d.cells)
	} else {
		var wg sync.WaitGroup
		for c := range d.partial {
			wg.Add(1)
			go func() {
				defer wg.Done()
				d.partial[c] = d.sumCells(r, d.cells[c*chunkCells:min((c+1)*chunkCells, len(d.cells))])
			}()
		}
		wg.Wait()
	}
	var ll float64
	for _, p := range d.partial {
		ll += p
	}
	return ll
}

// sumCells returns the log-likelihood of some cells, given the scratch
// terms of logLik.
func (d *bgData) sumCells(r float64, cells []bgCell) float64 {
	var ll float64
	for i := range cells {
		c := &cells[i]
		x := d.xs[c.k]
		v := d.common[c.k] - (r+x)*d.lnT[c.iT]
		if x > 0 {
			// log(e^A3 + e^A4) without overflow.
			a4 := d.common[c.k] + d.dropout[c.k] - (r+x)*d.lnTx[c.iTx]
			v = logAddExp(v, a4)
		}
		ll += c.weight * v
	}
	return ll
}

func lgamma(x float64) float64 {
	v, _ := math.Lgamma(x) // x > 0 here, so the sign is +
	return v
}

// logAddExp returns log(e^a + e^b).
func logAddExp(a, b float64) float64 {
	if a < b {
		a, b = b, a
	}
	if math.IsInf(a, -1) {
		return a
	}
	return a + math.Log1p(math.Exp(b-a))
}
