package render

import (
	"bytes"
	"encoding/json"
	"time"

	"github.com/backlogtool/backlog/generator/model"
)

// jsonItem is one item of backlog.json.
type jsonItem struct {
	ID        string         `json:"id"`
	Slug      string         `json:"slug"`
	Title     string         `json:"title"`
	Status    string         `json:"status"`
	Category  string         `json:"category"`
	Rank      *int           `json:"rank"`
	Type      string         `json:"type"`
	Release   string         `json:"release"`
	Goal      string         `json:"goal"`
	Estimate  *float64       `json:"estimate"`
	Value     *float64       `json:"value"`
	Owner     string         `json:"owner"`
	Owners    []string       `json:"owners"`
	Labels    []string       `json:"labels"`
	DependsOn []string       `json:"depends_on"`
	Blocked   bool           `json:"blocked"`
	URL       string         `json:"url"`
	Fields    map[string]any `json:"fields"`
	// From history; null without it.
	Created    *time.Time `json:"created"`
	Updated    *time.Time `json:"updated"`
	ProposedBy *string    `json:"proposed_by"`
}

// JSON writes backlog.json: every item, ranked ones first in rank order. It is written
// an item at a time, as encoding/json indents the whole document.
func (r *Renderer) JSON(out Output) error {
	return streamFile(out, "backlog.json", func(f File, buf *bytes.Buffer) error {
		head, err := json.MarshalIndent(struct {
			Title       string `json:"title"`
			Description string `json:"description"`
		}{r.b.Settings.Title, r.b.Settings.Description}, "", "  ")
		if err != nil {
			return err
		}
		buf.Write(head[:len(head)-2]) // without the closing "\n}"
		buf.WriteString(",\n  \"items\": [")
		var item []byte
		for i, it := range byRank(r.b, func(*model.Item) bool { return true }) {
			if item, err = json.Marshal(newJSONItem(it)); err != nil {
				return err
			}
			if i > 0 {
				buf.WriteByte(',')
			}
			buf.WriteString("\n    ")
			if err := json.Indent(buf, item, "    ", "  "); err != nil { // MarshalIndent, without its copy
				return err
			}
			if err := spill(f, buf); err != nil {
				return err
			}
		}
		if len(r.b.Items) > 0 {
			buf.WriteString("\n  ")
		}
		buf.WriteString("]\n}\n")
		_, err = f.Write(buf.Bytes())
		return err
	})
}

func newJSONItem(it *model.Item) jsonItem {
	j := jsonItem{
		ID: it.ID, Slug: it.Slug, Title: it.Title, Status: it.State.ID, Category: it.State.Category,
		Type: it.Type, Release: it.Release, Goal: it.Goal, Estimate: it.Estimate, Value: it.Value,
		Owner: it.Owner, Owners: nonNil(it.Owners), Labels: nonNil(it.Labels), DependsOn: nonNil(it.DependsOn),
		Blocked: it.Blocked(), URL: ItemPath(it.Slug), Fields: map[string]any{},
	}
	if it.Rank > 0 {
		rank := it.Rank
		j.Rank = &rank
	}
	for _, f := range it.Fields {
		j.Fields[f.Key] = f.Value
	}
	if h := it.History; h != nil {
		if h.Updated.Commit != "" { // unknown beyond a shallow clone's boundary
			u := h.Updated.Date.UTC()
			j.Updated = &u
		}
		if h.Created != nil {
			c, by := h.Created.Date.UTC(), h.Created.Author
			j.Created, j.ProposedBy = &c, &by
		}
	}
	return j
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
