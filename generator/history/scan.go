package history

import (
	"bytes"
	"strings"

	"github.com/backlogtool/backlog/generator/load"
	"github.com/backlogtool/backlog/generator/model"
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
	switch {
	case strings.HasPrefix(s, "'"):
		var sb strings.Builder
		for i := 1; i < len(s); i++ {
			if s[i] == '\'' {
				if i+1 < len(s) && s[i+1] == '\'' {
					sb.WriteByte('\'')
					i++
					continue
				}
				break
			}
			sb.WriteByte(s[i])
		}
		return sb.String()
	case strings.HasPrefix(s, `"`):
		var sb strings.Builder
		for i := 1; i < len(s); i++ {
			switch s[i] {
			case '\\':
				if i+1 < len(s) {
					i++
					sb.WriteByte(s[i])
				}
				continue
			case '"':
				return sb.String()
			}
			sb.WriteByte(s[i])
		}
		return sb.String()
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

// readOrder reads a version of order.yaml. The usual layout, one "- id" per line with
// comments and blank lines, is read directly, since history reads every version;
// anything else goes through the YAML parser, as the build does.
func readOrder(data []byte) []string {
	ids := []string{}
	seen := map[string]bool{}
	for line := range bytes.Lines(data) {
		line = bytes.TrimRight(line, " \t\r\n")
		if len(line) == 0 || line[0] == '#' {
			continue
		}
		id, ok := bytes.CutPrefix(line, []byte("- "))
		if i := bytes.Index(id, []byte(" #")); i >= 0 {
			id = bytes.TrimRight(id[:i], " \t")
		}
		id = bytes.TrimSpace(id)
		if !ok || !load.ValidID(string(id)) {
			var f model.Findings
			ids = ids[:0]
			for _, e := range load.ParseOrder(load.OrderFile, data, &f) {
				ids = append(ids, e.ID)
			}
			return ids
		}
		if !seen[string(id)] {
			seen[string(id)] = true
			ids = append(ids, string(id))
		}
	}
	return ids
}
