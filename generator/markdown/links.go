package markdown

import (
	"bytes"

	"github.com/backlogtool/backlog/generator/internal/shortcuts"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// linkRenderer renders links and autolinks as goldmark's renderer does. goldmark asks
// html.IsDangerousURL of every destination, which lowers the case of each prefix it
// tries into new memory, ten times a link; a destination whose first byte starts none
// of the prefixes it refuses ("javascript:", "vbscript:", "file:", "data:") is not
// asked. With shortcuts off, goldmark's own functions render them.
type linkRenderer struct {
	writer  html.Writer
	library map[ast.NodeKind]renderer.NodeRendererFunc // goldmark's
}

func newLinkRenderer(writer html.Writer) linkRenderer {
	r := linkRenderer{writer: writer, library: map[ast.NodeKind]renderer.NodeRendererFunc{}}
	html.NewRenderer(html.WithWriter(writer)).RegisterFuncs(registry(r.library))
	return r
}

// registry keeps the functions a renderer registers.
type registry map[ast.NodeKind]renderer.NodeRendererFunc

func (r registry) Register(kind ast.NodeKind, f renderer.NodeRendererFunc) { r[kind] = f }

func (r linkRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindLink, r.renderLink)
	reg.Register(ast.KindAutoLink, r.renderAutoLink)
}

// dangerous is html.IsDangerousURL, not asked of a URL that cannot be.
func dangerous(url []byte) bool {
	if len(url) == 0 || bytes.IndexByte([]byte("jJvVfFdD"), url[0]) < 0 {
		return false
	}
	return html.IsDangerousURL(url)
}

// renderLink is goldmark's renderLink, with dangerous.
func (r linkRenderer) renderLink(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !shortcuts.On() {
		return r.library[ast.KindLink](w, source, node, entering)
	}
	n := node.(*ast.Link)
	if !entering {
		w.WriteString("</a>")
		return ast.WalkContinue, nil
	}
	w.WriteString(`<a href="`)
	if dest := util.URLEscape(n.Destination, true); !dangerous(dest) {
		w.Write(util.EscapeHTML(dest))
	}
	w.WriteByte('"')
	if n.Title != nil {
		w.WriteString(` title="`)
		r.writer.Write(w, n.Title)
		w.WriteByte('"')
	}
	if n.Attributes() != nil {
		html.RenderAttributes(w, n, html.LinkAttributeFilter)
	}
	w.WriteByte('>')
	return ast.WalkContinue, nil
}

// renderAutoLink is goldmark's renderAutoLink, with dangerous.
func (r linkRenderer) renderAutoLink(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !shortcuts.On() {
		return r.library[ast.KindAutoLink](w, source, node, entering)
	}
	n := node.(*ast.AutoLink)
	if !entering {
		return ast.WalkContinue, nil
	}
	w.WriteString(`<a href="`)
	url := util.URLEscape(n.URL(source), false)
	if n.AutoLinkType == ast.AutoLinkEmail && !hasPrefixFold(url, "mailto:") {
		w.WriteString("mailto:")
	}
	if !dangerous(url) {
		w.Write(util.EscapeHTML(url))
	}
	if n.Attributes() != nil {
		w.WriteByte('"')
		html.RenderAttributes(w, n, html.LinkAttributeFilter)
		w.WriteByte('>')
	} else {
		w.WriteString(`">`)
	}
	w.Write(util.EscapeHTML(n.Label(source)))
	w.WriteString(`</a>`)
	return ast.WalkContinue, nil
}

// hasPrefixFold is bytes.HasPrefix(bytes.ToLower(s), prefix) for a lower-case ASCII
// prefix, without the copy.
func hasPrefixFold(s []byte, prefix string) bool {
	if len(s) < len(prefix) {
		return false
	}
	for i := range len(prefix) {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != prefix[i] {
			return false
		}
	}
	return true
}
