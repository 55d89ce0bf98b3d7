package markdown

import (
	"github.com/backlogtool/backlog/generator/internal/shortcuts"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// paragraphTransformers are goldmark's, with its reader of link reference definitions
// in linkReferences.
func paragraphTransformers() []util.PrioritizedValue {
	ps := parser.DefaultParagraphTransformers()
	for i, p := range ps {
		if p.Value == parser.LinkReferenceParagraphTransformer {
			ps[i].Value = linkReferences{parser.LinkReferenceParagraphTransformer}
		}
	}
	return ps
}

// linkReferences reads the link reference definitions ("[label]: /url") at the start of
// a paragraph, as goldmark does once each paragraph is closed: goldmark allocates a
// reader for every paragraph, for a definition that can only open with '['. Unless
// shortcuts are off, paragraphs that do not are left as goldmark leaves them, untouched.
type linkReferences struct{ parser.ParagraphTransformer }

func (t linkReferences) Transform(node *ast.Paragraph, reader text.Reader, pc parser.Context) {
	if lines := node.Lines(); shortcuts.On() && lines.Len() > 0 && !opensWithBracket(lines, reader.Source()) {
		return
	}
	t.ParagraphTransformer.Transform(node, reader, pc)
}

// opensWithBracket reports whether the first byte of lines that is not a space, as
// goldmark skips them before a definition, is '['.
func opensWithBracket(lines *text.Segments, src []byte) bool {
	for i := range lines.Len() {
		line := lines.At(i)
		for _, c := range line.Value(src) {
			if !util.IsSpace(c) {
				return c == '['
			}
		}
	}
	return false
}
