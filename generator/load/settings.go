package load

import (
	"io/fs"
	"path"
	"slices"
	"strings"
	"time"

	"github.com/backlogtool/backlog/generator/model"
	"gopkg.in/yaml.v3"
)

var settingsFields = []string{"title", "description", "base_url", "repo_url", "branch", "statuses", "releases", "goals", "owners", "fields", "limits", "items", "exclude", "id_field", "aliases", "require_front_matter", "require_status", "board", "logo", "favicon"}

// ParseSettings reads backlog.yaml. Fields it does not set take their defaults.
func ParseSettings(path string, data []byte, findings *model.Findings) model.Settings {
	s := model.Settings{Title: "Backlog", Statuses: model.DefaultStatuses, Limits: model.DefaultLimits, Items: []string{ItemsDir}, IDField: "id"}
	data = normalize(data)
	if line, col, msg := textError(data); msg != "" && msg != "empty file" {
		findings.Errorf(model.Pos{File: path, Line: line, Col: col}, "%s", msg)
		return s
	}
	d := &doc{path: path, findings: findings}
	n, ok := d.parse(data)
	if !ok || n == nil {
		return s
	}
	pairs, ok := d.mapping(n, "backlog.yaml")
	if !ok {
		return s
	}
	for _, p := range pairs {
		v := p.v
		switch p.key {
		case "title":
			s.Title, _ = d.text(v, "title")
		case "description":
			s.Description, _ = d.text(v, "description")
		case "base_url":
			s.BaseURL = d.url(v, "base_url")
		case "repo_url":
			s.RepoURL = d.url(v, "repo_url")
		case "branch":
			s.Branch, _ = d.text(v, "branch")
		case "statuses":
			if st := d.statuses(v); st != nil {
				s.Statuses = st
			}
		case "releases":
			s.Releases = d.releases(v)
		case "goals":
			s.Goals = d.goals(v)
		case "owners":
			s.Owners = d.owners(v)
		case "fields":
			s.Fields, _ = d.list(v, "fields")
		case "limits":
			d.limits(v, &s.Limits)
		case "items":
			if places := d.places(v, "items"); len(places) > 0 {
				s.Items = places
			}
		case "exclude":
			s.Exclude = d.places(v, "exclude")
		case "aliases":
			s.Aliases = d.aliases(v)
		case "board":
			if places := d.places(v, "board"); len(places) == 1 {
				s.Board = places[0]
			}
		case "require_front_matter":
			s.RequireFrontMatter = d.flag(v, p.key)
		case "require_status":
			s.RequireStatus = d.flag(v, p.key)
		case "logo":
			s.Logo = d.staticFile(v, "logo")
		case "favicon":
			s.Favicon = d.staticFile(v, "favicon")
		case "id_field":
			if f, _ := d.text(v, "id_field"); f != "" {
				s.IDField = strings.ToLower(f)
			}
		default:
			d.unknownField(p.k, settingsFields, "backlog.yaml")
		}
	}
	return s
}

// StaticDir is the content folder's folder of files copied to the site's root as they
// are: CNAME, robots.txt, a favicon, a logo, custom.css, images.
const StaticDir = "static"

// staticFile reads the path of a file in StaticDir, such as logo.svg or img/logo.png.
func (d *doc) staticFile(n *yaml.Node, field string) string {
	s, ok := d.text(n, field)
	if !ok || s == "" {
		return ""
	}
	if !fs.ValidPath(s) || strings.Contains(s, "\\") {
		d.errorf(n, "%s must be the path of a file in the content folder's %s/ folder, such as %s, found %q", field, StaticDir, map[string]string{"logo": "logo.svg", "favicon": "favicon.png"}[field], s)
		return ""
	}
	return s
}

// url reads an http(s) address and drops a trailing slash, so links can be joined with "/".
func (d *doc) url(n *yaml.Node, field string) string {
	s, ok := d.text(n, field)
	if !ok || s == "" {
		return ""
	}
	if !strings.HasPrefix(s, "https://") && !strings.HasPrefix(s, "http://") {
		d.errorf(n, "%s must start with https:// or http://, found %q", field, s)
		return ""
	}
	// Control characters (a newline, a NUL) are not part of any address, and in
	// sitemap.xml or the feed they would make the XML malformed.
	if i := strings.IndexFunc(s, func(r rune) bool { return r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) }); i >= 0 {
		d.errorf(n, "%s holds a control character (%q at byte %d): write the address without it, found %q", field, s[i:i+1], i, s)
		return ""
	}
	return strings.TrimRight(s, "/")
}

// each calls fn for every mapping in a list, reporting entries that are not mappings.
func (d *doc) each(n *yaml.Node, what string, fn func(m *yaml.Node, pairs []pair)) {
	if isNull(n) {
		return
	}
	if n.Kind != yaml.SequenceNode {
		d.errorf(n, "%s must be a list, found %s", what, describe(n))
		return
	}
	for _, e := range n.Content {
		if pairs, ok := d.mapping(e, "each entry of "+what); ok {
			fn(e, pairs)
		}
	}
}

func (d *doc) statuses(n *yaml.Node) []model.Status {
	var out []model.Status
	seen := map[string]bool{}
	d.each(n, "statuses", func(m *yaml.Node, pairs []pair) {
		var st model.Status
		for _, p := range pairs {
			switch p.key {
			case "id":
				st.ID, _ = d.text(p.v, "id")
			case "title":
				st.Title, _ = d.text(p.v, "title")
			case "category":
				c, _ := d.text(p.v, "category")
				if !slices.Contains(model.Categories, c) {
					d.errorf(p.v, "unknown category %q (use one of %s)", c, strings.Join(model.Categories, ", "))
				}
				st.Category = c
			default:
				d.unknownField(p.k, []string{"id", "title", "category"}, "a status")
			}
		}
		// Items name a status by its id or its title, in any case and with spaces,
		// '-' or '_' alike, so no two statuses may be named alike that way.
		key := model.StatusKey(st.ID)
		switch {
		case key == "":
			d.errorf(m, "a status needs an id")
			return
		case seen[key]:
			d.errorf(m, "status %q is defined twice (ids are compared ignoring case, spaces, '-' and '_')", st.ID)
			return
		case st.Category == "":
			d.errorf(m, "status %q needs a category (one of %s)", st.ID, strings.Join(model.Categories, ", "))
		}
		seen[key] = true
		if st.Title == "" {
			st.Title = st.ID
		}
		out = append(out, st)
	})
	if len(out) == 0 && !isNull(n) {
		d.errorf(n, "statuses is empty: list at least one status, or remove the field for the defaults")
	}
	return out
}

func (d *doc) releases(n *yaml.Node) []model.Release {
	var out []model.Release
	seen := map[string]bool{}
	d.each(n, "releases", func(m *yaml.Node, pairs []pair) {
		var r model.Release
		for _, p := range pairs {
			switch p.key {
			case "name":
				r.Name, _ = d.text(p.v, "name")
			case "date":
				r.Date, _ = d.text(p.v, "date")
				if _, err := time.Parse(time.DateOnly, r.Date); r.Date != "" && err != nil {
					d.errorf(p.v, "release date %q must be a date such as 2027-03-31", r.Date)
					r.Date = ""
				}
			case "description":
				r.Description, _ = d.text(p.v, "description")
			default:
				d.unknownField(p.k, []string{"name", "date", "description"}, "a release")
			}
		}
		switch {
		case r.Name == "":
			d.errorf(m, "a release needs a name")
		case seen[r.Name]:
			d.errorf(m, "release %q is defined twice", r.Name)
		default:
			seen[r.Name] = true
			out = append(out, r)
		}
	})
	return out
}

func (d *doc) goals(n *yaml.Node) []model.Goal {
	var out []model.Goal
	seen := map[string]bool{}
	d.each(n, "goals", func(m *yaml.Node, pairs []pair) {
		var g model.Goal
		for _, p := range pairs {
			switch p.key {
			case "id":
				g.ID, _ = d.text(p.v, "id")
			case "title":
				g.Title, _ = d.text(p.v, "title")
			case "description":
				g.Description, _ = d.text(p.v, "description")
			default:
				d.unknownField(p.k, []string{"id", "title", "description"}, "a goal")
			}
		}
		switch {
		case g.ID == "":
			d.errorf(m, "a goal needs an id")
		case !ValidID(g.ID):
			d.errorf(m, "goal id %q must use lowercase letters, digits and '-'", g.ID)
		case seen[g.ID]:
			d.errorf(m, "goal %q is defined twice", g.ID)
		default:
			seen[g.ID] = true
			if g.Title == "" {
				g.Title = g.ID
			}
			out = append(out, g)
		}
	})
	return out
}

// places reads items or exclude: one or more folders or glob patterns inside the
// content folder, as one value or a list.
func (d *doc) places(n *yaml.Node, field string) []string {
	var list []string
	if n.Kind == yaml.ScalarNode && !isNull(n) {
		list = []string{n.Value}
	} else {
		list, _ = d.list(n, field)
	}
	out := list[:0]
	for _, p := range list {
		clean := strings.TrimSuffix(strings.TrimPrefix(p, "./"), "/")
		if _, err := path.Match(clean, ""); err != nil || !fs.ValidPath(clean) || clean == "." {
			d.errorf(n, "%s: %q must be a folder or pattern inside the content folder, such as tasks or \"rfcs/*.md\"", field, p)
			continue
		}
		out = append(out, clean)
	}
	return out
}

// aliases reads the field names a team uses for the fields of the item format, as a
// mapping of the team's name to the field (stage: status).
func (d *doc) aliases(n *yaml.Node) map[string]string {
	if isNull(n) {
		return nil
	}
	pairs, ok := d.mapping(n, "aliases")
	if !ok {
		return nil
	}
	out := make(map[string]string, len(pairs))
	for _, p := range pairs {
		to, ok := d.text(p.v, "aliases."+p.key)
		if !ok || to == "" {
			continue
		}
		to = strings.ToLower(to)
		if !slices.Contains(KnownFields, to) && !slices.Contains(extraFields, to) {
			d.errorf(p.v, "aliases: %q is not a field of the item format (one of %s)", to, strings.Join(KnownFields, ", "))
			continue
		}
		out[strings.ToLower(p.key)] = to
	}
	return out
}
