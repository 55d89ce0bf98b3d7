package history

import (
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/backlogtool/backlog/generator/load"
	"github.com/backlogtool/backlog/generator/model"
	"github.com/backlogtool/backlog/generator/order"
)

// apply adds one main-line commit's changes to the state, in the commit's order.
// A commit history cannot vouch for (a shallow clone's boundary, whose changes are
// everything before it too, or one dated outside what a page can show) changes the
// state but claims nothing: no event, no date, no author.
func (w *walker) apply(st *state, mc *mainCommit, d *commitDiff) {
	base, dated := changeOf(mc)
	if !dated {
		st.gap("commit %s is dated outside the years 0 to 9999: its changes are shown without a date or author", short(mc.c.Hash))
	}
	claim := dated && !mc.boundary
	var side map[string]sideChange
	if claim && len(mc.c.ParentHashes) > 1 && (len(d.changes) > 0 || len(d.moved) > 0 || d.order != nil || d.settings != nil) {
		side = w.sideAuthors(mc, base, slices.Sorted(maps.Keys(load.ItemFolders(effective(&st.Settings, w.layout, &w.usedLayout).settings()))))
	}
	change := func(path string) model.Change {
		if c, ok := side[path]; ok {
			return c.last
		}
		return base
	}
	// proposal is change for a new item: when a merged branch proposed it.
	proposal := func(path string) model.Change {
		if c, ok := side[path]; ok {
			return c.first
		}
		return base
	}
	a := &applier{st: st, w: w, touched: map[string]bool{}}
	if d.settings != nil {
		events := roadmapEvents(change(load.SettingsFile), st.Settings, *d.settings)
		if claim {
			st.Events = append(st.Events, events...)
		}
		for _, e := range events {
			// A renamed release keeps its burn-up: the chart goes on under the new name.
			if _, taken := st.Burnup[e.To]; e.Kind == model.ReleaseRenamed && !taken && st.Burnup[e.From] != nil {
				st.Burnup[e.To] = st.Burnup[e.From]
				delete(st.Burnup, e.From)
			}
		}
		recount := !slices.Equal(st.Settings.Statuses, d.settings.Statuses)
		st.Settings = *d.settings
		if recount {
			a.recount()
		}
	}
	if d.skipped > 0 {
		st.gap("commit %s deletes and adds %d items, over git's rename limit (%d): only unchanged items are followed through a rename there", short(mc.c.Hash), d.skipped, renameLimit)
	}
	renames := a.pairs(d)
	renamedFrom := map[string]string{} // new path -> old
	for from, to := range renames {
		renamedFrom[to] = from
		if t := st.Files[from]; t != nil {
			st.Files[to] = t
			delete(st.Files, from)
		}
	}
	for _, ch := range d.changes {
		c := change(ch.name)
		switch _, renamed := renamedFrom[ch.name]; {
		case ch.new.IsZero(): // deleted
			if _, renamed := renames[ch.name]; renamed {
				continue
			}
			t := st.Files[ch.name]
			if t == nil {
				continue
			}
			if claim {
				st.Events = append(st.Events, model.Event{Kind: model.Removed, Change: c, Item: t.Facts.ID, Title: t.Facts.Title})
				t.Hist.Files = append(t.Hist.Files, model.FileChange{Change: c, Kind: model.Removed})
			}
			a.count(t.Facts, -1)
			st.Gone[model.RefKey(t.Facts.ID)] = t
			delete(st.Files, ch.name)
		case ch.old.IsZero() && !renamed: // added, or added again
			f, ok := d.facts[ch.new]
			if !ok {
				f = facts{ID: idOf(ch.name)}
			}
			key := model.RefKey(f.ID)
			t := st.Gone[key]
			switch {
			case t != nil:
				delete(st.Gone, key)
				if claim {
					st.Events = append(st.Events, model.Event{Kind: model.Restored, Change: c, Item: f.ID, Title: f.Title, From: t.Facts.Status, To: f.Status})
					t.Hist.Files = append(t.Hist.Files, model.FileChange{Change: c, Kind: model.Restored})
					if f.Status != t.Facts.Status {
						t.Hist.Statuses = append(t.Hist.Statuses, model.StatusChange{Change: c, From: t.Facts.Status, To: f.Status})
					}
					t.Hist.Updated = c
				}
			default:
				t = &tracked{Hist: &model.ItemHistory{}}
				if claim {
					// Proposed when and by whom git log says; in the backlog, and so in the
					// change log, the burn-up and its status, since it reached the main line.
					created := proposal(ch.name)
					landed := c
					landed.Author = created.Author
					t.Hist.Created, t.Hist.Updated = &created, c
					t.Hist.Statuses = []model.StatusChange{{Change: landed, To: f.Status}}
					st.Events = append(st.Events, model.Event{Kind: model.Proposed, Change: landed, Item: f.ID, Title: f.Title, To: f.Status})
				}
			}
			t.Blob, t.Facts = ch.new, f
			st.Files[ch.name] = t
			a.count(f, +1)
		default: // changed, or moved or renamed and maybe changed
			t := st.Files[ch.name]
			if t == nil {
				continue
			}
			if claim {
				t.Hist.Updated = c
			}
			f, read := d.facts[ch.new]
			if !read { // a version that cannot be read claims nothing
				t.Blob = ch.new
				continue
			}
			if oldID := t.Facts.ID; model.RefKey(f.ID) != model.RefKey(oldID) {
				delete(st.Gone, model.RefKey(f.ID)) // the id is this item's now
				st.renameInOrder(oldID, f.ID)
				if claim {
					st.Events = append(st.Events, model.Event{Kind: model.Renamed, Change: c, Item: f.ID, Title: t.Facts.Title, From: oldID})
					t.Hist.Files = append(t.Hist.Files, model.FileChange{Change: c, Kind: model.Renamed, From: oldID})
				}
			}
			if f.Status != t.Facts.Status && claim {
				t.Hist.Statuses = append(t.Hist.Statuses, model.StatusChange{Change: c, From: t.Facts.Status, To: f.Status})
				st.Events = append(st.Events, model.Event{Kind: model.StatusChanged, Change: c, Item: f.ID, Title: f.Title, From: t.Facts.Status, To: f.Status})
			}
			a.count(t.Facts, -1)
			a.count(f, +1)
			t.Blob, t.Facts = ch.new, f
		}
	}
	// Items the board moved to another column, their files unchanged.
	for _, p := range slices.Sorted(maps.Keys(d.moved)) {
		t := st.Files[p]
		if t == nil || t.Facts.Status == d.moved[p] {
			continue
		}
		f := t.Facts
		f.Status = d.moved[p]
		if claim {
			c := change(p)
			t.Hist.Updated = c
			t.Hist.Statuses = append(t.Hist.Statuses, model.StatusChange{Change: c, From: t.Facts.Status, To: f.Status})
			st.Events = append(st.Events, model.Event{Kind: model.StatusChanged, Change: c, Item: f.ID, Title: f.Title, From: t.Facts.Status, To: f.Status})
		}
		a.count(t.Facts, -1)
		a.count(f, +1)
		t.Facts = f
	}
	if d.order != nil {
		c := change(load.OrderFile)
		moves, shifted := order.Moves(st.Order, d.order)
		if claim && (len(moves) > 0 || shifted > 0) {
			st.Events = append(st.Events, model.Event{Kind: model.Reordered, Change: c, Moves: moves, Shifted: shifted})
			var items map[string]*tracked
			for _, m := range moves {
				// Most orders name items by their file's id in the default folder; any
				// other reference needs the index, made once per commit.
				t := st.Files[load.ItemsDir+"/"+m.ID+".md"]
				if t == nil || t.Facts.ID != m.ID {
					if items == nil {
						items = st.byReference()
					}
					t = items[model.RefKey(m.ID)]
				}
				if t != nil {
					t.Hist.Ranks = append(t.Hist.Ranks, model.RankChange{Change: c, From: m.From, To: m.To})
				}
			}
		}
		st.PrevOrder, st.Order = st.Order, d.order
	}
	if dated {
		for rel := range a.touched {
			st.burn(rel, base.Date)
		}
	}
}

// applier keeps each release's scope and done counts as items change.
type applier struct {
	st      *state
	w       *walker
	touched map[string]bool // releases whose counts changed
}

func (a *applier) count(f facts, sign int) {
	if f.Release == "" {
		return
	}
	// Counted under the release's name as backlog.yaml writes it, which the roadmap
	// looks the chart up by: items may name it in any case, or by its description.
	settings := effective(&a.st.Settings, a.w.layout, &a.w.usedLayout)
	rel := f.Release
	if r, ok := (&model.Settings{Releases: settings.Releases}).Release(rel); ok {
		rel = r.Name
	}
	a.touched[rel] = true
	c := a.st.Counts[rel]
	switch settings.category(f.Status) {
	case model.Dropped:
		return
	case model.Done:
		c.Done += sign
	}
	c.Scope += sign
	a.st.Counts[rel] = c
}

// recount counts every release again, after the statuses' categories changed.
func (a *applier) recount() {
	for rel := range a.st.Counts {
		a.touched[rel] = true
	}
	a.st.Counts = map[string]model.BurnPoint{}
	for _, t := range a.st.Files {
		a.count(t.Facts, +1)
	}
}

// pairs are the files a commit moved or renamed, old path to new: a file removed and
// one added with the same id are one item moved (as a Backlog.md task moving to
// completed/ is); the rest are paired by similarity, as git does.
func (a *applier) pairs(d *commitDiff) map[string]string {
	byID := map[string]string{} // id of a removed file -> its path
	for _, ch := range d.changes {
		if t := a.st.Files[ch.name]; ch.new.IsZero() && t != nil {
			byID[model.RefKey(t.Facts.ID)] = ch.name
		}
	}
	out := map[string]string{}
	used := map[string]bool{}
	for _, ch := range d.changes {
		if !ch.old.IsZero() || ch.new.IsZero() {
			continue
		}
		if f, ok := d.facts[ch.new]; ok {
			if from, ok := byID[model.RefKey(f.ID)]; ok && !used[from] {
				out[from], used[from], used[ch.name] = ch.name, true, true
			}
		}
	}
	for from, to := range d.renames {
		if !used[from] && !used[to] {
			out[from] = to
		}
	}
	return out
}

// byReference indexes the items by what order.yaml may name them by: id, slug, file
// name and path, as model.Backlog.Item does.
func (st *state) byReference() map[string]*tracked {
	out := make(map[string]*tracked, 3*len(st.Files))
	add := func(key string, t *tracked) {
		if _, taken := out[key]; !taken {
			out[key] = t
		}
	}
	for _, p := range slices.Sorted(maps.Keys(st.Files)) {
		t := st.Files[p]
		add(model.RefKey(t.Facts.ID), t)
		add(model.Slug(model.RefKey(t.Facts.ID)), t)
	}
	for _, p := range slices.Sorted(maps.Keys(st.Files)) {
		key := model.RefKey(p)
		add(key, st.Files[p])
		add(key[strings.LastIndexByte(key, '/')+1:], st.Files[p])
	}
	return out
}

// renameInOrder gives a renamed item its rank: the orders history compares the next
// version of order.yaml with name it by its new id, so the PO's matching edit is no move.
func (st *state) renameInOrder(from, to string) {
	for _, o := range [][]string{st.Order, st.PrevOrder} {
		if slices.Contains(o, to) {
			continue
		}
		if i := slices.Index(o, from); i >= 0 {
			o[i] = to
		}
	}
}

// burn records a release's scope and done counts after a change.
func (st *state) burn(release string, at time.Time) {
	c := st.Counts[release]
	p := model.BurnPoint{Date: at, Scope: c.Scope, Done: c.Done}
	points := st.Burnup[release]
	if n := len(points); n > 0 && points[n-1].Date.Equal(at) {
		points[n-1] = p
	} else {
		points = append(points, p)
	}
	st.Burnup[release] = points
}

// idOf is the id of a file that has no other: its name without .md.
func idOf(path string) string {
	return strings.TrimSuffix(path[strings.LastIndexByte(path, '/')+1:], ".md")
}
