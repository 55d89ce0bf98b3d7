package markdown

import (
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// linkRenderer writes links as goldmark's renderer does, but tells a dangerous URL
// without goldmark's IsDangerousURL, which lowercases a copy of the URL and of the
// scheme for each of the five it compares: ten allocations a link. The link check has
// already dropped the links of schemes the site does not allow; this second guard stays,
// as goldmark has it.
type linkRenderer struct{}

func (linkRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindLink, func(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			w.WriteString("</a>")
			return ast.WalkContinue, nil
		}
		n := node.(*ast.Link)
		w.WriteString(`<a href="`)
		if dest := util.URLEscape(n.Destination, true); !dangerousURL(dest) {
			w.Write(util.EscapeHTML(dest))
		}
		w.WriteByte('"')
		if n.Title != nil {
			w.WriteString(` title="`)
			html.DefaultWriter.Write(w, n.Title)
			w.WriteByte('"')
		}
		if n.Attributes() != nil {
			html.RenderAttributes(w, n, html.LinkAttributeFilter)
		}
		w.WriteByte('>')
		return ast.WalkContinue, nil
	})
}

// dangerousURL is goldmark's IsDangerousURL: a javascript:, vbscript:, file: or data:
// URL, but for data: images in PNG, GIF, JPEG or WebP. goldmark lowercases with
// bytes.ToLower; no other character than an ASCII letter lowercases to the ASCII of
// these prefixes, so comparing ASCII without case is the same (FuzzDangerousURL).
func dangerousURL(url []byte) bool {
	if hasPrefixFold(url, "data:image/") {
		v := url[len("data:image/"):]
		return !hasPrefixFold(v, "png;") && !hasPrefixFold(v, "gif;") && !hasPrefixFold(v, "jpeg;") && !hasPrefixFold(v, "webp;")
	}
	return hasPrefixFold(url, "javascript:") || hasPrefixFold(url, "vbscript:") ||
		hasPrefixFold(url, "file:") || hasPrefixFold(url, "data:")
}

// hasPrefixFold reports whether s starts with prefix, lowercase ASCII, in any case.
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
