// Package model holds the plain data that every stage of the generator shares:
// the backlog, its items, releases, goals and the findings reported about them.
// It does no I/O; the load stage fills it, later stages read it and add what they derive.
package model

import (
	"io/fs"
	"strings"
)

// Status categories. Every configured status belongs to exactly one.
const (
	Todo    = "todo"
	Doing   = "doing"
	Done    = "done"
	Dropped = "dropped"
)

// Categories lists the status categories in the order the site shows them.
var Categories = []string{Todo, Doing, Done, Dropped}

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

// Settings is backlog.yaml, owned by the Product Manager.
type Settings struct {
	Title       string
	Description string
	BaseURL     string
	RepoURL     string
	Branch      string
	Statuses    []Status
	Releases    []Release
	Goals       []Goal
	Owners      Owners
	// Logo and Favicon are files of the content folder's static/ folder, which is
	// copied to the site's root, by their path in it (logo.svg); "" for none.
	Logo, Favicon string
	// Fields lists extra front matter fields the team uses on purpose.
	Fields []string
	Limits Limits

	// Items lists where the item files are: folders or glob patterns inside the
	// content folder (default items). Exclude lists patterns of files there that are
	// not items, matched against the path and the file name.
	Items   []string
	Exclude []string
	// IDField is the front matter field that holds an item's id (default id); an item
	// without it takes the file name.
	IDField string
	// RequireFrontMatter makes a file without front matter an error, and
	// RequireStatus an item without a status, rather than a new proposal.
	RequireFrontMatter bool
	RequireStatus      bool
	// Board names a kanbn-style index in the content folder: "## Column" headings,
	// each over a list of links to item files. An item without a status of its own
	// takes its column's. Columns is what Load read of it: the column of each item
	// file, by path.
	Board   string
	Columns map[string]string
	// Aliases maps front matter field names a team uses, in lower case, to the
	// fields of the item format (stage: status).
	Aliases map[string]string
}

// Status is one configured item status.
type Status struct {
	ID       string
	Title    string
	Category string
}

// Release is a planned release on the roadmap.
type Release struct {
	Name        string
	Date        string // YYYY-MM-DD, may be empty
	Description string
}

// Goal is a product goal that items contribute to.
type Goal struct {
	ID          string
	Title       string
	Description string
}

// Owners names who owns the ranking and the roadmap (see people.go).
type Owners struct {
	Order   []Person
	Roadmap []Person
}

// Limits bound what one content folder may make the generator read.
type Limits struct {
	ItemBytes  int64 // largest item or page file
	TotalBytes int64 // all items and pages together
	Nesting    int   // deepest Markdown block nesting
}

// DefaultLimits are used where backlog.yaml sets none.
var DefaultLimits = Limits{ItemBytes: 1 << 20, TotalBytes: 1 << 30, Nesting: 100}

// DefaultStatuses are used when backlog.yaml configures none.
var DefaultStatuses = []Status{
	{ID: "proposed", Title: "Proposed", Category: Todo},
	{ID: "ready", Title: "Ready", Category: Todo},
	{ID: "in-progress", Title: "In progress", Category: Doing},
	{ID: "done", Title: "Done", Category: Done},
	{ID: "dropped", Title: "Dropped", Category: Dropped},
}

// SetAsideDrafts moves the draft items out of Items into Drafts, so that nothing
// published shows them. The order stage must then run again.
func (b *Backlog) SetAsideDrafts() {
	kept := b.Items[:0:0]
	for _, it := range b.Items {
		if it.Draft {
			b.Drafts = append(b.Drafts, it)
		} else {
			kept = append(kept, it)
		}
	}
	if len(b.Drafts) > 0 {
		b.Items, b.byID = kept, nil
	}
}

// Index builds the lookup used by Item, and gives an item without a slug the slug of
// its id; the order stage calls it. Ids and slugs take precedence over file names,
// and an earlier item over a later one.
func (b *Backlog) Index() {
	b.byID = make(map[string]*Item, 2*len(b.Items))
	add := func(key string, it *Item) {
		if _, taken := b.byID[key]; !taken {
			b.byID[key] = it
		}
	}
	for _, it := range b.Items {
		if it.Slug == "" {
			it.Slug = Slug(it.ID)
		}
		add(RefKey(it.ID), it)
		add(it.Slug, it)
	}
	for _, it := range b.Items {
		path := RefKey(it.Path)
		add(path, it)
		add(path[strings.LastIndexByte(path, '/')+1:], it)
	}
	b.byNumber = nil
	prefix := ""
	numbers := make(map[string]*Item)
	for _, it := range b.Items {
		p, n, ok := numberedID(RefKey(it.ID))
		if !ok {
			continue
		}
		if prefix != "" && p != prefix {
			return // two prefixes (bug-12, story-12): a number alone names neither
		}
		prefix = p
		numbers[n] = it
	}
	b.byNumber = numbers
}

// numberedID splits an id such as back-100.2 into its prefix and its number.
func numberedID(id string) (prefix, number string, ok bool) {
	prefix, number, ok = strings.Cut(id, "-")
	if !ok || prefix == "" || number == "" || strings.Trim(prefix, "abcdefghijklmnopqrstuvwxyz") != "" ||
		strings.Trim(number, "0123456789.") != "" || number[0] == '.' || number[len(number)-1] == '.' {
		return "", "", false
	}
	return prefix, number, true
}

// Item returns the item a reference names, or nil. A reference is an item's id as
// written, its slug, its file name or its path in the content folder, with or without
// ".md" and in any case: BACK-200, back-200, ./back-200.md and
// "back-200 - Some-Title.md" all name the same item.
func (b *Backlog) Item(ref string) *Item {
	if b.byID == nil {
		b.Index()
	}
	if it := b.byID[ref]; it != nil {
		return it
	}
	key := RefKey(ref)
	if it := b.byID[key]; it != nil {
		return it
	}
	if it := b.byID[Slug(key)]; it != nil {
		return it
	}
	// Backlog.md numbers tasks task-1, task-2... unless a project sets another prefix
	// (task_prefix): a reference written before the change, task-100, names back-100.
	if p, n, ok := numberedID(key); ok && p == formerPrefix {
		return b.byNumber[n]
	}
	return nil
}

// formerPrefix is Backlog.md's default task prefix, which references written before a
// project chose its own keep. Only it is read so: a typo or a new prefix (bakc-3, bug-3)
// names no item, rather than another one.
const formerPrefix = "task"

// ItemByID returns the item whose id is id, ignoring case, or nil: for comparing two
// versions of a backlog, where an id must be the same id, not a reference to it.
func (b *Backlog) ItemByID(id string) *Item {
	if b.byID == nil {
		b.Index()
	}
	if it := b.byID[RefKey(id)]; it != nil && RefKey(it.ID) == RefKey(id) {
		return it
	}
	return nil
}

// Status returns the configured status that an item's status names: by its id or its
// title, ignoring case and the difference between spaces, '-' and '_' ("In Progress",
// in-progress and "in progress" are one status).
func (s *Settings) Status(name string) (Status, bool) {
	for _, st := range s.Statuses {
		if st.ID == name {
			return st, true
		}
	}
	key := StatusKey(name)
	for _, st := range s.Statuses {
		if StatusKey(st.ID) == key || StatusKey(st.Title) == key {
			return st, true
		}
	}
	return Status{}, false
}

// StatusKey is the form in which statuses are compared: lower case, each run of
// spaces, '-' and '_' one '-', none at either end.
func StatusKey(name string) string {
	var sb strings.Builder
	sb.Grow(len(name))
	dash := false
	for _, r := range strings.ToLower(name) {
		if r == ' ' || r == '-' || r == '_' || r == '\t' {
			dash = true
			continue
		}
		if dash && sb.Len() > 0 {
			sb.WriteByte('-')
		}
		dash = false
		sb.WriteRune(r)
	}
	return sb.String()
}

// Release returns the release an item's release names: by its name as written, else by
// its name or its description ignoring case and the difference between spaces, '-' and
// '_', as statuses are found (M-1, m-1 and "m 1" are one release). The description
// counts because releases have no title: backlog init writes a Backlog.md milestone's
// title there, and tasks name a milestone by its id or its title.
func (s *Settings) Release(name string) (Release, bool) {
	for _, r := range s.Releases {
		if r.Name == name {
			return r, true
		}
	}
	key := StatusKey(name)
	if key == "" {
		return Release{}, false
	}
	for _, r := range s.Releases {
		if StatusKey(r.Name) == key {
			return r, true
		}
	}
	for _, r := range s.Releases {
		if StatusKey(r.Description) == key {
			return r, true
		}
	}
	return Release{}, false
}

// Goal returns the goal an item's goal names: by its id as written, else by its id or
// its title ignoring case and the difference between spaces, '-' and '_'.
func (s *Settings) Goal(id string) (Goal, bool) {
	for _, g := range s.Goals {
		if g.ID == id {
			return g, true
		}
	}
	key := StatusKey(id)
	if key == "" {
		return Goal{}, false
	}
	for _, g := range s.Goals {
		if StatusKey(g.ID) == key || StatusKey(g.Title) == key {
			return g, true
		}
	}
	return Goal{}, false
}
