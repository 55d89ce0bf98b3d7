// Package diff compares the backlog at two revisions: what a pull request adds, removes,
// changes and reorders. Both sides are read from git's objects (or one from the working
// tree), so the work tree is never touched.
package diff

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/backlogtool/backlog/generator/model"
	"github.com/backlogtool/backlog/generator/order"
)

// Side is one backlog being compared: its label, its content and what was found in it.
type Side struct {
	Label    string
	Backlog  *model.Backlog
	Findings model.Findings
}

// Report is what changed from Base to Head.
type Report struct {
	Base    string         `json:"base"`
	Head    string         `json:"head"`
	Added   []ItemRef      `json:"added"`
	Removed []ItemRef      `json:"removed"`
	Renamed []Rename       `json:"renamed"`
	Status  []StatusChange `json:"status_changes"`
	Fields  []FieldChange  `json:"field_changes"`
	Moves   []RankMove     `json:"moves"`
	Shifted int            `json:"shifted"`
	// The Product Manager's changes to backlog.yaml: see roadmap.go.
	Releases []ReleaseChange          `json:"release_changes"`
	Goals    []GoalChange             `json:"goal_changes"`
	Statuses []StatusDefinitionChange `json:"status_definition_changes"`
}

// ItemRef names an item with its status and rank (0 when unranked).
type ItemRef struct {
	ID     string `json:"id"`
	Title  string `json:"title"`
	Status string `json:"status"`
	Rank   int    `json:"rank"`
}

// StatusChange is an item whose status changed.
type StatusChange struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	From  string `json:"from"`
	To    string `json:"to"`
}

// FieldChange is one field of an item that changed; "body" stands for the Markdown.
type FieldChange struct {
	ID    string `json:"id"`
	Field string `json:"field"`
	From  string `json:"from"`
	To    string `json:"to"`
}

// RankMove is an item the PO moved, or that became ranked or unranked (rank 0).
type RankMove struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	From  int    `json:"from"`
	To    int    `json:"to"`
}

// Empty reports whether nothing changed.
func (r *Report) Empty() bool {
	return len(r.Added)+len(r.Removed)+len(r.Renamed)+len(r.Status)+len(r.Fields)+len(r.Moves)+
		len(r.Releases)+len(r.Goals)+len(r.Statuses) == 0 && r.Shifted == 0
}

// Compare reports what changed between two backlogs.
func Compare(base, head *Side) *Report {
	r := &Report{Base: base.Label, Head: head.Label, Added: []ItemRef{}, Removed: []ItemRef{}, Renamed: []Rename{}, Status: []StatusChange{}, Fields: []FieldChange{}, Moves: []RankMove{}}
	b, h := base.Backlog, head.Backlog
	renames := findRenames(base, head)
	renamedFrom := make(map[string]string, len(renames))
	for from, to := range renames {
		renamedFrom[to] = from
	}
	for _, it := range h.Items {
		old := b.ItemByID(it.ID)
		if from, ok := renamedFrom[it.ID]; ok {
			old = b.ItemByID(from)
			r.Renamed = append(r.Renamed, Rename{from, it.ID, it.Title, it.Status, it.Rank})
		}
		if old == nil {
			r.Added = append(r.Added, ref(it))
			continue
		}
		if old.Status != it.Status {
			r.Status = append(r.Status, StatusChange{it.ID, it.Title, old.Status, it.Status})
		}
		from, to := fields(old), fields(it)
		for _, name := range fieldNames(old, it) {
			if from[name] != to[name] {
				r.Fields = append(r.Fields, FieldChange{it.ID, name, from[name], to[name]})
			}
		}
	}
	for _, it := range b.Items {
		if _, renamed := renames[it.ID]; !renamed && h.ItemByID(it.ID) == nil {
			r.Removed = append(r.Removed, ref(it))
		}
	}
	// base's ranking under head's ids: an item renamed at its rank did not move.
	before := ids(b.Ranked)
	for i, id := range before {
		if to, ok := renames[id]; ok {
			before[i] = to
		}
	}
	moves, shifted := order.Moves(before, ids(h.Ranked))
	r.Shifted = shifted
	for _, m := range moves {
		title := ""
		if it := h.ItemByID(m.ID); it != nil {
			title = it.Title
		} else if it := b.ItemByID(m.ID); it != nil {
			title = it.Title
		}
		r.Moves = append(r.Moves, RankMove{m.ID, title, m.From, m.To})
	}
	compareRoadmap(r, b, h)
	return r
}

func ref(it *model.Item) ItemRef { return ItemRef{it.ID, it.Title, it.Status, it.Rank} }

func ids(items []*model.Item) []string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = it.ID
	}
	return out
}

// knownFields are compared in this order; extra fields follow by name.
var knownFields = []string{"title", "type", "release", "goal", "estimate", "value", "owner", "labels", "depends_on", "body"}

// fields gives an item's fields, other than status, as comparable text.
func fields(it *model.Item) map[string]string {
	num := func(f *float64) string {
		if f == nil {
			return ""
		}
		return strconv.FormatFloat(*f, 'f', -1, 64)
	}
	m := map[string]string{
		"title": it.Title, "type": it.Type, "release": it.Release, "goal": it.Goal,
		"estimate": num(it.Estimate), "value": num(it.Value), "owner": it.Owner,
		"labels": strings.Join(it.Labels, ", "), "depends_on": strings.Join(it.DependsOn, ", "),
		"body": bodyDigest(it.Body),
	}
	for _, f := range it.Fields {
		m[f.Key] = f.Text
	}
	return m
}

// fieldNames lists the fields to compare between two versions of an item.
func fieldNames(a, b *model.Item) []string {
	var extra []string
	for _, it := range []*model.Item{a, b} {
		for _, f := range it.Fields {
			if !slices.Contains(extra, f.Key) {
				extra = append(extra, f.Key)
			}
		}
	}
	slices.Sort(extra)
	return append(slices.Clone(knownFields), extra...)
}

// bodyDigest stands for a body in comparisons: its size and a checksum, not its text.
func bodyDigest(body []byte) string {
	if len(strings.TrimSpace(string(body))) == 0 {
		return ""
	}
	var sum uint32 = 2166136261
	for _, c := range body {
		sum = (sum ^ uint32(c)) * 16777619
	}
	return fmt.Sprintf("%d bytes (%08x)", len(body), sum)
}
