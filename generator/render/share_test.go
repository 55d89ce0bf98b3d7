package render

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestSummary(t *testing.T) {
	long := strings.Repeat("word ", 80)
	for _, tc := range []struct{ name, body, want string }{
		{"first sentence", "<p>Users lose work offline. The app should queue edits.</p>", "Users lose work offline. The app should queue edits."},
		{"short first sentence", "<p>Fix sync. It drops edits made on a plane, and users notice hours later. More text here that goes on.</p>", "Fix sync. It drops edits made on a plane, and users notice hours later."},
		{"tags and entities", `<h2 id="why">Why</h2>` + "\n" + `<p>The <a href="x">export</a> is <strong>slow</strong> &amp; <code>&lt;b&gt;</code> leaks. Next.</p>`, "The export is slow & <b> leaks. Next."},
		{"no sentence end", "<p>Just a line\nover two lines</p>", "Just a line over two lines"},
		{"no paragraph", "<ul><li>a</li></ul>", ""},
		{"empty", "", ""},
		{"long", "<p>" + long + "</p>", strings.TrimSpace(strings.Repeat("word ", 39)) + "…"},
		{"long word", "<p>" + strings.Repeat("é", 300) + "</p>", strings.Repeat("é", 199) + "…"},
	} {
		got := summary(tc.body)
		if got != tc.want {
			t.Errorf("%s: summary = %q, want %q", tc.name, got, tc.want)
		}
		if utf8.RuneCountInString(got) > summaryLength {
			t.Errorf("%s: %d characters", tc.name, utf8.RuneCountInString(got))
		}
	}
}

func TestPageURL(t *testing.T) {
	if got := pageURL("https://acme.github.io/repo", "items/sync/index.html"); got != "https://acme.github.io/repo/items/sync/" {
		t.Errorf("got %q", got)
	}
	if got := pageURL("", "items/sync/index.html"); got != "" {
		t.Errorf("without base_url: %q", got)
	}
}
