package edit

import (
	"bytes"
	"errors"
	"fmt"
	"strings"

	"gopkg.in/yaml.v3"
)

// SetField sets one top-level front matter field of an item file to value, or removes
// the field when value is "". Only that field's value changes: every other byte (the
// other fields, their order and quoting, comments, the body, a byte-order mark and
// CRLF line endings) stays as it was. A field written over several lines (a block
// scalar, a list) is refused: it is for an editor, not a one-field change.
func SetField(data []byte, key, value string) ([]byte, error) {
	if strings.ContainsAny(value, "\r\n") {
		return nil, errors.New("a field value is one line")
	}
	bom := bytes.HasPrefix(data, []byte("\ufeff"))
	text := string(bytes.TrimPrefix(data, []byte("\ufeff")))
	crlf := strings.Contains(text, "\r\n")
	if crlf {
		text = strings.ReplaceAll(text, "\r\n", "\n")
	}
	lines := strings.SplitAfter(text, "\n")
	if len(lines) == 0 || strings.TrimRight(lines[0], " \t\n") != "---" {
		return nil, errors.New(`the file does not start with front matter ("---")`)
	}
	end := -1 // index of the closing fence
	for i := 1; i < len(lines); i++ {
		if strings.TrimRight(lines[i], " \t\n") == "---" {
			end = i
			break
		}
	}
	if end < 0 {
		return nil, errors.New(`the front matter is never closed ("---")`)
	}
	var root yaml.Node
	if err := yaml.Unmarshal([]byte(strings.Join(lines[1:end], "")), &root); err != nil {
		return nil, fmt.Errorf("the front matter is not valid YAML: %v", err)
	}
	var fields *yaml.Node
	if len(root.Content) > 0 {
		fields = root.Content[0]
	}
	if fields != nil && fields.Kind != yaml.MappingNode {
		return nil, errors.New("the front matter is not a list of fields")
	}
	if fields != nil && fields.Style&yaml.FlowStyle != 0 {
		return nil, errors.New("the front matter is written in flow style ({...}): edit it by hand")
	}
	var k, v *yaml.Node
	if fields != nil {
		for i := 0; i+1 < len(fields.Content); i += 2 {
			if fields.Content[i].Value == key {
				k, v = fields.Content[i], fields.Content[i+1]
			}
		}
	}
	eol := "\n"
	switch {
	case k == nil && value == "":
		return data, nil
	case k == nil:
		// A new field goes last, before the closing fence.
		lines = append(lines[:end], append([]string{key + ": " + yamlString(value) + eol}, lines[end:]...)...)
	default:
		i := k.Line // 1-based line in the front matter = index in lines
		if v.Line != k.Line || v.Kind != yaml.ScalarNode || v.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0 || continues(lines, i+1, end) {
			return nil, fmt.Errorf("%s is written over several lines: edit it by hand", key)
		}
		if k.Column != 1 {
			return nil, fmt.Errorf("%s is indented: edit it by hand", key)
		}
		line := strings.TrimSuffix(lines[i], "\n")
		if value == "" {
			lines = append(lines[:i], lines[i+1:]...)
			break
		}
		start := runeOffset(line, v.Column-1)
		if v.Tag == "!!null" && v.Value == "" {
			start = len(line) // "key:" with nothing after it
		}
		rest := line[start:]
		comment := ""
		if v.LineComment != "" {
			if j := strings.LastIndex(rest, v.LineComment); j >= 0 {
				comment = rest[j:]
				rest = rest[:j]
			}
		}
		gap := rest[len(strings.TrimRight(rest, " \t")):] // the blanks before a comment
		prefix := line[:start]
		if !strings.HasSuffix(prefix, " ") {
			prefix += " "
		}
		lines[i] = prefix + yamlString(value) + gap + comment + "\n"
	}
	out := strings.Join(lines, "")
	if crlf {
		out = strings.ReplaceAll(out, "\n", "\r\n")
	}
	if bom {
		out = "\ufeff" + out
	}
	return []byte(out), nil
}

// continues reports whether line i, before the fence at end, continues the value above
// it: an indented line that is not a comment.
func continues(lines []string, i, end int) bool {
	if i >= end {
		return false
	}
	l := strings.TrimSuffix(lines[i], "\n")
	t := strings.TrimLeft(l, " \t")
	return t != "" && len(t) < len(l) && !strings.HasPrefix(t, "#")
}

// runeOffset is the byte offset of the n-th rune of s: yaml counts columns in runes.
func runeOffset(s string, n int) int {
	for i := range s {
		if n == 0 {
			return i
		}
		n--
	}
	return len(s)
}

// yamlString writes a string as YAML: plain when it reads back as the same string, else
// double-quoted (so "2027.1" stays a string, and "yes" is not a boolean).
func yamlString(s string) string {
	var m map[string]any
	if s != "" && strings.TrimSpace(s) == s && !strings.ContainsAny(s, "#:'\"{}[],&*!|>%@`") && yaml.Unmarshal([]byte("v: "+s), &m) == nil {
		if str, ok := m["v"].(string); ok && str == s {
			return s
		}
	}
	return quote(s)
}
