package model

import "strings"

// Status categories. Every configured status belongs to exactly one.
const (
	Todo    = "todo"
	Doing   = "doing"
	Done    = "done"
	Dropped = "dropped"
)

// Categories lists the status categories in the order the site shows them.
var Categories = []string{Todo, Doing, Done, Dropped}

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
