package markdown

import (
	"bytes"
	"sort"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// GFM links bare URLs and e-mail addresses (goldmark's linkify extension). Linkify is an
// inline parser that goldmark tries at every space of every paragraph, which costs a
// fifth of the conversion of ordinary prose although few spaces are followed by a URL.
// So bodies are parsed without it, and autolinks then finds the bare URLs and addresses
// in the text and links them, asking linkify's own parser at each place goldmark would
// have asked it, for the same links. Where the text around one could have been parsed
// differently with linkify (inside emphasis or after a bracket, say), autolinks gives up
// and the body is parsed again with linkify. Its work is linear in the text, as
// goldmark's is: each search resumes where the last one stopped.

var linkify = extension.NewLinkifyParser()

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

// linkText links the bare URLs and addresses of t, a text node of a document parsed
// without linkify that is not in a link or code span and may hold some (candidate), and
// returns the links it made. ok is false when the document must be parsed with linkify
// instead; it is then left in an unspecified state.
func linkText(t *ast.Text, src []byte, pc parser.Context, brackets *openBrackets) ([]found, bool) {
	block := t.Parent()
	if block == nil || block.Type() != ast.TypeBlock || t.Segment.Padding != 0 {
		return nil, false
	}
	lines := block.Lines()
	if lines == nil || lines.Len() == 0 {
		return nil, false
	}
	start, stop := t.Segment.Start, t.Segment.Stop
	if lines.At(0).Start > start {
		return nil, false
	}
	// linkify links nothing after a '[' the parser has not closed yet (see
	// openBrackets): after one, autolinks gives up.
	bracket, openBefore := indexFrom(src, start, stop, []byte("[")), brackets.before(t, src)
	reader := text.NewBlockReader(src, lines)
	var links []found
	var next candidates
	var word wordScan
	for pos, after := start, -1; pos < stop; {
		at, resume := next.find(src, pos, stop, max(start, after))
		if at < 0 {
			break
		}
		if openBefore || (bracket >= 0 && bracket < at) {
			return nil, false
		}
		atLine := lineOf(lines, at)
		if atLine < 0 || word.marked(src, at, lines.At(atLine).Stop) {
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
		_, end := reader.Position() // linkify leaves the reader right after the link
		seg := text.NewSegment(end.Start-len(link.Label(src)), end.Start)
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

// openBrackets reports whether a '[' may still be open where a text starts: linkify
// links nothing after a '[' the parser has not closed yet, even one that never becomes
// a link. The '[' of a link or an image was closed by its ']', before the link ended,
// and the brackets of code spans, autolinks and raw HTML are not a link's. So only a
// '[' in plain text before the text in its block can be open. One that was closed
// without making a link is counted too, and the body is then parsed again with linkify.
// The texts of a document are asked about in order, and each node is read once.
type openBrackets struct {
	parent ast.Node // the block of the last text asked about
	next   ast.Node // its first child not read yet
	found  bool     // a '[' in the children before next
}

// before reports a '[' in the plain text before t in its block. It reads t too, before
// autolinks splits it, and goes on after it next time.
func (o *openBrackets) before(t *ast.Text, src []byte) bool {
	if o.parent != t.Parent() {
		*o = openBrackets{parent: t.Parent(), next: t.Parent().FirstChild()}
	}
	for ; o.next != nil && o.next != ast.Node(t); o.next = o.next.NextSibling() {
		o.found = o.found || bracketIn(o.next, src)
	}
	open := o.found
	o.found, o.next = o.found || bracketIn(t, src), t.NextSibling()
	return open
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

// prefixes start the URLs linkify links.
var prefixes = [...][]byte{[]byte("http:"), []byte("https:"), []byte("ftp:"), []byte("www.")}

// candidates finds, in turn, where the URLs and addresses that may start in a text
// start. It remembers where each prefix and the '@' are next, and where the word before
// that '@' starts, so that each byte of the text is searched for each at most once.
type candidates struct {
	started  bool
	from     int                // where the text starts
	prefix   [len(prefixes)]int // where each prefix is next; -1 if nowhere
	sign     int                // where the next '@' is; -1 if nowhere
	wordFrom int                // where the word before sign starts
}

// find returns where the first URL or address that may start in src[pos:stop]
// starts, or -1, and where to look for the next one if that is not one. An address
// starts where the word before its '@' does, which may be before pos but not before
// floor. pos never decreases from one call to the next.
func (c *candidates) find(src []byte, pos, stop, floor int) (at, resume int) {
	if !c.started {
		c.started, c.from = true, pos
		for i, prefix := range prefixes {
			c.prefix[i] = indexFrom(src, pos, stop, prefix)
		}
		c.nextSign(src, pos, stop)
	}
	at = -1
	for i, prefix := range prefixes {
		if c.prefix[i] >= 0 && c.prefix[i] < pos {
			c.prefix[i] = indexFrom(src, pos, stop, prefix)
		}
		if p := c.prefix[i]; p >= 0 && (at < 0 || p < at) {
			at, resume = p, p+1
		}
	}
	if c.sign >= 0 && c.sign < pos {
		c.nextSign(src, pos, stop)
	}
	if c.sign >= 0 {
		if word := max(c.wordFrom, floor); at < 0 || word < at {
			at, resume = word, c.sign+1
		}
	}
	return at, resume
}

// nextSign finds the next '@' from pos and the word before it, which ends at the '@'
// before, if not sooner.
func (c *candidates) nextSign(src []byte, pos, stop int) {
	if c.sign = indexFrom(src, pos, stop, []byte("@")); c.sign >= 0 {
		c.wordFrom = c.sign
		for c.wordFrom > c.from && emailByte(src[c.wordFrom-1]) {
			c.wordFrom--
		}
	}
}

// indexFrom returns where sep is first in src[pos:stop], or -1.
func indexFrom(src []byte, pos, stop int, sep []byte) int {
	if i := bytes.Index(src[pos:stop], sep); i >= 0 {
		return pos + i
	}
	return -1
}

// wordScan remembers the last word marked read, from where it read it to its end, and
// the last byte in it that goldmark could take for an inline mark: candidates in one
// word read it once.
type wordScan struct{ from, end, lastMark int }

// marked reports whether the word that starts at at, up to limit (the end of its line:
// linkify reads no further), holds a byte that an inline parser could take instead of
// linkify, which changes where goldmark tries linkify (an unclosed '`', a run of '~'
// that strikethrough gives up, say).
func (word *wordScan) marked(src []byte, at, limit int) bool {
	if at < word.from || at >= word.end {
		*word = wordScan{from: at, end: at, lastMark: -1}
		for ; word.end < limit && emailByte(src[word.end]); word.end++ {
			if bytes.IndexByte([]byte("`*_~!"), src[word.end]) >= 0 {
				word.lastMark = word.end
			}
		}
	}
	return word.lastMark >= at
}

// triggerFor returns where goldmark would try linkify for a URL or address starting at
// at, in a text node starting at start: the space before it, or at itself at the start of
// a line, or -1 where linkify is never tried. ok is false where that depends on how the
// text around it is parsed.
func triggerFor(src []byte, at, start int, lines *text.Segments) (trigger int, ok bool) {
	// Where an inline parser takes a character, goldmark tries linkify right after what
	// it made, and a text node takes such characters in too when the parser gives up.
	// Linkify is also tried at '*', '_', '~' and '('.
	if at == start {
		if i := lineAt(lines, at); i >= 0 && lines.At(i).Start == at {
			return at, true
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

// lineAt returns the index of the last line of lines starting at or before offset, or
// -1: the lines of a block are in order.
func lineAt(lines *text.Segments, offset int) int {
	return sort.Search(lines.Len(), func(i int) bool { return lines.At(i).Start > offset }) - 1
}

// lineOf returns the index of the line holding offset, or -1.
func lineOf(lines *text.Segments, offset int) int {
	if i := lineAt(lines, offset); i >= 0 && offset < lines.At(i).Stop {
		return i
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
