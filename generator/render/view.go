package render

import (
	"cmp"
	"html/template"
	"slices"

	"github.com/backlogtool/backlog/generator/model"
)

// Page is the data every template receives. Site, Root, Path, Title and Section are
// always set; of the rest, only the field for the template being run is set.
// It is the theme's public API: the README documents it, and changes to it are changes to the product.
type Page struct {
	Site    *Site
	Root    string // relative path from this page to the site root: "" or "../../"
	Path    string // this page's path in the output, such as "items/sync-engine/index.html"
	Title   string
	Section string // "backlog", "roadmap", "board", "page" or "item", for the navigation
	// Description is what search engines and link previews show of this page: the
	// first sentence or so of an item's body, else the site's description.
	Description string
	// URL is this page's absolute address when base_url is set, for link previews; or "".
	URL string

	Backlog *BacklogView  // index.html
	Item    *model.Item   // item.html: the item...
	Detail  *ItemDetail   // ...and what its page adds
	Roadmap *RoadmapView  // roadmap.html
	Board   *BoardView    // board.html
	Free    *FreePageView // page.html
	Changes *ChangesView  // changes.html
}

// Site is what every page knows about the whole site. The settings are copied into
// fields of their own rather than embedded: templates look fields up by name, and a
// lookup through an embedded struct costs a search on every use.
type Site struct {
	Title, Description string
	BaseURL, RepoURL   string
	Statuses           []model.Status
	Releases           []model.Release
	Goals              []model.Goal
	Owners             model.Owners
	Pages              []*model.Page // free pages, for the navigation
	ProposeURL         string        // where a contributor proposes an item, or ""
	ItemCount          int
	HasHistory         bool     // git history is known: the change log and feed exist
	Notice             string   // why history is missing or partial, or ""
	Filters            *Filters // the values the backlog and board can be filtered by
	// Logo and Favicon are paths in the site of the settings' files (logo.svg), or "".
	Logo, Favicon string
	// CustomCSS lists the team's stylesheets (static/custom.css of the theme,
	// custom.css of the content folder's static/ folder), by path in the site.
	CustomCSS []string
}

// BacklogView is the backlog in the PO's order, split as the index shows it.
type BacklogView struct {
	UpNext   []*model.Item // first ranked items that are neither done, dropped nor blocked
	Active   []*model.Item // ranked items of the todo and doing categories, in rank order
	Unranked []*model.Item // active items missing from order.yaml, waiting for the PO
	Done     []*model.Item
	Dropped  []*model.Item
}

// ItemDetail is what an item's page shows beyond the item itself.
type ItemDetail struct {
	Body    template.HTML // rendered Markdown body
	Release *model.Release
	Goal    *model.Goal
	EditURL string // "edit this item" on the repository host, or ""
	// Timeline is the item's status changes and rank moves, oldest first; nil without history.
	Timeline []TimelineEntry
	// Proposed and Changed say when and by whom; nil without history (Proposed also
	// before a shallow clone's boundary).
	Proposed, Changed *When
}

// RoadmapView is the roadmap by release and goal.
type RoadmapView struct {
	Releases    []ReleaseView // by date; releases without a date last
	Unscheduled []*model.Item // active items in no release
	Goals       []GoalView
}

// ReleaseView is one release with its items in rank order.
type ReleaseView struct {
	model.Release
	Items    []*model.Item
	Progress Progress
	Burnup   template.HTML // an inline SVG chart of scope and done over time, or "" without history
}

// GoalView is one goal with the items that serve it.
type GoalView struct {
	model.Goal
	Items    []*model.Item
	Progress Progress
}

// Progress counts done work among items that are not dropped.
type Progress struct {
	Done, Total             int
	DonePoints, TotalPoints float64
	Percent, PointsPercent  int // 0 to 100
}

// BoardView is one column per configured status.
type BoardView struct {
	Columns []Column
}

// Column is the items of one status, in rank order.
type Column struct {
	Status model.Status
	Items  []*model.Item
}

// FreePageView is one free page.
type FreePageView struct {
	*model.Page
	Body template.HTML
}

// UpNextSize is how many items the "Up next" block shows.
const UpNextSize = 5

// byRank lists items in the backlog's order: ranked ones by rank, then unranked ones in their order.
func byRank(b *model.Backlog, keep func(*model.Item) bool) []*model.Item {
	var out []*model.Item
	for _, list := range [][]*model.Item{b.Ranked, b.Unranked} {
		for _, it := range list {
			if keep(it) {
				out = append(out, it)
			}
		}
	}
	return out
}

func active(it *model.Item) bool {
	return it.State.Category == model.Todo || it.State.Category == model.Doing
}

func newBacklogView(b *model.Backlog) *BacklogView {
	v := &BacklogView{}
	for _, it := range b.Ranked {
		if active(it) {
			v.Active = append(v.Active, it)
			if len(v.UpNext) < UpNextSize && !it.Blocked() {
				v.UpNext = append(v.UpNext, it)
			}
		}
	}
	for _, it := range b.Unranked {
		if active(it) {
			v.Unranked = append(v.Unranked, it)
		}
	}
	v.Done = byRank(b, func(it *model.Item) bool { return it.State.Category == model.Done })
	v.Dropped = byRank(b, func(it *model.Item) bool { return it.State.Category == model.Dropped })
	return v
}

func newRoadmapView(b *model.Backlog) *RoadmapView {
	v := &RoadmapView{}
	releases := slices.Clone(b.Settings.Releases)
	slices.SortStableFunc(releases, func(a, c model.Release) int {
		if (a.Date == "") != (c.Date == "") {
			if a.Date == "" {
				return 1
			}
			return -1
		}
		return cmp.Compare(a.Date, c.Date)
	})
	// One pass over the items puts each in its release and its goal, by rank: a pass for
	// each release and goal read every item a dozen times.
	v.Releases = make([]ReleaseView, len(releases))
	inRelease := map[string][]int{}
	for i, r := range releases {
		v.Releases[i].Release = r
		inRelease[r.Name] = append(inRelease[r.Name], i)
	}
	v.Goals = make([]GoalView, len(b.Settings.Goals))
	inGoal := map[string][]int{}
	for i, g := range b.Settings.Goals {
		v.Goals[i].Goal = g
		inGoal[g.ID] = append(inGoal[g.ID], i)
	}
	for _, list := range [][]*model.Item{b.Ranked, b.Unranked} {
		for _, it := range list {
			for _, i := range inRelease[it.Release] {
				v.Releases[i].Items = append(v.Releases[i].Items, it)
			}
			if it.Release == "" && active(it) {
				v.Unscheduled = append(v.Unscheduled, it)
			}
			for _, i := range inGoal[it.Goal] {
				v.Goals[i].Items = append(v.Goals[i].Items, it)
			}
		}
	}
	for i := range v.Releases {
		rv := &v.Releases[i]
		rv.Progress = progress(rv.Items)
		if b.History != nil {
			rv.Burnup = burnup(rv.Name, b.History.Burnup[rv.Name])
		}
	}
	for i := range v.Goals {
		v.Goals[i].Progress = progress(v.Goals[i].Items)
	}
	return v
}

func progress(items []*model.Item) Progress {
	var p Progress
	for _, it := range items {
		if it.State.Category == model.Dropped {
			continue
		}
		p.Total++
		points := 0.0
		if it.Estimate != nil {
			points = *it.Estimate
		}
		p.TotalPoints += points
		if it.State.Category == model.Done {
			p.Done++
			p.DonePoints += points
		}
	}
	if p.Total > 0 {
		p.Percent = p.Done * 100 / p.Total
	}
	if p.TotalPoints > 0 {
		p.PointsPercent = int(p.DonePoints * 100 / p.TotalPoints)
	}
	return p
}

func newBoardView(b *model.Backlog) *BoardView {
	v := &BoardView{}
	for _, st := range b.Settings.Statuses {
		v.Columns = append(v.Columns, Column{Status: st, Items: byRank(b, func(it *model.Item) bool { return it.State.ID == st.ID })})
	}
	return v
}
