package load

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/backlogtool/backlog/generator/model"
)

// TestBoardColumns reads the entries of a kanbn index as kanbn does: a link to a task's
// file, or the task's id alone, whose file is tasks/<id>.md.
func TestBoardColumns(t *testing.T) {
	index := "---\nstartedColumns: [Doing]\n---\n# Board\n\n## Backlog\n\n- [plan](tasks/plan.md)\n- write-docs\n* fix bug 12\n\n## Doing\n\n  - ship-it  \n- [site](https://example.com)\n- [ ] not a task\n- ../escape\n- **bold**\n\n## Done\n"
	columns, files := BoardColumns([]byte(index))
	if want := []string{"Backlog", "Doing", "Done"}; !slices.Equal(columns, want) {
		t.Errorf("columns = %q, want %q", columns, want)
	}
	if got, want := files["Backlog"], []string{"tasks/plan.md", "tasks/write-docs.md", "tasks/fix bug 12.md"}; !slices.Equal(got, want) {
		t.Errorf("Backlog = %q, want %q", got, want)
	}
	if got, want := files["Doing"], []string{"tasks/ship-it.md"}; !slices.Equal(got, want) {
		t.Errorf("Doing = %q, want %q", got, want)
	}
	if len(files["Done"]) != 0 {
		t.Errorf("Done = %q, want none", files["Done"])
	}
}

// TestLoadBoard gives each task the column the board lists it in, by a link or by its
// id; a task the board does not list is a new proposal, and the warning says to put it
// on the board, not to add a status the board would not read.
func TestLoadBoard(t *testing.T) {
	fsys := fstest.MapFS{
		"backlog.yaml":        file("items: [tasks]\nboard: index.md\nstatuses:\n  - {id: Backlog, category: todo}\n  - {id: In Progress, category: doing}\n  - {id: Done, category: done}\n"),
		"index.md":            file("# Board\n\n## Backlog\n\n- [linked](tasks/linked.md)\n\n## In Progress\n\n- bare-one\n\n## Done\n\n- bare-two\n- missing-task\n"),
		"tasks/linked.md":     file("---\ntype: task\n---\n# Linked\n"),
		"tasks/bare-one.md":   file("---\ntype: task\n---\n# Bare one\n"),
		"tasks/bare-two.md":   file("# Bare two\n"),
		"tasks/off-board.md":  file("---\ntype: task\n---\n# Off the board\n"),
		"tasks/own-status.md": file("---\nstatus: Done\n---\n# Has its own\n"),
	}
	b, findings := Load(fsys)
	var lines []string
	for _, f := range findings {
		lines = append(lines, f.Pos.String()+": "+f.Severity.String()+": "+f.Message)
	}
	want := []string{`tasks/off-board.md:1:1: warning: not on the board: read as a new proposal with status "Backlog"; index.md lists it in no column: add a line "- [off-board](tasks/off-board.md)" under "## Backlog" of index.md`}
	if !slices.Equal(lines, want) {
		t.Errorf("findings =\n%s\nwant\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}
	var got []string
	for _, it := range b.Items {
		got = append(got, it.ID+"="+it.Status)
	}
	if want := "bare-one=In Progress bare-two=Done linked=Backlog off-board=Backlog own-status=Done"; strings.Join(got, " ") != want {
		t.Errorf("statuses = %s, want %s", strings.Join(got, " "), want)
	}
}

// The line a board is told to add links a file whose name has spaces as Markdown
// reads it, and as the board's reader takes it back.
func TestNotOnBoardLinksAnyFileName(t *testing.T) {
	s := &model.Settings{Board: "index.md", Statuses: []model.Status{{ID: "Backlog", Category: model.Todo}}}
	got := notOnBoard(&model.Item{ID: "fix-bug-12", Path: "tasks/fix bug (12).md"}, s)
	line := "- [fix-bug-12](<tasks/fix bug (12).md>)"
	if !strings.Contains(got, `"`+line+`"`) {
		t.Fatalf("%s", got)
	}
	if _, files := BoardColumns([]byte("## Backlog\n" + line + "\n")); len(files["Backlog"]) != 1 || files["Backlog"][0] != "tasks/fix bug (12).md" {
		t.Errorf("the board reads the line as %v", files)
	}
}
