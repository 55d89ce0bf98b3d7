package history

import (
	"bytes"
	"strings"
)

// facts are the fields of an item version that history tracks.
type facts struct {
	Title, Status, Release string
}

// scanFacts reads title, status and release from an item's front matter without a YAML
// parser: history reads every version of every item, and only needs these plain top-level
// scalars. A version it cannot read gives empty facts, which is never worse than no history.
func scanFacts(data []byte) facts {
	var f facts
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	line, rest, _ := bytes.Cut(data, []byte("\n"))
	if string(bytes.TrimRight(line, " \t\r")) != "---" {
		return f
	}
	for len(rest) > 0 {
		line, rest, _ = bytes.Cut(rest, []byte("\n"))
		line = bytes.TrimRight(line, " \t\r")
		if string(line) == "---" {
			break
		}
		key, val, ok := bytes.Cut(line, []byte(":"))
		if !ok {
			continue
		}
		switch string(key) {
		case "title":
			f.Title = scalar(val)
		case "status":
			f.Status = scalar(val)
		case "release":
			f.Release = scalar(val)
		}
	}
	return f
}

// scalar reads a plain, single- or double-quoted YAML scalar, dropping a trailing comment.
func scalar(v []byte) string {
	s := strings.TrimSpace(string(v))
	if len(s) >= 2 && (s[0] == '"' || s[0] == '\'') {
		q := s[0]
		if end := strings.IndexByte(s[1:], q); end >= 0 {
			inner := s[1 : end+1]
			if q == '"' {
				inner = strings.ReplaceAll(inner, `\"`, `"`)
			} else {
				inner = strings.ReplaceAll(inner, `''`, `'`)
			}
			return inner
		}
	}
	if i := strings.Index(s, " #"); i >= 0 {
		s = strings.TrimSpace(s[:i])
	}
	return s
}

// similarity scores how much of two versions of a file is shared, from 0 to 100, the way
// git's rename detection does: the bytes of b's lines that also occur in a, over the larger size.
func similarity(a, b []byte) int {
	if len(a) == 0 && len(b) == 0 {
		return 100
	}
	lines := make(map[string]int)
	for l := range bytes.Lines(a) {
		lines[string(l)]++
	}
	common := 0
	for l := range bytes.Lines(b) {
		if lines[string(l)] > 0 {
			lines[string(l)]--
			common += len(l)
		}
	}
	return common * 100 / max(len(a), len(b))
}
