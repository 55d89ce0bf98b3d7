package preview

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/backlogtool/backlog/generator"
	sitewrite "github.com/backlogtool/backlog/generator/write"
	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/rogpeppe/go-internal/txtar"
)

// contentDir unpacks a txtar archive into a new content folder.
func contentDir(t testing.TB, archive string) string {
	t.Helper()
	a, err := txtar.ParseFile(archive)
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "content")
	for _, f := range a.Files {
		write(t, dir, f.Name, string(f.Data))
	}
	return dir
}

func write(t testing.TB, dir, name, content string) {
	t.Helper()
	full := filepath.Join(dir, filepath.FromSlash(name))
	os.MkdirAll(filepath.Dir(full), 0o755)
	if err := os.WriteFile(full, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// sameAsBuild checks the builder's site is byte for byte what `backlog build` writes.
func sameAsBuild(t *testing.T, step string, b *Builder, dir string) {
	t.Helper()
	if d := differences(t, b, dir); d != "" {
		t.Fatalf("%s: %s", step, d)
	}
}

// differences builds dir as `backlog build` does and says how the preview differs
// from it, or "" when every file is the same.
func differences(t *testing.T, b *Builder, dir string) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "public")
	if _, err := generator.Build(generator.Options{ContentDir: dir, OutDir: out, NoHistory: b.opts.NoHistory}); err != nil {
		return fmt.Sprintf("build: %v", err)
	}
	built := map[string][]byte{}
	filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && d.Name() != sitewrite.MarkerFile { // the marker says the folder is build's
			rel, _ := filepath.Rel(out, p)
			built[filepath.ToSlash(rel)], _ = os.ReadFile(p)
		}
		return nil
	})
	served := b.Site().Files()
	var missing, extra, differ []string
	for p, data := range built {
		got, ok := served[p]
		switch {
		case !ok:
			missing = append(missing, p)
		case !bytes.Equal(got, data):
			differ = append(differ, p)
		}
	}
	for p := range served {
		if _, ok := built[p]; !ok {
			extra = append(extra, p)
		}
	}
	slices.Sort(missing)
	slices.Sort(extra)
	slices.Sort(differ)
	if len(missing)+len(extra)+len(differ) > 0 {
		return fmt.Sprintf("preview differs from build: missing %v, extra %v, different %v", missing, extra, differ)
	}
	return ""
}

func TestIncrementalMatchesBuild(t *testing.T) {
	dir := contentDir(t, "testdata/fixture.txtar")
	b, err := NewBuilder(generator.Options{ContentDir: dir, NoHistory: true})
	if err != nil {
		t.Fatal(err)
	}
	if f := b.Findings(); len(f) != 0 {
		t.Fatalf("findings: %v", f)
	}
	sameAsBuild(t, "start", b, dir)
	item := func(title, status, extra, body string) string {
		return "---\ntitle: " + title + "\nstatus: " + status + "\n" + extra + "---\n" + body
	}
	steps := []struct {
		name  string
		apply func()
		paths []string
	}{
		{"body only", func() {
			write(t, dir, "items/offline-mode.md", item("Offline mode", "ready", "depends_on: [sync-engine]\nrelease: \"2027.1\"\n", "New body, see [sync](sync-engine.md).\n"))
		}, []string{"items/offline-mode.md"}},
		{"status change unblocks a dependent", func() {
			write(t, dir, "items/sync-engine.md", item("Sync engine", "done", "release: \"2027.1\"\n", "Done.\n"))
		}, []string{"items/sync-engine.md"}},
		{"new item linked from a body", func() {
			write(t, dir, "items/offline-mode.md", item("Offline mode", "ready", "depends_on: [sync-engine]\n", "Needs [the cache](cache-layer.md).\n"))
		}, []string{"items/offline-mode.md"}},
		{"the linked item appears", func() {
			write(t, dir, "items/cache-layer.md", item("Cache layer", "proposed", "", "A cache.\n"))
		}, []string{"items/cache-layer.md"}},
		{"reorder", func() {
			write(t, dir, "order.yaml", "- offline-mode\n- cache-layer\n- sync-engine\n- dark-theme\n")
		}, []string{"order.yaml"}},
		{"rename", func() {
			os.Remove(filepath.Join(dir, "items/cache-layer.md"))
			write(t, dir, "items/cache.md", item("Cache layer", "proposed", "", "A cache.\n"))
			write(t, dir, "order.yaml", "- offline-mode\n- cache\n- sync-engine\n- dark-theme\n")
		}, []string{"items/cache-layer.md", "items/cache.md", "order.yaml"}},
		{"a dependency is added", func() {
			write(t, dir, "items/share-sheet.md", item("Share sheet", "proposed", "depends_on: [cache]\n", "Share.\n"))
		}, []string{"items/share-sheet.md"}},
		{"remove an item", func() {
			os.Remove(filepath.Join(dir, "items/old-login.md"))
		}, []string{"items/old-login.md"}},
		{"page body", func() { write(t, dir, "pages/vision.md", "# Vision\n\nEverywhere, offline.\n") }, []string{"pages/vision.md"}},
		{"page title", func() { write(t, dir, "pages/vision.md", "# Our vision\n") }, []string{"pages/vision.md"}},
		{"new page", func() { write(t, dir, "pages/faq.md", "# FAQ\n") }, []string{"pages/faq.md"}},
		{"settings", func() {
			write(t, dir, "backlog.yaml", "title: Renamed\nreleases:\n  - {name: \"2027.1\", date: 2027-03-31}\n  - {name: later}\ngoals:\n  - {id: onboarding, title: Faster onboarding}\nfields: [team]\n")
		}, []string{"backlog.yaml"}},
	}
	for _, s := range steps {
		s.apply()
		if !b.Update(s.paths) {
			t.Fatalf("%s: the site did not change; findings %v", s.name, b.Findings())
		}
		if f := b.Findings(); f.HasErrors() {
			t.Fatalf("%s: findings %v", s.name, f)
		}
		sameAsBuild(t, s.name, b, dir)
	}
}

func TestBadContentKeepsLastGoodSite(t *testing.T) {
	dir := contentDir(t, "testdata/fixture.txtar")
	b, err := NewBuilder(generator.Options{ContentDir: dir, NoHistory: true})
	if err != nil {
		t.Fatal(err)
	}
	good := b.Site()
	write(t, dir, "items/offline-mode.md", "---\ntitle: Offline mode\nstatus: nonsense\n---\n")
	if b.Update([]string{"items/offline-mode.md"}) {
		t.Fatal("a broken item changed the site")
	}
	f := b.Findings()
	if !f.HasErrors() || !strings.Contains(f[0].Pos.String()+f[0].Message, `offline-mode.md:3:9`) {
		t.Fatalf("findings: %v", f)
	}
	if b.Site() != good {
		t.Error("the last good site was replaced")
	}
	write(t, dir, "items/offline-mode.md", "---\ntitle: Offline mode\nstatus: ready\n---\nFixed.\n")
	if !b.Update([]string{"items/offline-mode.md"}) || len(b.Findings()) != 0 {
		t.Fatalf("fixing the item did not rebuild: %v", b.Findings())
	}
	sameAsBuild(t, "fixed", b, dir)
}

// TestPreviewWithHistoryMatchesBuild checks the history parts (timelines, change log,
// feed, burn-up charts) come out of the preview as out of a build.
func TestPreviewWithHistoryMatchesBuild(t *testing.T) {
	dir := contentDir(t, "testdata/fixture.txtar")
	repo, err := git.PlainInit(filepath.Dir(dir), false)
	if err != nil {
		t.Fatal(err)
	}
	wt, _ := repo.Worktree()
	commit := func(who string, day int) {
		wt.AddWithOptions(&git.AddOptions{All: true})
		sig := &object.Signature{Name: who, Email: who + "@example.org", When: time.Date(2027, 1, day, 12, 0, 0, 0, time.UTC)}
		if _, err := wt.Commit("change", &git.CommitOptions{Author: sig, Committer: sig}); err != nil {
			t.Fatal(err)
		}
	}
	commit("alice", 1)
	write(t, dir, "items/sync-engine.md", "---\ntitle: Sync engine\nstatus: done\nrelease: \"2027.1\"\n---\nDone.\n")
	commit("bob", 5)
	b, err := NewBuilder(generator.Options{ContentDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := b.Site().File("changes/index.html"); !ok {
		t.Fatal("no change log in the preview")
	}
	sameAsBuild(t, "with history", b, dir)
}
