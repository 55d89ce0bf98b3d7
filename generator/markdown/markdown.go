// Package markdown turns item and page bodies into safe HTML: CommonMark with GFM,
// footnotes and heading anchors, raw HTML dropped and only harmless link schemes kept.
// Relative links to content files become links to their published pages.
package markdown

import (
	"bufio"
	"bytes"
	"io"
	"reflect"
	"slices"

	"github.com/backlogtool/backlog/generator/internal/shortcuts"
	"github.com/backlogtool/backlog/generator/model"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Resolver maps a content file that a body links to (such as items/sync-engine.md)
// to its published address relative to the page being rendered. ok is false when
// no such file is published.
type Resolver func(contentPath string) (href string, ok bool)

// Doc is one body to convert.
type Doc struct {
	Path     string // content file holding the body, such as items/offline-mode.md
	Body     []byte
	BodyLine int // file line of the body's first line
	Resolve  Resolver
	// Attach maps another file of the content folder that a body links to or shows
	// (an image, a PDF) to its address in the site, where it is copied; ok is false
	// when there is no such file. nil leaves such links as they are.
	Attach   Resolver
	MaxDepth int // deepest block nesting accepted; 0 means no limit
}

// Converter converts bodies. One Converter may be used by many goroutines at once.
//
// The dialect is made of goldmark's own parts (its linkify, tables, strikethrough, task
// lists, footnotes and heading ids) and three of the site's: the link check below, an
// accessible name for task list boxes, and the bounds (bounds.go) that keep the work of
// any body within the size limit near linear.
//
// Shortcuts, taken unless shortcuts are off, spare goldmark work that changes nothing:
// a body whose bytes show that no bound can be reached is parsed without them, and
// bodies are parsed without linkify, whose bare URLs autolinks then links (see parse);
// link reference definitions are looked for only where one can open (linkrefs.go);
// heading ids are kept beside the tree (headings.go); plain text is written whole
// (writer.go); and links skip a danger check that cannot find anything (links.go).
// TestConvertMatchesGoldmark, TestConvertMatchesGoldmarkOnTokens and
// FuzzConvertMatchesGoldmark hold the result to goldmark's parts alone, byte for byte.
type Converter struct {
	bounded   dialects
	unbounded dialects          // without the bounds, for a body whose bytes show it inside them
	library   goldmark.Markdown // goldmark's parts alone, with the bounds: shortcuts off
}

// dialects are the site's dialect without linkify and with it.
type dialects struct{ lean, linkify goldmark.Markdown }

// New returns a Converter with the site's Markdown dialect.
func New() *Converter {
	return &Converter{
		bounded:   dialects{lean: dialect(true, false, true), linkify: dialect(true, true, true)},
		unbounded: dialects{lean: dialect(false, false, true), linkify: dialect(false, true, true)},
		library:   dialect(true, true, false),
	}
}

// dialect is the site's Markdown, with or without the bounds that only a body over them
// needs (footnote definitions, which nest within a line, are held to the nesting limit
// in both), with or without linkify, and with the heading ids of headings.go or of
// goldmark.
func dialect(bounded, linkify, ownHeadingIDs bool) goldmark.Markdown {
	blocks := parser.DefaultBlockParsers()
	options := []parser.Option{parser.WithASTTransformers(util.Prioritized(linkTransformer{}, 1000))}
	if bounded {
		blocks = boundedBlockParsers()
		options = append(options,
			parser.WithInlineParsers(util.Prioritized(inlineBudget{}, -1000)),
			// Before goldmark's reader of link reference definitions (100) and its tables (200).
			parser.WithParagraphTransformers(util.Prioritized(definitionBudget{}, 99), util.Prioritized(tableBudget{}, 199)))
	}
	// Before goldmark's renderers (1000, and 500 for task lists), which they replace.
	writer := quickWriter{html.DefaultWriter}
	renderers := []util.PrioritizedValue{util.Prioritized(taskCheckBoxRenderer{}, 100), util.Prioritized(newLinkRenderer(writer), 100)}
	if ownHeadingIDs {
		blocks = withHeadingIDs(blocks)
		renderers = append(renderers, util.Prioritized(headingRenderer{}, 100))
	} else {
		options = append(options, parser.WithAutoHeadingID())
	}
	extensions := []goldmark.Extender{extension.Table, extension.Strikethrough, extension.TaskList, footnotes{}}
	if linkify {
		extensions = append(extensions, extension.Linkify)
	}
	return goldmark.New(
		goldmark.WithParser(parser.NewParser(
			parser.WithBlockParsers(blocks...),
			parser.WithInlineParsers(parser.DefaultInlineParsers()...),
			parser.WithParagraphTransformers(paragraphTransformers()...))),
		goldmark.WithExtensions(extensions...),
		goldmark.WithParserOptions(options...),
		goldmark.WithRendererOptions(renderer.WithNodeRenderers(renderers...), html.WithWriter(writer)),
	)
}

// wrapParsers returns a copy of the block parsers ps in which each parser of the type
// of one of like is wrap of it, at its priority.
func wrapParsers(ps []util.PrioritizedValue, wrap func(parser.BlockParser) parser.BlockParser, like ...parser.BlockParser) []util.PrioritizedValue {
	types := map[reflect.Type]bool{}
	for _, p := range like {
		types[reflect.TypeOf(p)] = true
	}
	ps = slices.Clone(ps)
	for i, p := range ps {
		if types[reflect.TypeOf(p.Value)] {
			ps[i].Value = wrap(p.Value.(parser.BlockParser))
		}
	}
	return ps
}

var docKey = parser.NewContextKey()

// state is what the bounds and the link transformer need from, and report back to, one
// conversion.
type state struct {
	doc      *Doc
	source   []byte
	findings model.Findings
	tooDeep  bool   // nested past MaxDepth: nothing is written
	spent    bool   // over a budget of bounds.go: nothing is written
	budget   budget // of the inline block being parsed
	// rendered: the tree will be rendered, not only checked; headings are its headings'
	// ids, with shortcuts on (headings.go).
	rendered bool
	headings headingList
	// lean: parsed without linkify, so the link transformer links bare URLs (autolinks);
	// linkify: it could not, and the body must be parsed with linkify.
	lean, linkify bool
}

// Convert writes the body's HTML to w and returns the findings about it: broken links
// to content files, and errors (a body nested deeper than allowed, or over a budget of
// work), for which nothing is written.
func (c *Converter) Convert(w io.Writer, d Doc) (model.Findings, error) {
	root, st, md := c.parse(&d, true)
	if st.tooDeep || st.spent {
		return st.findings, nil
	}
	return st.findings, render(md, w, d.Body, root, st)
}

// render writes the HTML of root, parsed into st, to w.
func render(md goldmark.Markdown, w io.Writer, source []byte, root ast.Node, st *state) error {
	dw := docWriter{headings: &st.headings}
	if b, ok := w.(*bytes.Buffer); ok {
		dw.BufWriter = bufferWriter{b}
		return md.Renderer().Render(dw, source, root)
	}
	bw := bufio.NewWriter(w)
	dw.BufWriter = bw
	if err := md.Renderer().Render(dw, source, root); err != nil {
		return err
	}
	return bw.Flush()
}

// bufferWriter lets goldmark render into a bytes.Buffer directly; any other writer
// needs a bufio.Writer, allocated for each document.
type bufferWriter struct{ *bytes.Buffer }

func (bufferWriter) Flush() error    { return nil }
func (b bufferWriter) Buffered() int { return b.Len() }

// Check returns the findings Convert would give, without rendering; a body that cannot
// give any (see findingFree) is not even parsed, unless shortcuts are off.
func (c *Converter) Check(d Doc) model.Findings {
	if shortcuts.On() && findingFree(d) {
		return nil
	}
	_, st, _ := c.parse(&d, false)
	return st.findings
}

// parse parses d into a tree and the state the conversion left, and returns the
// dialect that parsed it, whose renderer renders it. Unless shortcuts are off, a body
// whose bytes show that no bound can be reached (shallow, underBudgets) is parsed
// without the bounds, which cost goldmark a call at every mark; and a body is parsed
// without linkify, which goldmark calls at every space, and then again with it only
// where autolinks cannot link its bare URLs as linkify would.
func (c *Converter) parse(d *Doc, rendered bool) (root ast.Node, st *state, md goldmark.Markdown) {
	if !shortcuts.On() {
		root, st = parseWith(c.library, d, false, rendered)
		return root, st, c.library
	}
	ds := c.bounded
	if shallow(d.Body, d.MaxDepth) && underBudgets(d.Body) {
		ds = c.unbounded
	}
	if leanParses(d.Body) {
		if root, st = parseWith(ds.lean, d, true, rendered); !st.linkify {
			return root, st, ds.lean
		}
	}
	root, st = parseWith(ds.linkify, d, false, rendered)
	return root, st, ds.linkify
}

// leanParses reports, from the bytes alone, that a parse without linkify cannot go
// where autolinks cannot follow: a footnote reference ("[^") in what linkify would take
// for an address changes which footnotes the document lists, before autolinks runs; and
// after a backslash before a blank, goldmark reads the next character as escaped or not
// depending on whether linkify was tried at the blank.
func leanParses(src []byte) bool {
	if bytes.Contains(src, []byte("[^")) {
		return false
	}
	for rest := src; ; {
		i := bytes.IndexByte(rest, '\\')
		if i < 0 || i+1 >= len(rest) {
			return true
		}
		if isBlank(rest[i+1]) {
			return false
		}
		rest = rest[i+2:]
	}
}

// parseWith parses d with md, lean when md has no linkify, for a rendering or only for
// its findings.
func parseWith(md goldmark.Markdown, d *Doc, lean, rendered bool) (root ast.Node, st *state) {
	st = &state{doc: d, source: d.Body, lean: lean, rendered: rendered}
	// goldmark can panic on a body cut short by the bounds ("*\n0" nested one level
	// deep): the body is then refused like one over a bound, never the whole build.
	defer func() {
		if r := recover(); r != nil {
			root, st.spent, st.linkify = ast.NewDocument(), true, false
			st.findings.Errorf(model.Pos{File: d.Path, Line: d.BodyLine, Col: 1}, "the Markdown parser failed on this body (%v): simplify its nesting", r)
		}
	}()
	pc := parser.NewContext()
	pc.Set(docKey, st)
	root = md.Parser().Parse(text.NewReader(d.Body), parser.WithContext(pc))
	return root, st
}
