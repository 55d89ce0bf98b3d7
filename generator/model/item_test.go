package model

import "testing"

// TestItemReferences: an item is named by its id, slug or file in any case, and, where
// one prefix numbers every numbered item, by its number under Backlog.md's default
// prefix (projects that changed task_prefix keep "task-100" in older files).
func TestItemReferences(t *testing.T) {
	one := &Backlog{Items: []*Item{
		{ID: "BACK-100", Path: "tasks/back-100 - Setup.md"},
		{ID: "BACK-100.2", Path: "tasks/back-100.2 - Server.md"},
		{ID: "readme", Path: "tasks/readme.md"},
	}}
	two := &Backlog{Items: []*Item{{ID: "bug-12", Path: "bug-12.md"}, {ID: "story-12", Path: "story-12.md"}}}
	for _, tt := range []struct {
		b         *Backlog
		ref, want string
	}{
		{one, "BACK-100", "BACK-100"},
		{one, "back-100.2", "BACK-100.2"},
		{one, "back-100.2 - Server.md", "BACK-100.2"},
		{one, "task-100", "BACK-100"},
		{one, "task-100.2", "BACK-100.2"},
		{one, "TASK-100.2", "BACK-100.2"},
		{one, "bakc-100", ""},
		{one, "bug-100", ""},
		{one, "task-100.3", ""},
		{one, "task-10", ""},
		{one, "100", ""},
		{one, "task-100.", ""},
		{two, "bug-12", "bug-12"},
		{two, "task-12", ""},
	} {
		got := ""
		if it := tt.b.Item(tt.ref); it != nil {
			got = it.ID
		}
		if got != tt.want {
			t.Errorf("Item(%q) = %q, want %q", tt.ref, got, tt.want)
		}
	}
}

func TestNaturalCompare(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		less bool
	}{
		{"item-2", "item-10", true}, {"item-10", "item-2", false}, {"a", "b", true},
		{"x-002", "x-10", true}, {"v1.2", "v1.10", true}, {"item", "item-1", true},
		{"n99999999999999999999998", "n99999999999999999999999", true},
	} {
		if got := NaturalCompare(tt.a, tt.b) < 0; got != tt.less {
			t.Errorf("NaturalCompare(%q, %q) < 0 = %v, want %v", tt.a, tt.b, got, tt.less)
		}
	}
}
