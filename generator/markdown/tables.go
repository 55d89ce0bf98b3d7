package markdown

import (
	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// tableCellRenderer writes table cells as goldmark's table renderer does in HTML, with
// an alignment as a style. goldmark's sets the style as an attribute of each aligned
// cell first, which allocates room for ten, and formats the tags with fmt. The site's
// bodies have no attributes of their own to render.
type tableCellRenderer struct{}

func (tableCellRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(extast.KindTableCell, func(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
		n := node.(*extast.TableCell)
		tag := "td"
		if n.Parent().Kind() == extast.KindTableHeader {
			tag = "th"
		}
		if !entering {
			w.WriteString("</")
			w.WriteString(tag)
			w.WriteString(">\n")
			return ast.WalkContinue, nil
		}
		w.WriteByte('<')
		w.WriteString(tag)
		if n.Alignment != extast.AlignNone {
			w.WriteString(` style="text-align:`)
			w.WriteString(n.Alignment.String())
			w.WriteByte('"')
		}
		w.WriteByte('>')
		return ast.WalkContinue, nil
	})
}
