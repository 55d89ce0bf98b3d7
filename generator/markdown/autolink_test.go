package markdown

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

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
	"- [ ] box\n- [x]\tdone\n- [X]\n- [ ]\n\n  para\n- [\t] tab\n- [y] no\n- [ ]x\n- [link](a.md) [ ] later\n",
	"1. [x]   spaced\n   - [ ] nested\n> - [ ] quoted\n\n* \\[ ] escaped\n* [ ]\f ff\n* [ ]\v vt\n* [ ]\r\n",
	"a\vhttp://vt.example b\fwww.ff.example",
	" xwww.y@z.com xhttp:a@b.de",
	urlAfterLink,
	"[open bracket https://open.example and ![img](a.png) https://img.example\n",
	"*[in emphasis* https://em.example `[code` https://code.example <span>[</span> www.html.example\n",
	"[closed] https://closed.example [a [b](c.md) https://nested.example [c https://in.example](d.md)\n",
	"[x]: https://ref.example\n\n[x] https://after.ref and [y][x] www.z.org text\\[ https://esc.example\n",
	"[a\nb] https://x.example\n[c](d.md)\nhttps://y.example ~~[s~~ ada@strike.example\n",
}

// urlAfterLink is prose with a bare URL after a link, which needs no second parse.
const urlAfterLink = "See the [RFC](https://docs.example.com/rfc/1) first. Related: https://forum.example.com/t/2\n"

// stock is the site's dialect made of goldmark's own parts: its linkify, task list and
// link rendering. It is the reference the site's shortcuts are held to.
var stock = goldmark.New(
	goldmark.WithExtensions(extension.Linkify, extension.Table, extension.Strikethrough, extension.TaskList, extension.Footnote),
	goldmark.WithParserOptions(
		parser.WithAutoHeadingID(),
		parser.WithASTTransformers(util.Prioritized(linkTransformer{}, 1000)),
	),
	// Before goldmark's task list renderer (500): the accessible names are the site's.
	goldmark.WithRendererOptions(renderer.WithNodeRenderers(util.Prioritized(taskCheckBoxRenderer{}, 100))),
)

// renderBoth converts src with the site's parse (without linkify, then autolinks) and,
// as the reference, with stock. It also says whether autolinks gave up.
func renderBoth(src string) (got, want string, gaveUp bool) {
	c := New()
	d := Doc{Path: "items/a.md", Body: []byte(src), BodyLine: 1, Resolve: resolveItems, MaxDepth: 20}
	var buf bytes.Buffer
	convert := func(md goldmark.Markdown, root ast.Node, st *state) string {
		buf.Reset()
		if !st.tooDeep {
			if err := render(md, &buf, d.Body, root, st); err != nil {
				return err.Error()
			}
		}
		return fmt.Sprintf("%s\n%v", buf.String(), st.findings)
	}
	_, lean := parseWith(c.lean, &d)
	root, st := c.parse(&d)
	stockRoot, stockState := parseWith(stock, &d)
	return convert(c.md, root, st), convert(stock, stockRoot, stockState), lean.linkify
}

func TestAutolinks(t *testing.T) {
	gaveUp := 0
	for _, src := range autolinkSeeds {
		got, want, g := renderBoth(src)
		if got != want {
			t.Errorf("%q:\n got %s\nwant %s", src, got, want)
		}
		if g {
			gaveUp++
		}
	}
	// The bare URLs of ordinary prose are linked without parsing again, after a link too.
	for _, src := range []string{autolinkSeeds[0], urlAfterLink} {
		if _, _, g := renderBoth(src); g {
			t.Errorf("autolinks gave up on an ordinary paragraph: %q", src)
		}
	}
	t.Logf("gave up on %d of %d", gaveUp, len(autolinkSeeds))
}

// ownPartSeeds are the cases of goldmark's output that the site's own parts give again:
// heading ids, table cells, and link reference definitions.
var ownPartSeeds = []string{
	"# Offline mode\n\n## Offline mode\n\n### offline-mode-1\n\nOffline mode\n---\n",
	"# A\n# a\n# A\n# a-1\n# a-2\n",
	"#\n#  \n# ***\n# é ü\n# snake_case and-dash\n",
	"Two lines\nof setext\n===\n",
	"[foo]: /url\n===\n# Heading\n",
	"a[^1] b[^2]\n\n[^2]: # Two\n[^1]: # One\n\n# One\n",
	"> # Quoted\n- # Listed\n# Quoted\n",
	"| left | centre | right | none |\n|:-----|:------:|------:|------|\n| a | b | c | d |\n| e \\| f |\n",
	"| only a header |\n|:-:|\n",
	"[a]: /u\n[b]:\n  /v 'title'\ntext [a] [b]\n\n  \t[c]: /w\n\n[c]\n\nnot [d]: /x\n[d]\n",
	"- [e]: /y\n\n  [e]\n> [f]: /z\n> [f] [g]\n\n[g]: <> \"t\"\n[h]: /h\n",
	"\t[i]: /i\n\n   [j]: /j\n[j] [i]\n\n[not a definition]\n\n[k]:\n",
	"[t](/u \"Ti&amp;tle \\\"q\\\" <b>\") [l](<a b.md> 'x') [e](/&auml;?a=1&b=\"2\") [](HTTP://X/%zz \"\")\n",
}

func TestOwnParts(t *testing.T) {
	for _, src := range ownPartSeeds {
		if got, want, _ := renderBoth(src); got != want {
			t.Errorf("%q:\n got %s\nwant %s", src, got, want)
		}
	}
}

// FuzzAutolinks holds the site's conversion, with its shortcuts (the parse without
// linkify then autolinks, the task list parser, the heading ids, the table cells, the
// reader of link reference definitions), to stock.
func FuzzAutolinks(f *testing.F) {
	for _, s := range append(autolinkSeeds, ownPartSeeds...) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		if got, want, _ := renderBoth(src); got != want {
			t.Errorf("%q:\n got %s\nwant %s", src, got, want)
		}
	})
}
