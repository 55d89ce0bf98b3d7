package markdown

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/yuin/goldmark/ast"
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
	"a\vhttp://vt.example b\fwww.ff.example",
	" xwww.y@z.com xhttp:a@b.de",
}

// renderBoth converts src with the site's parse (without linkify, then autolinks) and,
// as the reference, with goldmark's linkify. It also says whether autolinks gave up.
func renderBoth(src string) (got, want string, gaveUp bool) {
	c := New()
	d := Doc{Path: "items/a.md", Body: []byte(src), BodyLine: 1, Resolve: resolveItems, MaxDepth: 20}
	var buf bytes.Buffer
	convert := func(root ast.Node, st *state) string {
		buf.Reset()
		if !st.tooDeep {
			if err := c.md.Renderer().Render(bufferWriter{&buf}, d.Body, root); err != nil {
				return err.Error()
			}
		}
		return fmt.Sprintf("%s\n%v", buf.String(), st.findings)
	}
	_, lean := parseWith(c.lean, &d)
	return convert(c.parse(&d)), convert(parseWith(c.md, &d)), lean.linkify
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
	// The bare URLs of ordinary prose are linked without parsing again.
	if _, _, g := renderBoth(autolinkSeeds[0]); g {
		t.Error("autolinks gave up on an ordinary paragraph")
	}
	t.Logf("gave up on %d of %d", gaveUp, len(autolinkSeeds))
}

// FuzzAutolinks holds the parse without linkify, and autolinks, to goldmark's linkify.
func FuzzAutolinks(f *testing.F) {
	for _, s := range autolinkSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		if got, want, _ := renderBoth(src); got != want {
			t.Errorf("%q:\n got %s\nwant %s", src, got, want)
		}
	})
}
