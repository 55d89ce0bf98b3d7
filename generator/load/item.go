package load

import (
	"cmp"
	"slices"
	"strings"
	"sync"

	"github.com/backlogtool/backlog/generator/model"
	"gopkg.in/yaml.v3"
)

// KnownFields are the front matter fields of the item format, in the order the README lists them.
var KnownFields = []string{"title", "status", "type", "release", "goal", "estimate", "value", "owner", "labels", "depends_on", "owners", "id", "draft"}

// extraFields are fields other tools write that are kept as they are, shown on the
// item page and in backlog.json's fields, without a warning.
var extraFields = []string{"priority"}

// builtinAliases are the names other tools give the fields of the item format.
var builtinAliases = map[string]string{
	"tags":         "labels",
	"label":        "labels",
	"assignee":     "owners",
	"assignees":    "owners",
	"assigned":     "owners",
	"milestone":    "release",
	"dependencies": "depends_on",
	"requires":     "depends_on",
	"depends-on":   "depends_on",
	"dependson":    "depends_on",
	"blocked_by":   "depends_on",
	"blocked-by":   "depends_on",
}

// fieldName is the field of the item format that a front matter key sets: keys are
// matched ignoring case, through the aliases of backlog.yaml, then the built-in ones.
func fieldName(key string, s *model.Settings) string {
	for i := 0; i < len(key); i++ {
		if 'A' <= key[i] && key[i] <= 'Z' {
			key = strings.ToLower(key)
			break
		}
	}
	if to, ok := s.Aliases[key]; ok {
		return to
	}
	if to, ok := builtinAliases[key]; ok {
		return to
	}
	return key
}

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
	id := strings.TrimSuffix(path[strings.LastIndexByte(path, '/')+1:], ".md")
	data = normalize(data)
	if line, col, msg := textError(data); msg != "" {
		findings.Errorf(model.Pos{File: path, Line: line, Col: col}, "%s", msg)
		return nil
	}
	top := model.Pos{File: path, Line: 1, Col: 1}
	front, body, bodyLine, err := SplitFrontMatter(data)
	if err != nil {
		se := err.(*SplitError)
		if !se.Missing || s.RequireFrontMatter {
			findings.Errorf(model.Pos{File: path, Line: se.Line, Col: se.Col}, "%s", se.Msg)
			return nil
		}
		// A file of plain Markdown is a proposal: its title is its heading.
		front, body, bodyLine = nil, data, 1
	}
	it := &model.Item{ID: id, Path: path, Body: body, BodyLine: bodyLine}
	if front != nil {
		if !readFront(it, front, s, findings) {
			it.Slug = model.Slug(it.ID)
			return it
		}
	}
	it.Slug = model.Slug(it.ID)
	titleFromBody(it)
	if _, ok := it.Pos.Get("status"); !ok || it.Status == "" {
		p, ok := it.Pos.Get("status")
		if !ok {
			p = top
		}
		first := firstTodo(s.Statuses)
		column, onBoard := s.Columns[it.Path]
		switch {
		case onBoard && it.Status == "":
			it.Status = column
			if !ok {
				it.Pos.Set("status", model.Pos{File: s.Board})
			}
		case s.Columns != nil && (s.RequireStatus || first == ""):
			findings.Errorf(p, "not on the board: %s", notOnBoard(it, s))
		case s.Columns != nil:
			// A board's tasks take their status from the board, not from a field: the
			// fix is on the board (when it could be read at all: else that is the error).
			it.Status = first
			findings.Warnf(p, "not on the board: read as a new proposal with status %q; %s", first, notOnBoard(it, s))
		case s.RequireStatus || first == "":
			findings.Errorf(p, "missing status: add a line such as \"status: %s\"", cmp.Or(first, "proposed"))
		case front == nil:
			it.Status = first
			findings.Warnf(p, "no front matter: read as a new proposal with status %q; to set fields, start the file with a line \"---\", lines such as \"status: %s\", and a line \"---\"", first, first)
		default:
			it.Status = first
			findings.Warnf(p, "no status: read as a new proposal with status %q; add a line such as \"status: %s\"", first, first)
		}
	}
	return it
}

// readFront reads the front matter into it. It returns false when the front matter
// could not be read at all.
func readFront(it *model.Item, front []byte, s *model.Settings, findings *model.Findings) bool {
	scratch := scratches.Get().(*yamlScratch)
	defer scratches.Put(scratch)
	d := &doc{path: it.Path, lineBase: 1, findings: findings, scratch: scratch, hint: quoteHint}
	n, ok := d.parse(front)
	if !ok {
		return false
	}
	if n == nil {
		return true // an empty front matter: the title and status are found as without one
	}
	pairs, ok := d.mapping(n, "front matter")
	if !ok {
		return false
	}
	it.Pos = make(model.Positions, 0, len(pairs))
	for _, p := range pairs {
		key := fieldName(p.key, s)
		switch {
		case key == s.IDField:
			key = "id"
		case key == "id":
			key = "id " // an id field other than the one that holds ids: kept as it is
		}
		if first, dup := it.Pos.Get(key); dup && key != p.key {
			d.errorf(p.k, "field %q sets %s, which line %d already sets: keep one of them", p.key, key, first.Line)
			continue
		}
		it.Pos.Set(key, d.pos(p.v))
		v := p.v
		switch key {
		case "id":
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
			// One owner, whose name may hold a comma; a list is several.
			if v.Kind == yaml.SequenceNode {
				owners, _ := d.values(v, p.key, false)
				it.Owners = append(it.Owners, owners...)
			} else if o, _ := d.text(v, p.key); o != "" {
				it.Owners = append(it.Owners, o)
			}
		case "owners":
			owners, _ := d.values(v, p.key, true)
			it.Owners = append(it.Owners, owners...)
		case "estimate":
			it.Estimate, _ = d.number(v, "estimate")
		case "value":
			it.Value, _ = d.number(v, "value")
		case "labels":
			it.Labels, _ = d.values(v, p.key, true)
		case "depends_on":
			it.DependsOn, _ = d.values(v, p.key, true)
			entries := v.Content
			if v.Kind != yaml.SequenceNode || len(it.DependsOn) != len(v.Content) {
				// One value, or values separated by commas: each is placed at the value.
				entries = make([]*yaml.Node, len(it.DependsOn))
				for i := range entries {
					entries[i] = v
				}
			}
			setDependencyPositions(it, entries, d)
		case "draft":
			it.Draft = d.flag(v, p.key)
		default:
			if !slices.Contains(s.Fields, p.key) && !slices.Contains(s.Fields, key) && !slices.Contains(extraFields, key) && key != "id " {
				d.unknownField(p.k, KnownFields, "front matter")
			}
			val := value(v)
			it.Fields = append(it.Fields, model.Field{Key: p.key, Value: val, Text: fieldText(val)})
		}
	}
	if len(it.Owners) > 0 {
		it.Owner = it.Owners[0]
	}
	return true
}

// firstTodo is the first configured status of category todo, else the first status.
func firstTodo(statuses []model.Status) string {
	for _, st := range statuses {
		if st.Category == model.Todo {
			return st.ID
		}
	}
	if len(statuses) > 0 {
		return statuses[0].ID
	}
	return ""
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
