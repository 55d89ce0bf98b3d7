package markdown

import (
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// taskList is goldmark's GFM task list extension with a parser and a renderer of its
// own. The parser finds the boxes without the regular expression goldmark's runs on
// every list item that starts with a '[' (a link, as often as a box), which was a
// tenth of the time the lists took to parse.
type taskList struct{}

func (taskList) Extend(m goldmark.Markdown) {
	// The priorities are goldmark's: the parser goes before the link parser.
	m.Parser().AddOptions(parser.WithInlineParsers(util.Prioritized(taskCheckBoxParser{}, 0)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(taskCheckBoxRenderer{}, 500)))
}

// taskCheckBoxParser parses "[ ]", "[x]" or "[X]" and the blanks after it, at the start
// of the first paragraph of a list item, as goldmark's parser does with the pattern
// ^\[([\sxX])\]\s*.
type taskCheckBoxParser struct{}

func (taskCheckBoxParser) Trigger() []byte { return []byte{'['} }

func (taskCheckBoxParser) Parse(parent ast.Node, block text.Reader, _ parser.Context) ast.Node {
	item := parent.Parent()
	if item == nil || item.FirstChild() != parent || parent.HasChildren() {
		return nil
	}
	if _, ok := item.(*ast.ListItem); !ok {
		return nil
	}
	line, _ := block.PeekLine()
	if len(line) < 3 || line[0] != '[' || line[2] != ']' {
		return nil
	}
	mark := line[1]
	if mark != 'x' && mark != 'X' && !isRegexpSpace(mark) {
		return nil
	}
	n := 3
	for n < len(line) && isRegexpSpace(line[n]) {
		n++
	}
	block.Advance(n)
	return extast.NewTaskCheckBox(mark == 'x' || mark == 'X')
}

// isRegexpSpace is \s of Go's regular expressions: no vertical tab.
func isRegexpSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'
}

func (taskCheckBoxParser) CloseBlock(ast.Node, parser.Context) {}

// taskCheckBoxRenderer renders task list boxes with an accessible name: a checkbox
// without a label is a form field nobody using a screen reader can tell the meaning of.
type taskCheckBoxRenderer struct{}

func (taskCheckBoxRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(extast.KindTaskCheckBox, func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		if n.(*extast.TaskCheckBox).IsChecked {
			w.WriteString(`<input checked="" disabled="" type="checkbox" aria-label="done"> `)
		} else {
			w.WriteString(`<input disabled="" type="checkbox" aria-label="to do"> `)
		}
		return ast.WalkContinue, nil
	})
}
