package history

import (
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
	var side map[string]model.Change
	if claim && len(mc.c.ParentHashes) > 1 && (len(d.changes) > 0 || d.order != nil || d.settings != nil) {
		side = w.sideAuthors(mc, base)
	}
	change := func(path string) model.Change {
		if c, ok := side[path]; ok {
			return c
		}
		return base
	}
	a := &applier{st: st, touched: map[string]bool{}}
	if d.settings != nil {
		if claim {
			st.Events = append(st.Events, roadmapEvents(change(load.SettingsFile), st.Settings, *d.settings)...)
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
	renamedFrom := map[string]string{} // new file name -> old
	for from, to := range d.renames {
		renamedFrom[to] = from
		if t := st.Files[from]; t != nil {
			st.Files[to] = t
			delete(st.Files, from)
			delete(st.Gone, to) // the id is this item's now
		}
	}
	for _, ch := range d.changes {
		c := change(itemPath(ch.name))
		id := idOf(ch.name)
		switch from, renamed := renamedFrom[ch.name]; {
		case ch.new.IsZero(): // deleted
			if _, renamed := d.renames[ch.name]; renamed {
				continue
			}
			t := st.Files[ch.name]
			if t == nil {
				continue
			}
			if claim {
				st.Events = append(st.Events, model.Event{Kind: model.Removed, Change: c, Item: id, Title: t.Facts.Title})
				t.Hist.Files = append(t.Hist.Files, model.FileChange{Change: c, Kind: model.Removed})
			}
			a.count(t.Facts, -1)
			st.Gone[ch.name] = t
			delete(st.Files, ch.name)
		case ch.old.IsZero() && !renamed: // added, or added again
			f := d.facts[ch.new]
			t := st.Gone[ch.name]
			switch {
			case t != nil:
				delete(st.Gone, ch.name)
				if claim {
					st.Events = append(st.Events, model.Event{Kind: model.Restored, Change: c, Item: id, Title: f.Title, From: t.Facts.Status, To: f.Status})
					t.Hist.Files = append(t.Hist.Files, model.FileChange{Change: c, Kind: model.Restored})
					if f.Status != t.Facts.Status {
						t.Hist.Statuses = append(t.Hist.Statuses, model.StatusChange{Change: c, From: t.Facts.Status, To: f.Status})
					}
					t.Hist.Updated = c
				}
			default:
				t = &tracked{Hist: &model.ItemHistory{}}
				if claim {
					t.Hist.Created, t.Hist.Updated = &c, c
					t.Hist.Statuses = []model.StatusChange{{Change: c, To: f.Status}}
					st.Events = append(st.Events, model.Event{Kind: model.Proposed, Change: c, Item: id, Title: f.Title, To: f.Status})
				}
			}
			t.Blob, t.Facts = ch.new, f
			st.Files[ch.name] = t
			a.count(f, +1)
		default: // changed, or renamed and maybe changed
			t := st.Files[ch.name]
			if t == nil {
				continue
			}
			if renamed {
				st.renameInOrder(idOf(from), id)
				if claim {
					st.Events = append(st.Events, model.Event{Kind: model.Renamed, Change: c, Item: id, Title: t.Facts.Title, From: idOf(from)})
					t.Hist.Files = append(t.Hist.Files, model.FileChange{Change: c, Kind: model.Renamed, From: idOf(from)})
				}
			}
			if claim {
				t.Hist.Updated = c
			}
			f, read := d.facts[ch.new]
			if ch.new == t.Blob || !read { // renamed unchanged, or a version that cannot be read
				t.Blob = ch.new
				continue
			}
			if f.Status != t.Facts.Status && claim {
				t.Hist.Statuses = append(t.Hist.Statuses, model.StatusChange{Change: c, From: t.Facts.Status, To: f.Status})
				st.Events = append(st.Events, model.Event{Kind: model.StatusChanged, Change: c, Item: id, Title: f.Title, From: t.Facts.Status, To: f.Status})
			}
			a.count(t.Facts, -1)
			a.count(f, +1)
			t.Blob, t.Facts = ch.new, f
		}
	}
	if d.order != nil {
		c := change(load.OrderFile)
		moves, shifted := order.Moves(st.Order, d.order)
		if claim && (len(moves) > 0 || shifted > 0) {
			st.Events = append(st.Events, model.Event{Kind: model.Reordered, Change: c, Moves: moves, Shifted: shifted})
			for _, m := range moves {
				if t := st.Files[m.ID+".md"]; t != nil {
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
	touched map[string]bool // releases whose counts changed
}

func (a *applier) count(f facts, sign int) {
	if f.Release == "" {
		return
	}
	a.touched[f.Release] = true
	c := a.st.Counts[f.Release]
	switch a.st.Settings.category(f.Status) {
	case model.Dropped:
		return
	case model.Done:
		c.Done += sign
	}
	c.Scope += sign
	a.st.Counts[f.Release] = c
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

func itemPath(name string) string { return load.ItemsDir + "/" + name }

func idOf(name string) string { return strings.TrimSuffix(name, ".md") }
