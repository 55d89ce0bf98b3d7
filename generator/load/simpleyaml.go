package load

import (
	"bytes"

	"gopkg.in/yaml.v3"
)

// simpleYAML reads the YAML that nearly all front matter is written in, a field a line,
// into the node tree yaml.v3 would give, at a small part of yaml.v3's cost (parsing
// YAML was most of a load). Each line is a key, a colon, spaces and one of:
//
//   - a plain word (in-progress, Ada Lovelace, v1.2),
//   - an integer,
//   - a double-quoted string of printable ASCII, without escapes,
//   - a flow list of plain words and integers, written [a, b, 3].
//
// Keys are words of at most 128 characters, and a document is at most maxSimpleLines
// lines long. ok is false for any other document, which yaml.v3 then reads: comments,
// blank lines, block lists, other scalars, anything yaml.v3 would resolve to a boolean,
// null, float or timestamp. FuzzSimpleYAML holds the trees to yaml.v3's.
func simpleYAML(data []byte, s *yamlScratch) (n *yaml.Node, ok bool) {
	if len(data) == 0 {
		return nil, false
	}
	if s == nil {
		s = new(yamlScratch)
	}
	// Every node is taken from s.nodes, and every list of children from s.children, so
	// both are given room for the most a document of this many lines and commas can need:
	// the root, a key and a value a line, and a list element a comma and a line.
	lines := bytes.Count(data, []byte("\n")) + 1
	if lines > maxSimpleLines {
		return nil, false
	}
	most := 1 + 3*lines + bytes.Count(data, []byte(","))
	s.reset(most)
	root := s.node(yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Line: 1, Column: 1})
	root.Content = s.take(2 * lines)
	for line := 1; len(data) > 0; line++ {
		var l []byte
		if end := bytes.IndexByte(data, '\n'); end >= 0 {
			l, data = data[:end], data[end+1:]
		} else {
			l, data = data, nil
		}
		k := wordLen(l)
		// yaml.v3 looks no further than 1024 characters for a key's colon.
		if k == 0 || k > 128 || k == len(l) || l[k] != ':' || special(l[:k]) {
			return nil, false
		}
		i := k + 1
		for i < len(l) && l[i] == ' ' {
			i++
		}
		if i == k+1 || i == len(l) {
			return nil, false
		}
		key := s.node(yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: keyString(l[:k]), Line: line, Column: 1})
		value, ok := simpleValue(l[i:], line, i+1, s)
		if !ok {
			return nil, false
		}
		root.Content = append(root.Content, key, s.node(value))
	}
	return root, true
}

// maxSimpleLines is the longest document simpleYAML reads, which is far longer than a
// front matter: a long document, such as a ranking of thousands of items, is rarely
// simple, and its nodes would be allocated before its first line is read.
const maxSimpleLines = 256

// yamlScratch holds the nodes of one tree that simpleYAML reads. A tree is read, turned
// into an item and dropped: its memory is used again for the next one (the nodes were a
// sixth of all the bytes a build allocated).
type yamlScratch struct {
	nodes    []yaml.Node
	children []*yaml.Node // the lists of children are cut from it
	free     []*yaml.Node // what is left of children
}

// reset empties s and makes room for n nodes and n children, which must be enough: the
// pointers handed out stay good only while the slices are not grown.
func (s *yamlScratch) reset(n int) {
	if cap(s.nodes) < n {
		s.nodes, s.children = make([]yaml.Node, 0, n), make([]*yaml.Node, n)
	}
	s.nodes, s.free = s.nodes[:0], s.children
}

func (s *yamlScratch) node(n yaml.Node) *yaml.Node {
	s.nodes = append(s.nodes, n)
	return &s.nodes[len(s.nodes)-1]
}

// take returns an empty list with room for n children.
func (s *yamlScratch) take(n int) []*yaml.Node {
	list := s.free[:0:n]
	s.free = s.free[n:]
	return list
}

// keyString is the key k as a string: the keys of the item format are the same few
// words in every file, so they are not allocated each time.
func keyString(k []byte) string {
	for _, known := range KnownFields {
		if string(k) == known {
			return known
		}
	}
	return string(k)
}

// simpleValue reads the value v, which starts at column col of line.
func simpleValue(v []byte, line, col int, s *yamlScratch) (yaml.Node, bool) {
	switch v[0] {
	case '"':
		if len(v) < 2 || v[len(v)-1] != '"' {
			return yaml.Node{}, false
		}
		for _, c := range v[1 : len(v)-1] {
			if c < 0x20 || c > 0x7e || c == '"' || c == '\\' {
				return yaml.Node{}, false
			}
		}
		return yaml.Node{Kind: yaml.ScalarNode, Style: yaml.DoubleQuotedStyle, Tag: "!!str", Value: string(v[1 : len(v)-1]), Line: line, Column: col}, true
	case '[':
		if v[len(v)-1] != ']' {
			return yaml.Node{}, false
		}
		seq := yaml.Node{Kind: yaml.SequenceNode, Style: yaml.FlowStyle, Tag: "!!seq", Line: line, Column: col}
		items := v[1 : len(v)-1]
		if len(items) == 0 {
			return seq, true
		}
		seq.Content = s.take(bytes.Count(items, []byte(",")) + 1)
		for off := 1; ; {
			end := bytes.Index(items, []byte(", "))
			word := items
			if end >= 0 {
				word = items[:end]
			}
			e, ok := scalar(word, line, col+off)
			if !ok || bytes.IndexByte(word, ' ') >= 0 {
				return yaml.Node{}, false
			}
			seq.Content = append(seq.Content, s.node(e))
			if end < 0 {
				break
			}
			items, off = items[end+2:], off+end+2
		}
		return seq, true
	}
	return scalar(v, line, col)
}

// scalar reads a plain word or an integer.
func scalar(v []byte, line, col int) (yaml.Node, bool) {
	if len(v) == 0 {
		return yaml.Node{}, false
	}
	n := yaml.Node{Kind: yaml.ScalarNode, Value: string(v), Line: line, Column: col}
	switch {
	case isInteger(v):
		n.Tag = "!!int"
	case plainLen(v) == len(v) && v[len(v)-1] != ' ' && !special(v):
		n.Tag = "!!str"
	default:
		return yaml.Node{}, false
	}
	return n, true
}

// isInteger reports a decimal integer that yaml.v3 reads as one: no sign, no leading
// zero (08 is a float to it), and well inside 64 bits.
func isInteger(v []byte) bool {
	if len(v) == 0 || len(v) > 18 || (v[0] == '0' && len(v) > 1) {
		return false
	}
	for _, c := range v {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// wordLen is the length of the word at the start of v: a letter, then letters, digits,
// '_' and '-'.
func wordLen(v []byte) int {
	if len(v) == 0 || !isLetter(v[0]) {
		return 0
	}
	i := 1
	for i < len(v) && (isLetter(v[i]) || '0' <= v[i] && v[i] <= '9' || v[i] == '_' || v[i] == '-') {
		i++
	}
	return i
}

// plainLen is the length of the plain text at the start of v: a letter, then letters,
// digits, spaces and "_-./". None of these can start a comment, a mapping or a list.
func plainLen(v []byte) int {
	i := wordLen(v)
	if i == 0 {
		return 0
	}
	for i < len(v) && (isLetter(v[i]) || '0' <= v[i] && v[i] <= '9' || bytes.IndexByte([]byte(" _-./"), v[i]) >= 0) {
		i++
	}
	return i
}

func isLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

// special reports the words yaml.v3 resolves to something other than a string.
func special(w []byte) bool {
	switch string(w) {
	case "true", "True", "TRUE", "false", "False", "FALSE", "null", "Null", "NULL":
		return true
	}
	return false
}
