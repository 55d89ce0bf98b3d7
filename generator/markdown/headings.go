package markdown

import (
	"reflect"
	"strconv"
	"sync"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Heading ids are goldmark's (parser.WithAutoHeadingID), made apart from the tree.
// goldmark keeps each id as an attribute of its heading, and a node's first attribute
// allocates room for ten: with its table of ids, that was a tenth of the bytes a
// build allocated. Here the heading parsers are goldmark's, wrapped so that closing a
// heading gives it the next id, in goldmark's order and by goldmark's rules; the ids
// are kept with the document being parsed, in memory used again for the next one, and
// a heading renderer of the site's own writes them.

// blockParsers are goldmark's block parsers, its heading parsers wrapped in headingIDs.
func blockParsers() []util.PrioritizedValue {
	atx, setext := reflect.TypeOf(parser.NewATXHeadingParser()), reflect.TypeOf(parser.NewSetextHeadingParser())
	ps := parser.DefaultBlockParsers()
	for i, p := range ps {
		if t := reflect.TypeOf(p.Value); t == atx || t == setext {
			ps[i].Value = headingIDs{p.Value.(parser.BlockParser)}
		}
	}
	return ps
}

// headingIDs is a heading parser that gives each heading it closes an id.
type headingIDs struct{ parser.BlockParser }

func (p headingIDs) Close(node ast.Node, reader text.Reader, pc parser.Context) {
	p.BlockParser.Close(node, reader, pc)
	// Like goldmark, from the heading's last line, and even for a setext underline that
	// turned out not to make a heading (the parser has then dropped the node).
	var line []byte
	if lines := node.Lines(); lines.Len() > 0 {
		last := lines.At(lines.Len() - 1)
		line = last.Value(reader.Source())
	}
	if st, ok := pc.Get(docKey).(*state); ok && st.ids != nil {
		st.ids.add(node.(*ast.Heading), line)
	}
}

// ids are the heading ids of one document, in the order the headings closed.
type ids struct {
	headings []*ast.Heading
	ends     []int                // where each heading's id ends in text
	text     []byte               // the ids, one after another
	next     int                  // the heading the renderer looks for first
	index    map[*ast.Heading]int // made when the headings are not rendered in order
	used     map[string]bool
	suffix   map[string]int // the last number put after an id, by the id
}

var idTables = sync.Pool{New: func() any { return &ids{used: map[string]bool{}, suffix: map[string]int{}} }}

func newIDs() *ids { return idTables.Get().(*ids) }

// release empties t and recycles it: no id of it may be used afterwards.
func (t *ids) release() {
	clear(t.headings)
	t.headings, t.ends, t.text, t.next, t.index = t.headings[:0], t.ends[:0], t.text[:0], 0, nil
	clear(t.used)
	clear(t.suffix)
	idTables.Put(t)
}

// add makes the id of heading h from line, as goldmark's parser.IDs does: ASCII
// letters and digits lowercased, blanks, '-' and '_' as '-', anything else left out,
// "heading" when nothing is left, and "-1", "-2"... after an id already taken.
func (t *ids) add(h *ast.Heading, line []byte) {
	line = util.TrimRightSpace(util.TrimLeftSpace(line))
	start := len(t.text)
	for i := 0; i < len(line); {
		c := line[i]
		l := int(util.UTF8Len(c))
		i += l
		if l != 1 {
			continue
		}
		switch {
		case util.IsAlphaNumeric(c):
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			t.text = append(t.text, c)
		case util.IsSpace(c) || c == '-' || c == '_':
			t.text = append(t.text, '-')
		}
	}
	if len(t.text) == start {
		t.text = append(t.text, "heading"...)
	}
	if id := string(t.text[start:]); !t.used[id] {
		t.used[id] = true
	} else {
		for n := t.suffix[id] + 1; ; n++ {
			t.text = strconv.AppendInt(append(t.text[:start+len(id)], '-'), int64(n), 10)
			if numbered := string(t.text[start:]); !t.used[numbered] {
				t.used[numbered] = true
				t.suffix[id] = n
				break
			}
		}
	}
	t.headings = append(t.headings, h)
	t.ends = append(t.ends, len(t.text))
}

// of returns the id of heading h. Headings are rendered in the order they closed, but
// for those in footnotes, which move to the end in the order they are referred to:
// the next heading is tried first, then an index of them all.
func (t *ids) of(h *ast.Heading) ([]byte, bool) {
	i := t.next
	if i >= len(t.headings) || t.headings[i] != h {
		if t.index == nil {
			t.index = make(map[*ast.Heading]int, len(t.headings))
			for i, h := range t.headings {
				t.index[h] = i
			}
		}
		var ok bool
		if i, ok = t.index[h]; !ok {
			return nil, false
		}
	}
	t.next = i + 1
	start := 0
	if i > 0 {
		start = t.ends[i-1]
	}
	return t.text[start:t.ends[i]], true
}

// docWriter is what a document is rendered into: the writer, and the document's ids.
type docWriter struct {
	util.BufWriter
	ids *ids
}

// headingRenderer writes headings with their ids, as goldmark's renderer writes a
// heading whose only attribute is its id.
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
		if dw, ok := w.(docWriter); ok && dw.ids != nil {
			if id, ok := dw.ids.of(n); ok {
				w.WriteString(` id="`)
				w.Write(id) // letters, digits and '-': nothing to escape
				w.WriteByte('"')
			}
		}
		w.WriteByte('>')
		return ast.WalkContinue, nil
	})
}
