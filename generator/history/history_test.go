package history

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/backlogtool/backlog/generator/model"
	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// repoBuilder makes a real repository in a temporary folder, commit by commit.
type repoBuilder struct {
	t    *testing.T
	dir  string
	repo *git.Repository
	wt   *git.Worktree
}

func newRepo(t *testing.T) *repoBuilder {
	t.Helper()
	return newRepoIn(t, t.TempDir())
}

func newRepoIn(t *testing.T, dir string) *repoBuilder {
	t.Helper()
	repo, err := git.PlainInit(dir, false)
	if err != nil {
		t.Fatal(err)
	}
	wt, _ := repo.Worktree()
	return &repoBuilder{t: t, dir: dir, repo: repo, wt: wt}
}

func day(d int) time.Time { return time.Date(2026, 1, d, 12, 0, 0, 0, time.UTC) }

// commit writes files (an empty content deletes), then commits as author on the given day.
func (r *repoBuilder) commit(author string, when time.Time, files map[string]string, parents ...plumbing.Hash) plumbing.Hash {
	r.t.Helper()
	for name, content := range files {
		full := filepath.Join(r.dir, name)
		if content == "" {
			if _, err := r.wt.Remove(name); err != nil {
				r.t.Fatal(err)
			}
			continue
		}
		os.MkdirAll(filepath.Dir(full), 0o755)
		if err := os.WriteFile(full, []byte(content), 0o644); err != nil {
			r.t.Fatal(err)
		}
		if _, err := r.wt.Add(name); err != nil {
			r.t.Fatal(err)
		}
	}
	sig := &object.Signature{Name: author, Email: author + "@example.org", When: when}
	h, err := r.wt.Commit("change by "+author, &git.CommitOptions{Author: sig, Committer: sig, Parents: parents, AllowEmptyCommits: true})
	if err != nil {
		r.t.Fatal(err)
	}
	return h
}

func item(title, status, extra string) string {
	return "---\ntitle: " + title + "\nstatus: " + status + "\n" + extra + "---\nThe body of " + title + ", long enough to be recognised after a rename.\nIt has a second line.\nAnd a third one.\n"
}

func TestReadHistory(t *testing.T) {
	r := newRepo(t)
	r.commit("alice", day(1), map[string]string{
		"content/backlog.yaml": "title: T\n",
		"content/order.yaml":   "- a\n- b\n",
		"content/items/a.md":   item("A", "proposed", "release: r1\n"),
		"content/items/b.md":   item("B", "proposed", "release: r1\n"),
		"README.md":            "outside the content folder",
	})
	r.commit("bob", day(5), map[string]string{"content/items/a.md": item("A", "ready", "release: r1\n")})
	r.commit("po", day(10), map[string]string{"content/order.yaml": "- b\n- a\n"})
	// Rename b to b2 and change it a little in the same commit.
	r.commit("carol", day(15), map[string]string{"content/items/b.md": "", "content/items/b2.md": item("B", "done", "release: r1\n")})
	main := r.commit("po", day(16), map[string]string{"content/order.yaml": "- b2\n- a\n"})

	// A branch proposes c; main moves on; the branch is merged on day 25.
	feature := r.commit("dave", day(20), map[string]string{"content/items/c.md": item("C", "proposed", "")}, main)
	if err := r.wt.Reset(&git.ResetOptions{Commit: main, Mode: git.HardReset}); err != nil {
		t.Fatal(err)
	}
	mainTip := r.commit("erin", day(22), map[string]string{"content/items/a.md": item("A", "in-progress", "release: r1\n")}, main)
	r.commit("maintainer", day(25), map[string]string{"content/items/c.md": item("C", "proposed", "")}, mainTip, feature)

	res, err := Read(filepath.Join(r.dir, "content"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res.History.Notice != "" {
		t.Errorf("notice: %s", res.History.Notice)
	}
	a, b2, c := res.Items["a"], res.Items["b2"], res.Items["c"]
	if a == nil || b2 == nil || c == nil || res.Items["b"] != nil {
		t.Fatalf("items: %v", res.Items)
	}
	check := func(what string, ch model.Change, author string, date time.Time) {
		t.Helper()
		if ch.Author != author || !ch.Date.Equal(date) {
			t.Errorf("%s: %s on %s, want %s on %s", what, ch.Author, ch.Date, author, date)
		}
	}
	check("a created", *a.Created, "alice", day(1))
	check("a updated", a.Updated, "erin", day(22))
	if len(a.Statuses) != 3 || a.Statuses[1].From != "proposed" || a.Statuses[1].To != "ready" || a.Statuses[2].To != "in-progress" {
		t.Errorf("a statuses: %+v", a.Statuses)
	}
	check("a ready", a.Statuses[1].Change, "bob", day(5))
	// The rename keeps b's history: created by alice, renamed (and done) by carol.
	check("b2 created", *b2.Created, "alice", day(1))
	check("b2 updated", b2.Updated, "carol", day(15))
	if len(b2.Statuses) != 2 || b2.Statuses[1].To != "done" {
		t.Errorf("b2 statuses: %+v", b2.Statuses)
	}
	// Rank moves: day 1 a and b became ranked; day 10 the PO moved b above a.
	if len(b2.Ranks) < 2 || b2.Ranks[1].From != 2 || b2.Ranks[1].To != 1 || !b2.Ranks[1].Date.Equal(day(10)) {
		t.Errorf("b2 ranks: %+v", b2.Ranks)
	}
	// c reached the main line with the merge on day 25, proposed by dave on his branch on
	// day 20: git log dates the file so. In the backlog it is since the merge.
	check("c created", *c.Created, "dave", day(20))
	check("c updated", c.Updated, "dave", day(25))
	check("c proposed as", c.Statuses[0].Change, "dave", day(25))
	// A warm read gives the same dates: the cache keeps a merge's two dates for one author.
	cache := t.TempDir()
	for i := range 2 {
		res, err := Read(filepath.Join(r.dir, "content"), Options{CacheDir: cache})
		if err != nil {
			t.Fatal(err)
		}
		c := res.Items["c"]
		check(fmt.Sprintf("read %d: c created", i), *c.Created, "dave", day(20))
		check(fmt.Sprintf("read %d: c updated", i), c.Updated, "dave", day(25))
	}

	var kinds []string
	for _, e := range res.History.Events {
		kinds = append(kinds, string(e.Kind)+":"+e.Item)
	}
	// The rename is one event, and the PO's matching edit of order.yaml is no move.
	want := []string{"proposed:c", "status:a", "status:b2", "renamed:b2", "reordered:", "status:a", "reordered:", "proposed:b", "proposed:a"}
	if len(kinds) != len(want) {
		t.Fatalf("events %v, want %v", kinds, want)
	}
	for i := range want {
		if kinds[i] != want[i] {
			t.Errorf("event %d = %s, want %s (all: %v)", i, kinds[i], want[i], kinds)
		}
	}
	burn := res.History.Burnup["r1"]
	if len(burn) == 0 || burn[len(burn)-1].Scope != 2 || burn[len(burn)-1].Done != 1 {
		t.Errorf("burn-up r1: %+v", burn)
	}
}

func TestNotARepository(t *testing.T) {
	dir := t.TempDir()
	res, err := Read(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res.History.Notice == "" || len(res.Items) != 0 {
		t.Errorf("result %+v", res.History)
	}
}

// smallRepo makes a three-commit history: a proposed on day 1, b on day 2, a ready on day 3.
func smallRepo(t *testing.T) (*repoBuilder, []plumbing.Hash) {
	r := newRepo(t)
	h1 := r.commit("alice", day(1), map[string]string{"content/backlog.yaml": "title: T\n", "content/items/a.md": item("A", "proposed", "")})
	h2 := r.commit("bob", day(2), map[string]string{"content/items/b.md": item("B", "proposed", ""), "content/order.yaml": "- b\n- a\n"})
	h3 := r.commit("carol", day(3), map[string]string{"content/items/a.md": item("A", "ready", "")})
	return r, []plumbing.Hash{h1, h2, h3}
}

func TestShallowClone(t *testing.T) {
	r, commits := smallRepo(t)
	// A shallow clone of depth 2 records its boundary commit in .git/shallow.
	if err := os.WriteFile(filepath.Join(r.dir, ".git", "shallow"), []byte(commits[1].String()+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := Read(filepath.Join(r.dir, "content"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !res.History.Shallow || res.History.Notice == "" {
		t.Fatalf("shallow clone not noticed: %+v", res.History)
	}
	for _, id := range []string{"a", "b"} {
		if res.Items[id] == nil || res.Items[id].Created != nil {
			t.Errorf("%s: proposal date claimed from beyond the boundary: %+v", id, res.Items[id])
		}
	}
	if a := res.Items["a"]; a.Updated.Author != "carol" || len(a.Statuses) != 1 || a.Statuses[0].To != "ready" {
		t.Errorf("a after the boundary: %+v", a)
	}
}

func TestCache(t *testing.T) {
	r, _ := smallRepo(t)
	content := filepath.Join(r.dir, "content")
	cacheDir := t.TempDir()
	opts := Options{CacheDir: cacheDir}
	fresh := func() *Result {
		res, err := Read(content, Options{})
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	cachedRead := func() *Result {
		res, err := Read(content, opts)
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	same := func(what string, a, b *Result) {
		t.Helper()
		if len(a.Items) != len(b.Items) || len(a.History.Events) != len(b.History.Events) {
			t.Fatalf("%s: %d items %d events, want %d items %d events", what, len(a.Items), len(a.History.Events), len(b.Items), len(b.History.Events))
		}
		for id, h := range b.Items {
			if a.Items[id] == nil || a.Items[id].Updated.Commit != h.Updated.Commit || len(a.Items[id].Statuses) != len(h.Statuses) {
				t.Errorf("%s: item %s differs", what, id)
			}
		}
	}
	same("first, filling the cache", cachedRead(), fresh())
	same("from the cache", cachedRead(), fresh())

	// One new commit: the cache is extended, not rebuilt, and agrees with a fresh walk.
	r.commit("dave", day(4), map[string]string{"content/items/b.md": item("B", "done", "")})
	same("after a new commit", cachedRead(), fresh())

	// An item removed in one build and added again in the next keeps its history
	// through the cache.
	r.commit("dave", day(4), map[string]string{"content/items/a.md": ""})
	same("after a removal", cachedRead(), fresh())
	r.commit("dave", day(5), map[string]string{"content/items/a.md": item("A", "ready", "")})
	if a := cachedRead().Items["a"]; a == nil || a.Created == nil || !a.Created.Date.Equal(day(1)) {
		t.Errorf("a added again, read through the cache: %+v", a)
	}
	same("after adding again", cachedRead(), fresh())

	// A corrupt cache is ignored and rebuilt.
	files, _ := filepath.Glob(filepath.Join(cacheDir, "*.gob"))
	if len(files) != 1 {
		t.Fatalf("cache files: %v", files)
	}
	data, _ := os.ReadFile(files[0])
	data[len(data)/2] ^= 0xff
	os.WriteFile(files[0], data, 0o644)
	same("after corruption", cachedRead(), fresh())

	// History rewritten under the cache: the stale tip is not trusted.
	if err := r.wt.Reset(&git.ResetOptions{Commit: mustHash(t, r, "HEAD~2"), Mode: git.HardReset}); err != nil {
		t.Fatal(err)
	}
	r.commit("erin", day(5), map[string]string{"content/items/c.md": item("C", "proposed", "")})
	same("after a rewrite", cachedRead(), fresh())
}

func mustHash(t *testing.T, r *repoBuilder, rev string) plumbing.Hash {
	h, err := r.repo.ResolveRevision(plumbing.Revision(rev))
	if err != nil {
		t.Fatal(err)
	}
	return *h
}

// Burn-ups count an item's status as the build reads it: by id or title, in any case
// and spelling, as other tools' items name statuses ("To Do", "In Progress").
func TestCategoryMatchesStatusesAsTheBuildDoes(t *testing.T) {
	r := readRoadmap([]byte("statuses:\n  - {id: todo, title: To Do, category: todo}\n  - {id: in-progress, title: In Progress, category: doing}\n  - {id: done, title: Done!, category: done}\n  - {id: wont, title: Won't do, category: dropped}\n"))
	for status, want := range map[string]string{
		"todo": model.Todo, "To Do": model.Todo, "to_do": model.Todo,
		"In Progress": model.Doing, "in progress": model.Doing, "IN-PROGRESS": model.Doing,
		"Done!": model.Done, "done": model.Done, "Won't do": model.Dropped,
		"unknown": "",
	} {
		if got := r.category(status); got != want {
			t.Errorf("category(%q) = %q, want %q", status, got, want)
		}
	}
}

// The burn-up counts an item under its release's name as backlog.yaml writes it, however
// the item names the release: the roadmap looks the chart up by that name.
func TestBurnupUnderTheReleasesName(t *testing.T) {
	r := newRepo(t)
	r.commit("alice", day(1), map[string]string{
		"content/backlog.yaml": "title: T\nreleases:\n  - {name: m-2, description: Web board}\n",
		"content/items/a.md":   item("A", "proposed", "release: m-2\n"),
		"content/items/b.md":   item("B", "proposed", "release: M-2\n"),
		"content/items/c.md":   item("C", "done", "release: Web Board\n"),
		"content/items/d.md":   item("D", "proposed", "release: elsewhere\n"),
	})
	res, err := Read(filepath.Join(r.dir, "content"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	burn := res.History.Burnup["m-2"]
	if len(burn) == 0 || burn[len(burn)-1].Scope != 3 || burn[len(burn)-1].Done != 1 {
		t.Errorf("burn-up m-2: %+v (all: %v)", burn, res.History.Burnup)
	}
	if len(res.History.Burnup["M-2"])+len(res.History.Burnup["Web Board"]) > 0 || len(res.History.Burnup["elsewhere"]) == 0 {
		t.Errorf("burn-ups: %v", res.History.Burnup)
	}
}

// A backlog adopted in place, whose backlog.yaml is only in the working tree, is counted
// with that file's statuses and releases in every commit, and its history is read again
// when the file changes.
func TestAdoptedInPlaceCountsWithTheWorkingTreesSettings(t *testing.T) {
	r := newRepo(t)
	task := func(status string) string {
		return "---\ntitle: T\nstatus: " + status + "\nmilestone: M-1\n---\nBody.\n"
	}
	r.commit("alice", day(1), map[string]string{"backlog/tasks/t-1.md": task("Open"), "backlog/tasks/t-2.md": task("Open")})
	r.commit("bob", day(2), map[string]string{"backlog/tasks/t-1.md": "", "backlog/completed/t-1.md": task("Shipped")})
	settings := "title: T\nitems: [tasks, completed]\nstatuses:\n  - {id: Open, category: todo}\n  - {id: Shipped, category: done}\nreleases:\n  - {name: m-1}\n"
	write := func(s string) {
		if err := os.WriteFile(filepath.Join(r.dir, "backlog", "backlog.yaml"), []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cache := t.TempDir()
	read := func() *Result {
		res, err := Read(filepath.Join(r.dir, "backlog"), Options{CacheDir: cache})
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	write(settings)
	for i := range 2 { // cold, then from the cache
		burn := read().History.Burnup["m-1"]
		if len(burn) == 0 || burn[len(burn)-1].Scope != 2 || burn[len(burn)-1].Done != 1 {
			t.Errorf("read %d: burn-up m-1: %+v", i, burn)
		}
	}
	// Shipped is no longer done: the cached history, counted with the file before, is not used.
	write(strings.Replace(settings, "{id: Shipped, category: done}", "{id: Shipped, category: doing}", 1))
	if burn := read().History.Burnup["m-1"]; len(burn) == 0 || burn[len(burn)-1].Done != 0 {
		t.Errorf("after the edit: burn-up m-1: %+v", burn)
	}
}
