package diff

import (
	"slices"

	"github.com/backlogtool/backlog/generator/model"
)

// Kinds of change to a release, goal or status of backlog.yaml.
const (
	Added     = "added"
	Removed   = "removed"
	Renamed   = "renamed"   // a release under a new name (and maybe a new date)
	Redated   = "redated"   // a release's target date moved
	Changed   = "changed"   // a goal's or status's title, description or category
	Described = "described" // a release's description only
)

// ReleaseChange is a release of backlog.yaml added, removed, renamed or re-dated.
// The Old fields hold what it was, when that differs.
type ReleaseChange struct {
	Change      string `json:"change"`
	Name        string `json:"name"`
	Date        string `json:"date"`
	Description string `json:"description"`
	OldName     string `json:"old_name,omitempty"`
	OldDate     string `json:"old_date,omitempty"`
}

// GoalChange is a product goal added, removed or changed.
type GoalChange struct {
	Change   string `json:"change"`
	ID       string `json:"id"`
	Title    string `json:"title"`
	OldTitle string `json:"old_title,omitempty"`
}

// StatusDefinitionChange is a configured status added, removed or changed (its title
// or category), which moves every item of that status on the board and the roadmap.
type StatusDefinitionChange struct {
	Change      string `json:"change"`
	ID          string `json:"id"`
	Title       string `json:"title"`
	Category    string `json:"category"`
	OldTitle    string `json:"old_title,omitempty"`
	OldCategory string `json:"old_category,omitempty"`
}

// compareRoadmap adds the Product Manager's changes to backlog.yaml to r.
func compareRoadmap(r *Report, base, head *model.Backlog) {
	r.Releases = compareReleases(base, head)
	bs, hs := base.Settings, head.Settings
	r.Goals = []GoalChange{}
	for _, g := range hs.Goals {
		i := slices.IndexFunc(bs.Goals, func(o model.Goal) bool { return o.ID == g.ID })
		switch {
		case i < 0:
			r.Goals = append(r.Goals, GoalChange{Change: Added, ID: g.ID, Title: g.Title})
		case bs.Goals[i] != g:
			c := GoalChange{Change: Changed, ID: g.ID, Title: g.Title}
			if bs.Goals[i].Title != g.Title {
				c.OldTitle = bs.Goals[i].Title
			}
			r.Goals = append(r.Goals, c)
		}
	}
	for _, g := range bs.Goals {
		if !slices.ContainsFunc(hs.Goals, func(o model.Goal) bool { return o.ID == g.ID }) {
			r.Goals = append(r.Goals, GoalChange{Change: Removed, ID: g.ID, Title: g.Title})
		}
	}
	r.Statuses = []StatusDefinitionChange{}
	for _, s := range hs.Statuses {
		i := slices.IndexFunc(bs.Statuses, func(o model.Status) bool { return o.ID == s.ID })
		switch {
		case i < 0:
			r.Statuses = append(r.Statuses, StatusDefinitionChange{Change: Added, ID: s.ID, Title: s.Title, Category: s.Category})
		case bs.Statuses[i].Title != s.Title || bs.Statuses[i].Category != s.Category:
			c := StatusDefinitionChange{Change: Changed, ID: s.ID, Title: s.Title, Category: s.Category}
			if old := bs.Statuses[i]; old.Title != s.Title {
				c.OldTitle = old.Title
			}
			if old := bs.Statuses[i]; old.Category != s.Category {
				c.OldCategory = old.Category
			}
			r.Statuses = append(r.Statuses, c)
		}
	}
	for _, s := range bs.Statuses {
		if !slices.ContainsFunc(hs.Statuses, func(o model.Status) bool { return o.ID == s.ID }) {
			r.Statuses = append(r.Statuses, StatusDefinitionChange{Change: Removed, ID: s.ID, Title: s.Title, Category: s.Category})
		}
	}
}

// compareReleases pairs the releases of both sides by name; a release that disappears
// while another appears is a rename when the items of the one moved to the other, or
// when both have the same date or the same description.
func compareReleases(base, head *model.Backlog) []ReleaseChange {
	bs, hs := base.Settings.Releases, head.Settings.Releases
	find := func(list []model.Release, name string) int {
		return slices.IndexFunc(list, func(r model.Release) bool { return r.Name == name })
	}
	var gone, born []model.Release
	for _, r := range bs {
		if find(hs, r.Name) < 0 {
			gone = append(gone, r)
		}
	}
	for _, r := range hs {
		if find(bs, r.Name) < 0 {
			born = append(born, r)
		}
	}
	renamedTo := map[string]model.Release{} // old name -> new release
	paired := map[string]bool{}             // new names taken by a rename
	pair := func(same func(old, new model.Release) bool) {
		for _, old := range gone {
			if _, done := renamedTo[old.Name]; done {
				continue
			}
			for _, nr := range born {
				if !paired[nr.Name] && same(old, nr) {
					renamedTo[old.Name], paired[nr.Name] = nr, true
					break
				}
			}
		}
	}
	pair(func(o, n model.Release) bool { return movedItems(base, head, o.Name, n.Name) })
	pair(func(o, n model.Release) bool { return o.Date == n.Date && o.Description == n.Description })
	pair(func(o, n model.Release) bool { return o.Date != "" && o.Date == n.Date })
	pair(func(o, n model.Release) bool { return o.Description != "" && o.Description == n.Description })

	out := []ReleaseChange{}
	for _, r := range hs {
		c := ReleaseChange{Name: r.Name, Date: r.Date, Description: r.Description}
		if i := find(bs, r.Name); i >= 0 {
			old := bs[i]
			switch {
			case old.Date != r.Date:
				c.Change, c.OldDate = Redated, old.Date
			case old.Description != r.Description:
				c.Change = Described
			default:
				continue
			}
		} else if paired[r.Name] {
			c.Change = Renamed
			for oldName, nr := range renamedTo {
				if nr.Name == r.Name {
					c.OldName = oldName
					if old := bs[find(bs, oldName)]; old.Date != r.Date {
						c.OldDate = old.Date
					}
				}
			}
		} else {
			c.Change = Added
		}
		out = append(out, c)
	}
	for _, r := range gone {
		if _, renamed := renamedTo[r.Name]; !renamed {
			out = append(out, ReleaseChange{Change: Removed, Name: r.Name, Date: r.Date, Description: r.Description})
		}
	}
	return out
}

// movedItems reports whether some item in release from at base is in release to at head.
func movedItems(base, head *model.Backlog, from, to string) bool {
	for _, it := range head.Items {
		if it.Release != to {
			continue
		}
		if old := base.ItemByID(it.ID); old != nil && old.Release == from {
			return true
		}
	}
	return false
}
