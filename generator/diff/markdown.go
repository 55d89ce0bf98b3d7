package diff

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// code prints text from the content as a Markdown code span: inside one, CommonMark and
// GitHub read no emphasis, link, image, autolink, entity or HTML, only the closing run of
// backticks, which is made longer than any run inside. Line breaks and other control
// characters, which would end a table row or a heading, are written as escapes (\n).
// The empty text is a dash.
func code(s string) string {
	if s == "" {
		return "–"
	}
	s = oneLine(s)
	longest, run := 0, 0
	for _, c := range s {
		if c == '`' {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	fence := strings.Repeat("`", longest+1)
	// A space inside the fence keeps a backtick at either end from joining the fence;
	// CommonMark strips one space on each side when both are there.
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") || strings.HasPrefix(s, " ") && strings.HasSuffix(s, " ") {
		s = " " + s + " "
	}
	return fence + s + fence
}

// cell is code for a table cell. Tables are split into cells before anything else is
// read, and a '|' ends a cell even inside a code span, so it is escaped as '\|' (the cell
// shows '|'). The splitter reads a backslash and the character after it as a pair:
// backslashes right before a '|' are doubled so that none of them pairs with the '\'
// of its escape (such a cell shows those backslashes doubled).
func cell(s string) string {
	c := code(s)
	if !strings.Contains(c, "|") {
		return c
	}
	var sb strings.Builder
	slashes := 0
	for i := 0; i < len(c); i++ {
		switch c[i] {
		case '\\':
			slashes++
			sb.WriteByte('\\')
			continue
		case '|':
			sb.WriteString(strings.Repeat(`\`, slashes))
			sb.WriteString(`\|`)
		default:
			sb.WriteByte(c[i])
		}
		slashes = 0
	}
	return sb.String()
}

// oneLine writes control characters, Unicode line separators and bidi overrides as
// escapes, and a backslash before any of those escapes' letters as two.
func oneLine(s string) string {
	var sb strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&sb, `\x%02x`, s[i])
		case r == '\n':
			sb.WriteString(`\n`)
		case r == '\r':
			sb.WriteString(`\r`)
		case r == '\t':
			sb.WriteByte(' ')
		case unicode.IsControl(r) || r == 0x2028 || r == 0x2029 ||
			r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069:
			fmt.Fprintf(&sb, `\u%04x`, r)
		default:
			sb.WriteRune(r)
		}
		i += size
	}
	return sb.String()
}
