package markdown

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// GFM links bare URLs and e-mail addresses (goldmark's linkify extension). Linkify is an
// inline parser that goldmark tries at every space of every paragraph, which costs a
// third of the parse although few spaces are followed by a URL. So bodies are parsed
// without it, and autolinks then finds the bare URLs and addresses in the text and
// links them, asking linkify's own parser at each place it would have been tried, for
// the same links. Where the text around one could have been parsed differently with
// linkify (inside emphasis or after a bracket, say), autolinks gives up and the body is
// parsed again with linkify. FuzzAutolinks holds the result to goldmark's with linkify.

var linkify = extension.NewLinkifyParser()

// autolinks links the bare URLs and e-mail addresses of texts, the text nodes of a
// document parsed from src without linkify that are not in a link or code span and may
// hold some (candidate). It returns the links it made. ok is false when the document
// must be parsed with linkify instead; it is then left in an unspecified state.
func autolinks(texts []*ast.Text, src []byte, pc parser.Context) (links []*ast.AutoLink, ok bool) {
	for _, t := range texts {
		found, ok := linkText(t, src, pc)
		if !ok {
			return nil, false
		}
		for _, f := range found {
			links = append(links, f.link)
		}
	}
	return links, true
}

// blanksKept reports blanks at the end of t's line that goldmark keeps when linkify is
// on: it splits the text at each blank it tries linkify at, and trims only the last
// piece, so the blanks before the last one stay. A hard line break's two spaces are
// not tried.
func blanksKept(t *ast.Text, src []byte) bool {
	stop, end := t.Segment.Stop, t.Segment.Stop
	for ; end < len(src) && src[end] != '\n'; end++ {
		if !isBlank(src[end]) && src[end] != '\r' {
			return false // not the end of the line
		}
	}
	if t.HardLineBreak() {
		if end > stop && src[end-1] == '\r' {
			end--
		}
		end = max(stop, end-2)
	}
	for i := stop + 1; i < end; i++ {
		if isBlank(src[i]) {
			return true
		}
	}
	return false
}

func isBlank(c byte) bool { return c == ' ' || c == '\t' || c == '\v' || c == '\f' }

// candidate reports text that may hold a URL or an address linkify links.
func candidate(v []byte) bool {
	return bytes.IndexByte(v, '@') >= 0 || bytes.Contains(v, []byte("http")) ||
		bytes.Contains(v, []byte("ftp:")) || bytes.Contains(v, []byte("www."))
}

// linkText links the URLs and addresses of t, which must be directly in a block.
func linkText(t *ast.Text, src []byte, pc parser.Context) ([]found, bool) {
	block := t.Parent()
	if block == nil || block.Type() != ast.TypeBlock || t.Segment.Padding != 0 {
		return nil, false
	}
	lines := block.Lines()
	if lines == nil || lines.Len() == 0 {
		return nil, false
	}
	reader := text.NewBlockReader(src, lines)
	start, stop := t.Segment.Start, t.Segment.Stop
	var links []found
	for pos, after := start, -1; pos < stop; {
		at, resume := nextCandidate(src, pos, stop, max(start, after))
		if at < 0 {
			break
		}
		if lines.At(0).Start > at || bracketBefore(t, at, src) {
			return nil, false
		}
		trigger, ok := at, true
		if at != after { // right after a link, goldmark tries linkify again
			trigger, ok = triggerFor(src, at, start, lines)
		}
		if !ok {
			return nil, false
		}
		if trigger < 0 { // linkify is not tried here
			pos = resume
			continue
		}
		line := lineOf(lines, trigger)
		if line < 0 {
			return nil, false
		}
		reader.SetPosition(line, text.NewSegment(trigger, lines.At(line).Stop))
		var scratch ast.Paragraph // takes the trigger character linkify passes on as text
		n := linkify.Parse(&scratch, reader, pc)
		if n == nil {
			pos = resume
			continue
		}
		link, isLink := n.(*ast.AutoLink)
		if !isLink {
			return nil, false
		}
		_, next := reader.Position() // linkify leaves the reader right after the link
		seg := text.NewSegment(next.Start-len(link.Label(src)), next.Start)
		if seg.Stop > stop || seg.Len() == 0 || seg.Start < trigger {
			return nil, false
		}
		links = append(links, found{link, seg})
		pos, after = seg.Stop, seg.Stop
	}
	if len(links) > 0 {
		split(t, links)
	}
	return links, true
}

// bracketBefore reports whether a '[' may still be open at at, in t: linkify links
// nothing after a '[' the parser has not closed yet, even one that never becomes a link.
// The '[' of a link or an image was closed by its ']', before the link ended, and the
// brackets of code spans, autolinks and raw HTML are not a link's. So only a '[' in plain
// text before at can be open: in t, or in the text before t in its block. One that was
// closed without making a link is counted too, and the body is parsed again with linkify.
func bracketBefore(t *ast.Text, at int, src []byte) bool {
	if bytes.IndexByte(src[t.Segment.Start:at], '[') >= 0 {
		return true
	}
	for n := t.PreviousSibling(); n != nil; n = n.PreviousSibling() {
		if bracketIn(n, src) {
			return true
		}
	}
	return false
}

// bracketIn reports a '[' in the plain text of the inline node n.
func bracketIn(n ast.Node, src []byte) bool {
	switch n := n.(type) {
	case *ast.Text:
		return bytes.IndexByte(n.Segment.Value(src), '[') >= 0
	case *ast.String:
		return bytes.IndexByte(n.Value, '[') >= 0
	case *ast.Link, *ast.Image, *ast.AutoLink, *ast.CodeSpan, *ast.RawHTML:
		return false
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if bracketIn(c, src) {
			return true
		}
	}
	return false
}

// nextCandidate returns where the first URL or address that may start in src[pos:stop]
// starts, or -1, and where to look for the next one if that is not one. An address
// starts where the word before its '@' does, which may be before pos but not before
// floor.
func nextCandidate(src []byte, pos, stop, floor int) (at, resume int) {
	at = -1
	for _, prefix := range []string{"http:", "https:", "ftp:", "www."} {
		if i := bytes.Index(src[pos:stop], []byte(prefix)); i >= 0 && (at < 0 || pos+i < at) {
			at, resume = pos+i, pos+i+1
		}
	}
	if i := bytes.IndexByte(src[pos:stop], '@'); i >= 0 {
		sign := pos + i
		word := sign
		for word > floor && emailByte(src[word-1]) {
			word--
		}
		if at < 0 || word < at {
			at, resume = word, sign+1
		}
	}
	return at, resume
}

// triggerFor returns where goldmark would try linkify for a URL or address starting at
// at, in a text node starting at start: the space before it, or at itself at the start of
// a line, or -1 where linkify is never tried. ok is false where that depends on how the
// text around it is parsed.
func triggerFor(src []byte, at, start int, lines *text.Segments) (trigger int, ok bool) {
	// Where an inline parser takes a character, goldmark tries linkify right after what
	// it made, and a text node takes such characters in too when the parser gives up
	// (an unclosed '`', say). Linkify is also tried at '*', '_', '~' and '('.
	for i := at; i < len(src) && emailByte(src[i]); i++ {
		if bytes.IndexByte([]byte("`*_~!"), src[i]) >= 0 {
			return 0, false
		}
	}
	if at == start {
		for i := range lines.Len() {
			if lines.At(i).Start == at {
				return at, true
			}
		}
		return 0, false // right after another inline node
	}
	switch c := src[at-1]; {
	case isBlank(c):
		return at - 1, true
	case bytes.IndexByte([]byte("*_~(\\`[]!<>"), c) >= 0:
		return 0, false
	}
	return -1, true
}

// lineOf returns the index of the line holding offset, or -1.
func lineOf(lines *text.Segments, offset int) int {
	for i := range lines.Len() {
		if s := lines.At(i); s.Start <= offset && offset < s.Stop {
			return i
		}
	}
	return -1
}

// emailByte reports a byte linkify accepts before the '@' of an address.
func emailByte(c byte) bool {
	switch {
	case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		return true
	}
	return bytes.IndexByte([]byte(".!#$%&'*+/=?^_`{|}~-"), c) >= 0
}

// found is a link autolinks found, and the text it takes the place of.
type found struct {
	link *ast.AutoLink
	seg  text.Segment
}

// split puts links in place of their text in t: t keeps the text before the first,
// text nodes after each hold the rest, and the last of them takes t's line break.
func split(t *ast.Text, links []found) {
	parent, stop := t.Parent(), t.Segment.Stop
	soft, hard := t.SoftLineBreak(), t.HardLineBreak()
	t.Segment = t.Segment.WithStop(links[0].seg.Start)
	t.SetSoftLineBreak(false)
	t.SetHardLineBreak(false)
	prev := ast.Node(t)
	for i, l := range links {
		parent.InsertAfter(parent, prev, l.link)
		prev = l.link
		next := stop
		if i+1 < len(links) {
			next = links[i+1].seg.Start
		}
		if l.seg.Stop < next || i == len(links)-1 {
			rest := ast.NewTextSegment(text.NewSegment(l.seg.Stop, next))
			if i == len(links)-1 {
				rest.SetSoftLineBreak(soft)
				rest.SetHardLineBreak(hard)
			}
			parent.InsertAfter(parent, prev, rest)
			prev = rest
		}
	}
	if t.Segment.Len() == 0 {
		parent.RemoveChild(parent, t)
	}
}
