// Package markdown turns item and page bodies into safe HTML: CommonMark with GFM,
// footnotes and heading anchors, raw HTML dropped and only harmless link schemes kept.
// Relative links to content files become links to their published pages.
package markdown

import (
	"bufio"
	"bytes"
	"io"
	"net/url"
	"path"
	"strings"

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
// Two shortcuts, taken unless shortcuts are off, spare goldmark work that changes
// nothing (see parse): a body whose bytes show that no bound can be reached is parsed
// without them, and bodies are parsed without linkify, whose bare URLs autolinks then
// links. TestConvertMatchesGoldmark and FuzzConvertMatchesGoldmark hold the result to
// goldmark's parts alone, byte for byte.
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
// give any (see quiet) is not even parsed, unless shortcuts are off.
func (c *Converter) Check(d Doc) model.Findings {
	if shortcuts.On() && quiet(d) {
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

// linkTransformer checks and rewrites links once the document is parsed, and finds a
// body nested deeper than allowed. After a lean parse it first links the bare URLs
// (autolinks), or finds that it cannot and asks for a parse with linkify.
type linkTransformer struct{}

var allowedSchemes = map[string]bool{"http": true, "https": true, "mailto": true, "tel": true}

func (linkTransformer) Transform(doc *ast.Document, _ text.Reader, pc parser.Context) {
	st := pc.Get(docKey).(*state)
	if st.spent {
		return
	}
	depth, maxDepth := 0, st.doc.MaxDepth
	// The links, and after a lean parse the texts that may hold bare URLs, in the order
	// of the document, which is the order of the findings.
	var links []ast.Node
	inLink, inCode := 0, 0 // inside links and code spans, where linkify links nothing
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if n.Type() == ast.TypeBlock {
			if entering {
				depth++
			} else {
				depth--
			}
			if maxDepth > 0 && depth > maxDepth {
				st.tooDeep = true
				st.findings.Errorf(st.pos(n), "Markdown is nested more than %d levels deep (limits.nesting in backlog.yaml)", maxDepth)
				return ast.WalkStop, nil
			}
		}
		switch l := n.(type) {
		case *ast.Link, *ast.Image, *ast.AutoLink:
			if entering {
				inLink++
				links = append(links, l)
			} else {
				inLink--
			}
		case *ast.CodeSpan:
			if entering {
				inLink++
				inCode++
			} else {
				inLink--
				inCode--
			}
		case *ast.Text:
			if !st.lean || !entering {
				break
			}
			value := l.Segment.Value(st.source)
			// An address linkify would start before a code span can take in its
			// backticks (a`b@c.d`): autolinks sees only the text outside.
			if blanksKept(l, st.source) || (inCode > 0 && bytes.IndexByte(value, '@') >= 0) {
				st.linkify = true
				return ast.WalkStop, nil
			}
			if inLink == 0 && candidate(value) {
				links = append(links, l)
			}
		case *ast.String:
			if st.lean && inLink == 0 && candidate(l.Value) {
				st.linkify = true
				return ast.WalkStop, nil
			}
		}
		return ast.WalkContinue, nil
	})
	if st.tooDeep || st.linkify {
		return
	}
	var unlink []ast.Node
	var brackets openBrackets
	for _, n := range links {
		switch l := n.(type) {
		case *ast.Link:
			dest, ok := st.rewrite(l, l.Destination)
			if !ok {
				unlink = append(unlink, l)
			}
			l.Destination = dest
		case *ast.Image:
			if dest, ok := st.rewrite(l, l.Destination); ok {
				l.Destination = dest
			} else {
				unlink = append(unlink, l)
			}
		case *ast.AutoLink:
			if _, ok := st.rewrite(l, autoLinkURL(l, st.source)); !ok {
				unlink = append(unlink, l)
			}
		case *ast.Text:
			found, ok := linkText(l, st.source, pc, &brackets)
			if !ok {
				st.linkify = true
				return
			}
			for _, f := range found {
				if _, ok := st.rewrite(f.link, autoLinkURL(f.link, st.source)); !ok {
					unlink = append(unlink, f.link)
				}
			}
		}
	}
	for _, n := range unlink {
		replaceWithText(n, st.source)
	}
}

// autoLinkURL is where an autolink leads as the renderer writes it: an address is a
// mailto: link, never a file of the content folder (a/b@c.de).
func autoLinkURL(l *ast.AutoLink, src []byte) []byte {
	url := l.URL(src)
	if l.AutoLinkType == ast.AutoLinkEmail && !hasPrefixFold(url, "mailto:") {
		return append([]byte("mailto:"), url...)
	}
	return url
}

// rewrite decides what a link's destination becomes. ok is false for a scheme
// that is not allowed: the link is then replaced by its text.
func (st *state) rewrite(n ast.Node, dest []byte) ([]byte, bool) {
	if scheme, ok := urlScheme(dest); ok {
		return dest, allowedSchemes[scheme]
	}
	s := string(dest)
	if s == "" || s[0] == '#' || s[0] == '/' || strings.HasPrefix(s, "//") {
		return dest, true
	}
	file, frag, _ := strings.Cut(s, "#")
	if !strings.HasSuffix(file, ".md") {
		return st.attach(n, dest, s, file, frag)
	}
	if st.doc.Resolve == nil {
		return dest, true
	}
	target := path.Join(path.Dir(st.doc.Path), file)
	href, ok := st.doc.Resolve(target)
	if !ok {
		st.findings.Warnf(st.pos(n), "broken link: %q is not an item or page of this backlog", s)
		return dest, true
	}
	if frag != "" {
		href += "#" + frag
	}
	return []byte(href), true
}

// attach rewrites a relative link to a file that is not Markdown (an image, a PDF) to
// where the site has a copy of it, and warns about one that names nothing. A link out of
// the content folder is left as it is, never followed: nothing outside it is read.
func (st *state) attach(n ast.Node, dest []byte, s, file, frag string) ([]byte, bool) {
	file, _, _ = strings.Cut(file, "?")
	if st.doc.Attach == nil || file == "" {
		return dest, true
	}
	if unescaped, err := url.PathUnescape(file); err == nil {
		file = unescaped
	}
	// A page of the site itself (../../roadmap/index.html, ../board/) is linked as the
	// site lays it out; so is anything out of the content folder, which is never read.
	if strings.HasSuffix(file, "/") || strings.HasSuffix(file, ".html") || strings.HasSuffix(file, ".htm") || looksLikeAddress(file) {
		return dest, true
	}
	target := path.Join(path.Dir(st.doc.Path), file)
	if target == ".." || strings.HasPrefix(target, "../") {
		return dest, true
	}
	href, ok := st.doc.Attach(target)
	if !ok {
		st.findings.Warnf(st.pos(n), "broken link: %q: there is no such file in the content folder", s)
		return dest, true
	}
	if frag != "" {
		href += "#" + frag
	}
	return []byte(href), true
}

// looksLikeAddress reports a destination that is an address written without its
// scheme, not a file: an email (sam@example.org) or a host and path
// (golang.org/issue/1), whose first segment is a domain name.
func looksLikeAddress(file string) bool {
	first, rest, more := strings.Cut(file, "/")
	if !more {
		return strings.Contains(file, "@")
	}
	dot := strings.LastIndexByte(first, '.')
	return rest != "" && dot > 0 && dot < len(first)-2 && !strings.HasPrefix(first, ".")
}

// urlScheme returns the scheme of a URL, in lower case, as a browser reads it: entities
// decoded, and control characters and spaces, which browsers ignore there
// ("java\tscript:"), dropped. ok is false for a URL without a scheme.
func urlScheme(dest []byte) (scheme string, ok bool) {
	if bytes.IndexByte(dest, '&') >= 0 {
		dest = util.ResolveEntityNames(util.ResolveNumericReferences(dest))
	}
	var buf [16]byte
	name := buf[:0]
	for _, c := range dest {
		switch {
		case c <= 0x20 || c == 0x7f:
		case 'a' <= c && c <= 'z':
			name = append(name, c)
		case 'A' <= c && c <= 'Z':
			name = append(name, c+'a'-'A')
		case len(name) > 0 && ('0' <= c && c <= '9' || c == '+' || c == '-' || c == '.'):
			name = append(name, c)
		case c == ':' && len(name) > 0:
			switch string(name) { // the schemes of most links, without an allocation
			case "http":
				return "http", true
			case "https":
				return "https", true
			case "mailto":
				return "mailto", true
			}
			return string(name), true
		default:
			return "", false
		}
	}
	return "", false
}

// replaceWithText puts a link's text in place of the link.
func replaceWithText(n ast.Node, source []byte) {
	parent := n.Parent()
	if parent == nil {
		return
	}
	if al, ok := n.(*ast.AutoLink); ok {
		parent.ReplaceChild(parent, n, ast.NewString(al.Label(source)))
		return
	}
	for c := n.FirstChild(); c != nil; {
		next := c.NextSibling()
		parent.InsertBefore(parent, n, c)
		c = next
	}
	parent.RemoveChild(parent, n)
}

// pos finds the file position of a node: its first text segment, or its block's first line.
func (st *state) pos(n ast.Node) model.Pos {
	off := -1
	for m := n; m != nil && off < 0; m = m.Parent() {
		if m.Type() == ast.TypeBlock {
			if lines := m.Lines(); lines != nil && lines.Len() > 0 {
				off = lines.At(0).Start
			}
			continue
		}
		if t, ok := firstText(m); ok {
			off = t
		}
	}
	if off < 0 {
		off = 0
	}
	return st.posAt(off)
}

// posAt is the file position of a byte offset of the body.
func (st *state) posAt(off int) model.Pos {
	off = max(0, min(off, len(st.source)))
	line := bytes.Count(st.source[:off], []byte("\n"))
	col := off - (bytes.LastIndexByte(st.source[:off], '\n') + 1) + 1
	return model.Pos{File: st.doc.Path, Line: st.doc.BodyLine + line, Col: col}
}

func firstText(n ast.Node) (int, bool) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if t, ok := c.(*ast.Text); ok {
			return t.Segment.Start, true
		}
		if off, ok := firstText(c); ok {
			return off, true
		}
	}
	return 0, false
}
