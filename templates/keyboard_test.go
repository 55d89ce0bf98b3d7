package templates_test

import (
	"fmt"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestKeyboard tabs through pages of the example: every link, button, field and
// scrolling box is reached, and each shows where the focus is.
func TestKeyboard(t *testing.T) {
	url := exampleSite(t)
	b := newBrowser(t)
	b.viewport(t, 1280, 800)
	for _, path := range []string{"/index.html", "/board/index.html", "/items/site-generator/index.html", "/roadmap/index.html"} {
		b.do(t, chromedp.Navigate(url+path), chromedp.WaitReady("footer"))
		want := get(t, b, chromedp.Evaluate[int](`(window.__reached = new Set(), document.querySelectorAll('a[href], button:not(:disabled), input:not(:disabled), select:not(:disabled), [tabindex="0"]').forEach(e => e.checkVisibility() && e.setAttribute("data-want", "")), document.querySelectorAll("[data-want]").length)`))
		var unmarked []string
		for i := 0; i < want+5; i++ {
			b.do(t, chromedp.KeyEvent("\t"))
			bad := get(t, b, chromedp.Evaluate[string](`(() => {
			  const e = document.activeElement;
			  if (!e || e === document.body) return "";
			  window.__reached.add(e);
			  const cs = getComputedStyle(e);
			  return cs.outlineStyle === "none" || parseFloat(cs.outlineWidth) === 0 ? e.outerHTML.slice(0, 80) : "";
			})()`))
			if bad != "" {
				unmarked = append(unmarked, bad)
			}
		}
		missed := get(t, b, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll("[data-want]")).filter(e => !window.__reached.has(e)).map(e => e.outerHTML.slice(0, 80))`))
		for _, m := range missed {
			t.Errorf("%s: never reached by Tab: %s", path, m)
		}
		for _, u := range unmarked {
			t.Errorf("%s: no visible focus on %s", path, u)
		}
		b.clean(t, fmt.Sprint("keyboard ", path))
	}
}
