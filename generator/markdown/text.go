package markdown

import (
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// textRenderer writes the text of a body in one pass when it holds nothing to escape or
// replace: goldmark's renderer reads all text twice, for backslash escapes and entities
// and then for the bytes HTML escapes, though most text has neither. Any other text, and
// raw text, goldmark's renderer writes.
type textRenderer struct{ goldmark renderer.NodeRendererFunc }

func newTextRenderer() textRenderer {
	var r textRenderer
	// goldmark's own function for text, with the settings the site's dialect has:
	// goldmark's defaults (no hard wraps, no XHTML, no East Asian line breaks).
	html.NewRenderer().RegisterFuncs(registerer(func(kind ast.NodeKind, f renderer.NodeRendererFunc) {
		if kind == ast.KindText {
			r.goldmark = f
		}
	}))
	return r
}

type registerer func(ast.NodeKind, renderer.NodeRendererFunc)

func (r registerer) Register(kind ast.NodeKind, f renderer.NodeRendererFunc) { r(kind, f) }

func (r textRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindText, r.render)
}

func (r textRenderer) render(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.Text)
	if !entering || n.IsRaw() || n.Segment.Padding != 0 || !plainText(source[n.Segment.Start:n.Segment.Stop]) {
		return r.goldmark(w, source, node, entering)
	}
	w.Write(source[n.Segment.Start:n.Segment.Stop])
	if n.HardLineBreak() {
		w.WriteString("<br>\n")
	} else if n.SoftLineBreak() {
		w.WriteByte('\n')
	}
	return ast.WalkContinue, nil
}

// textSpecial marks the bytes goldmark's text renderer does not copy as they are: those
// HTML escapes, NUL, the '\\' of an escape and the '&' of an entity.
var textSpecial = [256]bool{0: true, '"': true, '&': true, '<': true, '>': true, '\\': true}

func plainText(b []byte) bool {
	for _, c := range b {
		if textSpecial[c] {
			return false
		}
	}
	return true
}
