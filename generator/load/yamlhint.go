package load

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"
)

// quoteHint finds, in a front matter, the first value written as plain text that YAML
// reads as something else (a tag, an anchor, an alias, a comment, a mapping) or cannot
// read at all, and says how to write it: in double quotes. failed says whether YAML
// refused the document; values it reads without complaint, but not as written, are
// reported either way. line is 1-based within data, col that of the value.
func quoteHint(data []byte, failed bool) (line, col int, msg string) {
	for n := 1; len(data) > 0; n++ {
		var l []byte
		if end := bytes.IndexByte(data, '\n'); end >= 0 {
			l, data = data[:end], data[end+1:]
		} else {
			l, data = data, nil
		}
		if failed && len(l) > 0 && l[0] == '\t' {
			return n, 1, "invalid YAML: a tab cannot indent YAML: indent with spaces"
		}
		key, value, at := keyValue(l)
		if key == "" || value == "" {
			continue
		}
		if why := misread(value, failed); why != "" {
			c := utf8.RuneCount(l[:at]) + 1
			if value[0] == '[' && value[len(value)-1] == ']' {
				var entries []string
				for _, e := range strings.Split(value[1:len(value)-1], ",") {
					entries = append(entries, quoted(strings.TrimSpace(e)))
				}
				return n, c, fmt.Sprintf("invalid YAML: %s: put each entry in double quotes, as in %s: [%s]", why, key, strings.Join(entries, ", "))
			}
			if close, what := closing(value[0]); close != "" && failed && !strings.Contains(value, close) {
				// Most often a list whose end was forgotten: closing it keeps what was meant.
				return n, c, fmt.Sprintf("invalid YAML: a %s opened with %q is not closed: close it, as in %s: %s%s, or, if the value is text, put it in double quotes, as in %s: %s",
					what, value[:1], key, value, close, key, quoted(value))
			}
			return n, c, fmt.Sprintf("invalid YAML: %s: put the value in double quotes, as in %s: %s", why, key, quoted(value))
		}
	}
	return 0, 0, ""
}

// closing is the bracket that closes a flow list or mapping YAML opens with b, and what
// it opens, or "" when b opens neither.
func closing(b byte) (close, what string) {
	switch b {
	case '[':
		return "]", "list"
	case '{':
		return "}", "mapping"
	}
	return "", ""
}

// keyValue splits a line "key: value" of a mapping's first level; at is the value's offset.
func keyValue(l []byte) (key, value string, at int) {
	if len(l) == 0 || l[0] == ' ' || l[0] == '#' || l[0] == '-' || l[0] == '"' || l[0] == '\'' {
		return "", "", 0
	}
	i := bytes.Index(l, []byte(": "))
	if i <= 0 || bytes.ContainsAny(l[:i], " \t#") {
		return "", "", 0
	}
	at = i + 2
	for at < len(l) && l[at] == ' ' {
		at++
	}
	return string(l[:i]), strings.TrimRight(string(l[at:]), " \t"), at
}

// misread says why YAML does not read value as the plain text it looks like, or "".
func misread(value string, failed bool) string {
	switch value[0] {
	case '"', '\'', '|', '>':
		return ""
	case '!':
		return fmt.Sprintf("a value starting with %q is read as a YAML tag", value[:1])
	case '&':
		return fmt.Sprintf("a value starting with %q is read as a YAML anchor", value[:1])
	case '*':
		return fmt.Sprintf("a value starting with %q is read as a YAML alias", value[:1])
	case '#':
		if len(value) > 1 && value[1] != ' ' {
			return "a value starting with \"#\" is read as a comment, leaving the field empty"
		}
		return ""
	case '@', '`', '%':
		return fmt.Sprintf("a value cannot start with %q in YAML", value[:1])
	case '[', '{':
		if failed && !closedFlow(value) {
			if value[0] == '[' && value[len(value)-1] == ']' {
				return "a list entry cannot start with @, `, %, !, & or * in YAML"
			}
			return fmt.Sprintf("a value starting with %q is read as a YAML list or mapping", value[:1])
		}
		return ""
	}
	if failed && strings.Contains(value, ": ") {
		return "\": \" inside a value is read as the start of a mapping"
	}
	return ""
}

// closedFlow reports a flow list or mapping that closes at the end of the value, and
// whose entries do not start with a character YAML reserves.
func closedFlow(value string) bool {
	open, end := value[0], byte(']')
	if open == '{' {
		end = '}'
	}
	if value[len(value)-1] != end {
		return false
	}
	for _, e := range strings.Split(value[1:len(value)-1], ",") {
		if e = strings.TrimSpace(e); e != "" && strings.ContainsRune("@`%!&*", rune(e[0])) {
			return false
		}
	}
	return true
}

// quoted writes value as a YAML double-quoted string.
func quoted(value string) string {
	value = strings.ReplaceAll(value, `\`, `\\`)
	return `"` + strings.ReplaceAll(value, `"`, `\"`) + `"`
}

// quoteUnreadable returns data with each value that YAML cannot read at all, though its
// author plainly meant text, put in double quotes: a value or list entry starting with
// @, ` or % (Backlog.md writes "assignee: @MrLesk"), and a value holding ": ". Values YAML
// reads as something else (a tag, an anchor, an alias, a comment) are left for quoteHint
// to report. ok is false when nothing was changed.
func quoteUnreadable(data []byte) (fixed []byte, ok bool) {
	var out bytes.Buffer
	block := -1 // the indentation of the key whose block scalar (| or >) the lines are in
	for len(data) > 0 {
		var l []byte
		if end := bytes.IndexByte(data, '\n'); end >= 0 {
			l, data = data[:end+1], data[end+1:]
		} else {
			l, data = data, nil
		}
		text := bytes.TrimRight(l, "\r\n")
		indent := len(text) - len(bytes.TrimLeft(text, " "))
		if block >= 0 && (len(bytes.TrimSpace(text)) == 0 || indent > block) {
			out.Write(l) // text of a block scalar, read as written
			continue
		}
		block = -1
		if blockScalar(text) {
			block = indent
		}
		if q, changed := quoteLine(l); changed {
			out.WriteString(q)
			ok = true
			continue
		}
		out.Write(l)
	}
	return out.Bytes(), ok
}

// blockScalar reports a line "key: |" or "- >-" that starts a block scalar.
func blockScalar(line []byte) bool {
	v := bytes.TrimSpace(line)
	if i := bytes.Index(v, []byte(": ")); i >= 0 {
		v = bytes.TrimSpace(v[i+2:])
	} else if rest, ok := bytes.CutPrefix(v, []byte("- ")); ok {
		v = bytes.TrimSpace(rest)
	} else {
		return false
	}
	if i := bytes.Index(v, []byte(" #")); i >= 0 {
		v = bytes.TrimSpace(v[:i])
	}
	return len(v) > 0 && (v[0] == '|' || v[0] == '>') && len(bytes.Trim(v[1:], "+-0123456789")) == 0
}

// quoteLine quotes the unreadable value of one line, "key: value" or "  - entry". A
// comment after the value (" # ...") stays a comment.
func quoteLine(l []byte) (string, bool) {
	text := bytes.TrimRight(l, "\r\n")
	eol := string(l[len(text):])
	if i := bytes.Index(text, []byte(" #")); i >= 0 {
		text, eol = text[:i], string(text[i:])+eol
	}
	if key, value, at := keyValue(text); key != "" && value != "" {
		switch {
		case unreadable(value):
			return string(text[:at]) + quoted(value) + eol, true
		case value[0] == '[' && value[len(value)-1] == ']' && !closedFlow(value):
			var entries []string
			for _, e := range strings.Split(value[1:len(value)-1], ",") {
				if e = strings.TrimSpace(e); unreadable(e) {
					e = quoted(e)
				}
				entries = append(entries, e)
			}
			return string(text[:at]) + "[" + strings.Join(entries, ", ") + "]" + eol, true
		}
		return "", false
	}
	trimmed := bytes.TrimLeft(text, " ")
	if entry, found := bytes.CutPrefix(trimmed, []byte("- ")); found {
		if value := strings.TrimSpace(string(entry)); value != "" && strings.ContainsRune("@`%", rune(value[0])) {
			return string(text[:len(text)-len(entry)]) + quoted(value) + eol, true
		}
	}
	return "", false
}

// unreadable reports a plain value YAML refuses outright: one starting with a reserved
// indicator (@, `, %) or holding ": ".
func unreadable(value string) bool {
	if value == "" {
		return false
	}
	switch value[0] {
	case '"', '\'', '|', '>', '[', '{', '!', '&', '*', '#':
		return false
	case '@', '`', '%':
		return true
	}
	return strings.Contains(value, ": ")
}
