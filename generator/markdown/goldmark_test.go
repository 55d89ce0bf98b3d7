package markdown

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// stock is the site's dialect made of goldmark's parts alone, without the bounds of
// bounds.go: the reference the site's conversion is held to, byte for byte, on every
// body under the bounds.
var stock = goldmark.New(
	goldmark.WithExtensions(extension.Linkify, extension.Table, extension.Strikethrough, extension.TaskList, extension.Footnote),
	goldmark.WithParserOptions(
		parser.WithAutoHeadingID(),
		parser.WithASTTransformers(util.Prioritized(linkTransformer{}, 1000)),
	),
	goldmark.WithRendererOptions(renderer.WithNodeRenderers(util.Prioritized(taskCheckBoxRenderer{}, 100))),
)

// stockConvert converts d with stock, and returns its findings.
func stockConvert(w *bytes.Buffer, d Doc) string {
	st := &state{doc: &d, source: d.Body, rendered: true}
	pc := parser.NewContext()
	pc.Set(docKey, st)
	root := stock.Parser().Parse(text.NewReader(d.Body), parser.WithContext(pc))
	if !st.tooDeep {
		if err := render(stock, w, d.Body, root, st); err != nil {
			return err.Error()
		}
	}
	return fmt.Sprint(st.findings)
}

// convertBoth converts src with the site's conversion and with stock.
func convertBoth(src string) (site, reference string) {
	d := Doc{Path: "items/a.md", Body: []byte(src), BodyLine: 1, Resolve: resolveItems, MaxDepth: 100}
	var a, b bytes.Buffer
	f, err := New().Convert(&a, d)
	if err != nil {
		return err.Error(), ""
	}
	g := stockConvert(&b, d)
	return a.String() + "\n" + fmt.Sprint(f), b.String() + "\n" + g
}

// specExamples returns the Markdown of the CommonMark spec's examples, which goldmark
// ships in its module (_test/spec.json). It fails the test when they cannot be read.
func specExamples(t testing.TB) []string {
	dir, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/yuin/goldmark").Output()
	if err != nil {
		t.Fatalf("finding goldmark's module: %v", err)
	}
	data, err := os.ReadFile(filepath.Join(strings.TrimSpace(string(dir)), "_test", "spec.json"))
	if err != nil {
		t.Fatalf("goldmark's spec examples: %v", err)
	}
	var examples []struct{ Markdown string }
	if err := json.Unmarshal(data, &examples); err != nil {
		t.Fatal(err)
	}
	var bodies []string
	for _, e := range examples {
		bodies = append(bodies, e.Markdown)
	}
	if len(bodies) < 500 {
		t.Fatalf("only %d spec examples", len(bodies))
	}
	return bodies
}

// exampleBodies returns the items and pages of the built-in example (content/).
func exampleBodies(t testing.TB) []string {
	var bodies []string
	root := filepath.Join("..", "..", "content")
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
			return err
		}
		data, err := os.ReadFile(p)
		bodies = append(bodies, string(data))
		return err
	})
	if err != nil || len(bodies) < 10 {
		t.Fatalf("the example: %d bodies, %v", len(bodies), err)
	}
	return bodies
}

// syntheticBodies are bodies made of the constructs the site's users write, in many
// combinations: what a synthetic backlog holds, without a generator outside the tests.
func syntheticBodies() []string {
	parts := []string{
		"# Heading one\n", "## Heading *two* with `code`\n", "Plain prose with a [link](sync-engine.md) and [a broken one](gone.md).\n",
		"See https://example.org/a_(b)?c=1 and www.example.com, or mail ada@example.org.\n", "- [ ] to do\n- [x] done\n  - nested [link](../pages/vision.md#why)\n",
		"1. one\n2. two\n\n   continued\n", "> quoted **bold** _em_ ~~old~~\n> > deeper\n", "| a | b |\n|:--|--:|\n| `x` | [y](https://y.example) |\n",
		"```go\nfunc main() { fmt.Println(\"<b>\") }\n```\n", "Footnote[^1].\n\n[^1]: The note, with https://note.example.\n",
		"[ref]: https://ref.example \"Title\"\n\nUses [ref] and [text][ref].\n", "<b>raw</b> <!-- comment --> &amp; &copy; \\*escaped\\*\n",
		"Setext\n======\n", "![image](https://img.example/a.png \"t\") [js](javascript:alert(1))\n", "***\n", "    indented code\n",
	}
	var bodies []string
	for i := range parts {
		for j := range parts {
			bodies = append(bodies, parts[i]+"\n"+parts[j]+parts[(i*7+j)%len(parts)])
		}
	}
	return bodies
}

// TestConvertMatchesGoldmark holds the site's conversion to goldmark's own parts, byte
// for byte (and finding for finding), on the CommonMark spec's examples, the built-in
// example and a synthetic corpus: the bounds change nothing under them.
func TestConvertMatchesGoldmark(t *testing.T) {
	corpora := map[string][]string{"example": exampleBodies(t), "synthetic": syntheticBodies(), "spec": specExamples(t), "autolinks": autolinkSeeds, "own parts": ownPartSeeds}
	for name, bodies := range corpora {
		for i, src := range bodies {
			if site, reference := convertBoth(src); site != reference {
				t.Errorf("%s %d %q:\n site  %s\n stock %s", name, i, src, site, reference)
			}
		}
	}
}

// FuzzConvertMatchesGoldmark holds the site's conversion to stock on any body within
// the bounds; a body over one must be refused with an error.
func FuzzConvertMatchesGoldmark(f *testing.F) {
	for _, s := range append(append(syntheticBodies()[:40], autolinkSeeds...), ownPartSeeds...) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		d := Doc{Path: "items/a.md", Body: []byte(src), BodyLine: 1, Resolve: resolveItems, MaxDepth: 100}
		var buf bytes.Buffer
		findings, _ := New().Convert(&buf, d)
		if findings.HasErrors() {
			return // over a bound or nested too deep: nothing written, as stock's too deep
		}
		if site, reference := convertBoth(src); site != reference {
			t.Errorf("%q:\n site  %s\n stock %s", src, site, reference)
		}
	})
}

// TestCheckSkipsOnCorpora holds check's skips of the parse (findingFree for Check, shallow and
// underBudgets for CheckErrors) to the parse itself on the same corpora: a body skipped
// must give no finding (no error, for CheckErrors) when it is parsed. Some bodies of
// each corpus must be skipped, or the test would hold nothing.
func TestCheckSkipsOnCorpora(t *testing.T) {
	c := New()
	corpora := map[string][]string{"example": exampleBodies(t), "synthetic": syntheticBodies(), "spec": specExamples(t)}
	for name, bodies := range corpora {
		skipped := 0
		for i, src := range bodies {
			d := Doc{Path: "items/a.md", Body: []byte(src), BodyLine: 1, Resolve: resolveItems, MaxDepth: 100}
			_, st, _ := c.parse(&d, true)
			if findingFree(d) {
				skipped++
				if len(st.findings) > 0 {
					t.Errorf("%s %d: finding-free body %q gives %v", name, i, src, st.findings)
				}
			}
			if shallow(d.Body, d.MaxDepth) && underBudgets(d.Body) && st.findings.HasErrors() {
				t.Errorf("%s %d: body %q skipped by CheckErrors gives %v", name, i, src, st.findings)
			}
		}
		if skipped == 0 {
			t.Errorf("%s: no body was judged finding-free", name)
		}
		t.Logf("%s: %d of %d bodies finding-free", name, skipped, len(bodies))
	}
}

// autolinkSeeds hold bare URLs and addresses where linkify links them and where it does
// not: after spaces, brackets, marks and links, in emphasis, lists, quotes, tables and
// footnotes, at line ends and breaks.
var autolinkSeeds = []string{
	"Related discussion: https://forum.example.com/t/2937 A first version can skip it.\n",
	"See www.example.com, or mail ada@example.com.\nhttp://a.b/c_(d)?e=1&f=2; done\n",
	"(https://x.com/a) *http://y.com* _www.z.org_ ~ftp://f.net~ a*b@c.de x_y@z.io\n",
	"[label http://in.label] and [link http://x.com](http://y.com) `http://code.org` <http://auto.link>\n",
	"- item https://list.example/1\n  continued www.two.org\n\n> quote ada@b.co\n",
	"| a | b |\n|---|---|\n| https://cell.example | x@y.zz |\n",
	"# Heading https://h.example\n\ntext http://a.com/x.  http://b.com/y,\nhttp://c.com/(p))\n",
	"\\ http://escaped.space \\(http://esc.paren) &amp; http://e.com/&amp;x\n",
	"http://a.comhttp://b.com www.a.comwww.b.com mail@a.commail@b.com\n",
	"hard break https://hb.example  \nnext line\\\nhttp://after.break\n",
	"footnote[^1] https://fn.example\n\n[^1]: note http://note.example\n",
	"a\vhttp://vt.example b\fwww.ff.example",
	" xwww.y@z.com xhttp:a@b.de",
	urlAfterLink,
	"[open bracket https://open.example and ![img](a.png) https://img.example\n",
	"*[in emphasis* https://em.example `[code` https://code.example <span>[</span> www.html.example\n",
	"[closed] https://closed.example [a [b](c.md) https://nested.example [c https://in.example](d.md)\n",
	"[x]: https://ref.example\n\n[x] https://after.ref and [y][x] www.z.org text\\[ https://esc.example\n",
	"[a\nb] https://x.example\n[c](d.md)\nhttps://y.example ~~[s~~ ada@strike.example\n",
	"trailing www.a.com   \nspaces https://b.example \t\nend",
	"a@b.c@d.e x@@y.z .@a.bc a.b@c.d@e.f http:http://x.y https://https://z.w\n",
	"javascript:alert(1)@x.y mailto:a@b.c tel:+1@x.y www.a.b/c?d=e&f=<g>\n",
	"b.c`x@y.z` and a `b@c.d` code span\n",
	"0[\nhttp://0.a0 after a bracket\n",
	"a@b.cd~~~x@y.zz<", "http://a.bc|~~~y@z.de<", "Mail a@b.cd~~~x@y.zz, or `c`.\n",
	"a\\  \n\\(b\n", "\\ http://a.bc\\*x*\n", "see\\ a@b.cd\\`x`\n", "a\\ x@y.zz\\<x\n",
	"[^a]: http://x.y/[^b]\n\n[^b]: note\n", "[^1]:\n[^1]::\nhttp://a.c/[^1]",
}

// ownPartSeeds are bodies where the site's own parts (heading ids, the reader of link
// reference definitions) must give goldmark's output again.
var ownPartSeeds = []string{
	"# Offline mode\n\n## Offline mode\n\n### offline-mode-1\n\nOffline mode\n---\n",
	"# A\n# a\n# A\n# a-1\n# a-2\n",
	"#\n#  \n# ***\n# é ü\n# snake_case and-dash\n# <b>&amp;</b> \"q\" 'a'\n",
	"Two lines\nof setext\n===\n",
	"[foo]: /url\n===\n# Heading\n",
	"a[^1] b[^2]\n\n[^2]: # Two\n[^1]: # One\n\n# One\n",
	"> # Quoted\n- # Listed\n# Quoted\n",
	"[a]: /u\n[b]:\n  /v 'title'\ntext [a] [b]\n\n  \t[c]: /w\n\n[c]\n\nnot [d]: /x\n[d]\n",
	"- [e]: /y\n\n  [e]\n> [f]: /z\n> [f] [g]\n\n[g]: <> \"t\"\n[h]: /h\n",
	"\t[i]: /i\n\n   [j]: /j\n[j] [i]\n\n[not a definition]\n\n[k]:\n",
}

// TestBudgetsCountWhatLinkifyLeaves holds the bounds to the marks goldmark parses: the
// marks inside bare URLs are linkify's, and a body of ten thousand is converted as
// goldmark converts it, not refused for the marks a parse without linkify met.
func TestBudgetsCountWhatLinkifyLeaves(t *testing.T) {
	for _, src := range []string{strings.Repeat("see http://a.bc/_x\n", maxMarks+1), strings.Repeat("www.a.bc/!x ", maxMarks+1)} {
		if site, reference := convertBoth(src); site != reference {
			t.Errorf("%.40q...: the site's conversion differs from goldmark's:\n site  %.300s\n stock %.300s", src, site, reference)
		}
	}
}

// urlAfterLink is prose with a bare URL after a link, which needs no second parse.
const urlAfterLink = "See the [RFC](https://docs.example.com/rfc/1) first. Related: https://forum.example.com/t/2\n"

// TestAutolinksWithoutLinkify holds the shortcut to doing its work: the bare URLs of
// ordinary prose are linked by autolinks, without the parse with linkify, and the
// conversion is goldmark's (TestConvertMatchesGoldmark holds every seed to it).
func TestAutolinksWithoutLinkify(t *testing.T) {
	c := New()
	lean := 0
	for _, src := range autolinkSeeds {
		d := Doc{Path: "items/a.md", Body: []byte(src), BodyLine: 1, Resolve: resolveItems, MaxDepth: 100}
		if _, st, md := c.parse(&d, true); md == c.unbounded.lean && !st.linkify {
			lean++
		}
	}
	for _, src := range []string{autolinkSeeds[0], urlAfterLink, "- item https://list.example/1\n  continued www.two.org ada@example.org\n"} {
		d := Doc{Path: "items/a.md", Body: []byte(src), BodyLine: 1, Resolve: resolveItems, MaxDepth: 100}
		root, st, md := c.parse(&d, true)
		if md != c.unbounded.lean {
			t.Errorf("%q was parsed again with linkify", src)
		}
		var buf bytes.Buffer
		if err := render(md, &buf, d.Body, root, st); err != nil || !strings.Contains(buf.String(), `<a href="http`) {
			t.Errorf("%q: bare URL not linked: %s %v %v", src, buf.String(), st.findings, err)
		}
	}
	if lean < len(autolinkSeeds)/3 {
		t.Errorf("autolinks linked only %d of %d seeds without linkify", lean, len(autolinkSeeds))
	}
	t.Logf("%d of %d seeds linked without linkify", lean, len(autolinkSeeds))
}

// TestConvertMatchesGoldmarkOnTokens holds the conversion to stock on bodies strung
// together at random (seeded) from the pieces where autolinks and the bounds meet
// goldmark's inline parse: addresses, brackets, marks, code spans, line ends.
func TestConvertMatchesGoldmarkOnTokens(t *testing.T) {
	pieces := []string{"http:", "https://", "www.", "ftp:", "@", "[", "]", "](", " ", "  ", "\n", "a", "b.c", ".", "*", "_", "~",
		"`", "(", ")", "\\", "<", ">", "!", "-", "|", "\t", "\r", "#", "1.", "> ", "- ", "x@y.z", "[^1]", "&amp;", "<b>"}
	r := rand.New(rand.NewPCG(1, 2))
	n := 20000
	if testing.Short() {
		n = 2000
	}
	for range n {
		var b strings.Builder
		for k := r.IntN(30); k >= 0; k-- {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		if site, reference := convertBoth(b.String()); site != reference {
			t.Fatalf("%q:\n site  %s\n stock %s", b.String(), site, reference)
		}
	}
}
