// Package validate checks the rules that span files: every reference an item or
// order.yaml makes must name something that exists, and dependencies must not loop.
// It reads the loaded backlog and reports findings; it changes nothing.
package validate

import (
	"fmt"
	"strings"

	"github.com/backlogtool/backlog/generator/load"
	"github.com/backlogtool/backlog/generator/model"
)

// Backlog checks b and returns what it found. b must have been through order.Rank,
// so ranks and resolved statuses are known.
func Backlog(b *model.Backlog) model.Findings {
	var f model.Findings
	s := &b.Settings
	for _, it := range b.Items {
		if it.Status != "" {
			if _, ok := s.Status(it.Status); !ok {
				f.Errorf(it.Pos.At("status"), "unknown status %q (use one of %s)%s", it.Status, ids(s.Statuses, func(st model.Status) string { return st.ID }), statusHint(s, it.Status))
			}
		}
		if it.Release != "" {
			if _, ok := s.Release(it.Release); !ok {
				f.Errorf(it.Pos.At("release"), "unknown release %q (%s)", it.Release, known("releases", s.Releases, func(r model.Release) string { return r.Name }))
			}
		}
		if it.Goal != "" {
			if _, ok := s.Goal(it.Goal); !ok {
				f.Errorf(it.Pos.At("goal"), "unknown goal %q (%s)", it.Goal, known("goals", s.Goals, func(g model.Goal) string { return g.ID }))
			}
		}
		places := depPlaces(it)
		seen := make(map[string]bool, len(it.DependsOn))
		for _, dep := range it.DependsOn {
			d := b.Item(dep)
			pos := places(dep)
			if seen[dep] {
				// A repeat adds nothing but work: every page that shows the item would list
				// the dependency again (twenty thousand repeats made a build of an hour).
				f.Errorf(pos, "depends_on names %q more than once: list each dependency once", dep)
				continue
			}
			seen[dep] = true
			switch {
			case d == it:
				f.Errorf(pos, "%s depends on itself", it.ID)
			case d == nil && unread(b, dep) != "":
				// The file's own finding says why it could not be read.
			case d == nil && (it.State.Category == model.Done || it.State.Category == model.Dropped):
				// A finished item's dependency no longer says what is next: an adopted
				// backlog's stale reference in its archive does not stop the build.
				f.Warnf(pos, "depends_on names %q, which is not an item; %s is %s, so the build goes on without it", dep, it.ID, it.Status)
			case d == nil:
				f.Errorf(pos, "depends_on names %q, which is not an item", dep)
			case it.Rank > 0 && d.State.Category != model.Done && d.State.Category != model.Dropped && (d.Rank == 0 || d.Rank > it.Rank):
				where := "is not ranked"
				if d.Rank > 0 {
					where = fmt.Sprintf("is ranked below it (#%d)", d.Rank)
				}
				f.Warnf(pos, "%s (#%d) depends on %s, which %s: the PO may want to rank %s higher", it.ID, it.Rank, d.ID, where, d.ID)
			}
		}
	}
	// An item is ranked once, whichever of its names (id, slug, file name, path, in any
	// case) an entry uses; the ranking keeps the first entry. Two entries spelled alike
	// are reported by load, which keeps the first of them only.
	first := make(map[*model.Item]model.OrderEntry, len(b.Order))
	for _, e := range b.Order {
		it := b.Item(e.ID)
		if it == nil {
			if unread(b, e.ID) == "" {
				f.Errorf(e.Pos, "%q is not an item: no item has this id, and no item file this name", e.ID)
			}
			continue
		}
		if prev, dup := first[it]; dup {
			f.Errorf(e.Pos, "%q names the same item as %q on line %d (%s): each item is ranked once: remove one of the lines", e.ID, prev.ID, prev.Pos.Line, it.ID)
			continue
		}
		first[it] = e
	}
	cycles(b, &f)
	return f
}

// cycles reports every loop of depends_on, naming the whole loop.
func cycles(b *model.Backlog, f *model.Findings) {
	const (
		unvisited = iota
		onPath
		finished
	)
	state := make(map[string]int, len(b.Items))
	var path []*model.Item
	var visit func(it *model.Item)
	visit = func(it *model.Item) {
		state[it.ID] = onPath
		path = append(path, it)
		for _, dep := range it.DependsOn {
			d := b.Item(dep)
			if d == nil || d == it {
				continue
			}
			switch state[d.ID] {
			case unvisited:
				visit(d)
			case onPath:
				start := 0
				for i, p := range path {
					if p == d {
						start = i
					}
				}
				names := make([]string, 0, len(path)-start+1)
				for _, p := range path[start:] {
					names = append(names, p.ID)
				}
				names = append(names, d.ID)
				f.Errorf(depPos(d, path[start+1].ID), "depends_on cycle: %s", strings.Join(names, " -> "))
			}
		}
		path = path[:len(path)-1]
		state[it.ID] = finished
	}
	for _, it := range b.Items {
		if state[it.ID] == unvisited {
			visit(it)
		}
	}
}

// statusHint suggests the configured status, by id or title, closest to an unknown one.
func statusHint(s *model.Settings, name string) string {
	var names []string
	for _, st := range s.Statuses {
		names = append(names, model.StatusKey(st.ID), model.StatusKey(st.Title))
	}
	if near := load.Closest(model.StatusKey(name), names); near != "" {
		for _, st := range s.Statuses {
			if model.StatusKey(st.ID) == near || model.StatusKey(st.Title) == near {
				return fmt.Sprintf(": did you mean %q?", st.ID)
			}
		}
	}
	return ""
}

// unread returns the path of the item file that ref names by its name but that could
// not be read, or "".
func unread(b *model.Backlog, ref string) string {
	key := model.RefKey(ref)
	for _, p := range b.Unread {
		name := model.RefKey(p)
		if name == key || name[strings.LastIndexByte(name, '/')+1:] == key {
			return p
		}
	}
	return ""
}

// depPlaces returns a function that places the entries of it's depends_on, as depPos
// does, reading it's positions once rather than once per entry.
func depPlaces(it *model.Item) func(dep string) model.Pos {
	if len(it.DependsOn) <= 16 {
		return func(dep string) model.Pos { return depPos(it, dep) }
	}
	index := make(map[string]model.Pos, len(it.Pos))
	for _, kp := range it.Pos {
		index[kp.Key] = kp.Pos
	}
	return func(dep string) model.Pos {
		if p, ok := index[load.DependencyKey(dep)]; ok {
			return p
		}
		return it.Pos.At("depends_on")
	}
}

// depPos places the entry of it's depends_on that names dep.
func depPos(it *model.Item, dep string) model.Pos {
	if p, ok := it.Pos.Get(load.DependencyKey(dep)); ok {
		return p
	}
	return it.Pos.At("depends_on")
}

func ids[T any](list []T, id func(T) string) string {
	names := make([]string, len(list))
	for i, e := range list {
		names[i] = id(e)
	}
	return strings.Join(names, ", ")
}

func known[T any](what string, list []T, id func(T) string) string {
	if len(list) == 0 {
		return "backlog.yaml defines no " + what
	}
	return "backlog.yaml defines " + ids(list, id)
}
