package report

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// visible writes a file name or message so that printing it cannot move the cursor,
// change colours, start a new line or reorder text: control characters (C0, DEL, C1,
// escape sequences' ESC), Unicode's bidirectional overrides and isolates, the line
// and paragraph separators and bytes that are not UTF-8 are written as Go escapes
// (\n, \x1b, \u202e). A backslash is doubled only where it would read as one of them.
func visible(s string) string { return escapeHidden(s, false) }

// VisibleLines is visible for a message of several lines: each line is escaped and the
// line breaks between them kept, for a command's own error messages that may quote a
// name from the content or the command line.
func VisibleLines(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = visible(l)
	}
	return strings.Join(lines, "\n")
}

// escapeHidden is visible, but keeps line breaks when keepBreaks is set.
func escapeHidden(s string, keepBreaks bool) string {
	if !needsEscape(s) {
		return s
	}
	var sb strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&sb, `\x%02x`, s[i])
		case r == '\\' && i+1 < len(s) && strings.IndexByte(`nrtxu\`, s[i+1]) >= 0:
			sb.WriteString(`\\`)
		case keepBreaks && (r == '\n' || r == '\r'):
			sb.WriteRune(r)
		case r == '\n':
			sb.WriteString(`\n`)
		case r == '\r':
			sb.WriteString(`\r`)
		case r == '\t':
			sb.WriteString(`\t`)
		case hidden(r) && r < 0x100:
			fmt.Fprintf(&sb, `\x%02x`, r)
		case hidden(r):
			fmt.Fprintf(&sb, `\u%04x`, r)
		default:
			sb.WriteRune(r)
		}
		i += size
	}
	return sb.String()
}

// hidden reports whether printing r could change how a terminal or a log viewer shows
// the text around it.
func hidden(r rune) bool {
	return unicode.IsControl(r) || // C0, DEL and C1
		r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069 || // bidi embeddings, overrides, isolates
		r == 0x200e || r == 0x200f || r == 0x061c || // directional marks
		r == 0x2028 || r == 0x2029 // line and paragraph separators
}

func needsEscape(s string) bool {
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == '\\' || hidden(r) || r == utf8.RuneError && size == 1 {
			return true
		}
		i += size
	}
	return false
}
