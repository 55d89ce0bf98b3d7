// Package model holds the plain data that every stage of the generator shares:
// the backlog, its items, releases, goals and the findings reported about them.
// It does no I/O; the load stage fills it, later stages read it and add what they derive.
package model

import "io/fs"

// Backlog is everything read from a content folder, plus what later stages derive.
type Backlog struct {
	Settings Settings
	// Items holds every item, sorted by id.
	Items []*Item
	// Order is the PO's ranking as read from order.yaml, most important first.
	Order []OrderEntry
	// Pages are the free pages, sorted by name.
	Pages []*Page

	// Filled by the order stage.
	Ranked   []*Item          // ranked items in rank order, every category
	Unranked []*Item          // items missing from order.yaml
	byID     map[string]*Item // by id, slug, path and file name: see Item
	byNumber map[string]*Item // by the number of a numbered id (task-12 -> "12"), when one prefix numbers them all

	// Files is the content folder the backlog was read from, where bodies' images and
	// attachments are found; nil for a backlog made otherwise.
	Files fs.FS
	// Static lists the files of the content folder's static/ folder that the build
	// copies to the site's root, by their paths in the content folder
	// (static/img/logo.png): the load stage walks the folder and reports what cannot be
	// copied, so that check refuses what build would.
	Static []string

	// Drafts are the draft items a build leaves out (SetAsideDrafts); empty when
	// drafts are shown, as the preview and `build -drafts` do.
	Drafts []*Item

	// Unread lists the item files that were found but could not be read (each has its
	// finding), so a reference to one is not reported again as naming nothing.
	Unread []string

	// Filled by the history stage; nil outside a git repository.
	History *History
}

// OrderEntry is one id listed in order.yaml, with its place for findings.
type OrderEntry struct {
	ID  string
	Pos Pos
}

// Item is one backlog item: a Markdown file under items/, or wherever backlog.yaml's
// items says.
type Item struct {
	// ID is the item's id as its author wrote it: the id field of the front matter
	// (BACK-200), else the file name without .md.
	ID string
	// Slug names the item's page folder (items/<slug>/): ID made URL-safe, see Slug.
	Slug     string
	Path     string // path inside the content folder, e.g. items/sync-engine.md
	Title    string
	Status   string
	Type     string
	Release  string
	Goal     string
	Estimate *float64
	Value    *float64
	// Owner is the first of Owners, for the places that show one.
	Owner string
	// Owners are everyone the item is assigned to (owner, owners, assignee...).
	Owners    []string
	Labels    []string
	DependsOn []string
	// Draft items are left out of the published site; see Backlog.Drafts.
	Draft bool
	// Fields holds front matter fields the format does not define, in file order.
	Fields []Field
	// Body is the Markdown after the front matter; BodyLine is its first line in the file.
	Body     []byte
	BodyLine int
	// Pos records where the value of each front matter key stands, for findings;
	// "depends_on:<id>" places one dependency.
	Pos Positions

	// Filled by the order stage.
	Rank       int // 1-based position in order.yaml, 0 when unranked
	State      Status
	Deps       []*Item // resolved DependsOn, missing ones left out
	Dependents []*Item // items whose depends_on names this one, by id
	BlockedBy  []*Item // dependencies that are not done

	// Filled by the history stage; nil when git knows nothing of the item.
	History *ItemHistory
	// Moved is the change of rank since the previous change of order.yaml:
	// positive is up, negative down; NewlyRanked marks an item that was not ranked before.
	Moved       int
	NewlyRanked bool
}

// Positions records where front matter values stand, by key. A front matter has a dozen
// keys or so, so a list is searched: it takes a fraction of a map's memory, on every item
// of a large backlog.
type Positions []KeyPos

// KeyPos is where the value of one key stands.
type KeyPos struct {
	Key string
	Pos Pos
}

// Get returns where the value of key stands, and whether it is recorded.
func (ps Positions) Get(key string) (Pos, bool) {
	for _, kp := range ps {
		if kp.Key == key {
			return kp.Pos, true
		}
	}
	return Pos{}, false
}

// At returns where the value of key stands, or the zero Pos.
func (ps Positions) At(key string) Pos {
	p, _ := ps.Get(key)
	return p
}

// Set records where the value of key stands, in place of any earlier record.
func (ps *Positions) Set(key string, p Pos) {
	for i := range *ps {
		if (*ps)[i].Key == key {
			(*ps)[i].Pos = p
			return
		}
	}
	*ps = append(*ps, KeyPos{key, p})
}

// Blocked reports whether a dependency of the item is not done yet.
func (it *Item) Blocked() bool {
	return len(it.BlockedBy) > 0 && it.State.Category != Done && it.State.Category != Dropped
}

// Field is a front matter field unknown to the format, kept as it was written.
type Field struct {
	Key   string
	Value any // decoded YAML: string, int, float64, bool, []any, map[string]any or nil
	Text  string
}

// Page is a free page under pages/, such as the vision.
type Page struct {
	Name     string // file name without .md
	Path     string
	Title    string
	Body     []byte
	BodyLine int
}
