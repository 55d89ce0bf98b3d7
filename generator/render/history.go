package render

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"html/template"
	"io"
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

// Feed writes feed.xml, the change log as an Atom 1.0 feed, when there is history.
// Links are absolute when base_url is set.
func (r *Renderer) Feed(out Output) error {
	h := r.b.History
	events := r.publishedEvents()
	if h == nil || len(events) == 0 {
		return nil
	}
	base := r.b.Settings.BaseURL
	abs := func(p string) string {
		if base == "" {
			return p
		}
		return base + "/" + strings.TrimSuffix(p, "index.html")
	}
	type link struct {
		Rel  string `xml:"rel,attr,omitempty"`
		Href string `xml:"href,attr"`
	}
	type person struct { // a name only: the feed is public, and addresses are not
		Name string `xml:"name"`
	}
	type entry struct {
		Title   string `xml:"title"`
		ID      string `xml:"id"`
		Updated string `xml:"updated"`
		Author  person `xml:"author"`
		Link    *link  `xml:"link,omitempty"`
		Summary string `xml:"summary"`
	}
	type feed struct {
		XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
		Title   string   `xml:"title"`
		ID      string   `xml:"id"`
		Updated string   `xml:"updated"`
		Links   []link   `xml:"link"`
		Entries []entry  `xml:"entry"`
	}
	f := feed{Title: r.b.Settings.Title + ": changes", Updated: atom(events[0].Date)}
	if base != "" {
		f.ID = base + "/feed.xml"
		f.Links = []link{{Rel: "self", Href: base + "/feed.xml"}, {Href: base + "/changes/"}}
	} else {
		f.ID = "urn:backlog:" + anchor(r.b.Settings.Title)
		f.Links = []link{{Href: "changes/index.html"}}
	}
	for i, e := range events[:min(FeedEntries, len(events))] {
		en := entry{
			Title:   r.summary(e),
			ID:      fmt.Sprintf("urn:backlog:%s:%s:%s:%d", e.Commit, e.Kind, e.Item, i),
			Updated: atom(e.Date),
			Author:  person{Name: e.Author},
			Summary: r.summary(e),
		}
		if en.Author.Name == "" {
			en.Author.Name = "unknown"
		}
		if u := r.eventURL(e); u != "" {
			en.Link = &link{Href: abs(u)}
		}
		f.Entries = append(f.Entries, en)
	}
	return writeFile(out, "feed.xml", func(w *bytes.Buffer) error {
		io.WriteString(w, xml.Header)
		enc := xml.NewEncoder(w)
		enc.Indent("", "  ")
		if err := enc.Encode(f); err != nil {
			return err
		}
		_, err := io.WriteString(w, "\n")
		return err
	})
}

func atom(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// burnup draws a release's scope and done counts over time as an inline SVG.
func burnup(name string, points []model.BurnPoint) template.HTML {
	if len(points) < 2 {
		return ""
	}
	const w, h, left, bottom, top = 600.0, 160.0, 36.0, 22.0, 8.0
	if len(points) > 300 { // keep the chart small: evenly spaced points, the last one kept
		step := float64(len(points)-1) / 299
		thin := make([]model.BurnPoint, 0, 300)
		for i := range 300 {
			thin = append(thin, points[int(float64(i)*step+0.5)])
		}
		points = thin
	}
	start, end := points[0].Date, points[len(points)-1].Date
	span := end.Sub(start).Seconds()
	maxScope := 1
	for _, p := range points {
		maxScope = max(maxScope, p.Scope)
	}
	x := func(t time.Time) float64 {
		if span <= 0 {
			return left
		}
		return left + (w-left-4)*t.Sub(start).Seconds()/span
	}
	y := func(n int) float64 { return top + (h-top-bottom)*(1-float64(n)/float64(maxScope)) }
	line := func(val func(model.BurnPoint) int) string {
		var sb strings.Builder
		for i, p := range points {
			if i > 0 { // a step: the count holds until the next change
				fmt.Fprintf(&sb, " %.1f,%.1f", x(p.Date), y(val(points[i-1])))
			}
			fmt.Fprintf(&sb, " %.1f,%.1f", x(p.Date), y(val(p)))
		}
		return strings.TrimSpace(sb.String())
	}
	last := points[len(points)-1]
	label := fmt.Sprintf("Burn-up of release %s from %s to %s: scope grew to %d items, %d done", name, start.UTC().Format(time.DateOnly), end.UTC().Format(time.DateOnly), last.Scope, last.Done)
	var sb strings.Builder
	fmt.Fprintf(&sb, `<svg class="burnup" viewBox="0 0 %.0f %.0f" role="img" aria-label="%s">`, w, h, template.HTMLEscapeString(label))
	fmt.Fprintf(&sb, `<title>%s</title>`, template.HTMLEscapeString(label))
	fmt.Fprintf(&sb, `<line class="axis" x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f"/>`, left, h-bottom, w-4, h-bottom)
	fmt.Fprintf(&sb, `<line class="axis" x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f"/>`, left, top, left, h-bottom)
	fmt.Fprintf(&sb, `<text x="%.1f" y="%.1f" text-anchor="end">%d</text>`, left-4, top+8, maxScope)
	fmt.Fprintf(&sb, `<text x="%.1f" y="%.1f" text-anchor="end">0</text>`, left-4, h-bottom)
	fmt.Fprintf(&sb, `<text x="%.1f" y="%.1f">%s</text>`, left, h-6, start.UTC().Format(time.DateOnly))
	fmt.Fprintf(&sb, `<text x="%.1f" y="%.1f" text-anchor="end">%s</text>`, w-4, h-6, end.UTC().Format(time.DateOnly))
	fmt.Fprintf(&sb, `<polyline class="scope" points="%s"/>`, line(func(p model.BurnPoint) int { return p.Scope }))
	fmt.Fprintf(&sb, `<polyline class="done" points="%s"/>`, line(func(p model.BurnPoint) int { return p.Done }))
	sb.WriteString(`</svg>`)
	return template.HTML(sb.String())
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
