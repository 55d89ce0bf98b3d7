package diff

import (
	"reflect"
	"testing"
	"testing/fstest"

	"github.com/backlogtool/backlog/generator/load"
	"github.com/backlogtool/backlog/generator/order"
)

// loaded reads a content folder of the given items (file name -> content) and order.yaml
// as the pipeline's first stages do, so that each item knows its file.
func loaded(t *testing.T, label, orderYAML string, items map[string]string) *Side {
	t.Helper()
	fsys := fstest.MapFS{
		"backlog.yaml": {Data: []byte("title: Test\n")},
		"order.yaml":   {Data: []byte(orderYAML)},
	}
	for name, data := range items {
		fsys["items/"+name] = &fstest.MapFile{Data: []byte(data)}
	}
	b, findings := load.Load(fsys)
	if findings.HasErrors() {
		t.Fatalf("%s: %v", label, findings)
	}
	order.Rank(b)
	return &Side{Label: label, Backlog: b}
}

const (
	tourBody  = "Walk a new user through the first project: create it, add an item, rank it,\nand open the board. Each step is one screen, with a way to skip the rest.\nThe tour starts on the first visit and never again.\n"
	tourFile  = "---\ntitle: A guided onboarding tour\nstatus: proposed\n---\n" + tourBody
	otherFile = "---\ntitle: Export to CSV\nstatus: proposed\n---\nA button on the backlog writes every item as a row of a CSV file, for spreadsheets.\n"
	syncFile  = "---\ntitle: Sync engine\nstatus: ready\n---\nThe engine that merges the changes of two devices.\n"
)

// TestRenames: an item whose file is renamed (with the matching edit of order.yaml) is
// one rename, not an item added and one removed, and keeps its rank; its other changes
// are reported under its new id.
func TestRenames(t *testing.T) {
	baseOrder := "- sync-engine\n- a-guided-onboarding-tour\n- export\n"
	base := map[string]string{"sync-engine.md": syncFile, "a-guided-onboarding-tour.md": tourFile, "export.md": otherFile}
	tests := []struct {
		name      string
		headOrder string
		head      map[string]string
		want      Report
	}{{
		name:      "renamed at its rank",
		headOrder: "- sync-engine\n- onboarding-tour\n- export\n",
		head:      map[string]string{"sync-engine.md": syncFile, "onboarding-tour.md": tourFile, "export.md": otherFile},
		want: Report{
			Renamed: []Rename{{From: "a-guided-onboarding-tour", To: "onboarding-tour", Title: "A guided onboarding tour", Status: "proposed", Rank: 2}},
		},
	}, {
		name:      "renamed with an edit of its title, status and body",
		headOrder: "- sync-engine\n- onboarding-tour\n- export\n",
		head: map[string]string{"sync-engine.md": syncFile, "export.md": otherFile,
			"onboarding-tour.md": "---\ntitle: Onboarding tour\nstatus: ready\n---\n" + tourBody + "It is shown again from the help menu.\n"},
		want: Report{
			Renamed: []Rename{{From: "a-guided-onboarding-tour", To: "onboarding-tour", Title: "Onboarding tour", Status: "ready", Rank: 2}},
			Status:  []StatusChange{{ID: "onboarding-tour", Title: "Onboarding tour", From: "proposed", To: "ready"}},
			Fields: []FieldChange{
				{ID: "onboarding-tour", Field: "title", From: "A guided onboarding tour", To: "Onboarding tour"},
				{ID: "onboarding-tour", Field: "body", From: bodyDigest([]byte(tourBody)), To: bodyDigest([]byte(tourBody + "It is shown again from the help menu.\n"))},
			},
		},
	}, {
		name:      "renamed and moved to the top",
		headOrder: "- onboarding-tour\n- sync-engine\n- export\n",
		head:      map[string]string{"sync-engine.md": syncFile, "onboarding-tour.md": tourFile, "export.md": otherFile},
		want: Report{
			Renamed: []Rename{{From: "a-guided-onboarding-tour", To: "onboarding-tour", Title: "A guided onboarding tour", Status: "proposed", Rank: 1}},
			Moves:   []RankMove{{ID: "onboarding-tour", Title: "A guided onboarding tour", From: 2, To: 1}},
			Shifted: 1,
		},
	}, {
		name:      "an item removed and another added, not alike",
		headOrder: "- sync-engine\n- a-guided-onboarding-tour\n- import\n",
		head: map[string]string{"sync-engine.md": syncFile, "a-guided-onboarding-tour.md": tourFile,
			"import.md": "---\ntitle: Import from Jira\nstatus: proposed\n---\nRead a Jira export and write one file per issue, ranked as the board was.\n"},
		want: Report{
			Added:   []ItemRef{{ID: "import", Title: "Import from Jira", Status: "proposed", Rank: 3}},
			Removed: []ItemRef{{ID: "export", Title: "Export to CSV", Status: "proposed", Rank: 3}},
			Moves:   []RankMove{{ID: "import", Title: "Import from Jira", To: 3}, {ID: "export", Title: "Export to CSV", From: 3}},
		},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Compare(loaded(t, "base", baseOrder, base), loaded(t, "head", tt.headOrder, tt.head))
			got := Report{Added: r.Added, Removed: r.Removed, Renamed: r.Renamed, Status: r.Status, Fields: r.Fields, Moves: r.Moves, Shifted: r.Shifted}
			want := tt.want
			for _, l := range []*[]ItemRef{&want.Added, &want.Removed} {
				if *l == nil {
					*l = []ItemRef{}
				}
			}
			if want.Renamed == nil {
				want.Renamed = []Rename{}
			}
			if want.Status == nil {
				want.Status = []StatusChange{}
			}
			if want.Fields == nil {
				want.Fields = []FieldChange{}
			}
			if want.Moves == nil {
				want.Moves = []RankMove{}
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("got\n%+v\nwant\n%+v", got, want)
			}
			if r.Empty() {
				t.Error("the report is Empty")
			}
		})
	}
}

// TestRenamedOnlyIsNotEmpty: a report whose one change is a rename has something to say.
func TestRenamedOnlyIsNotEmpty(t *testing.T) {
	r := &Report{Renamed: []Rename{{From: "a", To: "b"}}}
	if r.Empty() {
		t.Error("a report of a rename is Empty")
	}
}

// TestIDsAreComparedExactly: an item a pull request adds is added, even where a
// reference by its number (task-3) would name an item already there (back-3).
func TestIDsAreComparedExactly(t *testing.T) {
	item := func(id, title string) string {
		return "---\nid: " + id + "\ntitle: " + title + "\nstatus: proposed\n---\nBody of " + title + ".\n"
	}
	base := loaded(t, "base", "- back-3\n", map[string]string{"back-3.md": item("back-3", "Three")})
	head := loaded(t, "head", "- back-3\n", map[string]string{"back-3.md": item("back-3", "Three"), "task-3.md": item("task-3", "Crash on start")})
	r := Compare(base, head)
	if len(r.Added) != 1 || r.Added[0].ID != "task-3" || len(r.Fields)+len(r.Status)+len(r.Removed)+len(r.Renamed) != 0 {
		t.Errorf("added %v, fields %v, status %v, removed %v, renamed %v", r.Added, r.Fields, r.Status, r.Removed, r.Renamed)
	}
}
