package edit

import (
	"strings"
	"testing"
)

func TestMove(t *testing.T) {
	const file = `# The PO's ranking.
# Most important first.

# must ship first
- sync-engine
- offline-mode  # customers ask weekly

- dark-theme
# trailing note
`
	// Entries move with the comments right above them; blank lines stay where they are.
	tests := []struct {
		name  string
		id    string
		where Where
		want  string
	}{
		{"to top", "dark-theme", Where{Top: true}, `# The PO's ranking.
# Most important first.

- dark-theme
# must ship first
- sync-engine

- offline-mode  # customers ask weekly
# trailing note
`},
		{"to bottom keeps its comment", "sync-engine", Where{Bottom: true}, `# The PO's ranking.
# Most important first.

- offline-mode  # customers ask weekly
- dark-theme

# must ship first
- sync-engine
# trailing note
`},
		{"before", "dark-theme", Where{Before: "offline-mode"}, `# The PO's ranking.
# Most important first.

# must ship first
- sync-engine
- dark-theme

- offline-mode  # customers ask weekly
# trailing note
`},
		{"after", "sync-engine", Where{After: "offline-mode"}, `# The PO's ranking.
# Most important first.

- offline-mode  # customers ask weekly
# must ship first
- sync-engine

- dark-theme
# trailing note
`},
		{"new id", "share-sheet", Where{After: "sync-engine"}, `# The PO's ranking.
# Most important first.

# must ship first
- sync-engine
- share-sheet

- offline-mode  # customers ask weekly
- dark-theme
# trailing note
`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Move([]byte(file), tt.id, tt.where)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tt.want)
			}
		})
	}
}

func TestMoveEdgeCases(t *testing.T) {
	for _, tt := range []struct{ name, in, id, want string }{
		{"empty file", "", "a", "- a\n"},
		{"header only", "# ranking\n", "a", "# ranking\n- a\n"},
		{"flow list", "[a, b]\n", "b", "- b\n- a\n"},
		{"crlf", "- a\r\n- b\r\n", "b", "- b\r\n- a\r\n"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Move([]byte(tt.in), tt.id, Where{Top: true})
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
	if _, err := Move([]byte("- a\n"), "a", Where{Before: "zz"}); err == nil {
		t.Error("moving before an id not in the order succeeded")
	}
	got, _ := Append([]byte("# r\n- a\n"), []string{"a", "b", "c"})
	if string(got) != "# r\n- a\n- b\n- c\n" {
		t.Errorf("Append = %q", got)
	}
}

func TestMoveNextToItself(t *testing.T) {
	for _, where := range []Where{{Before: "a"}, {After: "a"}} {
		_, err := Move([]byte("- a\n- b\n"), "a", where)
		if err == nil || !strings.Contains(err.Error(), `"a" cannot be ranked next to itself`) {
			t.Errorf("Move(a, %+v) = %v, want an error saying a cannot be ranked next to itself", where, err)
		}
	}
}

func TestRemove(t *testing.T) {
	const file = "# The PO's ranking\n\n- a\n# b is next\n- b\n\n- c\n"
	for _, tc := range []struct{ id, want string }{
		{"b", "# The PO's ranking\n\n- a\n\n- c\n"},
		{"a", "# The PO's ranking\n\n# b is next\n- b\n\n- c\n"},
		{"c", "# The PO's ranking\n\n- a\n# b is next\n- b\n\n"},
		{"nope", file},
	} {
		got, err := Remove([]byte(file), tc.id)
		if err != nil || string(got) != tc.want {
			t.Errorf("Remove(%s) = %q, %v; want %q", tc.id, got, err, tc.want)
		}
	}
	if got, _ := Remove([]byte("# header\n- only\n"), "only"); string(got) != "# header\n" {
		t.Errorf("the only entry: %q", got)
	}
}

// An item order.yaml lists under several names is ranked once after a move: the first
// entry naming it moves, keeping its spelling and comment, and the others go.
func TestMoveRemovesAliases(t *testing.T) {
	for _, tt := range []struct {
		name, in, id string
		aliases      []string
		where        Where
		want         string
	}{
		{"stale alias below", "- a\n- g\n- X-1\n", "a", []string{"X-1"}, Where{After: "g"}, "- g\n- a\n"},
		{"stale alias above the place", "- a\n- X-1\n- g\n", "a", []string{"X-1"}, Where{Bottom: true}, "- g\n- a\n"},
		{"several aliases, comments and blank lines", "# ranking\n\n# first\n- a\n- f\n\n# stale\n- ./items/a.md\n- g\n- A  # again\n",
			"a", []string{"./items/a.md", "A"}, Where{Before: "g"},
			"# ranking\n\n- f\n# first\n- a\n\n- g\n"},
		{"the same spelling twice", "- f\n- a\n- f\n- g\n", "f", nil, Where{Bottom: true}, "- a\n- g\n- f\n"},
		{"no alias listed", "- a\n- g\n", "a", []string{"X-1"}, Where{After: "g"}, "- g\n- a\n"},
		{"not listed yet", "- g\n", "X-1", []string{"a"}, Where{Top: true}, "- X-1\n- g\n"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Move([]byte(tt.in), tt.id, tt.where, tt.aliases...)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
	if _, err := Move([]byte("- a\n- g\n- X-1\n"), "a", Where{After: "X-1"}, "X-1"); err == nil || !strings.Contains(err.Error(), "next to itself") {
		t.Errorf("moving an item next to its own alias = %v, want an error", err)
	}
}

func TestRemoveAliases(t *testing.T) {
	got, err := Remove([]byte("- a\n- g\n# stale\n- X-1\n- A\n"), "a", "X-1", "A")
	if err != nil || string(got) != "- g\n" {
		t.Errorf("Remove = %q, %v; want every entry naming the item gone", got, err)
	}
}
