package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// smallBacklog writes a content folder with the given items (id: status) and order.
func smallBacklog(t *testing.T, order []string, ids ...string) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{"content/backlog.yaml": "title: Test\nreleases:\n  - {name: \"2027.1\", date: 2027-03-31}\n"}
	files["content/order.yaml"] = "# The ranking.\n"
	for _, id := range order {
		files["content/order.yaml"] += "- " + id + "\n"
	}
	for _, id := range ids {
		files["content/items/"+id+".md"] = "---\ntitle: Item " + id + "\nstatus: proposed\n---\n"
	}
	writeFiles(t, dir, files)
	return dir
}

func readOrder(t *testing.T, dir string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, "content", "order.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// TestRankFlagsAnywhere runs rank with its flags before, between and after the id.
func TestRankFlagsAnywhere(t *testing.T) {
	for _, args := range [][]string{
		{"rank", "-content", "content", "c", "-top"}, // the README's order
		{"rank", "c", "-top", "-content", "content"},
		{"rank", "-top", "c"},
		{"rank", "-content=content", "-top", "--", "c"},
		{"rank", "content/items/c.md", "-top"}, // the path the shell completes
		{"rank", "./content/items/c.md", "-before", "content/items/a.md"},
	} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			dir := smallBacklog(t, []string{"a", "b", "c"}, "a", "b", "c")
			code, _, stderr := runIn(t, dir, args...)
			if code != exitOK {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			if got, want := readOrder(t, dir), "# The ranking.\n- c\n- a\n- b\n"; got != want {
				t.Errorf("order.yaml =\n%s\nwant\n%s", got, want)
			}
		})
	}
}

func TestRankUsage(t *testing.T) {
	tests := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"rank", "a", "-before", "a"}, exitUsage, `"a" cannot be ranked next to itself`},
		{[]string{"rank", "a", "-after", "a"}, exitUsage, `"a" cannot be ranked next to itself`},
		{[]string{"rank", "a"}, exitUsage, "say one place"},
		{[]string{"rank", "a", "-top", "-bottom"}, exitUsage, "say one place"},
		{[]string{"rank", "a", "b", "-top"}, exitUsage, "one item at a time"},
		{[]string{"rank", "-top"}, exitUsage, "say which item"},
		{[]string{"rank", "", "-top"}, exitUsage, "say which item"},
		{[]string{"rank", "a", "-unranked"}, exitUsage, "-unranked takes no item"},
		{[]string{"rank", "nope", "-top"}, exitContent, `"nope" is not an item`},
		{[]string{"rank", "a", "-before", "nope"}, exitContent, `"nope" is not an item`},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			dir := smallBacklog(t, []string{"a", "b"}, "a", "b")
			code, _, stderr := runIn(t, dir, tt.args...)
			if code != tt.code || !strings.Contains(stderr, tt.want) {
				t.Errorf("exit %d, stderr %q; want exit %d and %q", code, stderr, tt.code, tt.want)
			}
			if got := readOrder(t, dir); got != "# The ranking.\n- a\n- b\n" {
				t.Errorf("order.yaml changed:\n%s", got)
			}
		})
	}
}

// TestRankUnrankedProposalOrder: proposals are appended oldest first, by the commit that
// proposed them, then the uncommitted ones by file time; ties in natural order.
func TestRankUnrankedProposalOrder(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir()) // the history cache
	dir := smallBacklog(t, []string{"a"}, "a", "zeta")
	day := time.Date(2027, 1, 1, 12, 0, 0, 0, time.UTC)
	commitAll(t, dir, "alice", "alice@example.org", day)
	// An import of many items in one commit, then an older-named one proposed later.
	var ids []string
	for i := 1; i <= 11; i++ {
		ids = append(ids, fmt.Sprintf("imported-%d", i))
	}
	writeFiles(t, dir, itemFiles(ids...))
	commitAll(t, dir, "bob", "bob@example.org", day.AddDate(0, 0, 1))
	writeFiles(t, dir, itemFiles("alpha"))
	commitAll(t, dir, "carol", "carol@example.org", day.AddDate(0, 0, 2))
	// Not committed yet: the file written first is the older proposal.
	writeFiles(t, dir, itemFiles("new-b"))
	old := time.Now().Add(-time.Hour)
	os.Chtimes(filepath.Join(dir, "content/items/new-b.md"), old, old)
	writeFiles(t, dir, itemFiles("new-a"))

	code, stdout, stderr := runIn(t, dir, "rank", "-unranked")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, "ranked 15 unranked items") {
		t.Errorf("stdout %q", stdout)
	}
	want := "# The ranking.\n- a\n- zeta\n"
	for _, id := range append(ids, "alpha", "new-b", "new-a") {
		want += "- " + id + "\n"
	}
	if got := readOrder(t, dir); got != want {
		t.Errorf("order.yaml =\n%s\nwant\n%s", got, want)
	}
}

func itemFiles(ids ...string) map[string]string {
	files := map[string]string{}
	for _, id := range ids {
		files["content/items/"+id+".md"] = "---\ntitle: Item " + id + "\nstatus: proposed\n---\n"
	}
	return files
}

// TestErrorsAreVisible: a command's error naming a hostile folder prints no raw escape.
func TestErrorsAreVisible(t *testing.T) {
	dir := smallBacklog(t, nil)
	code, _, stderr := runIn(t, dir, "check", "-content", "no\x1b[2Jwhere\u202e")
	if code != exitContent || strings.ContainsAny(stderr, "\x1b\u202e") || !strings.Contains(stderr, `no\x1b[2Jwhere\u202e`) {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
}

// TestRankRemovesAliases: an item order.yaml names twice, by its file name and by its
// id, is an error check reports at the second entry; rank moves the item and removes
// the other entry, so order.yaml is valid after.
func TestRankRemovesAliases(t *testing.T) {
	dir := smallBacklog(t, []string{"a", "g", "X-1"}, "g")
	writeFiles(t, dir, map[string]string{"content/items/a.md": "---\nid: X-1\ntitle: Item a\nstatus: proposed\n---\n"})
	code, stdout, _ := runIn(t, dir, "check")
	if want := `content/order.yaml:4:3: "X-1" names the same item as "a" on line 2 (X-1): each item is ranked once: remove one of the lines`; code != exitContent || !strings.Contains(stdout, want) {
		t.Fatalf("check: exit %d, stdout %q; want %d and %q", code, stdout, exitContent, want)
	}
	if code, _, stderr := runIn(t, dir, "rank", "X-1", "-after", "g"); code != exitOK {
		t.Fatalf("rank: exit %d: %s", code, stderr)
	}
	if got, want := readOrder(t, dir), "# The ranking.\n- g\n- a\n"; got != want {
		t.Errorf("order.yaml =\n%s\nwant\n%s", got, want)
	}
	if code, stdout, stderr := runIn(t, dir, "check"); code != exitOK {
		t.Errorf("check after rank: exit %d: %s%s", code, stdout, stderr)
	}
}
