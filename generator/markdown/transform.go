package markdown

import (
	"bytes"
	"net/url"
	"path"
	"strings"

	"github.com/backlogtool/backlog/generator/model"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

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
