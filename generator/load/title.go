package load

import (
	"bytes"
	"strings"

	"github.com/backlogtool/backlog/generator/model"
)

// titleFromBody gives an item without a title field the title of its body's first
// "# " heading, else its file name. A body that opens with its title as a heading
// (kanbn writes one; so do authors used to plain Markdown) has that heading taken
// out, so the page does not show the title twice.
func titleFromBody(it *model.Item) {
	_, hasTitle := it.Pos.Get("title")
	heading, rest, lines, opening := openingHeading(it.Body)
	switch {
	case hasTitle:
		if opening && strings.EqualFold(heading, strings.TrimSpace(it.Title)) {
			it.Body, it.BodyLine = rest, it.BodyLine+lines
		}
	case heading != "":
		it.Title = heading
		if opening {
			it.Body, it.BodyLine = rest, it.BodyLine+lines
		}
	default:
		it.Title = strings.TrimSuffix(it.Path[strings.LastIndexByte(it.Path, '/')+1:], ".md")
	}
}

// openingHeading finds the body's first level-one ATX heading outside fenced code. It
// returns its text, and, when it is the body's first line that is not blank (opening),
// the body after it and the number of lines up to and including it.
func openingHeading(body []byte) (text string, rest []byte, lines int, opening bool) {
	var fence []byte
	blankSoFar := true
	for n, data := 1, body; len(data) > 0; n++ {
		var l []byte
		if end := bytes.IndexByte(data, '\n'); end >= 0 {
			l, data = data[:end], data[end+1:]
		} else {
			l, data = data, nil
		}
		trimmed := bytes.TrimLeft(l, " ")
		indent := len(l) - len(trimmed)
		if fence != nil {
			if indent < 4 && bytes.HasPrefix(trimmed, fence) {
				fence = nil
			}
			blankSoFar = false
			continue
		}
		if indent < 4 && (bytes.HasPrefix(trimmed, []byte("```")) || bytes.HasPrefix(trimmed, []byte("~~~"))) {
			fence = trimmed[:3]
			blankSoFar = false
			continue
		}
		if indent < 4 && (bytes.HasPrefix(trimmed, []byte("# ")) || bytes.HasPrefix(trimmed, []byte("#\t"))) {
			t := strings.TrimSpace(string(trimmed[2:]))
			// A closing sequence of '#' preceded by a space is not part of the text.
			if i := strings.LastIndexFunc(t, func(r rune) bool { return r != '#' }); i >= 0 && i < len(t)-1 && (t[i] == ' ' || t[i] == '\t') {
				t = strings.TrimSpace(t[:i])
			}
			if t != "" {
				return t, data, n, blankSoFar
			}
		}
		if len(bytes.TrimSpace(l)) > 0 {
			blankSoFar = false
		}
	}
	return "", nil, 0, false
}
