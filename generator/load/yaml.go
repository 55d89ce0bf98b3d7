package load

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/backlogtool/backlog/generator/internal/shortcuts"
	"github.com/backlogtool/backlog/generator/model"
	"gopkg.in/yaml.v3"
)

// doc is one YAML document being read, with what is needed to place findings in its file.
type doc struct {
	path     string
	lineBase int // file line of the document's first line, minus one
	findings *model.Findings
	scratch  *yamlScratch // where simpleYAML reads the tree, when the tree is dropped with d
	// hint, when set, finds a value that YAML reads otherwise than its author meant,
	// and says how to write it (see quoteHint). It is asked for documents that the
	// shortcut does not read.
	hint func(data []byte, failed bool) (line, col int, msg string)
}

var yamlErrLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// parse reads YAML into a node tree. A syntax error becomes a finding at the parser's line.
// It returns nil for a document that holds nothing (only comments or blanks).
func (d *doc) parse(data []byte) (*yaml.Node, bool) {
	if shortcuts.On() {
		if n, ok := simpleYAML(data, d.scratch); ok {
			return n, true
		}
	}
	var root yaml.Node
	err := yaml.Unmarshal(data, &root)
	if err != nil && d.hint != nil {
		// A value YAML cannot read at all, such as "assignee: @MrLesk", is read as the
		// text it plainly is.
		if fixed, ok := quoteUnreadable(data); ok {
			// Whatever YAML still finds wrong is reported in the text as fixed, with
			// the lines as they were.
			var again yaml.Node
			err, data = yaml.Unmarshal(fixed, &again), fixed
			if err == nil {
				root = again
			}
		}
	}
	hinted := func(failed bool) bool {
		if d.hint == nil {
			return false
		}
		line, col, msg := d.hint(data, failed)
		if msg != "" {
			d.findings.Errorf(model.Pos{File: d.path, Line: d.lineBase + line, Col: col}, "%s", msg)
		}
		return msg != ""
	}
	if err != nil && hinted(true) {
		return nil, false
	}
	if err != nil {
		line, msg := 1, strings.TrimPrefix(err.Error(), "yaml: ")
		if m := yamlErrLine.FindStringSubmatch(err.Error()); m != nil {
			line, _ = strconv.Atoi(m[1])
			msg = m[2]
		}
		d.findings.Errorf(model.Pos{File: d.path, Line: d.lineBase + line, Col: 1}, "invalid YAML: %s", msg)
		return nil, false
	}
	if root.Kind == 0 || len(root.Content) == 0 {
		return nil, true
	}
	n := root.Content[0]
	if a := findAlias(n, 0); a != nil {
		d.errorf(a, "YAML aliases (*%s) are not allowed here: write the value out", a.Value)
		return nil, false
	}
	if hinted(false) {
		return nil, false
	}
	return n, true
}

// findAlias returns the first alias node in the tree. Aliases are refused because
// expanding them can turn a small file into a huge document ("billion laughs").
func findAlias(n *yaml.Node, depth int) *yaml.Node {
	if n.Kind == yaml.AliasNode {
		return n
	}
	if depth > 1000 {
		return n
	}
	for _, c := range n.Content {
		if a := findAlias(c, depth+1); a != nil {
			return a
		}
	}
	return nil
}

func (d *doc) pos(n *yaml.Node) model.Pos {
	return model.Pos{File: d.path, Line: d.lineBase + n.Line, Col: n.Column}
}

func (d *doc) errorf(n *yaml.Node, format string, args ...any) {
	d.findings.Errorf(d.pos(n), format, args...)
}

func (d *doc) warnf(n *yaml.Node, format string, args ...any) {
	d.findings.Warnf(d.pos(n), format, args...)
}

// pair is one key and value of a mapping.
type pair struct {
	key   string
	k, v  *yaml.Node
	label string // key as written, for messages
}

// mapping returns the pairs of a mapping node, reporting a node of any other kind
// and keys that are repeated or not plain strings.
func (d *doc) mapping(n *yaml.Node, what string) ([]pair, bool) {
	if n.Kind != yaml.MappingNode {
		d.errorf(n, "%s must be a mapping of fields (key: value), found %s", what, describe(n))
		return nil, false
	}
	pairs := make([]pair, 0, len(n.Content)/2)
	// A front matter's dozen keys are looked up among the pairs; a map of them, made
	// for every item, was more than the lookups cost.
	var seen map[string]*yaml.Node
	if len(n.Content)/2 > 32 {
		seen = make(map[string]*yaml.Node, len(n.Content)/2)
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			d.errorf(k, "a field name must be a plain word, found %s", describe(k))
			continue
		}
		if first := firstKey(pairs, seen, k.Value); first != nil {
			d.errorf(k, "field %q is set twice (first on line %d)", k.Value, d.lineBase+first.Line)
			continue
		}
		if seen != nil {
			seen[k.Value] = k
		}
		pairs = append(pairs, pair{key: k.Value, k: k, v: v})
	}
	return pairs, true
}

// firstKey returns the key node of the pair with the given key, from seen when there
// is a map of keys, else from pairs.
func firstKey(pairs []pair, seen map[string]*yaml.Node, key string) *yaml.Node {
	if seen != nil {
		return seen[key]
	}
	for _, p := range pairs {
		if p.key == key {
			return p.k
		}
	}
	return nil
}

// describe names what a node is, for messages ("a list", "the number 3").
func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.SequenceNode:
		return "a list"
	case yaml.MappingNode:
		return "a mapping"
	case yaml.AliasNode:
		return "an alias"
	case yaml.ScalarNode:
		switch n.Tag {
		case "!!null":
			return "nothing"
		case "!!int", "!!float":
			return "the number " + n.Value
		case "!!bool":
			return "the boolean " + n.Value
		}
		return strconv.Quote(n.Value)
	}
	return "nothing"
}

func isNull(n *yaml.Node) bool { return n.Kind == yaml.ScalarNode && n.Tag == "!!null" }

// str reads a string scalar. Other kinds are reported.
func (d *doc) str(n *yaml.Node, field string) (string, bool) {
	if n.Kind != yaml.ScalarNode || n.Tag != "!!str" {
		d.errorf(n, "%s must be a string, found %s", field, describe(n))
		return "", false
	}
	return n.Value, true
}

// text reads any scalar as the text it was written as (release: 2027.1 is the name "2027.1").
// A null value reads as "".
func (d *doc) text(n *yaml.Node, field string) (string, bool) {
	if isNull(n) {
		return "", true
	}
	if n.Kind != yaml.ScalarNode {
		d.errorf(n, "%s must be a single value, found %s", field, describe(n))
		return "", false
	}
	return n.Value, true
}

// number reads an integer or decimal number.
func (d *doc) number(n *yaml.Node, field string) (*float64, bool) {
	if isNull(n) {
		return nil, true
	}
	if n.Kind == yaml.ScalarNode && (n.Tag == "!!int" || n.Tag == "!!float") {
		var f float64
		if err := n.Decode(&f); err == nil {
			return &f, true
		}
	}
	d.errorf(n, "%s must be a number, found %s", field, describe(n))
	return nil, false
}

// list reads a list of scalars as text.
func (d *doc) list(n *yaml.Node, field string) ([]string, bool) {
	if isNull(n) {
		return nil, true
	}
	if n.Kind != yaml.SequenceNode {
		d.errorf(n, "%s must be a list, such as [a, b], found %s", field, describe(n))
		return nil, false
	}
	out := make([]string, 0, len(n.Content))
	ok := true
	for _, e := range n.Content {
		if e.Kind != yaml.ScalarNode || isNull(e) {
			d.errorf(e, "%s must list single values, found %s", field, describe(e))
			ok = false
			continue
		}
		out = append(out, e.Value)
	}
	return out, ok
}

// values reads a field that holds a list as authors write one: a YAML list, a single
// value, or, when split is set, values separated by commas ("145, 609, 1014").
// Numbers are read as the text they are written as.
func (d *doc) values(n *yaml.Node, field string, split bool) ([]string, bool) {
	switch {
	case isNull(n):
		return nil, true
	case n.Kind == yaml.ScalarNode:
		if !split || !strings.Contains(n.Value, ",") {
			if v := strings.TrimSpace(n.Value); v != "" {
				return []string{v}, true
			}
			return nil, true
		}
		var out []string
		for _, v := range strings.Split(n.Value, ",") {
			if v = strings.TrimSpace(v); v != "" {
				out = append(out, v)
			}
		}
		return out, true
	case n.Kind == yaml.SequenceNode:
		return d.list(n, field)
	}
	d.errorf(n, "%s must be a list, such as [a, b], or a single value, found %s", field, describe(n))
	return nil, false
}

// flag reads a yes-or-no field: a YAML boolean, or the words true and false in any case.
func (d *doc) flag(n *yaml.Node, field string) bool {
	if n.Kind == yaml.ScalarNode {
		switch strings.ToLower(strings.TrimSpace(n.Value)) {
		case "true", "yes", "on":
			return true
		case "false", "no", "off", "", "~", "null":
			return false
		}
	}
	d.errorf(n, "%s must be true or false, found %s", field, describe(n))
	return false
}
