package templates_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// papers are the sizes a planning copy is printed on, in inches.
var papers = []struct {
	name          string
	width, height float64
}{
	{"A4", 8.27, 11.69},
	{"Letter", 8.5, 11},
}

var (
	pdfPage     = regexp.MustCompile(`/Type\s*/Page\b`)
	pdfMediaBox = regexp.MustCompile(`/MediaBox\s*\[\s*0 0 ([0-9.]+) ([0-9.]+)\s*\]`)
)

// pdfPages counts the pages of a PDF and tells whether they are all landscape.
func pdfPages(t *testing.T, pdf []byte) (pages int, landscape bool) {
	t.Helper()
	pages = len(pdfPage.FindAll(pdf, -1))
	boxes := pdfMediaBox.FindAllSubmatch(pdf, -1)
	if pages == 0 || len(boxes) == 0 {
		t.Fatalf("not a PDF with pages: %q", pdf[:min(len(pdf), 200)])
	}
	landscape = true
	for _, m := range boxes {
		w, _ := strconv.ParseFloat(string(m[1]), 64)
		h, _ := strconv.ParseFloat(string(m[2]), 64)
		landscape = landscape && w > h
	}
	return pages, landscape
}

// cutOff returns the table cells that do not fit the printed page, laid out with the
// print stylesheet at the width of the paper less the page's margins.
const cutOff = `(() => {
  const out = [], width = document.documentElement.clientWidth;
  for (const table of document.querySelectorAll("table")) {
    const r = table.getBoundingClientRect();
    if (r.right > width + 1) out.push("a table ends at " + r.right.toFixed(0) + "px, past the page's " + width + "px");
    for (const cell of table.querySelectorAll("th, td")) {
      if (!cell.checkVisibility()) continue;
      const c = cell.getBoundingClientRect();
      if (c.right > width + 1 || cell.scrollWidth > cell.clientWidth + 1) { out.push("cell " + JSON.stringify(cell.textContent.trim().slice(0, 30)) + " is cut off"); break; }
    }
  }
  return out;
})()`

func TestPrint(t *testing.T) {
	sites := layoutSites(t)
	b := newBrowser(t)
	dir := t.ArtifactDir()
	for _, s := range sites {
		url := serve(t, s.dir)
		for _, tc := range []struct {
			page     string
			maxPages int // on A4; Letter is a little shorter
		}{
			{"/index.html", map[string]int{"example": 3, "synthetic": 12}[s.name]},
			{"/roadmap/index.html", map[string]int{"example": 6, "synthetic": 16}[s.name]},
			{"/board/index.html", 0},
		} {
			for _, paper := range papers {
				where := fmt.Sprintf("%s %s on %s", s.name, tc.page, paper.name)
				// The page laid out for print at the paper's width less its margins (2 x 10mm).
				cssWidth := int64((paper.width - 20/25.4) * 96)
				b.do(t, chromedp.Navigate(url+tc.page), chromedp.WaitReady("footer"))
				media(t, b, "print", cssWidth)
				for _, p := range get(t, b, chromedp.Evaluate[[]string](cutOff)) {
					t.Errorf("%s: %s", where, p)
				}
				media(t, b, "", 0)
				pdf, err := chromedp.Call(b.ctx, page.PrintToPDF, page.PrintToPDFParams{
					PaperWidth: paper.width, PaperHeight: paper.height, PreferCSSPageSize: ptr(true), PrintBackground: ptr(true),
				})
				if err != nil {
					t.Fatal(err)
				}
				name := fmt.Sprintf("%s-%s-%s.pdf", s.name, map[string]string{"/index.html": "backlog", "/roadmap/index.html": "roadmap", "/board/index.html": "board"}[tc.page], paper.name)
				os.WriteFile(filepath.Join(dir, name), pdf.Data, 0o644)
				pages, landscape := pdfPages(t, pdf.Data)
				t.Logf("%s: %d pages", where, pages)
				board := bytes.Contains([]byte(tc.page), []byte("board"))
				if board != landscape {
					t.Errorf("%s: landscape %v", where, landscape)
				}
				if tc.maxPages > 0 && pages > tc.maxPages+map[string]int{"A4": 0, "Letter": 1}[paper.name] {
					t.Errorf("%s: %d pages, want at most %d", where, pages, tc.maxPages)
				}
				b.clean(t, where)
			}
		}
	}
	t.Logf("PDFs in %s", dir)
}

func ptr[T any](v T) *T { return &v }

// media emulates a media type ("print", or "" for the screen) at a width, 0 for the window's.
func media(t *testing.T, b *browser, kind string, width int64) {
	t.Helper()
	if _, err := chromedp.Call(b.ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: kind}); err != nil {
		t.Fatal(err)
	}
	var err error
	if width > 0 {
		_, err = chromedp.Call(b.ctx, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{Width: width, Height: 1000, DeviceScaleFactor: 1})
	} else {
		_, err = chromedp.Call(b.ctx, emulation.ClearDeviceMetricsOverride, cdp.Empty{})
	}
	if err != nil {
		t.Fatal(err)
	}
}
