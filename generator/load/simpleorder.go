package load

import (
	"bytes"

	"github.com/backlogtool/backlog/generator/model"
)

// simpleOrder reads order.yaml in its usual layout, one "- id" per line with comments
// and blank lines, without the YAML parser: history reads every committed version of
// the file, and yaml.v3 takes tens of milliseconds on a large one. It gives up (ok is
// false) on anything else, which ParseOrder then reads with yaml.v3; FuzzSimpleOrder
// holds the two to the same entries, positions and findings.
func simpleOrder(path string, data []byte, findings *model.Findings) (out []model.OrderEntry, ok bool) {
	var dups model.Findings
	lines := bytes.Count(data, []byte("\n")) + 1
	first := make(map[string]int, lines)
	out = make([]model.OrderEntry, 0, lines)
	line := 0
	for len(data) > 0 {
		var l []byte
		l, data, _ = bytes.Cut(data, []byte("\n"))
		line++
		l = bytes.TrimRight(l, " ")
		if !printableASCII(l) {
			return nil, false // yaml.v3 refuses some characters, even in comments
		}
		if len(l) == 0 || l[0] == '#' {
			continue
		}
		rest, ok := bytes.CutPrefix(l, []byte("- "))
		if !ok {
			return nil, false
		}
		col := 3
		for len(rest) > 0 && rest[0] == ' ' {
			rest, col = rest[1:], col+1
		}
		id := rest
		if i := bytes.IndexByte(rest, ' '); i >= 0 {
			id = rest[:i]
			comment := bytes.TrimLeft(rest[i:], " ")
			if len(comment) > 0 && comment[0] != '#' {
				return nil, false
			}
		}
		if l, dup := first[string(id)]; dup {
			dups.Errorf(model.Pos{File: path, Line: line, Col: col}, "%q is listed twice (first on line %d)", id, l)
			continue
		}
		s := string(id) // the one copy the map and the entry share
		if !ValidID(s) || s == "null" {
			return nil, false
		}
		first[s] = line
		out = append(out, model.OrderEntry{ID: s, Pos: model.Pos{File: path, Line: line, Col: col}})
	}
	if len(out) == 0 {
		return nil, false
	}
	*findings = append(*findings, dups...)
	return out, true
}

// printableASCII reports whether b holds only printable ASCII characters.
func printableASCII(b []byte) bool {
	for _, c := range b {
		if c < 0x20 || c > 0x7e {
			return false
		}
	}
	return true
}
