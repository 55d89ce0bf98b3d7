package templates_test

import (
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestFilterShowsOnlyMatches searches the example and checks what the reader sees: the
// matches and no blank stretch under them, counts that follow the filter, and a way
// back from a search that matches nothing.
func TestFilterShowsOnlyMatches(t *testing.T) {
	url := exampleSite(t)
	b := newBrowser(t)
	b.viewport(t, 1280, 800)
	b.do(t, chromedp.Navigate(url+"/index.html"), chromedp.WaitReady("#q"))
	b.do(t, chromedp.SendKeys("#q", "every"))
	// The description words arrive with the search index, after the first keystroke's
	// filter: what the reader finally sees is measured once they are applied.
	get(t, b, chromedp.Poll[bool](`document.querySelector("[data-results]") !== null && document.documentElement.dataset.searchIndex === "applied"`))

	type section struct {
		Heading    string
		Count      string
		Visible    int
		BlankBelow float64
		Shown      bool
	}
	sections := get(t, b, chromedp.Evaluate[[]section](`Array.from(document.querySelectorAll("main section")).filter(s => s.querySelector("table")).map(s => {
	  const rows = Array.from(s.querySelectorAll("tr[data-item]")).filter(r => r.checkVisibility());
	  const last = rows.length ? rows[rows.length - 1].getBoundingClientRect().bottom : s.getBoundingClientRect().top;
	  return {Heading: s.querySelector("h2").firstChild.textContent.trim(), Count: (s.querySelector("h2 .count") || {}).textContent || "",
	    Visible: rows.length, BlankBelow: s.getBoundingClientRect().bottom - last, Shown: s.checkVisibility()};
	})`))
	total := 0
	for _, s := range sections {
		if s.Shown && s.Count != strconv.Itoa(s.Visible) {
			t.Errorf("section %s: count %s, %d rows shown", s.Heading, s.Count, s.Visible)
		}
		if s.Shown && s.BlankBelow > 40 {
			t.Errorf("section %s: %.0f px blank under its last match", s.Heading, s.BlankBelow)
		}
		if !s.Shown && s.Visible > 0 {
			t.Errorf("section %s is hidden with %d matches", s.Heading, s.Visible)
		}
		total += s.Visible
	}
	if total == 0 {
		t.Fatal("no match for 'every'")
	}
	blank := get(t, b, chromedp.Evaluate[float64](`(() => {
	  const rows = Array.from(document.querySelectorAll("tr[data-item]")).filter(r => r.checkVisibility());
	  return document.querySelector("footer").getBoundingClientRect().top - rows[rows.length - 1].getBoundingClientRect().bottom;
	})()`))
	if blank > 150 {
		t.Errorf("%.0f px between the last match and the footer", blank)
	}
	count := get(t, b, chromedp.Text("[data-count]"))
	items, _ := filepath.Glob(filepath.Join("..", "content", "items", "*.md"))
	if want := fmt.Sprintf("%d of %d ", total, len(items)); !strings.HasPrefix(count, want) {
		t.Errorf("count %q, want %q", count, want)
	}
	if get(t, b, chromedp.Evaluate[bool](`document.querySelector("[data-no-match]").checkVisibility()`)) {
		t.Error("'no match' shown with matches")
	}

	// Nothing matches: the page says so and offers to clear the filters.
	b.do(t, chromedp.SendKeys("#q", " zzqx"))
	get(t, b, chromedp.Poll[bool](`document.querySelector("[data-no-match]").checkVisibility()`))
	rows := get(t, b, chromedp.Evaluate[int](`Array.from(document.querySelectorAll("tr[data-item]")).filter(r => r.checkVisibility()).length`))
	if rows != 0 {
		t.Errorf("%d rows shown for a search without matches", rows)
	}
	b.do(t, chromedp.Click("[data-clear]"))
	get(t, b, chromedp.Poll[bool](`!document.querySelector("[data-no-match]").checkVisibility() && document.querySelector("#q").value === "" && !location.search.includes("q=")`))
	rows = get(t, b, chromedp.Evaluate[int](`document.querySelectorAll("section[aria-labelledby=backlog] tr[data-item]").length`))
	if c := get(t, b, chromedp.Text("section[aria-labelledby=backlog] h2 .count")); c != strconv.Itoa(rows) {
		t.Errorf("after clearing, the backlog's count is %s for %d rows", c, rows)
	}
	if get(t, b, chromedp.Evaluate[bool](`document.querySelector("[data-clear]").checkVisibility()`)) {
		t.Error("'clear filters' still shown without a filter")
	}
	b.clean(t, "filter")
}
