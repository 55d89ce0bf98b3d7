package markdown

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	"github.com/yuin/goldmark/util"
)

func resolveItems(target string) (string, bool) {
	switch target {
	case "items/sync-engine.md":
		return "../../items/sync-engine/index.html", true
	case "pages/vision.md":
		return "../../pages/vision/index.html", true
	}
	return "", false
}

func convert(t *testing.T, body string) (string, []string) {
	t.Helper()
	var out bytes.Buffer
	f, err := New().Convert(&out, Doc{Path: "items/a.md", Body: []byte(body), BodyLine: 5, Resolve: resolveItems})
	if err != nil {
		t.Fatal(err)
	}
	var msgs []string
	for _, x := range f {
		msgs = append(msgs, x.Pos.String()+": "+x.Message)
	}
	return out.String(), msgs
}

func TestConvert(t *testing.T) {
	tests := []struct {
		name   string
		in     string
		has    []string
		hasNot []string
	}{
		{name: "item link", in: "See [sync](sync-engine.md).", has: []string{`<a href="../../items/sync-engine/index.html">sync</a>`}},
		{name: "item link with fragment", in: "[s](./sync-engine.md#plan)", has: []string{`href="../../items/sync-engine/index.html#plan"`}},
		{name: "page link", in: "[v](../pages/vision.md)", has: []string{`href="../../pages/vision/index.html"`}},
		{name: "external link kept", in: "[x](https://example.org/a.md)", has: []string{`href="https://example.org/a.md"`}},
		{name: "heading id", in: "## Plan B\n", has: []string{`<h2 id="plan-b">Plan B</h2>`}},
		{name: "table", in: "| a | b |\n|---|---|\n| 1 | 2 |\n", has: []string{"<table>", "<td>1</td>"}},
		{name: "task list", in: "- [x] done\n- [ ] todo\n", has: []string{`<input checked="" disabled="" type="checkbox" aria-label="done">`, `<input disabled="" type="checkbox" aria-label="to do">`}},
		{name: "strikethrough", in: "~~old~~", has: []string{"<del>old</del>"}},
		{name: "autolink", in: "see https://example.org now", has: []string{`<a href="https://example.org">https://example.org</a>`}},
		{name: "footnote", in: "a[^1]\n\n[^1]: note\n", has: []string{`class="footnote-ref"`}},
		{name: "raw html dropped", in: "<script>alert(1)</script>\n\nx <b onclick=\"alert(1)\">y</b>", hasNot: []string{"<script", "onclick", "<b"}},
		{name: "javascript link unlinked", in: "[click](javascript:alert(1))", has: []string{"click"}, hasNot: []string{"javascript", "<a"}},
		{name: "mixed case scheme", in: "[click](JaVaScRiPt:alert(1))", hasNot: []string{"alert", "<a"}},
		{name: "control chars in scheme", in: "[click](<java\tscript:alert(1)>)", hasNot: []string{"alert", "<a"}},
		{name: "entity encoded scheme", in: "[click](&#106;avascript:alert(1))", hasNot: []string{"alert", "<a"}},
		{name: "vbscript link", in: "[v](vbscript:msgbox(1))", hasNot: []string{"vbscript", "<a"}},
		{name: "data html link", in: "[d](data:text/html;base64,PHNjcmlwdD4=)", hasNot: []string{"data:", "<a"}},
		{name: "data html image", in: "![i](data:text/html,<script>x</script>)", hasNot: []string{"data:", "<img", "<script"}},
		{name: "javascript autolink", in: "<javascript:alert(1)>", hasNot: []string{"<a"}},
		{name: "mailto kept", in: "<mailto:a@example.org>", has: []string{`href="mailto:a@example.org"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			html, _ := convert(t, tt.in)
			for _, s := range tt.has {
				if !strings.Contains(html, s) {
					t.Errorf("output lacks %q:\n%s", s, html)
				}
			}
			for _, s := range tt.hasNot {
				if strings.Contains(html, s) {
					t.Errorf("output has %q:\n%s", s, html)
				}
			}
		})
	}
}

func TestBrokenLinkPosition(t *testing.T) {
	_, msgs := convert(t, "Intro.\n\nSee [the plan](missing-item.md) and [ok](sync-engine.md).\n")
	want := `items/a.md:7:6: broken link: "missing-item.md" is not an item or page of this backlog`
	if len(msgs) != 1 || msgs[0] != want {
		t.Errorf("findings = %q, want [%q]", msgs, want)
	}
}

func TestNestingLimit(t *testing.T) {
	deep := strings.Repeat(">", 5000) + " x\n"
	var out bytes.Buffer
	f, err := New().Convert(&out, Doc{Path: "items/a.md", Body: []byte(deep), BodyLine: 1, MaxDepth: 100})
	if err != nil {
		t.Fatal(err)
	}
	if len(f) != 1 || !strings.Contains(f[0].Message, "nested more than 100 levels") || out.Len() != 0 {
		t.Errorf("findings = %v, output %d bytes", f, out.Len())
	}
}

func TestCheckMatchesConvert(t *testing.T) {
	body := "[a](nope.md) [b](sync-engine.md)\n"
	d := Doc{Path: "items/a.md", Body: []byte(body), BodyLine: 1, Resolve: resolveItems}
	checked := New().Check(d)
	converted, _ := New().Convert(&bytes.Buffer{}, d)
	if len(checked) != 1 || len(converted) != 1 || checked[0] != converted[0] {
		t.Errorf("Check %v, Convert %v", checked, converted)
	}
}

func TestFindingFree(t *testing.T) {
	tests := []struct {
		body string
		free bool
	}{
		{"Plain text, a list:\n\n- one\n- two\n", true},
		{"See [the engine](sync-engine.md) and [the vision](../pages/vision.md#why).\n", true},
		{"[ref]: sync-engine.md \"title\"\n\nUses [ref].\n", true},
		{"See [a](missing.md).\n", false},                // a broken link
		{"See notes.md for more.\n", false},              // a .md that does not resolve
		{"See [a](<sync-engine.md>).\n", false},          // angle brackets
		{"See [a](sync&#45;engine.md).\n", false},        // an entity
		{"See [a](x'sync-engine.md).\n", false},          // a path that is not plain
		{"A file.mdx is not a link to an item.\n", true}, // no destination ends in .md
		{strings.Repeat("> ", 60) + "deep\n", false},     // could nest past the limit
		{strings.Repeat("  ", 40) + "indented text\n", false},
	}
	for _, tc := range tests {
		d := Doc{Path: "items/a.md", Body: []byte(tc.body), BodyLine: 1, Resolve: resolveItems, MaxDepth: 100}
		if got := findingFree(d); got != tc.free {
			t.Errorf("findingFree(%q) = %v, want %v", tc.body, got, tc.free)
		}
	}
}

// FuzzFindingFree holds the shortcuts of Check and CheckErrors to the full parse: a body judged
// findingFree must give no finding when it is parsed, and one CheckErrors skips no error.
func FuzzFindingFree(f *testing.F) {
	for _, s := range []string{"[a](sync-engine.md)", "[a](sync-engine.md#x) [b](nope.md)", "> > - [x](sync-engine.md)", "| [a](sync-engine.md) |\n|---|\n", "[^1]: > > x\n\n[^1]", "- - - - - - x"} {
		f.Add(s, 8)
	}
	c := New()
	f.Fuzz(func(t *testing.T, body string, depth int) {
		d := Doc{Path: "items/a.md", Body: []byte(body), BodyLine: 1, Resolve: resolveItems, MaxDepth: depth % 64}
		_, st, _ := c.parse(&d, true)
		if findingFree(d) && len(st.findings) > 0 {
			t.Errorf("finding-free body %q (depth %d) gives %v", body, d.MaxDepth, st.findings)
		}
		// CheckErrors skips the parse of such bodies: they must give no error.
		if shallow(d.Body, d.MaxDepth) && underBudgets(d.Body) && st.findings.HasErrors() {
			t.Errorf("body %q (depth %d) skipped by CheckErrors gives %v", body, d.MaxDepth, st.findings)
		}
	})
}

// FuzzURLScheme holds urlScheme to the regular expression it replaced, applied to the
// URL with entities decoded and control characters dropped.
func FuzzURLScheme(f *testing.F) {
	for _, s := range []string{"https://x", "JaVaScRiPt:alert(1)", "java\tscript:x", "&#106;avascript:x", "a+b-c.d:", "1http:", ":x", "items/a.md", "h\u00e9:x", "\x7fhttp:x", "&colon;"} {
		f.Add(s)
	}
	pattern := regexp.MustCompile(`^([a-zA-Z][a-zA-Z0-9+.-]*):`)
	f.Fuzz(func(t *testing.T, dest string) {
		clean := util.ResolveEntityNames(util.ResolveNumericReferences([]byte(dest)))
		clean = bytes.Map(func(r rune) rune {
			if r <= 0x20 || r == 0x7f {
				return -1
			}
			return r
		}, clean)
		want, wantOK := "", false
		if m := pattern.FindSubmatch(clean); m != nil {
			want, wantOK = strings.ToLower(string(m[1])), true
		}
		if got, ok := urlScheme([]byte(dest)); got != want || ok != wantOK {
			t.Errorf("urlScheme(%q) = %q, %v; want %q, %v", dest, got, ok, want, wantOK)
		}
	})
}
