package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestNewFlagsAfterTitle(t *testing.T) {
	tests := []struct {
		args     []string
		path     string
		contains []string
	}{
		{[]string{"new", "Sync engine", "-type", "feature", "-labels", "sync"}, "content/items/sync-engine.md",
			[]string{"title: Sync engine\n", "type: feature\n", `labels: ["sync"]`}},
		{[]string{"new", "-type", "bug", "Sync", "engine", "-release", "2027.1"}, "content/items/sync-engine.md",
			[]string{"title: Sync engine\n", "type: bug\n", `release: "2027.1"`}},
		// After "--" everything is the title, even words that look like flags.
		{[]string{"new", "-type", "chore", "--", "-v", "flag", "is", "ignored"}, "content/items/v-flag-is-ignored.md",
			[]string{"title: -v flag is ignored\n", "type: chore\n"}},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			dir := smallBacklog(t, nil)
			code, stdout, stderr := runIn(t, dir, tt.args...)
			if code != exitOK {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			if strings.TrimSpace(stdout) != filepath.FromSlash(tt.path) {
				t.Errorf("printed %q, want %q", stdout, tt.path)
			}
			data, err := os.ReadFile(filepath.Join(dir, tt.path))
			if err != nil {
				t.Fatal(err)
			}
			for _, want := range tt.contains {
				if !strings.Contains(string(data), want) {
					t.Errorf("%s lacks %q:\n%s", tt.path, want, data)
				}
			}
			if code, out, _ := runIn(t, dir, "check"); code != exitOK {
				t.Errorf("check after new: exit %d\n%s", code, out)
			}
		})
	}
}

// TestNewTitleInAnyScript: a title in any script names a file that loads, after
// something readable in it.
func TestNewTitleInAnyScript(t *testing.T) {
	tests := []struct{ title, file string }{
		{"Συγχρονισμός εκτός σύνδεσης", "sygchronismos-ektos-syndesis.md"},
		{"オフラインモード", "ofurainmodo.md"},
		{"Синхронизация", "sinkhronizatsiya.md"},
		{"Crème brûlée", "creme-brulee.md"},
	}
	for _, tt := range tests {
		t.Run(tt.title, func(t *testing.T) {
			dir := smallBacklog(t, nil)
			code, stdout, stderr := runIn(t, dir, "new", tt.title)
			if code != exitOK {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			if got := filepath.Base(strings.TrimSpace(stdout)); got != tt.file {
				t.Errorf("new %q wrote %s, want %s", tt.title, got, tt.file)
			}
			if code, out, _ := runIn(t, dir, "check"); code != exitOK {
				t.Errorf("check after new: exit %d\n%s", code, out)
			}
		})
	}
}

// TestNewTitleKeptLetters: letters no table transliterates (Chinese characters) are
// kept in the file's name, which loads as an item; never a bare "item".
func TestNewTitleKeptLetters(t *testing.T) {
	dir := smallBacklog(t, nil)
	code, stdout, stderr := runIn(t, dir, "new", "同期エンジン")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if name := filepath.Base(strings.TrimSpace(stdout)); name != "同期-enjin.md" {
		t.Errorf("new 同期エンジン wrote %s, want 同期-enjin.md", name)
	}
	if code, _, stderr := runIn(t, dir, "rank", "同期-enjin", "-top"); code != exitOK {
		t.Errorf("rank of the new item: exit %d\n%s", code, stderr)
	}
	if code, out, _ := runIn(t, dir, "check"); code != exitOK {
		t.Errorf("check after new: exit %d\n%s", code, out)
	}
}

// TestNewInItemsFolder: new writes where backlog.yaml says the items are.
func TestNewInItemsFolder(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"content/backlog.yaml": "title: T\nitems: [tasks]\n"})
	for _, title := range []string{"Sync engine", "同期エンジン"} {
		code, stdout, stderr := runIn(t, dir, "new", title)
		if code != exitOK || !strings.HasPrefix(strings.TrimSpace(stdout), filepath.Join("content", "tasks")) {
			t.Errorf("new %s: exit %d, wrote %q\n%s", title, code, stdout, stderr)
		}
	}
	if code, out, _ := runIn(t, dir, "check"); code != exitOK {
		t.Errorf("check after new: exit %d\n%s", code, out)
	}
}

// TestNewAvoidsIDClash: new names the file after the first name whose file does not
// exist and whose id no item has, ids set by an id: field included, so check passes.
func TestNewAvoidsIDClash(t *testing.T) {
	item := func(id string) string { return "---\ntitle: Other\nstatus: proposed\nid: " + id + "\n---\n" }
	tests := []struct {
		name  string
		files map[string]string
		title string
		want  string
	}{
		{"an id field", map[string]string{"content/items/other.md": item("offline-mode")},
			"Offline mode", "offline-mode-2.md"},
		{"an id field and a file", map[string]string{"content/items/other.md": item("offline-mode"), "content/items/offline-mode-2.md": item("x")},
			"Offline mode", "offline-mode-3.md"},
		{"a file and an id field", map[string]string{"content/items/offline-mode.md": item("x"), "content/items/other.md": item("offline-mode-2")},
			"Offline mode", "offline-mode-3.md"},
		{"an id in other case", map[string]string{"content/items/other.md": item("Offline-Mode")},
			"Offline mode", "offline-mode-2.md"},
		{"a Backlog.md task", map[string]string{"content/items/task-2 - Read tasks.md": item("task-2")},
			"Task 2", "task-2-2.md"},
		{"an id of another folder's item", map[string]string{"content/backlog.yaml": "title: T\nitems: [items, more]\n", "content/more/sync.md": item("sync-engine")},
			"Sync engine", "sync-engine-2.md"},
		{"no clash", map[string]string{"content/items/other.md": item("offline")},
			"Offline mode", "offline-mode.md"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := smallBacklog(t, nil)
			writeFiles(t, dir, tt.files)
			code, stdout, stderr := runIn(t, dir, "new", tt.title)
			if code != exitOK {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			if got := filepath.Base(strings.TrimSpace(stdout)); got != tt.want {
				t.Errorf("new %q wrote %s, want %s", tt.title, got, tt.want)
			}
			if code, out, _ := runIn(t, dir, "check"); code != exitOK {
				t.Errorf("check after new: exit %d\n%s", code, out)
			}
		})
	}
}
