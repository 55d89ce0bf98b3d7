package load

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/backlogtool/backlog/generator/model"
)

func file(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s)} }

// TestLoadItemsWhereTheyAre reads items from the folders and patterns backlog.yaml
// names, with any file name, their ids from the id field or the file name.
func TestLoadItemsWhereTheyAre(t *testing.T) {
	fsys := fstest.MapFS{
		"backlog.yaml":                      file("items: [tasks, completed, \"rfcs/*.md\"]\nexclude: [README.md, \"rfcs/0000-*\"]\n"),
		"tasks/back-1 - CLI Setup.md":       file("---\nid: BACK-1\ntitle: CLI setup\nstatus: ready\n---\n"),
		"tasks/task-100.1.md":               file("---\ntitle: Sub task\nstatus: ready\ndepends_on: [back-1]\n---\n"),
		"tasks/README.md":                   file("# Not an item\n"),
		"completed/Über Groß [v2].md":       file("---\ntitle: Done one\nstatus: done\n---\n"),
		"rfcs/0001-first.md":                file("---\ntitle: First\nstatus: ready\n---\n"),
		"rfcs/0000-template.md":             file("---\ntitle: Template\n---\n"),
		"items/ignored-since-not-listed.md": file("---\ntitle: X\nstatus: ready\n---\n"),
		"order.yaml":                        file("- back-1 - cli setup.md\n- TASK-100.1\n"),
	}
	b, findings := Load(fsys)
	checkFindings(t, findings, nil)
	var got []string
	for _, it := range b.Items {
		got = append(got, it.ID+"="+it.Slug+"@"+it.Path)
	}
	want := "0001-first=0001-first@rfcs/0001-first.md BACK-1=back-1@tasks/back-1 - CLI Setup.md task-100.1=task-100-1@tasks/task-100.1.md Über Groß [v2]=uber-gro-udf-v2@completed/Über Groß [v2].md"
	if strings.Join(got, " ") != want {
		t.Errorf("items =\n%s\nwant\n%s", strings.Join(got, " "), want)
	}
	if it := b.Item("back-1 - cli setup.md"); it == nil || it.ID != "BACK-1" {
		t.Errorf("the file name does not find BACK-1: %v", it)
	}
}

func TestLoadSlugCollisions(t *testing.T) {
	fsys := fstest.MapFS{
		"backlog.yaml":       file(""),
		"items/Fix Login.md": file("---\ntitle: A\nstatus: ready\n---\n"),
		"items/fix-login.md": file("---\ntitle: B\nstatus: ready\n---\n"),
		"items/a.md":         file("---\nid: X-1\ntitle: C\nstatus: ready\n---\n"),
		"items/b.md":         file("---\nid: x-1\ntitle: D\nstatus: ready\n---\n"),
	}
	_, findings := Load(fsys)
	var lines []string
	for _, f := range findings {
		lines = append(lines, f.Pos.String()+": "+f.Message)
	}
	want := []string{
		`items/fix-login.md: id "fix-login" gives the page items/fix-login/, as the id "Fix Login" of items/Fix Login.md does`,
		`items/b.md:2:5: id "x-1" is also the id of items/a.md`,
	}
	if len(lines) != len(want) {
		t.Fatalf("findings = %q, want %q", lines, want)
	}
	for i := range want {
		if !strings.HasPrefix(lines[i], want[i]) {
			t.Errorf("finding %q, want %q", lines[i], want[i])
		}
	}
}

func TestModelSlug(t *testing.T) {
	long := strings.Repeat("a", 130)
	for _, tt := range []struct{ id, want string }{
		{"sync-engine", "sync-engine"},
		{"BACK-200", "back-200"},
		{"back-1 - cli-setup-core-project", "back-1-cli-setup-core-project"},
		{"task-100.1", "task-100-1"},
		{"CIP-0030", "cip-0030"},
		{"2718", "2718"},
		{"任务", "u4efb-u52a1"},
		{"con", "con-item"},
		{"---", "item"},
		{long, strings.Repeat("a", 103) + "-"},
	} {
		got := model.Slug(tt.id)
		if !strings.HasPrefix(got, tt.want) || tt.id != long && got != tt.want {
			t.Errorf("Slug(%q) = %q, want %q", tt.id, got, tt.want)
		}
	}
	// A long id keeps a hash of itself: two long ids alike in their first bytes differ.
	if a, b := model.Slug(long+"x"), model.Slug(long+"y"); a == b || len(a) > 120 {
		t.Errorf("long slugs %q and %q", a, b)
	}
}

// Markdown files the items folder holds under another extension are not items, and
// each gets a warning saying how to make it one.
func TestOtherMarkdownExtensionsWarned(t *testing.T) {
	fsys := fstest.MapFS{
		"backlog.yaml":          file("exclude: [items/Skip.markdown]\n"),
		"items/a.md":            file("---\ntitle: A\nstatus: ready\n---\n"),
		"items/Upper.MD":        file("---\ntitle: U\nstatus: ready\n---\n"),
		"items/longer.markdown": file("---\ntitle: L\nstatus: ready\n---\n"),
		"items/Skip.markdown":   file("---\ntitle: S\nstatus: ready\n---\n"),
		"items/diagram.png":     file("png"),
		"items/notes.txt":       file("text"),
	}
	b, findings := Load(fsys)
	checkFindings(t, findings, []string{
		"warning: not read as an item: item files end in .md: rename it to Upper.md, or list it in exclude: in backlog.yaml",
		"warning: not read as an item: item files end in .md: rename it to longer.md, or list it in exclude: in backlog.yaml",
	})
	for i, file := range []string{"items/Upper.MD", "items/longer.markdown"} {
		if findings[i].Pos.File != file {
			t.Errorf("finding %d is at %q, want %q", i, findings[i].Pos.File, file)
		}
	}
	if len(b.Items) != 1 {
		t.Errorf("items: %d, want only a.md", len(b.Items))
	}
}
