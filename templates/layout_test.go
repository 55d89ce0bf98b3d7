package templates_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/backlogtool/backlog/generator"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// The layout tests open every page type of the example and of a synthetic backlog of
// 300 items at a phone's, a tablet's, a laptop's and a wall screen's size, light and dark,
// and check the geometry that makes a page usable rather than its pixels. Each view is
// kept as a screenshot in the test's artifact folder for a person to look at.

// viewports are the sizes every page is checked at.
// The smallest and the largest are checked in light mode only, to keep the run short.
var viewports = []struct {
	name          string
	width, height int64
	lightOnly     bool
}{
	{"small-phone", 320, 640, true},
	{"phone", 390, 844, false},
	{"tablet", 768, 1024, false},
	{"laptop", 1280, 800, false},
	{"wall", 1920, 1080, false},
	{"wall-2k", 2560, 1440, true},
}

var (
	synthOnce sync.Once
	synthDir  string
	synthErr  error
)

// synthTitles make titles of every length, long words included.
var synthTitles = []string{
	"Sync", "Offline mode for the mobile app", "Export the quarterly revenue report as a spreadsheet with every region's subtotals",
	"Internationalisation", "Fix the crash when a user with no avatar opens the settings page on a tablet in landscape",
	"Single sign-on", "Antidisestablishmentarianism-proof-hyphenation-of-unbreakable-identifiers", "Audit log",
}

// syntheticSite builds a backlog of 300 items with init's five statuses, releases, goals,
// labels and owners, and returns its output folder.
func syntheticSite(t *testing.T) string {
	t.Helper()
	synthOnce.Do(func() {
		dir, err := os.MkdirTemp("", "backlog-synth-")
		if err != nil {
			synthErr = err
			return
		}
		content := filepath.Join(dir, "content")
		os.MkdirAll(filepath.Join(content, "items"), 0o755)
		os.MkdirAll(filepath.Join(content, "pages"), 0o755)
		os.WriteFile(filepath.Join(content, "backlog.yaml"), []byte(`title: Synthetic product with a rather long name
description: Three hundred items to see every page full.
releases:
  - {name: "2027.1", date: 2027-03-31, description: Offline first.}
  - {name: "2027.2", date: 2027-06-30, description: Payments.}
  - {name: "2027.3", date: 2027-09-30}
goals:
  - {id: onboarding, title: Faster onboarding, description: New users succeed in a minute.}
  - {id: revenue, title: More revenue}
`), 0o644)
		os.WriteFile(filepath.Join(content, "pages", "vision.md"), []byte("---\ntitle: Vision\n---\n# Vision\n\nWhere we go.\n"), 0o644)
		statuses := []string{"proposed", "ready", "ready", "in-progress", "done", "dropped", "proposed"}
		releases := []string{"2027.1", "2027.2", "2027.3", ""}
		var order strings.Builder
		for i := range 300 {
			id := fmt.Sprintf("item-%03d", i)
			if i%9 != 8 {
				fmt.Fprintf(&order, "- %s\n", id)
			}
			title := synthTitles[i%len(synthTitles)]
			fm := fmt.Sprintf("---\ntitle: %q\nstatus: %s\ntype: %s\nestimate: %d\nvalue: %d\nowner: %s\nlabels: [%s]\n",
				fmt.Sprintf("%s %d", title, i), statuses[i%len(statuses)], []string{"feature", "bug", "chore"}[i%3],
				i%13, i%21, []string{"alice", "bob", "carol-with-a-long-handle"}[i%3],
				[]string{"mobile", "sync, billing", "accessibility, performance, security"}[i%3])
			if r := releases[i%len(releases)]; r != "" {
				fm += fmt.Sprintf("release: %q\n", r)
			}
			if i%5 == 0 {
				fm += "goal: onboarding\n"
			}
			body := fmt.Sprintf("The problem of item %d, in a sentence. More words follow.\n\n- [x] first step\n- [ ] second step\n", i)
			os.WriteFile(filepath.Join(content, "items", id+".md"), []byte(fm+"---\n"+body), 0o644)
		}
		os.WriteFile(filepath.Join(content, "order.yaml"), []byte(order.String()), 0o644)
		synthDir = filepath.Join(dir, "public")
		_, synthErr = generator.Build(generator.Options{ContentDir: content, OutDir: synthDir, NoHistory: true})
	})
	if synthErr != nil {
		t.Fatal(synthErr)
	}
	return synthDir
}

func serve(t *testing.T, dir string) string {
	srv := httptest.NewServer(http.FileServer(http.Dir(dir)))
	t.Cleanup(srv.Close)
	return srv.URL
}

// site is a built site and its page of each type.
type site struct {
	name, dir string
	pages     []struct{ name, path string }
}

func layoutSites(t *testing.T) []site {
	exampleSite(t)
	synth := syntheticSite(t)
	return []site{
		{"example", siteDir, existing(t)},
		{"synthetic", synth, []struct{ name, path string }{
			{"backlog", "/index.html"}, {"item", "/items/item-004/index.html"}, {"roadmap", "/roadmap/index.html"},
			{"board", "/board/index.html"}, {"page", "/pages/vision/index.html"}, {"not-found", "/404.html"},
		}},
	}
}

func (b *browser) viewport(t *testing.T, width, height int64) {
	t.Helper()
	_, err := chromedp.Call(b.ctx, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{Width: width, Height: height, DeviceScaleFactor: 1, Mobile: width < 600})
	if err != nil {
		t.Fatal(err)
	}
}

// geometry returns what is wrong with the layout of the page in view.
const geometry = `(() => {
  const problems = [], de = document.documentElement;
  if (de.scrollWidth > de.clientWidth) problems.push("the page scrolls sideways: scrollWidth " + de.scrollWidth + " > " + de.clientWidth);
  const canvas = document.createElement("canvas").getContext("2d");
  const twelve = el => { canvas.font = getComputedStyle(el).font; return canvas.measureText("000000000000").width; };
  const contentWidth = el => { const cs = getComputedStyle(el); return el.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight); };
  const titles = document.querySelectorAll("td.title, .card, .up-next li, article.item h1");
  let narrow = 0, first = "";
  for (const el of titles) {
    if (!el.checkVisibility()) continue;
    const w = contentWidth(el), need = twelve(el.querySelector("a") || el);
    if (w < need) { if (!narrow++) first = (el.textContent.trim().slice(0, 40)) + ": " + w.toFixed(0) + "px < " + need.toFixed(0) + "px"; }
  }
  if (narrow) problems.push(narrow + " item titles narrower than 12 characters, first " + first);
  for (const box of document.querySelectorAll(".table-scroll")) {
    if (box.scrollWidth > box.clientWidth + 1) problems.push("a table scrolls sideways: " + box.scrollWidth + " > " + box.clientWidth);
  }
  for (const row of document.querySelectorAll("table.items thead tr")) {
    // A header hidden for the eye (the cards' layout) has nothing to overlap.
    if (row.parentElement.getBoundingClientRect().width <= 1) continue;
    const cells = Array.from(row.children).filter(c => c.getBoundingClientRect().width > 1);
    cells.forEach((c, i) => {
      if (c.scrollWidth > c.clientWidth + 1) problems.push("header " + c.textContent + " overflows its cell: " + c.scrollWidth + " > " + c.clientWidth);
      const next = cells[i + 1];
      if (next && c.getBoundingClientRect().right > next.getBoundingClientRect().left + 0.5) problems.push("headers " + c.textContent + " and " + next.textContent + " overlap");
    });
  }
  const board = document.querySelector(".board");
  if (board) {
    const b = board.getBoundingClientRect(), cs = getComputedStyle(board);
    const scrolls = board.scrollWidth > board.clientWidth + 1;
    if (scrolls && !/auto|scroll/.test(cs.overflowX)) problems.push("the board is wider than its box and does not scroll");
    if (scrolls && b.height > innerHeight) problems.push("the board scrolls sideways but is taller (" + b.height.toFixed(0) + "px) than the window: its scrollbar is out of view");
    for (const col of board.querySelectorAll(".column")) {
      const r = col.getBoundingClientRect();
      if (!scrolls && (r.left < b.left - 1 || r.right > b.right + 1)) problems.push("column " + col.id + col.querySelector("h2").textContent + " is out of view");
      const last = col.lastElementChild, ccs = getComputedStyle(col);
      if (last && col.scrollHeight <= col.clientHeight + 1 && r.bottom - last.getBoundingClientRect().bottom > parseFloat(getComputedStyle(last).marginBottom) + parseFloat(ccs.paddingBottom) + parseFloat(ccs.borderBottomWidth) + 2)
        problems.push("column " + col.querySelector("h2").textContent + " is taller than its cards");
    }
  }
  return problems;
})()`

// docsPages are the page types the README's screenshots show.
var docsPages = map[string]bool{"backlog": true, "roadmap": true, "board": true, "item": true}

// docsScreenshot writes a screenshot of the page in view for the documentation, at
// three quarters of its size for the desktop so that each stays small.
func docsScreenshot(t *testing.T, b *browser, path string, width, height int64) {
	t.Helper()
	scale := 1.0
	if width > 600 {
		scale = 0.75
	}
	shot, err := chromedp.Call(b.ctx, page.CaptureScreenshot, page.CaptureScreenshotParams{
		Format: page.CaptureScreenshotFormatPng,
		Clip:   &page.Viewport{Width: float64(width), Height: float64(height), Scale: scale},
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, shot.Data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestLayout checks the geometry of every page type of both sites at every size, light
// and dark. BACKLOG_DOCS_SCREENSHOTS=DIR also writes the README's screenshots to DIR
// (docs/screenshots).
func TestLayout(t *testing.T) {
	docs := os.Getenv("BACKLOG_DOCS_SCREENSHOTS")
	sites := layoutSites(t)
	b := newBrowser(t)
	shots := t.ArtifactDir()
	for _, s := range sites {
		url := serve(t, s.dir)
		for _, scheme := range []string{"light", "dark"} {
			b.colorScheme(t, scheme)
			for _, vp := range viewports {
				if vp.lightOnly && scheme != "light" {
					continue
				}
				b.viewport(t, vp.width, vp.height)
				for _, p := range s.pages {
					where := fmt.Sprintf("%s %s at %dx%d (%s)", s.name, p.name, vp.width, vp.height, scheme)
					b.do(t, chromedp.Navigate(url+p.path), chromedp.WaitReady("footer"))
					for _, problem := range get(t, b, chromedp.Evaluate[[]string](geometry)) {
						t.Errorf("%s: %s", where, problem)
					}
					png := get(t, b, chromedp.CaptureScreenshot())
					name := fmt.Sprintf("%s-%s-%s-%s.png", s.name, p.name, vp.name, scheme)
					if err := os.WriteFile(filepath.Join(shots, name), png, 0o644); err != nil {
						t.Fatal(err)
					}
					if docs != "" && s.name == "example" && scheme == "light" && (vp.name == "phone" || vp.name == "laptop") && docsPages[p.name] {
						docsScreenshot(t, b, filepath.Join(docs, p.name+"-"+vp.name+".png"), vp.width, vp.height)
					}
					b.clean(t, where)
				}
			}
		}
	}
	t.Logf("screenshots in %s", shots)
}

// TestAccessibility runs axe-core on every page type of the example at each width, light
// and dark. (On the 300-item backlog a run takes twenty seconds: the example's pages
// have every kind of element already.)
func TestAccessibility(t *testing.T) {
	url := exampleSite(t)
	axe, err := os.ReadFile(webtool(t, "axe-core/axe.min.js"))
	if err != nil {
		t.Fatal(err)
	}
	b := newBrowser(t)
	for _, scheme := range []string{"light", "dark"} {
		b.colorScheme(t, scheme)
		for _, vp := range viewports {
			if vp.lightOnly {
				continue
			}
			b.viewport(t, vp.width, vp.height)
			for _, p := range existing(t) {
				where := fmt.Sprintf("%s at %dx%d (%s)", p.name, vp.width, vp.height, scheme)
				b.do(t, chromedp.Navigate(url+p.path), chromedp.WaitReady("footer"))
				axeCheck(t, b, axe, where)
			}
		}
	}
	b.clean(t, "accessibility")
}

// axeCheck fails the test for each serious or critical accessibility violation in view.
func axeCheck(t *testing.T, b *browser, axe []byte, where string) {
	t.Helper()
	type violation struct {
		ID, Impact, Help string
		Nodes            []struct{ HTML string }
	}
	if !get(t, b, chromedp.Evaluate[bool](`typeof axe !== "undefined"`)) {
		get(t, b, chromedp.Evaluate[bool](string(axe)+"; true"))
	}
	violations := get(t, b, chromedp.Evaluate[[]violation](`axe.run(document, {resultTypes: ["violations"]}).then(r => r.violations)`, chromedp.EvalAwaitPromise))
	for _, v := range violations {
		if v.Impact == "serious" || v.Impact == "critical" {
			first := ""
			if len(v.Nodes) > 0 {
				first = v.Nodes[0].HTML
			}
			t.Errorf("%s: %s %s: %s (%d nodes, first %s)", where, v.Impact, v.ID, v.Help, len(v.Nodes), first)
		}
	}
}
