package load

import (
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/backlogtool/backlog/generator/model"
	"gopkg.in/yaml.v3"
)

// KnownFields are the front matter fields of the item format, in the order the README lists them.
var KnownFields = []string{"title", "status", "type", "release", "goal", "estimate", "value", "owner", "labels", "depends_on"}

// ValidID reports whether s can be an item id: lowercase letters, digits and '-',
// starting with a letter or digit, at most 200 bytes, and not a name Windows reserves
// for a device (con, nul, com1...), since sites are checked out there too.
func ValidID(s string) bool {
	if s == "" || len(s) > 200 || s[0] == '-' || model.ReservedName(s) {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

// ParseItem reads one item file. path is the file's place in the content folder
// (items/sync-engine.md, tasks/back-200 - Some-Title.md); the id is the front matter
// field the settings name (id by default), else the file name without .md. s are the
// settings of backlog.yaml, or nil for the defaults. It returns the item as far as it
// could be read, or nil when the file is unreadable, and the problems found.
func ParseItem(path string, data []byte, s *model.Settings) (*model.Item, model.Findings) {
	var findings model.Findings
	it := parseItem(path, data, s, &findings)
	return it, findings
}

// defaultSettings are those of a backlog.yaml that sets nothing.
var defaultSettings = model.Settings{Statuses: model.DefaultStatuses, Limits: model.DefaultLimits, Items: []string{ItemsDir}, IDField: "id"}

func parseItem(path string, data []byte, s *model.Settings, findings *model.Findings) *model.Item {
	if s == nil {
		s = &defaultSettings
	}
	declared := s.Fields
	id := strings.TrimSuffix(path[strings.LastIndexByte(path, '/')+1:], ".md")
	data = normalize(data)
	if line, col, msg := textError(data); msg != "" {
		findings.Errorf(model.Pos{File: path, Line: line, Col: col}, "%s", msg)
		return nil
	}
	front, body, bodyLine, err := SplitFrontMatter(data)
	if err != nil {
		se := err.(*SplitError)
		findings.Errorf(model.Pos{File: path, Line: se.Line, Col: se.Col}, "%s", se.Msg)
		return nil
	}
	it := &model.Item{ID: id, Slug: model.Slug(id), Path: path, Body: body, BodyLine: bodyLine}
	scratch := scratches.Get().(*yamlScratch)
	defer scratches.Put(scratch)
	d := &doc{path: path, lineBase: 1, findings: findings, scratch: scratch}
	top := model.Pos{File: path, Line: 1, Col: 1}
	n, ok := d.parse(front)
	if !ok {
		return it
	}
	if n == nil {
		findings.Errorf(top, "front matter is empty: title and status are required")
		return it
	}
	pairs, ok := d.mapping(n, "front matter")
	if !ok {
		return it
	}
	it.Pos = make(model.Positions, 0, len(pairs))
	for _, p := range pairs {
		it.Pos.Set(p.key, d.pos(p.v))
		v := p.v
		switch p.key {
		case s.IDField:
			if own, ok := d.text(v, p.key); ok && strings.TrimSpace(own) != "" {
				it.ID = strings.TrimSpace(own)
			}
		case "title":
			if s, ok := d.str(v, "title"); ok {
				if strings.TrimSpace(s) == "" {
					d.errorf(v, "title is empty")
				}
				it.Title = s
			}
		case "status":
			it.Status, _ = d.text(v, "status")
		case "type":
			it.Type, _ = d.text(v, "type")
		case "release":
			it.Release, _ = d.text(v, "release")
		case "goal":
			it.Goal, _ = d.text(v, "goal")
		case "owner":
			it.Owner, _ = d.text(v, "owner")
		case "estimate":
			it.Estimate, _ = d.number(v, "estimate")
		case "value":
			it.Value, _ = d.number(v, "value")
		case "labels":
			it.Labels, _ = d.list(v, "labels")
		case "depends_on":
			it.DependsOn, _ = d.list(v, "depends_on")
			if v.Kind == yaml.SequenceNode && len(it.DependsOn) == len(v.Content) {
				setDependencyPositions(it, v.Content, d)
			}
		default:
			if !slices.Contains(declared, p.key) {
				d.unknownField(p.k, KnownFields, "front matter")
			}
			val := value(v)
			it.Fields = append(it.Fields, model.Field{Key: p.key, Value: val, Text: plain(val)})
		}
	}
	it.Slug = model.Slug(it.ID)
	if _, ok := it.Pos.Get("title"); !ok {
		findings.Errorf(top, "missing title: add a line such as \"title: Offline mode\"")
	}
	if p, ok := it.Pos.Get("status"); !ok || it.Status == "" {
		if !ok {
			p = top
		}
		findings.Errorf(p, "missing status: add a line such as \"status: proposed\"")
	}
	return it
}

// scratches recycle the trees that front matter is read into: see yamlScratch.
var scratches = sync.Pool{New: func() any { return new(yamlScratch) }}

// setDependencyPositions records where each entry of depends_on stands; a repeated id
// is placed at its last entry, where validate reports the repeat. Positions.Set looks
// through the keys recorded so far, so a list of thousands (under the size limit, a
// megabyte holds a hundred thousand) is indexed here instead of searched per entry.
func setDependencyPositions(it *model.Item, entries []*yaml.Node, d *doc) {
	if len(it.DependsOn) <= 16 {
		for i, id := range it.DependsOn {
			it.Pos.Set(DependencyKey(id), d.pos(entries[i]))
		}
		return
	}
	at := make(map[string]int, len(it.DependsOn))
	for i, id := range it.DependsOn {
		p := d.pos(entries[i])
		if j, ok := at[id]; ok {
			it.Pos[j].Pos = p
			continue
		}
		at[id] = len(it.Pos)
		it.Pos = append(it.Pos, model.KeyPos{Key: DependencyKey(id), Pos: p})
	}
}

// DependencyKey is the key of Item.Pos that places one entry of depends_on.
func DependencyKey(id string) string { return "depends_on:" + id }

// value converts a YAML node into plain Go values that encode to JSON the same way every time.
func value(n *yaml.Node) any {
	switch n.Kind {
	case yaml.ScalarNode:
		switch n.Tag {
		case "!!null":
			return nil
		case "!!bool":
			b, _ := strconv.ParseBool(strings.ToLower(n.Value))
			return b
		case "!!int":
			var i int64
			if n.Decode(&i) == nil {
				return i
			}
		case "!!float":
			var f float64
			if n.Decode(&f) == nil && !math.IsInf(f, 0) && !math.IsNaN(f) {
				return f
			}
		}
		return n.Value
	case yaml.SequenceNode:
		out := make([]any, len(n.Content))
		for i, c := range n.Content {
			out[i] = value(c)
		}
		return out
	case yaml.MappingNode:
		out := make(map[string]any, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			out[n.Content[i].Value] = value(n.Content[i+1])
		}
		return out
	}
	return nil
}
