package markdown

import (
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// goldmark gives each heading its id (WithAutoHeadingID) as an attribute of the node,
// for which it allocates room for ten: on a backlog of thousands of items that is a
// tenth of what the Markdown allocates. With shortcuts on, the heading parsers below
// make the same ids, with goldmark's own generator at the moment goldmark would, and
// keep them in the conversion's state, from which headingRenderer writes them as
// goldmark's renderer writes the attribute. TestConvertMatchesGoldmark holds the two
// to each other byte for byte.

// headingIDs is goldmark's ATX or setext heading parser, made without WithAutoHeadingID,
// that gives each heading it closes its id in the conversion's state.
type headingIDs struct{ parser.BlockParser }

func (p headingIDs) Close(node ast.Node, reader text.Reader, pc parser.Context) {
	p.BlockParser.Close(node, reader, pc)
	h, isHeading := node.(*ast.Heading)
	st, ok := pc.Get(docKey).(*state)
	if !isHeading || !ok || !st.rendered {
		return // a check needs no ids
	}
	var line []byte // what goldmark's generateAutoHeadingID reads: the last line
	if lines := h.Lines(); lines.Len() > 0 {
		last := lines.At(lines.Len() - 1)
		line = last.Value(reader.Source())
	}
	st.headings.ids = append(st.headings.ids, headingID{h, pc.IDs().Generate(line, ast.KindHeading)})
}

// headingList holds the ids of a document's headings, in the order they were closed,
// which is the order they are rendered in, but for those of footnotes, rendered last.
type headingList struct {
	ids    []headingID
	next   int                     // the heading rendered next, most likely
	byNode map[*ast.Heading][]byte // made at the first heading out of order
}

type headingID struct {
	heading *ast.Heading
	id      []byte
}

// id returns the id of h.
func (l *headingList) id(h *ast.Heading) ([]byte, bool) {
	if l.next < len(l.ids) && l.ids[l.next].heading == h {
		l.next++
		return l.ids[l.next-1].id, true
	}
	if l.byNode == nil {
		l.byNode = make(map[*ast.Heading][]byte, len(l.ids))
		for _, e := range l.ids {
			l.byNode[e.heading] = e.id
		}
	}
	id, ok := l.byNode[h]
	return id, ok
}

// withHeadingIDs returns block parsers with goldmark's heading parsers in headingIDs.
func withHeadingIDs(ps []util.PrioritizedValue) []util.PrioritizedValue {
	return wrapParsers(ps, func(p parser.BlockParser) parser.BlockParser { return headingIDs{p} },
		parser.NewATXHeadingParser(), parser.NewSetextHeadingParser())
}

// headingRenderer renders headings as goldmark's renderer does, with the ids headingIDs
// made, which docWriter carries.
type headingRenderer struct{}

func (headingRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindHeading, func(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
		n := node.(*ast.Heading)
		if !entering {
			w.WriteString("</h")
			w.WriteByte("0123456"[n.Level])
			w.WriteString(">\n")
			return ast.WalkContinue, nil
		}
		w.WriteString("<h")
		w.WriteByte("0123456"[n.Level])
		if dw, ok := w.(docWriter); ok {
			if id, ok := dw.headings.id(n); ok {
				w.WriteString(` id="`)
				w.Write(util.EscapeHTML(id))
				w.WriteByte('"')
			}
		}
		if n.Attributes() != nil {
			html.RenderAttributes(w, n, html.HeadingAttributeFilter)
		}
		w.WriteByte('>')
		return ast.WalkContinue, nil
	})
}

// docWriter is the writer a conversion renders to, with what its renderers need of the
// conversion's state.
type docWriter struct {
	util.BufWriter
	headings *headingList
}
