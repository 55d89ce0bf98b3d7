package render

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/backlogtool/backlog/generator/model"
)

// TimelineEntry is one line of an item's history: a status change or a rank move.
// Day, ISO and Text are formatted once here, not by template functions on every page.
type TimelineEntry struct {
	model.Change
	Kind     string // "status" or "rank"
	From, To string // status titles, or ranks ("" when unranked)
	Day, ISO string // the date as 2027-03-31 and for a datetime attribute
	Text     string // what happened, such as "status Proposed → Ready"
}

// When is a change's date formatted for a page.
type When struct {
	Day, ISO, Author string
}

func when(c model.Change) When {
	return When{Day: c.Date.UTC().Format(time.DateOnly), ISO: c.Date.UTC().Format(time.RFC3339), Author: c.Author}
}

// ChangesView is the backlog's change log, newest first.
type ChangesView struct {
	Entries   []ChangeEntry
	Total     int // all events; Entries holds the newest ChangesShown
	Notice    string
	HasEvents bool
}

// ChangeEntry is one event with its summary and the page it concerns.
type ChangeEntry struct {
	model.Event
	Summary string
	URL     string // relative to the site root; "" when the item is gone
}

// How many events the change log page and the feed show.
const (
	ChangesShown = 500
	FeedEntries  = 50
)

func (r *Renderer) timeline(it *model.Item) []TimelineEntry {
	h := it.History
	if h == nil {
		return nil
	}
	var out []TimelineEntry
	for _, s := range h.Statuses {
		e := TimelineEntry{Change: s.Change, Kind: "status", From: r.statusTitle(s.From), To: r.statusTitle(s.To)}
		if s.From == "" {
			e.Text = "proposed as " + e.To
		} else {
			e.Text = "status " + e.From + " → " + e.To
		}
		out = append(out, e)
	}
	for _, f := range h.Files {
		e := TimelineEntry{Change: f.Change, Kind: "file"}
		switch f.Kind {
		case model.Renamed:
			e.From, e.Text = f.From, "renamed from "+f.From
		case model.Removed:
			e.Text = "removed"
		case model.Restored:
			e.Text = "added again"
		}
		out = append(out, e)
	}
	for _, m := range h.Ranks {
		e := TimelineEntry{Change: m.Change, Kind: "rank", From: rank(m.From), To: rank(m.To)}
		switch {
		case m.From == 0:
			e.Text = "ranked " + e.To
		case m.To == 0:
			e.Text = "unranked (was " + e.From + ")"
		default:
			e.Text = "rank " + e.From + " → " + e.To
		}
		out = append(out, e)
	}
	slices.SortStableFunc(out, func(a, b TimelineEntry) int { return a.Date.Compare(b.Date) })
	for i := range out {
		w := when(out[i].Change)
		out[i].Day, out[i].ISO = w.Day, w.ISO
	}
	return out
}

func rank(r int) string {
	if r == 0 {
		return ""
	}
	return fmt.Sprintf("#%d", r)
}

func (r *Renderer) statusTitle(id string) string {
	if st, ok := r.b.Settings.Status(id); ok {
		return st.Title
	}
	return id
}

func (r *Renderer) changes(limit int) *ChangesView {
	v := &ChangesView{}
	h := r.b.History
	if h == nil {
		return v
	}
	events := r.publishedEvents()
	v.Notice, v.Total, v.HasEvents = strings.Join(append([]string{h.Notice}, h.Gaps...), " "), len(events), len(events) > 0
	v.Notice = strings.TrimSpace(v.Notice)
	for _, e := range events[:min(limit, len(events))] {
		v.Entries = append(v.Entries, ChangeEntry{Event: e, Summary: r.summary(e), URL: r.eventURL(e)})
	}
	return v
}

func (r *Renderer) eventURL(e model.Event) string {
	it := r.b.Item(e.Item)
	switch {
	case e.Item != "" && it != nil:
		return ItemPath(it.Slug)
	case e.Kind == model.ReleaseAdded || e.Kind == model.ReleaseRenamed || e.Kind == model.ReleaseDated || e.Kind == model.GoalAdded || e.Kind == model.GoalChanged:
		return "roadmap/index.html"
	}
	return ""
}

// summary says in one line what an event did.
func (r *Renderer) summary(e model.Event) string {
	if e.Title == "" && e.Item != "" {
		e.Title = e.Item // a version history could not read
	}
	switch e.Kind {
	case model.Renamed:
		return fmt.Sprintf("Renamed: %s (%s, was %s)", e.Title, e.Item, e.From)
	case model.Restored:
		return fmt.Sprintf("Added again: %s (%s)", e.Title, r.statusTitle(e.To))
	case model.ReleaseAdded:
		return "Release added: " + e.Title + dated(e.To)
	case model.ReleaseRemoved:
		return "Release removed: " + e.Title
	case model.ReleaseRenamed:
		return fmt.Sprintf("Release renamed: %s → %s", e.From, e.To)
	case model.ReleaseDated:
		return fmt.Sprintf("Release %s re-dated: %s → %s", e.Title, orNone(e.From), orNone(e.To))
	case model.GoalAdded:
		return "Goal added: " + e.Title
	case model.GoalRemoved:
		return "Goal removed: " + e.Title
	case model.GoalChanged:
		return fmt.Sprintf("Goal renamed: %s → %s", e.From, e.To)
	case model.StatusesChanged:
		return fmt.Sprintf("Statuses changed: %s → %s", e.From, e.To)
	case model.Proposed:
		return fmt.Sprintf("Proposed: %s (%s)", e.Title, r.statusTitle(e.To))
	case model.Removed:
		return "Removed: " + e.Title
	case model.StatusChanged:
		return fmt.Sprintf("%s: %s → %s", e.Title, r.statusTitle(e.From), r.statusTitle(e.To))
	case model.Reordered:
		var parts []string
		for i, m := range e.Moves {
			if i == 10 {
				parts = append(parts, fmt.Sprintf("%d more", len(e.Moves)-10))
				break
			}
			switch {
			case m.From == 0:
				parts = append(parts, fmt.Sprintf("%s ranked #%d", m.ID, m.To))
			case m.To == 0:
				parts = append(parts, fmt.Sprintf("%s unranked (was #%d)", m.ID, m.From))
			default:
				parts = append(parts, fmt.Sprintf("%s #%d → #%d", m.ID, m.From, m.To))
			}
		}
		s := "Reordered: " + strings.Join(parts, ", ")
		if e.Shifted > 0 {
			s += fmt.Sprintf("; %d shifted", e.Shifted)
		}
		return s
	}
	return string(e.Kind)
}

func dated(date string) string {
	if date == "" {
		return ""
	}
	return " (" + date + ")"
}

func orNone(date string) string {
	if date == "" {
		return "no date"
	}
	return date
}

// Changes renders changes/index.html.
func (r *Renderer) Changes(out Output) error {
	p := r.page("changes/index.html", "Changes", "changes")
	p.Changes = r.changes(ChangesShown)
	return r.execute(out, "changes.html", p)
}

// publishedEvents are the history's events less those of draft items a build leaves
// out, which the change log and the feed must not show either.
func (r *Renderer) publishedEvents() []model.Event {
	h := r.b.History
	if h == nil {
		return nil
	}
	if len(r.b.Drafts) == 0 {
		return h.Events
	}
	drafts := make(map[string]bool, len(r.b.Drafts))
	for _, d := range r.b.Drafts {
		drafts[d.ID], drafts[d.Slug] = true, true
	}
	out := make([]model.Event, 0, len(h.Events))
	for _, e := range h.Events {
		if e.Item == "" || !drafts[e.Item] {
			out = append(out, e)
		}
	}
	return out
}
