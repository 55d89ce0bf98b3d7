package markdown

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
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
	st := &state{doc: &d, source: d.Body}
	pc := parser.NewContext()
	pc.Set(docKey, st)
	root := stock.Parser().Parse(text.NewReader(d.Body), parser.WithContext(pc))
	if !st.tooDeep {
		if err := render(stock, w, d.Body, root); err != nil {
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
	corpora := map[string][]string{"example": exampleBodies(t), "synthetic": syntheticBodies(), "spec": specExamples(t)}
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
	for _, s := range syntheticBodies()[:40] {
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

// TestCheckSkipsOnCorpora holds check's skips of the parse (quiet for Check, shallow and
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
			_, st := c.parse(&d)
			if quiet(d) {
				skipped++
				if len(st.findings) > 0 {
					t.Errorf("%s %d: quiet body %q gives %v", name, i, src, st.findings)
				}
			}
			if shallow(d.Body, d.MaxDepth) && underBudgets(d.Body) && st.findings.HasErrors() {
				t.Errorf("%s %d: body %q skipped by CheckErrors gives %v", name, i, src, st.findings)
			}
		}
		if skipped == 0 {
			t.Errorf("%s: no body was judged quiet", name)
		}
		t.Logf("%s: %d of %d bodies quiet", name, skipped, len(bodies))
	}
}
