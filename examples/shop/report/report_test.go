package report

import (
	"bytes"
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/clientele-go/clientele/internal/sample"
	"github.com/clientele-go/clientele/ladder"
	"github.com/clientele-go/clientele/segment"
	"github.com/clientele-go/clientele/segment/batch"
	"github.com/clientele-go/clientele/segment/behavior"
	"github.com/clientele-go/clientele/segment/movement"
	"github.com/clientele-go/clientele/segment/rfm"
	"github.com/clientele-go/clientele/strategy"
)

// render writes d's report or fails the test.
func render(t testing.TB, d *Data) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := Write(&b, d); err != nil {
		t.Fatalf("Write: %v", err)
	}
	return b.Bytes()
}

// checkSVGs checks what every chart must have: an accessible name and
// description, a positive size, shapes of positive size, and text in
// every text element. It returns the charts by id.
func checkSVGs(t *testing.T, doc *node) map[string]*node {
	t.Helper()
	byID := map[string]*node{}
	for _, svg := range doc.all("svg") {
		id := svg.Attr["id"]
		if id == "" || byID[id] != nil {
			t.Errorf("an <svg> has the id %q, empty or repeated", id)
		}
		byID[id] = svg
		if len(svg.Kids) < 2 || svg.Kids[0].Name != "title" || svg.Kids[1].Name != "desc" {
			t.Errorf("%s: does not start with <title> and <desc>", id)
		}
		for _, ref := range strings.Fields(svg.Attr["aria-labelledby"]) {
			if el := svg.byID(ref); el == nil || strings.TrimSpace(el.text()) == "" {
				t.Errorf("%s: aria-labelledby names %q, which is missing or empty", id, ref)
			}
		}
		if svg.num(t, "width") <= 0 || svg.num(t, "height") <= 0 {
			t.Errorf("%s: size %s × %s", id, svg.Attr["width"], svg.Attr["height"])
		}
		for _, r := range svg.all("rect") {
			if r.num(t, "width") <= 0 || r.num(t, "height") <= 0 {
				t.Errorf("%s: a rect of size %s × %s (%q)", id, r.Attr["width"], r.Attr["height"], r.tip())
			}
		}
		for _, x := range svg.all("text") {
			if strings.TrimSpace(x.text()) == "" {
				t.Errorf("%s: an empty <text>", id)
			}
		}
	}
	return byID
}

// svgIDs returns the ids of the charts in document order.
func svgIDs(doc *node) []string {
	var ids []string
	for _, svg := range doc.all("svg") {
		ids = append(ids, svg.Attr["id"])
	}
	return ids
}

func TestWriteSample(t *testing.T) {
	d := mustSample(t)
	doc := parse(t, render(t, d))
	charts := checkSVGs(t, doc)

	want := []string{"segments-chart", "rfm-chart", "rfm-grid-chart", "ladder-chart", "disc-chart", "sabone-chart",
		"perception-chart", "decision-chart", "loyalty-chart", "movement-1-chart", "movement-2-chart", "movement-3-chart"}
	if diff := cmp.Diff(want, svgIDs(doc)); diff != "" {
		t.Errorf("the charts (-want +got):\n%s", diff)
	}
	f := number(d.Lang)
	tys := d.typologies(&english)
	for i, ty := range tys {
		svg := charts[ty.ID+"-chart"]
		if svg == nil {
			continue
		}
		checkTable(t, doc, ty, f)
		if i == tRungs {
			checkFunnel(t, svg, ty)
			continue
		}
		checkBars(t, svg, ty, f)
	}
	checkGrid(t, charts["rfm-grid-chart"], d.Grid)
	for i, m := range d.Movement {
		checkMatrix(t, charts["movement-"+strconv.Itoa(i+1)+"-chart"], m)
	}

	// Self-contained: nothing to fetch, nothing to run.
	for _, name := range []string{"script", "link", "img", "iframe", "object", "embed"} {
		if n := len(doc.all(name)); n > 0 {
			t.Errorf("%d <%s> elements in a self-contained, script-free report", n, name)
		}
	}
	for _, name := range []string{"a", "use", "image"} {
		for _, el := range doc.all(name) {
			if href := el.Attr["href"]; !strings.HasPrefix(href, "#") {
				t.Errorf("<%s href=%q> leaves the page", name, href)
			}
		}
	}

	headline := doc.all("ul")[0].text()
	for _, want := range []string{f.int(d.Segments.Count()), f.date(d.AsOf), f.date(d.PreviousAsOf)} {
		if !strings.Contains(headline, want) {
			t.Errorf("the headline %q does not show %q", headline, want)
		}
	}
}

// checkBars checks a bar chart against its summary: a count bar for every
// label with customers and none for the others, lengths in proportion to
// the shares.
func checkBars(t *testing.T, svg *node, ty *typology, f number) {
	t.Helper()
	var longest, longestShare float64
	widths := map[string]float64{}
	for _, r := range ty.Rows {
		rects := tipped(svg, r.Title+": "+f.int(r.Count)+" ")
		if r.Count == 0 {
			if len(rects) != 0 {
				t.Errorf("%s: %q has no customers but a bar", ty.ID, r.Title)
			}
			continue
		}
		if len(rects) != 1 {
			t.Errorf("%s: %q (%d customers) has %d count bars, want 1", ty.ID, r.Title, r.Count, len(rects))
			continue
		}
		w := rects[0].num(t, "width")
		widths[r.Title] = w
		if w > longest {
			longest, longestShare = w, r.Share
		}
	}
	most := ty.Rows[0]
	for _, r := range ty.Rows {
		if r.Count > most.Count {
			most = r
		}
	}
	if desc := svg.Kids[1].text(); !strings.Contains(desc, most.Title+", "+f.int(most.Count)) {
		t.Errorf("%s: the description %q does not name the largest label, %s", ty.ID, desc, most.Title)
	}
	if longest > barsMax+0.05 {
		t.Errorf("%s: a bar of %v is longer than %v", ty.ID, longest, barsMax)
	}
	for _, r := range ty.Rows {
		w, ok := widths[r.Title]
		if !ok {
			continue
		}
		if want := longest * r.Share / longestShare; math.Abs(w-want) > 0.2 && !(want < 2 && w == 2) {
			t.Errorf("%s: %q: bar %v, want %v (share %v against %v)", ty.ID, r.Title, w, want, r.Share, longestShare)
		}
	}
}

// checkFunnel checks that every rung with customers has its bar, widths in
// proportion to the counts, the largest the full width.
func checkFunnel(t *testing.T, svg *node, ty *typology) {
	t.Helper()
	most := 0
	for _, r := range ty.Rows {
		most = max(most, r.Count)
	}
	for _, r := range ty.Rows {
		rects := tipped(svg, r.Title+": ")
		if r.Count == 0 {
			if len(rects) != 0 {
				t.Errorf("funnel: %q has no customers but a bar", r.Title)
			}
			continue
		}
		if len(rects) != 1 {
			t.Errorf("funnel: %q has %d bars, want 1", r.Title, len(rects))
			continue
		}
		want := math.Max(2, float64(r.Count)/float64(most)*funnelMax)
		if w := rects[0].num(t, "width"); math.Abs(w-want) > 0.1 {
			t.Errorf("funnel: %q (%d of at most %d) is %v wide, want %v", r.Title, r.Count, most, w, want)
		}
	}
}

// checkGrid checks the 25 cells: each shows its count, the fullest cell has
// the darkest colour.
func checkGrid(t *testing.T, svg *node, g *batch.Grid) {
	t.Helper()
	if svg == nil {
		t.Error("no RFM grid chart")
		return
	}
	cell := regexp.MustCompile(`^R(\d) F(\d): ([\d,]+) `)
	seen, most := 0, 0
	for _, c := range g.Cells() {
		most = max(most, c.Count)
	}
	for _, r := range svg.all("rect") {
		m := cell.FindStringSubmatch(r.tip())
		if m == nil {
			continue
		}
		seen++
		rs, _ := strconv.Atoi(m[1])
		fs, _ := strconv.Atoi(m[2])
		want := g.Cell(uint8(rs), uint8(fs)).Count
		if got, _ := strconv.Atoi(strings.ReplaceAll(m[3], ",", "")); got != want {
			t.Errorf("grid: R%d F%d shows %d customers, want %d", rs, fs, got, want)
		}
		if want == most && r.Attr["fill"] != ramp(blueLight, blueDark, 1) {
			t.Errorf("grid: the fullest cell R%d F%d is %s, want the darkest colour", rs, fs, r.Attr["fill"])
		}
	}
	if seen != 25 {
		t.Errorf("grid: %d cells, want 25", seen)
	}
}

// checkMatrix checks that the cells of a transition matrix add up to every
// customer the matrix counts.
func checkMatrix(t *testing.T, svg *node, m *movement.Matrix) {
	t.Helper()
	if svg == nil {
		t.Errorf("no chart of the movement of %s", m.Typology.Name)
		return
	}
	sum := 0
	for _, r := range svg.all("rect") {
		tip := r.tip()
		i := strings.LastIndex(tip, ": ")
		n, err := strconv.Atoi(strings.ReplaceAll(tip[i+2:], ",", ""))
		if i < 0 || err != nil {
			t.Errorf("%s: cell %q", m.Typology.Name, tip)
			continue
		}
		sum += n
	}
	if want := m.Stayed() + m.Moved() + m.TotalJoined() + m.TotalLeft(); sum != want {
		t.Errorf("%s: the cells add up to %d customers, want %d", m.Typology.Name, sum, want)
	}
}

// checkTable checks that the table of a typology has a row per label and
// the total, each with its count.
func checkTable(t *testing.T, doc *node, ty *typology, f number) {
	t.Helper()
	sec := doc.byID(ty.ID)
	if sec == nil {
		t.Errorf("no section %q", ty.ID)
		return
	}
	rows := sec.all("tbody")[0].all("tr")
	if len(rows) != len(ty.Rows)+1 {
		t.Errorf("%s: the table has %d rows, want %d", ty.ID, len(rows), len(ty.Rows)+1)
		return
	}
	for i, r := range ty.Rows {
		cells := rows[i].Kids
		if got := []string{cells[0].text(), cells[1].text()}; !cmp.Equal(got, []string{r.Title, f.int(r.Count)}) {
			t.Errorf("%s: table row %d is %q, want %q and %s", ty.ID, i, got, r.Title, f.int(r.Count))
		}
	}
}

func TestWriteRussian(t *testing.T) {
	d := *mustSample(t)
	d.Lang = segment.Russian
	out := render(t, &d)
	doc := parse(t, out)
	checkSVGs(t, doc)
	if got := doc.all("html")[0].Attr["lang"]; got != "ru" {
		t.Errorf("lang = %q, want ru", got)
	}
	for _, want := range []string{"Лестница лояльности", "RFM-сетка", "Постоянный клиент", "30.06.2025",
		"2" + nbsp + "500", ladder.Rungs.Title(ladder.Regular, segment.Russian)} {
		if !bytes.Contains(out, []byte(want)) {
			t.Errorf("the Russian report lacks %q", want)
		}
	}
	if bytes.Contains(out, []byte("Loyalty ladder")) {
		t.Error("the Russian report has an English title")
	}
}

func TestWriteIsDeterministic(t *testing.T) {
	d := mustSample(t)
	a, b := render(t, d), render(t, d)
	if !bytes.Equal(a, b) {
		t.Error("two reports of the same data differ")
	}
}

// TestWriteEscapes puts markup everywhere customer data goes: a user's RFM
// map names a segment with a script, and so do the title, the source and
// a movement matrix's typology and labels. None of it may come out as
// markup.
func TestWriteEscapes(t *testing.T) {
	const evil = `<script>alert(1)</script>`
	const evilAttr = `"><img src=x onerror=alert(1)>`
	m, err := rfm.ParseMap([]byte(`{"fallback": "` + strings.ReplaceAll(evil, "/", `\/`) + `", "rules": [{"segment": "Champions", "r": [4, 5], "f": [4, 5]}]}`))
	if err != nil {
		t.Fatalf("ParseMap: %v", err)
	}
	profiles, err := sample.Profiles()
	if err != nil {
		t.Fatal(err)
	}
	cs, err := strategy.Fit(profiles, &strategy.Settings{RFMMap: m})
	if err != nil {
		t.Fatal(err)
	}
	d := NewData(cs)
	var c strategy.Classification
	for i := range profiles {
		cs.Classify(&profiles[i], &c)
		if err := d.Add(&c, cs.RFM.Code(&profiles[i])); err != nil {
			t.Fatal(err)
		}
	}
	d.Title, d.Source = evil, evilAttr
	hostile := segment.LabelInfo{Name: evil, EN: evil, RU: evil}
	d.Movement = []*movement.Matrix{{
		Typology: segment.LabelInfo{Name: "x", EN: evilAttr},
		Labels:   []segment.LabelInfo{{Name: "unknown", EN: "Unknown"}, hostile},
		Counts:   [][]int{{0, 1}, {2, 3}},
		Joined:   []int{0, 4},
		Left:     []int{0, 5},
	}}
	out := render(t, d)
	for _, bad := range []string{"<script", "<img"} {
		if bytes.Contains(bytes.ToLower(out), []byte(bad)) {
			t.Errorf("the report contains %q: customer data came out as markup", bad)
		}
	}
	doc := parse(t, out)
	charts := checkSVGs(t, doc)
	found := func(svg *node, s string) bool {
		for _, x := range svg.all("text") {
			if x.text() == s {
				return true
			}
		}
		return false
	}
	if svg := charts["rfm-chart"]; svg == nil || !found(svg, evil) {
		t.Errorf("the RFM chart does not show the segment %q as text", evil)
	}
	if svg := charts["movement-1-chart"]; svg == nil || !found(svg, evil) {
		t.Errorf("the movement chart does not show the label %q as text", evil)
	}
	if got := doc.all("title")[0].text(); got != evil {
		t.Errorf("<title> = %q, want the title as text", got)
	}
	if !strings.Contains(doc.all("header")[0].text(), evilAttr) {
		t.Errorf("the header does not show the source %q as text", evilAttr)
	}
}

// TestWriteEmpty renders data with nobody in it: every case gives a valid
// page that says there is no data, with no chart and no NaN.
func TestWriteEmpty(t *testing.T) {
	ru := NewData(nil)
	ru.Lang = segment.Russian
	for _, tc := range []struct {
		name string
		d    *Data
		want string
	}{
		{"nil Data", nil, english.NoData},
		{"zero Data", &Data{}, english.NoData},
		{"empty summaries and grid", NewData(nil), english.NoData},
		{"in Russian", ru, russian.NoData},
		{"an empty grid only", &Data{Grid: &batch.Grid{}}, english.NoData},
		{"a zero matrix only", &Data{Movement: []*movement.Matrix{{}}, AsOf: sample.AsOf, PreviousAsOf: sample.AsOf.AddDays(-1)}, english.NoData},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := render(t, tc.d)
			doc := parse(t, out)
			if sec := doc.byID("no-data"); sec == nil || !strings.Contains(sec.text(), tc.want) {
				t.Errorf("no section saying %q", tc.want)
			}
			if n := len(doc.all("svg")); n != 0 {
				t.Errorf("%d charts of no data", n)
			}
			for _, bad := range []string{"NaN", "Inf", "%!"} {
				if bytes.Contains(out, []byte(bad)) {
					t.Errorf("the report contains %q", bad)
				}
			}
		})
	}
}

// TestWriteEdgeCases covers data that is not empty but thin: revenue that
// sums to zero (shares unknown), a label losing money, a grid alone, a
// matrix with nobody.
func TestWriteEdgeCases(t *testing.T) {
	asOf := sample.AsOf
	buyer := func(id string, revenue float64) *segment.Profile {
		return &segment.Profile{ID: id, AsOf: asOf, Occasions: 1, Orders: 1, Revenue: revenue, First: asOf, Last: asOf}
	}
	result := func(ty behavior.Type) *segment.Result[behavior.Type] {
		r := &segment.Result[behavior.Type]{Primary: ty, Confidence: 1}
		r.Scores[ty] = 1
		return r
	}
	add := func(t *testing.T, s *batch.Summary[behavior.Type], p *segment.Profile, ty behavior.Type) {
		t.Helper()
		if err := s.Add(p, result(ty)); err != nil {
			t.Fatal(err)
		}
	}

	t.Run("no revenue", func(t *testing.T) {
		s := batch.NewSummary(behavior.Types)
		add(t, s, buyer("a", 0), behavior.Newcomer)
		add(t, s, buyer("b", 0), behavior.Regular)
		out := render(t, &Data{Segments: s})
		doc := parse(t, out)
		svg := checkSVGs(t, doc)["segments-chart"]
		if svg == nil {
			t.Fatal("no chart")
		}
		if n := len(tipped(svg, behavior.Types.Title(behavior.Newcomer, 0)+": ")); n != 1 {
			t.Errorf("%d bars for New, want the count bar only (the revenue share is unknown)", n)
		}
		if bytes.Contains(out, []byte("NaN")) {
			t.Error("NaN in the report")
		}
	})

	t.Run("a label losing money", func(t *testing.T) {
		s := batch.NewSummary(behavior.Types)
		add(t, s, buyer("a", 100), behavior.Regular)
		add(t, s, buyer("b", -40), behavior.Problem)
		svg := checkSVGs(t, parse(t, render(t, &Data{Segments: s})))["segments-chart"]
		var loss []*node
		for _, r := range tipped(svg, behavior.Types.Title(behavior.Problem, 0)+": ") {
			if r.Attr["fill"] == lossFill {
				loss = append(loss, r)
			}
		}
		if len(loss) != 1 {
			t.Fatalf("%d loss bars for the problem customers, want 1", len(loss))
		}
	})

	t.Run("a grid alone", func(t *testing.T) {
		g := &batch.Grid{}
		for _, c := range []rfm.Code{{R: 5, F: 5, M: 5}, {R: 5, F: 5, M: 3}, {R: 1, F: 2, M: 1}} {
			if err := g.Add(c.R, c.F, c.M, 10); err != nil {
				t.Fatal(err)
			}
		}
		if err := g.Add(0, 0, 0, 0); err != nil {
			t.Fatal(err)
		}
		doc := parse(t, render(t, &Data{Grid: g, Segments: batch.NewSummary(behavior.Types)})) // an empty summary does not hide the grid
		charts := checkSVGs(t, doc)
		checkGrid(t, charts["rfm-grid-chart"], g)
		if !strings.Contains(doc.all("ul")[0].text(), "4") {
			t.Errorf("the headline %q does not count the 4 customers", doc.all("ul")[0].text())
		}
	})

	t.Run("a matrix with nobody", func(t *testing.T) {
		s := batch.NewSummary(behavior.Types)
		add(t, s, buyer("a", 1), behavior.Regular)
		m := &movement.Matrix{Typology: segment.LabelInfo{Name: "type"}}
		for v := range behavior.Types.Len() {
			m.Labels = append(m.Labels, behavior.Types.Info(behavior.Type(v)))
		}
		doc := parse(t, render(t, &Data{Segments: s, Movement: []*movement.Matrix{m}}))
		if sec := doc.byID("movement-1"); sec == nil {
			t.Error("no movement section")
		}
		if got := svgIDs(doc); !cmp.Equal(got, []string{"segments-chart"}) {
			t.Errorf("charts %q, want only the segments (the matrix has nobody)", got)
		}
	})
}

func TestAddCountsEveryCustomer(t *testing.T) {
	d := mustSample(t)
	n := d.Stats.Classified
	for _, ty := range d.typologies(&english) {
		if ty.Total.Count != n {
			t.Errorf("%s counts %d customers, want %d", ty.ID, ty.Total.Count, n)
		}
	}
	unscored, _ := d.Grid.Unscored()
	if got := d.Grid.Scored() + unscored; got != n {
		t.Errorf("the grid counts %d customers, want %d", got, n)
	}
	var zero Data
	p := buyerProfile()
	if err := zero.Add(&strategy.Classification{Profile: p}, rfm.Code{}); err != nil {
		t.Errorf("Add on the zero Data: %v", err)
	}
}

func buyerProfile() *segment.Profile {
	return &segment.Profile{ID: "a", AsOf: sample.AsOf}
}

func TestNumber(t *testing.T) {
	en, ru := number(segment.English), number(segment.Russian)
	for _, tc := range []struct{ got, want string }{
		{en.int(0), "0"},
		{en.int(999), "999"},
		{en.int(1000), "1,000"},
		{en.int(-1234567), "−1,234,567"},
		{ru.int(2500), "2" + nbsp + "500"},
		{en.fixed(1234.567, 2), "1,234.57"},
		{ru.fixed(1234.567, 2), "1" + nbsp + "234,57"},
		{en.fixed(-0.001, 2), "0.00"},
		{en.fixed(math.NaN(), 2), "—"},
		{en.percent(0.1234), "12.3%"},
		{ru.percent(0.1234), "12,3" + nbsp + "%"},
		{en.opt(segment.Opt[float64]{}, 1), "—"},
		{en.optPercent(segment.Some(1.0)), "100.0%"},
		{en.date(sample.AsOf), "2025-06-30"},
		{ru.date(sample.AsOf), "30.06.2025"},
		{en.date(segment.Date{}), "—"},
	} {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}
}

// BenchmarkWrite renders the sample shop's report: 2,500 customers, every
// typology, the grid and three transition matrices.
func BenchmarkWrite(b *testing.B) {
	d := mustSample(b)
	var out bytes.Buffer
	b.ReportAllocs()
	for b.Loop() {
		out.Reset()
		if err := Write(&out, d); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(out.Len()), "bytes/report")
}
