package templates_test

import (
	"fmt"
	"math"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestHeightDoesNotJump opens long pages and compares the height the page reports on
// load, with its row chunks not yet laid out, with its height once every chunk has been
// scrolled through: a wrong estimate makes the scrollbar jump under the reader's thumb.
func TestHeightDoesNotJump(t *testing.T) {
	sites := layoutSites(t)
	b := newBrowser(t)
	for _, s := range sites {
		url := serve(t, s.dir)
		for _, vp := range viewports {
			if vp.name != "phone" && vp.name != "tablet" && vp.name != "laptop" {
				continue
			}
			b.viewport(t, vp.width, vp.height)
			for _, path := range []string{"/index.html", "/roadmap/index.html"} {
				where := fmt.Sprintf("%s %s at %dx%d", s.name, path, vp.width, vp.height)
				b.do(t, chromedp.Navigate(url+path), chromedp.WaitReady("footer"))
				first := get(t, b, chromedp.Evaluate[float64](`document.documentElement.scrollHeight`))
				last := get(t, b, chromedp.Evaluate[float64](`(async () => {
				  const frame = () => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
				  for (let y = 0; y < document.documentElement.scrollHeight; y += innerHeight / 2) { scrollTo(0, y); await frame(); }
				  return document.documentElement.scrollHeight;
				})()`, chromedp.EvalAwaitPromise))
				t.Logf("%s: %.0f px on load, %.0f px laid out", where, first, last)
				if math.Abs(first-last) > 0.15*last {
					t.Errorf("%s: the page is %.0f px tall on load and %.0f px once laid out", where, first, last)
				}
				b.clean(t, where)
			}
		}
	}
}
