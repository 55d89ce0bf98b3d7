package validate

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/backlogtool/backlog/generator/load"
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
		{name: "statuses by id or title, any case, spaces or dashes", b: backlog(nil, item("a", "In Progress"), item("b", "in_progress"), item("c", "DONE"), item("d", "in progress"))},
		{name: "unknown status near a title", b: backlog(nil, item("a", "Redy")),
			want: []string{`items/a.md:3:9: error: unknown status "Redy" (use one of proposed, ready, in-progress, done, dropped): did you mean "ready"?`}},
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
		{name: "a finished item's missing dependency", b: backlog(nil, item("a", "done", "task-0"), item("b", "dropped", "nope")), want: []string{
			`items/a.md:4:1: warning: depends_on names "task-0", which is not an item; a is done, so the build goes on without it`,
			`items/b.md:4:1: warning: depends_on names "nope", which is not an item; b is dropped, so the build goes on without it`}},
		{name: "self dependency", b: backlog(nil, item("a", "ready", "a")), want: []string{"error: a depends on itself"}},
		{name: "cycle", b: backlog(nil, item("a", "ready", "b"), item("b", "ready", "c"), item("c", "ready", "a")),
			want: []string{"error: depends_on cycle: a -> b -> c -> a"}},
		{name: "ranked above dependency", b: backlog([]string{"a", "b"}, item("a", "ready", "b"), item("b", "ready")),
			want: []string{"warning: a (#1) depends on b, which is ranked below it (#2)"}},
		{name: "depends on unranked", b: backlog([]string{"a"}, item("a", "ready", "b"), item("b", "proposed")),
			want: []string{"warning: a (#1) depends on b, which is not ranked"}},
		{name: "duplicate dependency", b: backlog(nil, item("a", "ready", "b", "c", "b"), item("b", "done"), item("c", "done")),
			want: []string{`items/a.md:4:1: error: depends_on names "b" more than once: list each dependency once`}},
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

// A repeated dependency is placed at its repeat, in a list of any length; a list of
// twenty thousand repeats, and one of five thousand distinct items, are checked in
// well under a second.
func TestDuplicateDependencies(t *testing.T) {
	parse := func(front string) *model.Item {
		it, f := load.ParseItem("items/a.md", []byte("---\ntitle: A\nstatus: ready\n"+front+"---\nbody\n"), nil)
		if f.HasErrors() {
			t.Fatal(f)
		}
		return it
	}
	short := parse("depends_on:\n  - b\n  - c\n  - b\n")
	got := Backlog(backlog(nil, short, item("b", "done"), item("c", "done")))
	if len(got) != 1 || got[0].Pos.String()+": "+got[0].Message != `items/a.md:7:5: depends_on names "b" more than once: list each dependency once` {
		t.Errorf("findings = %v", got)
	}

	var repeats, distinct strings.Builder
	repeats.WriteString("depends_on: [c")
	distinct.WriteString("depends_on: [c")
	others := []*model.Item{item("c", "done")}
	for i := range 20000 {
		repeats.WriteString(", b")
		if i < 5000 {
			fmt.Fprintf(&distinct, ", d%d", i)
			others = append(others, item(fmt.Sprintf("d%d", i), "done"))
		}
	}
	start := time.Now()
	long := parse(repeats.String() + "]\n")
	got = Backlog(backlog(nil, append([]*model.Item{long, item("b", "done")}, others[:1]...)...))
	if len(got) != 19999 || got[0].Pos.Line != 4 || got[0].Pos.Col <= 15 {
		t.Errorf("%d findings, the first %v; want 19999 repeats of b, placed on line 4 after the first", len(got), got[0])
	}
	wide := parse(distinct.String() + "]\n")
	wide.ID, wide.Path = "w", "items/w.md"
	if got := Backlog(backlog(nil, append([]*model.Item{wide}, others...)...)); len(got) != 0 {
		t.Errorf("findings for five thousand distinct dependencies: %v", got[:min(3, len(got))])
	}
	if elapsed := time.Since(start); elapsed > 2*time.Second {
		t.Errorf("long dependency lists took %v (budget 2s)", elapsed)
	}
}

// An item is ranked once, whatever names order.yaml gives it: each later entry naming
// an item an earlier one ranks is an error at its own line and column, naming the
// earlier line; the ranking keeps the first entry. The order is read as the build
// reads it, so two entries spelled alike are load's finding.
func TestOrderRanksEachItemOnce(t *testing.T) {
	const fix = ": each item is ranked once: remove one of the lines"
	tests := []struct {
		name, order string
		want        []string
		ranks       map[string]int // item id: rank
	}{
		{name: "two different items", order: "- a\n- f\n- g\n", ranks: map[string]int{"X-1": 1, "f": 2, "g": 3}},
		{name: "every name once", order: "- alpha\n- F.md\n- ./items/g.md\n", ranks: map[string]int{"X-1": 1, "f": 2, "g": 3}},
		{name: "same id twice", order: "- X-1\n- f\n- X-1\n",
			want:  []string{`order.yaml:3:3: error: "X-1" is listed twice (first on line 1)`},
			ranks: map[string]int{"X-1": 1, "f": 2}},
		{name: "id and file name", order: "- X-1\n- g\n- a.md\n",
			want:  []string{`order.yaml:3:3: error: "a.md" names the same item as "X-1" on line 1 (X-1)` + fix},
			ranks: map[string]int{"X-1": 1, "g": 2}},
		{name: "file name and id", order: "- g\n- a\n- X-1\n",
			want:  []string{`order.yaml:3:3: error: "X-1" names the same item as "a" on line 2 (X-1)` + fix},
			ranks: map[string]int{"g": 1, "X-1": 2}},
		{name: "id and slug", order: "- alpha\n- f\n- X-1\n",
			want:  []string{`order.yaml:3:3: error: "X-1" names the same item as "alpha" on line 1 (X-1)` + fix},
			ranks: map[string]int{"X-1": 1, "f": 2}},
		{name: "another case", order: "- f\n- g\n# again\n-   F  # the same\n",
			want:  []string{`order.yaml:4:5: error: "F" names the same item as "f" on line 1 (f)` + fix},
			ranks: map[string]int{"f": 1, "g": 2}},
		{name: "path", order: "- g\n- a\n- ./items/a.md\n",
			want:  []string{`order.yaml:3:3: error: "./items/a.md" names the same item as "a" on line 2 (X-1)` + fix},
			ranks: map[string]int{"g": 1, "X-1": 2}},
		{name: "flow list", order: "[f, a, F]\n",
			want:  []string{`order.yaml:1:8: error: "F" names the same item as "f" on line 1 (f)` + fix},
			ranks: map[string]int{"f": 1, "X-1": 2}},
		{name: "several", order: "- a\n- f\n- X-1\n- f.md\n- ./items/a.md\n", want: []string{
			`order.yaml:3:3: error: "X-1" names the same item as "a" on line 1 (X-1)` + fix,
			`order.yaml:4:3: error: "f.md" names the same item as "f" on line 2 (f)` + fix,
			`order.yaml:5:3: error: "./items/a.md" names the same item as "a" on line 1 (X-1)` + fix,
		}, ranks: map[string]int{"X-1": 1, "f": 2, "g": 0}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := withID(item("a", "ready"), "X-1")
			a.Slug = "alpha"
			b := backlog(nil, a, item("f", "ready"), item("g", "ready"))
			var got model.Findings
			b.Order = load.ParseOrder("order.yaml", []byte(tt.order), &got)
			order.Rank(b)
			got = append(got, Backlog(b)...)
			var lines []string
			for _, f := range got {
				lines = append(lines, f.Pos.String()+": "+f.Severity.String()+": "+f.Message)
			}
			if strings.Join(lines, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(lines, "\n"), strings.Join(tt.want, "\n"))
			}
			for _, it := range b.Items {
				if it.Rank != tt.ranks[it.ID] {
					t.Errorf("%s is ranked #%d, want #%d", it.ID, it.Rank, tt.ranks[it.ID])
				}
			}
		})
	}
}
