package report

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// The browser test renders the sample's report, opens it in headless
// Chromium (Debian's chromium package) and checks what a reader would see:
// the screenshot has the charts' colours where the charts are, the DOM
// Chromium built has every chart with shapes of positive size, and the page
// logged nothing to the console. Without Chromium it skips, unless
// CLIENTELE_BROWSER_TEST=1 (as in .ci/steps/20-browser.sh), when a missing
// browser is a failure.

const browserEnv = "CLIENTELE_BROWSER_TEST"

// chromiumPath returns the browser to run, or skips or fails the test when
// there is none.
func chromiumPath(t *testing.T) string {
	t.Helper()
	required := os.Getenv(browserEnv) == "1"
	if testing.Short() && !required {
		t.Skip("browser test skipped in -short mode")
	}
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if required {
		t.Fatalf("%s=1 but Chromium is not installed (apt-get install chromium)", browserEnv)
	}
	t.Skipf("Chromium is not installed: browser test skipped (install Debian's chromium, or set %s=1 to make this a failure)", browserEnv)
	return ""
}

// browse opens file in headless Chromium with a window of width × height,
// saves a screenshot to shot, and returns the DOM after loading and what
// Chromium logged.
func browse(t *testing.T, chromium, file, shot string, width, height int) (dom, log []byte) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, chromium,
		"--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
		"--no-first-run", "--disable-extensions", "--disable-background-networking", "--disable-component-update",
		"--user-data-dir="+t.TempDir(),
		"--enable-logging=stderr", "--v=0",
		fmt.Sprintf("--window-size=%d,%d", width, height),
		"--screenshot="+shot, "--dump-dom",
		"file://"+file)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s: %v\n%s", chromium, err, stderr.Bytes())
	}
	return stdout.Bytes(), stderr.Bytes()
}

// consoleLine matches what Chromium logs for a console message of the page
// (an error, a warning, an uncaught exception, a log call).
var consoleLine = regexp.MustCompile(`(?m)^\[[^\]]*:CONSOLE[^\]]*\].*$`)

func TestBrowser(t *testing.T) {
	chromium := chromiumPath(t)
	t.Run("report", func(t *testing.T) {
		t.Parallel()
		browseReport(t, chromium)
	})
	// The check for console messages must be able to fail: a page that
	// logs an error shows it is seen.
	t.Run("console errors are caught", func(t *testing.T) {
		t.Parallel()
		dir := t.TempDir()
		page := filepath.Join(dir, "bad.html")
		src := `<!DOCTYPE html><html><body><p>bad</p><script>console.error("report-test-error"); notDefined();</script></body></html>`
		if err := os.WriteFile(page, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		_, log := browse(t, chromium, page, filepath.Join(dir, "bad.png"), 400, 300)
		got := consoleLine.FindAll(log, -1)
		if len(got) != 2 || !bytes.Contains(got[0], []byte("report-test-error")) || !bytes.Contains(got[1], []byte("notDefined")) {
			t.Errorf("the console messages of a page with an error and an exception are not seen; got %q", got)
		}
	})
}

func browseReport(t *testing.T, chromium string) {
	dir := t.TempDir()
	page := filepath.Join(dir, "report.html")
	out := render(t, mustSample(t))
	if err := os.WriteFile(page, out, 0o644); err != nil {
		t.Fatal(err)
	}
	shot := filepath.Join(dir, "report.png")
	const width, height = 1280, 10000 // tall enough for the whole sample report
	dom, log := browse(t, chromium, page, shot, width, height)
	if keep := os.Getenv("CLIENTELE_BROWSER_SHOT"); keep != "" {
		if b, err := os.ReadFile(shot); err == nil {
			_ = os.WriteFile(keep, b, 0o644)
		}
	}

	if msgs := consoleLine.FindAll(log, -1); len(msgs) > 0 {
		t.Errorf("the report logged to the console:\n%s", bytes.Join(msgs, []byte("\n")))
	}
	checkDOM(t, dom, svgIDs(parse(t, out)))
	checkScreenshot(t, shot, width, height)
}

var (
	svgElement = regexp.MustCompile(`(?s)<svg id="([^"]+)".*?</svg>`)
	rectWidth  = regexp.MustCompile(`<rect [^>]*\bwidth="([^"]*)"`)
)

// checkDOM checks that the DOM Chromium built has every chart of the
// report, each with rects of positive width.
func checkDOM(t *testing.T, dom []byte, want []string) {
	t.Helper()
	var got []string
	for _, m := range svgElement.FindAllSubmatch(dom, -1) {
		id := string(m[1])
		got = append(got, id)
		rects := rectWidth.FindAllSubmatch(m[0], -1)
		if len(rects) == 0 {
			t.Errorf("DOM: %s has no rect", id)
		}
		for _, r := range rects {
			if w, err := strconv.ParseFloat(string(r[1]), 64); err != nil || w <= 0 {
				t.Errorf("DOM: %s has a rect of width %q", id, r[1])
			}
		}
	}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("DOM: charts %q, want %q", got, want)
	}
}

// checkScreenshot checks that the charts drew: the picture is not blank,
// and the colours only the charts use (the count and revenue bars, the
// funnel's lapsed bar, the darkest cells of the heat maps) cover areas the
// size of bars and cells.
func checkScreenshot(t *testing.T, path string, width, height int) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("no screenshot: %v", err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("the screenshot is not a PNG: %v", err)
	}
	if b := img.Bounds(); b.Dx() != width || b.Dy() != height {
		t.Errorf("the screenshot is %d × %d, want %d × %d", b.Dx(), b.Dy(), width, height)
	}
	counts := colours(img)
	if len(counts) < 50 {
		t.Errorf("the screenshot has %d colours: nothing drew", len(counts))
	}
	for _, c := range []struct {
		what string
		hex  string
		min  int // pixels: a few bars' or cells' worth
	}{
		{"count bars", countFill, 20000},
		{"revenue bars", moneyFill, 8000},
		{"the lapsed customers' bar", lapsed, 5000},
		{"the fullest cells of the heat maps", ramp(blueLight, blueDark, 1), 3000},
		{"the most-moved cell of a transition matrix", ramp(orangeLight, orangeDark, 1), 1000},
	} {
		if n := counts[rgb(t, c.hex)]; n < c.min {
			t.Errorf("%s (%s): %d pixels, want at least %d", c.what, c.hex, n, c.min)
		}
	}
}

// colours counts the pixels of each colour. A screenshot is opaque, so
// RGBA and NRGBA pixels read the same.
func colours(img image.Image) map[color.RGBA]int {
	counts := map[color.RGBA]int{}
	b := img.Bounds()
	var pix []uint8 // 8-bit RGBA rows, what Chromium's PNGs decode to: read them directly
	var stride int
	switch img := img.(type) {
	case *image.RGBA:
		pix, stride = img.Pix, img.Stride
	case *image.NRGBA:
		pix, stride = img.Pix, img.Stride
	}
	if pix != nil {
		for y := range b.Dy() {
			row := pix[y*stride:]
			for x := 0; x < b.Dx(); x++ {
				p := row[4*x : 4*x+4]
				counts[color.RGBA{p[0], p[1], p[2], p[3]}]++
			}
		}
		return counts
	}
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			counts[color.RGBAModel.Convert(img.At(x, y)).(color.RGBA)]++
		}
	}
	return counts
}

// rgb parses "#rrggbb".
func rgb(t *testing.T, hex string) color.RGBA {
	t.Helper()
	v, err := strconv.ParseUint(strings.TrimPrefix(hex, "#"), 16, 32)
	if err != nil || len(hex) != 7 {
		t.Fatalf("bad colour %q", hex)
	}
	return color.RGBA{R: uint8(v >> 16), G: uint8(v >> 8), B: uint8(v), A: 0xff}
}
