package markdown

import (
	"bytes"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// goldmark converts ordinary text in linear time, but not every text: it searches
// forward from each '[' that closes into "](", each '`' and each '<' for what would
// close it, matches each emphasis mark against the marks before it, opens as many
// block quotes as a line has '>', and pads every row of a table to the header's width.
// A body of a megabyte, under the size limit, crafted to repeat one of those ("[a](",
// "*a_", ">") took minutes. These bounds keep every body's conversion near linear. A
// body over one is an error that names the limit, for build and for check alike, and
// nothing of it is written; ordinary bodies are far inside them.
const (
	// maxMarks is how many brackets, emphasis marks, backticks and '<' one paragraph,
	// heading or table cell may hold: matching emphasis marks takes up to their square.
	maxMarks = 10_000
	// maxScan is how many bytes, at most, goldmark may search forward in one paragraph,
	// heading or table cell for what closes a link, code span or HTML tag; a search is
	// counted as reaching the end of the paragraph.
	maxScan = 64 << 20
	// maxCells is how many cells a table may have, its rows times its columns.
	maxCells = 1 << 18
	// maxDefinitionWork is how many lines, at most, goldmark may copy in one paragraph
	// while it reads the link reference definitions that open it: it copies the rest of
	// the paragraph at each one, counted as its lines opening with '[' times its lines.
	maxDefinitionWork = 1 << 22
)

// boundedBlockParsers are goldmark's block parsers, with those that nest (block quotes,
// lists and list items; footnote definitions are held in footnotes) refusing to open past the nesting limit: the lines of a body
// then keep goldmark's work per line within the limit, however many '>' a line has.
// What they refuse becomes a paragraph one level too deep, which the link transformer
// reports as nested too deep.
func boundedBlockParsers() []util.PrioritizedValue {
	return wrapParsers(parser.DefaultBlockParsers(), func(p parser.BlockParser) parser.BlockParser { return nestingLimit{p} },
		parser.NewBlockquoteParser(), parser.NewListParser(), parser.NewListItemParser())
}

// footnotes is goldmark's footnote extension with its definition parser, which nests
// too ("[^a]: [^b]: ..."), held to the nesting limit like the others.
type footnotes struct{}

func (footnotes) Extend(m goldmark.Markdown) {
	// The parts and priorities of goldmark's extension.Footnote.
	m.Parser().AddOptions(
		parser.WithBlockParsers(util.Prioritized(nestingLimit{extension.NewFootnoteBlockParser()}, 999)),
		parser.WithInlineParsers(util.Prioritized(extension.NewFootnoteParser(), 101)),
		parser.WithASTTransformers(util.Prioritized(extension.NewFootnoteASTTransformer(), 999)),
	)
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(extension.NewFootnoteHTMLRenderer(), 500)))
}

// nestingLimit is a block parser that opens nothing deeper than the document's limit.
type nestingLimit struct{ parser.BlockParser }

func (p nestingLimit) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	// A block opened in the document itself is at depth 1, within any limit: most lines
	// of most bodies are, and goldmark asks the list item parser at every line.
	if parent.Parent() != nil {
		if st, ok := pc.Get(docKey).(*state); ok && st.doc.MaxDepth > 0 && blockDepth(parent, st.doc.MaxDepth) >= st.doc.MaxDepth {
			return nil, parser.NoChildren
		}
	}
	return p.BlockParser.Open(parent, reader, pc)
}

// blockDepth is how many blocks n is and is in, as the link transformer counts them
// (not the document), counted up to limit.
func blockDepth(n ast.Node, limit int) int {
	depth := 0
	for ; n != nil && depth < limit; n = n.Parent() {
		if n.Type() == ast.TypeBlock {
			depth++
		}
	}
	return depth
}

// budget is what one inline block (a paragraph, a heading, a table cell) has spent.
type budget struct {
	block ast.Node
	end   int   // where the block's text ends in the source
	marks int   // brackets, emphasis marks, backticks and '<' met
	scan  int   // bytes goldmark may search, at most
	opens []int // where the '[' not closed yet stand
	tilde int   // where the run of '~' last met ends
}

// inlineBudget is an inline parser that goldmark asks first at every mark it could
// search from or match; it parses nothing, but counts the work the parsers after it
// may do there, and when a block is over budget it reports the body and takes the
// rest of the block as it stands, so goldmark does not search it.
type inlineBudget struct{}

func (inlineBudget) Trigger() []byte { return []byte{'[', ']', '!', '*', '_', '~', '`', '<'} }

func (inlineBudget) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	st, ok := pc.Get(docKey).(*state)
	if !ok {
		return nil
	}
	line, seg := block.PeekLine()
	b := &st.budget
	if b.block != parent {
		*b = budget{block: parent, end: seg.Stop, opens: b.opens[:0]}
		if lines := parent.Lines(); lines != nil && lines.Len() > 0 {
			b.end = lines.At(lines.Len() - 1).Stop
		}
	}
	if st.spent {
		return skipBlock(block, seg)
	}
	b.marks++
	rest := max(0, b.end-seg.Start)
	switch line[0] {
	case '[':
		b.opens = append(b.opens, seg.Start)
	case '!':
		if len(line) > 1 && line[1] == '[' {
			b.opens = append(b.opens, seg.Start)
		}
	case ']':
		if n := len(b.opens); n > 0 {
			b.scan += seg.Start - b.opens[n-1] // the label, read again
			b.opens = b.opens[:n-1]
		}
		if len(line) > 1 && (line[1] == '(' || line[1] == '[') {
			b.scan += rest // a destination and title, or a second label
		}
	case '`', '<':
		b.scan += rest
	case '~':
		// goldmark's strikethrough reads the rest of a run of '~' at each '~' of it, and
		// gives up on a run longer than two: a run of n costs n*n/2.
		if seg.Start >= b.tilde {
			b.tilde = seg.Start + runLength(line, '~')
		}
		b.scan += b.tilde - seg.Start
	}
	switch {
	case b.marks > maxMarks:
		st.findings.Errorf(st.posAt(seg.Start), "Markdown too costly to convert: this paragraph (or heading, or table cell) holds more than %d brackets, emphasis marks, backticks and '<'; split it into paragraphs, or put the text in a code block", maxMarks)
	case b.scan > maxScan:
		st.findings.Errorf(st.posAt(seg.Start), "Markdown too costly to convert: the links, code spans, HTML and runs of '~' of this paragraph (or heading, or table cell) would have it searched for over %dMB; split it into paragraphs, shorten its runs of '~', or close the '[', '`' and '<' it leaves open", maxScan>>20)
	default:
		return nil
	}
	st.spent = true
	// Without linkify, the marks of a bare URL are counted too, which linkify would have
	// taken into its link: such a block is for the parse with linkify to judge.
	if lines := parent.Lines(); st.lean && lines != nil && lines.Len() > 0 {
		st.linkify = candidate(st.source[lines.At(0).Start:b.end])
	}
	return skipBlock(block, seg)
}

// skipBlock moves the reader past the rest of the block and returns an empty text:
// a body over budget is not written, so what its tree holds no longer matters.
func skipBlock(block text.Reader, seg text.Segment) ast.Node {
	for {
		if line, _ := block.PeekLine(); line == nil {
			break
		}
		block.AdvanceLine()
	}
	return ast.NewTextSegment(text.NewSegment(seg.Start, seg.Start))
}

// tableBudget is a paragraph transformer that goldmark runs before it makes a table of
// a paragraph: a table over maxCells is reported, and the paragraph dropped so that
// no table is made of it.
type tableBudget struct{}

func (tableBudget) Transform(node *ast.Paragraph, reader text.Reader, pc parser.Context) {
	st, ok := pc.Get(docKey).(*state)
	lines := node.Lines()
	if !ok || lines.Len() < 2 {
		return
	}
	src := reader.Source()
	for i := 1; i < lines.Len(); i++ {
		line := lines.At(i)
		columns := delimiterColumns(line.Value(src))
		if columns == 0 {
			continue
		}
		if rows := lines.Len() - i + 1; columns*rows > maxCells {
			st.findings.Errorf(st.posAt(line.Start), "Markdown too costly to convert: this table has %d columns and %d rows, over %d cells; split it into smaller tables", columns, rows, maxCells)
			st.spent = true
			node.Parent().RemoveChild(node.Parent(), node)
		}
		return
	}
}

// definitionBudget is a paragraph transformer that goldmark runs before it reads the
// link reference definitions that open a paragraph: a paragraph whose definitions could
// cost over maxDefinitionWork is reported, and dropped so that they are not read.
type definitionBudget struct{}

func (definitionBudget) Transform(node *ast.Paragraph, reader text.Reader, pc parser.Context) {
	st, ok := pc.Get(docKey).(*state)
	lines := node.Lines()
	if !ok || lines.Len() < 2 {
		return
	}
	src, opening := reader.Source(), 0
	for i := range lines.Len() {
		line := lines.At(i)
		if v := util.TrimLeftSpace(line.Value(src)); len(v) > 0 && v[0] == '[' {
			opening++
		}
	}
	if opening*lines.Len() > maxDefinitionWork {
		st.findings.Errorf(st.posAt(lines.At(0).Start), "Markdown too costly to convert: %d of the %d lines of this paragraph open with '[', which would be read as link reference definitions one after another; put blank lines between them", opening, lines.Len())
		st.spent = true
		node.Parent().RemoveChild(node.Parent(), node)
	}
}

// delimiterColumns returns the number of columns of a line that may be the delimiter
// row of a table (|---|:-:|), or 0 for any other line. It may count a line goldmark
// would not take for one; the bound is then only stricter.
func delimiterColumns(line []byte) int {
	line = util.TrimRightSpace(util.TrimLeftSpace(line))
	if bytes.IndexByte(line, '-') < 0 {
		return 0
	}
	for _, c := range line {
		if c != '|' && c != '-' && c != ':' && c != ' ' && c != '\t' {
			return 0
		}
	}
	line = bytes.TrimSuffix(bytes.TrimPrefix(line, []byte("|")), []byte("|"))
	return bytes.Count(line, []byte("|")) + 1
}

// runLength is how many bytes c line starts with.
func runLength(line []byte, c byte) int {
	n := 0
	for n < len(line) && line[n] == c {
		n++
	}
	return n
}

// tildeWork is what strikethrough reads in the runs of '~' of src (see inlineBudget).
func tildeWork(src []byte) (work int) {
	for rest := src; ; {
		i := bytes.IndexByte(rest, '~')
		if i < 0 {
			return work
		}
		n := runLength(rest[i:], '~')
		work += n * (n + 1) / 2
		rest = rest[i+n:]
	}
}

// underBudgets reports, from the bytes alone, that no bound can be reached in src: a
// body can then be checked without parsing it (see findingFree and CheckErrors).
func underBudgets(src []byte) bool {
	count := func(chars string) (n int) {
		for i := range len(chars) {
			n += bytes.Count(src, []byte(chars[i:i+1])) // one vectorised pass a byte
		}
		return n
	}
	searches := count("]`<")
	marks := searches + count("[!*_~")
	pipes, lines, brackets := count("|"), count("\n"), count("[")
	return marks <= maxMarks && searches*len(src)+tildeWork(src) <= maxScan && (pipes+1)*(lines+1) <= maxCells &&
		brackets*(lines+1) <= maxDefinitionWork
}
