package validate

import (
	"strings"
	"testing"

	"github.com/backlogtool/backlog/generator/model"
	"github.com/backlogtool/backlog/generator/order"
)

func item(id, status string, deps ...string) *model.Item {
	return &model.Item{ID: id, Title: id, Status: status, DependsOn: deps, Path: "items/" + id + ".md",
		Pos: model.Positions{{Key: "status", Pos: model.Pos{File: "items/" + id + ".md", Line: 3, Col: 9}}, {Key: "depends_on", Pos: model.Pos{File: "items/" + id + ".md", Line: 4, Col: 1}}}}
}

func backlog(order []string, items ...*model.Item) *model.Backlog {
	b := &model.Backlog{Settings: model.Settings{Statuses: model.DefaultStatuses, Releases: []model.Release{{Name: "r1"}}}, Items: items}
	for i, id := range order {
		b.Order = append(b.Order, model.OrderEntry{ID: id, Pos: model.Pos{File: "order.yaml", Line: i + 1, Col: 3}})
	}
	return b
}

func withID(it *model.Item, id string) *model.Item {
	it.ID = id
	return it
}

func unreadFile(b *model.Backlog, path string) *model.Backlog {
	b.Unread = append(b.Unread, path)
	return b
}

func TestBacklog(t *testing.T) {
	withRelease := item("a", "ready")
	withRelease.Release = "r2"
	tests := []struct {
		name string
		b    *model.Backlog
		want []string
	}{
		{name: "valid", b: backlog([]string{"a", "b"}, item("a", "ready", "b"), item("b", "done"))},
		{name: "unknown status", b: backlog(nil, item("a", "redy")),
			want: []string{`items/a.md:3:9: error: unknown status "redy" (use one of proposed, ready, in-progress, done, dropped)`}},
		{name: "unknown release", b: backlog(nil, withRelease), want: []string{`error: unknown release "r2" (backlog.yaml defines r1)`}},
		{name: "order names missing item", b: backlog([]string{"a", "ghost"}, item("a", "ready")),
			want: []string{`order.yaml:2:3: error: "ghost" is not an item: no item has this id, and no item file this name`}},
		// A file refused for its own reason has its own finding: a reference to it by
		// name is not reported a second time, and never as a file that is not there.
		{name: "order and depends_on name an unread file", b: unreadFile(backlog([]string{"a", "Bad Name"}, item("a", "ready", "bad name.md")), "items/Bad Name.md")},
		{name: "references by id, slug, file name and path, in any case", b: backlog([]string{"BACK-1", "./items/c.md", "b.MD"},
			withID(item("a", "ready", "B"), "BACK-1"), item("b", "ready", "C"), item("c", "ready")),
			want: []string{"warning: BACK-1 (#1) depends on b, which is ranked below it (#3)"}},
		{name: "missing dependency", b: backlog(nil, item("a", "ready", "nope")), want: []string{`items/a.md:4:1: error: depends_on names "nope", which is not an item`}},
		{name: "self dependency", b: backlog(nil, item("a", "ready", "a")), want: []string{"error: a depends on itself"}},
		{name: "cycle", b: backlog(nil, item("a", "ready", "b"), item("b", "ready", "c"), item("c", "ready", "a")),
			want: []string{"error: depends_on cycle: a -> b -> c -> a"}},
		{name: "ranked above dependency", b: backlog([]string{"a", "b"}, item("a", "ready", "b"), item("b", "ready")),
			want: []string{"warning: a (#1) depends on b, which is ranked below it (#2)"}},
		{name: "depends on unranked", b: backlog([]string{"a"}, item("a", "ready", "b"), item("b", "proposed")),
			want: []string{"warning: a (#1) depends on b, which is not ranked"}},
		{name: "done dependency ranked below is fine", b: backlog([]string{"a", "b"}, item("a", "ready", "b"), item("b", "done"))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			order.Rank(tt.b)
			got := Backlog(tt.b)
			if len(got) != len(tt.want) {
				t.Fatalf("findings = %v, want %q", got, tt.want)
			}
			for i, f := range got {
				line := f.Pos.String() + ": " + f.Severity.String() + ": " + f.Message
				if !strings.Contains(line, tt.want[i]) {
					t.Errorf("finding %q, want it to contain %q", line, tt.want[i])
				}
			}
		})
	}
}
