package markdown

import (
	"bytes"
	"path"
)

// findingFree reports, from the bytes alone, that parsing d cannot give a finding, so that
// Check can skip the parse: checking is what a pull request waits for, and most bodies
// only link to items that exist. It is conservative: a body is parsed whenever it holds
// what could make a link's destination differ from its bytes (entities, backslash
// escapes, angle brackets), a ".md" that is not a plain path that resolves, or a line
// whose leading markers could nest blocks past the limit, or marks enough to reach a
// bound of bounds.go.
func findingFree(d Doc) bool {
	src := d.Body
	if bytes.ContainsAny(src, "&\\<") || !shallow(src, d.MaxDepth) || !underBudgets(src) {
		return false
	}
	if d.Attach != nil && linksFiles(src) {
		return false
	}
	for rest, at := src, 0; ; {
		i := bytes.Index(rest, []byte(".md"))
		if i < 0 {
			return true
		}
		end := at + i + len(".md")
		rest, at = rest[i+len(".md"):], end
		if end < len(src) && pathByte(src[end]) && src[end] != '#' {
			continue // ".mdx" and the like: no destination ends here
		}
		start := end - len(".md")
		for start > 0 && pathByte(src[start-1]) {
			start--
		}
		if start > 0 && !bytes.ContainsRune([]byte(" \t\n(:"), rune(src[start-1])) {
			return false
		}
		if d.Resolve == nil {
			continue
		}
		if _, ok := d.Resolve(path.Join(path.Dir(d.Path), string(src[start:end]))); !ok {
			return false
		}
	}
}

// pathByte reports whether c can be part of a plain relative path in a link.
func pathByte(c byte) bool {
	switch {
	case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
		return true
	}
	switch c {
	case '-', '_', '.', '/', '#', '%', '+', '=', '?', ':', '@', '!', '$', ',', ';', '~':
		return true
	}
	return c >= 0x80
}

// shallow reports that no block of src can be nested deeper than max: each level of
// nesting needs a container marker ('>' or a list marker) or two columns of indentation
// at the start of a line, and a line adds at most a few levels of its own (a footnote,
// a table's row and cell, a paragraph).
func shallow(src []byte, max int) bool {
	if max <= 0 {
		return true
	}
	const own = 10
	for len(src) > 0 {
		line := src
		if i := bytes.IndexByte(src, '\n'); i >= 0 {
			line, src = src[:i], src[i+1:]
		} else {
			src = nil
		}
		columns := 0
	prefix:
		for _, c := range line {
			switch {
			case c == '\t':
				columns += 4
			case c == ' ' || c == '>' || c == '*' || c == '+' || c == '-' || c == '.' || c == ')' || c >= '0' && c <= '9':
				columns++
			default:
				break prefix
			}
		}
		if own+2*columns > max {
			return false
		}
	}
	return true
}

// linksFiles reports, conservatively, that a link destination in src may be a relative
// path to a file that is not Markdown: such a link is checked by Attach.
func linksFiles(src []byte) bool {
	for rest := src; ; {
		i := bytes.Index(rest, []byte("]"))
		if i < 0 {
			return false
		}
		rest = rest[i+1:]
		var dest []byte
		switch {
		case bytes.HasPrefix(rest, []byte("(")):
			dest = bytes.TrimLeft(rest[1:], " \t\n")
		case bytes.HasPrefix(rest, []byte(":")):
			dest = bytes.TrimLeft(rest[1:], " \t")
		default:
			continue
		}
		end := bytes.IndexAny(dest, " \t\n)")
		if end < 0 {
			end = len(dest)
		}
		dest = dest[:end]
		if len(dest) == 0 || dest[0] == '#' {
			continue
		}
		if _, ok := urlScheme(dest); ok {
			continue
		}
		file, _, _ := bytes.Cut(dest, []byte("#"))
		if bytes.HasSuffix(file, []byte(".md")) || bytes.HasSuffix(file, []byte("/")) || bytes.HasSuffix(file, []byte(".html")) || bytes.HasSuffix(file, []byte(".htm")) {
			continue // the loop in findingFree resolves a .md; a page of the site is left alone
		}
		return true
	}
}
