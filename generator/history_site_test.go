package generator

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// These tests commit a history with go-git, build the site, and check that the item
// pages, the change log, the feed, the JSON and the burn-up tell it as git log does.

// gitSite is a repository with a content folder, committed step by step.
type gitSite struct {
	t    *testing.T
	root string
	repo *git.Repository
	wt   *git.Worktree
}

func newGitSite(t *testing.T) *gitSite {
	t.Helper()
	root := t.TempDir()
	repo, err := git.PlainInit(root, false)
	if err != nil {
		t.Fatal(err)
	}
	wt, _ := repo.Worktree()
	return &gitSite{t: t, root: root, repo: repo, wt: wt}
}

// commit writes files (relative to the repository; "" deletes one), then commits them as
// author at when.
func (g *gitSite) commit(author string, when time.Time, files map[string]string) plumbing.Hash {
	g.t.Helper()
	for name, data := range files {
		if data == "" {
			if _, err := g.wt.Remove(name); err != nil {
				g.t.Fatal(err)
			}
			continue
		}
		p := filepath.Join(g.root, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			g.t.Fatal(err)
		}
		if _, err := g.wt.Add(name); err != nil {
			g.t.Fatal(err)
		}
	}
	sig := &object.Signature{Name: author, Email: strings.ToLower(author) + "@example.org", When: when}
	h, err := g.wt.Commit("by "+author, &git.CommitOptions{Author: sig, Committer: sig, AllowEmptyCommits: true})
	if err != nil {
		g.t.Fatal(err)
	}
	return h
}

// build builds the site of the content folder content (relative to the repository)
// without a cache, and returns the output folder and the findings' text.
func (g *gitSite) build(content string) (string, string) {
	g.t.Helper()
	out := filepath.Join(g.t.TempDir(), "public")
	findings, err := Build(Options{ContentDir: filepath.Join(g.root, content), OutDir: out})
	var text strings.Builder
	for _, f := range findings {
		text.WriteString(f.Pos.String() + ": " + f.Message + "\n")
	}
	if err != nil {
		g.t.Fatalf("build: %v\n%s", err, text.String())
	}
	return out, text.String()
}

func readSite(t *testing.T, out, rel string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(rel)))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func day(d int) time.Time { return time.Date(2026, 1, d, 12, 0, 0, 0, time.UTC) }

const siteSettings = "title: T\nreleases:\n  - {name: \"2027.1\", date: 2027-03-31}\n"

func siteItem(title, status string) string {
	return "---\ntitle: " + title + "\nstatus: " + status + "\nrelease: \"2027.1\"\n---\n" +
		"The body of this item, long enough for git to see a rename.\nA second line of it.\nAnd a third.\n"
}

// contains checks that each of want is in the file, and that none of wantNot is.
func contains(t *testing.T, what, text string, want, wantNot []string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(text, w) {
			t.Errorf("%s lacks %q", what, w)
		}
	}
	for _, w := range wantNot {
		if strings.Contains(text, w) {
			t.Errorf("%s has %q", what, w)
		}
	}
}

func TestHistoryFollowsIDThroughRemoval(t *testing.T) {
	g := newGitSite(t)
	g.commit("alice", day(1), map[string]string{"content/backlog.yaml": siteSettings, "content/items/a.md": siteItem("Alpha", "proposed"), "content/items/b.md": siteItem("Beta", "proposed")})
	g.commit("bob", day(2), map[string]string{"content/items/a.md": ""})
	g.commit("carol", day(3), map[string]string{"content/items/a.md": siteItem("Alpha", "ready")})
	out, _ := g.build("content")
	contains(t, "item page", readSite(t, out, "items/a/index.html"),
		[]string{`Proposed</dt><dd><time datetime="2026-01-01T12:00:00Z">2026-01-01</time> by alice`, "removed", "added again", "status Proposed → Ready"},
		[]string{`Proposed</dt><dd><time datetime="2026-01-03`})
	contains(t, "change log", readSite(t, out, "changes/index.html"),
		[]string{"Removed: Alpha", "Added again: Alpha (Ready)", "Proposed: Alpha (Proposed)"}, []string{"Proposed: Alpha (Ready)"})
	contains(t, "backlog.json", readSite(t, out, "backlog.json"), []string{`"created": "2026-01-01T12:00:00Z"`}, []string{`"created": "2026-01-03`})
	contains(t, "feed", readSite(t, out, "feed.xml"), []string{"Removed: Alpha", "Added again: Alpha (Ready)"}, []string{"Proposed: Alpha (Ready)"})
}

func TestHistoryRenameIsOneEvent(t *testing.T) {
	g := newGitSite(t)
	g.commit("alice", day(1), map[string]string{"content/backlog.yaml": siteSettings, "content/order.yaml": "- sync-engine\n- a-guided-onboarding-tour\n",
		"content/items/sync-engine.md": siteItem("Sync engine", "ready"), "content/items/a-guided-onboarding-tour.md": siteItem("A guided onboarding tour", "proposed")})
	g.commit("bob", day(2), map[string]string{"content/items/a-guided-onboarding-tour.md": "", "content/order.yaml": "- sync-engine\n- onboarding-tour\n",
		"content/items/onboarding-tour.md": strings.Replace(siteItem("Onboarding tour", "proposed"), "And a third.", "And a third, edited.", 1)})
	out, _ := g.build("content")
	contains(t, "change log", readSite(t, out, "changes/index.html"),
		[]string{"Renamed: A guided onboarding tour (onboarding-tour, was a-guided-onboarding-tour)"},
		[]string{"Reordered: onboarding-tour ranked", "unranked", "Removed:", "Proposed: Onboarding tour"})
	contains(t, "item page", readSite(t, out, "items/onboarding-tour/index.html"),
		[]string{"renamed from a-guided-onboarding-tour", `Proposed</dt><dd><time datetime="2026-01-01T12:00:00Z">2026-01-01</time> by alice`},
		[]string{"2026-01-02</time> ranked"})
	contains(t, "backlog", readSite(t, out, "index.html"), nil, []string{`class="moved new"`})
	contains(t, "feed", readSite(t, out, "feed.xml"), []string{"Renamed: A guided onboarding tour"}, []string{"unranked"})
}

func TestHistoryFollowsFolderMove(t *testing.T) {
	g := newGitSite(t)
	g.commit("alice", day(1), map[string]string{"backlog/backlog.yaml": siteSettings, "backlog/items/a.md": siteItem("Alpha", "proposed")})
	g.commit("bob", day(2), map[string]string{"backlog/items/a.md": siteItem("Alpha", "ready")})
	// git mv backlog content
	g.commit("carol", day(3), map[string]string{"backlog/backlog.yaml": "", "backlog/items/a.md": "",
		"content/backlog.yaml": siteSettings, "content/items/a.md": siteItem("Alpha", "ready")})
	out, _ := g.build("content")
	contains(t, "item page", readSite(t, out, "items/a/index.html"),
		[]string{`Proposed</dt><dd><time datetime="2026-01-01T12:00:00Z">2026-01-01</time> by alice`, "status Proposed → Ready"},
		[]string{"by carol"})
	contains(t, "change log", readSite(t, out, "changes/index.html"), []string{"Alpha: Proposed → Ready"}, []string{"carol"})
}

func TestHistoryShallowCloneClaimsNothingAtBoundary(t *testing.T) {
	for _, how := range []string{"shallow file", "git clone --depth 2"} {
		t.Run(how, func(t *testing.T) {
			g := newGitSite(t)
			g.commit("alice", day(1), map[string]string{"content/backlog.yaml": siteSettings, "content/order.yaml": "- a\n- b\n",
				"content/items/a.md": siteItem("Alpha", "proposed"), "content/items/b.md": siteItem("Beta", "proposed")})
			boundary := g.commit("bob", day(2), map[string]string{"content/items/c.md": siteItem("Gamma", "proposed"), "content/order.yaml": "- a\n- b\n- c\n"})
			g.commit("carol", day(3), map[string]string{"content/order.yaml": "- c\n- a\n- b\n", "content/items/a.md": siteItem("Alpha", "ready")})
			if how == "shallow file" {
				// What a shallow clone records: the boundary commit listed in .git/shallow.
				if err := os.WriteFile(filepath.Join(g.root, ".git", "shallow"), []byte(boundary.String()+"\n"), 0o644); err != nil {
					t.Fatal(err)
				}
			} else {
				if _, err := exec.LookPath("git"); err != nil {
					t.Skip("git is not installed")
				}
				clone := filepath.Join(t.TempDir(), "clone")
				if out, err := exec.Command("git", "clone", "-q", "--depth", "2", "file://"+g.root, clone).CombinedOutput(); err != nil {
					t.Fatalf("git clone: %v\n%s", err, out)
				}
				g.root = clone
			}
			out, findings := g.build("content")
			if !strings.Contains(findings, "history starts at 2026-01-02") {
				t.Errorf("notice does not name the oldest known date:\n%s", findings)
			}
			changes := readSite(t, out, "changes/index.html")
			contains(t, "change log", changes, []string{"Reordered: c #3 → #1", "Alpha: Proposed → Ready"}, []string{"bob", "2026-01-02</time>", "ranked #"})
			for _, id := range []string{"a", "b", "c"} {
				contains(t, "item "+id, readSite(t, out, "items/"+id+"/index.html"), nil, []string{"by bob", "bob</span>", "ranked #", "Proposed</dt>"})
			}
			contains(t, "feed", readSite(t, out, "feed.xml"), nil, []string{"bob"})
		})
	}
}

func TestHistoryReadsFrontMatterAsTheLoaderDoes(t *testing.T) {
	g := newGitSite(t)
	g.commit("alice", day(1), map[string]string{"content/backlog.yaml": siteSettings,
		"content/items/tour.md":   "---\ntitle: \"A \\\"guided\\\" tour \\U0001F680\"\nstatus: proposed\nrelease: \"2027.1\"\n---\n",
		"content/items/cafe.md":   "---\ntitle: \"Caf\\u00e9\"\nstatus: proposed\nrelease: \"2027.1\"\n---\n",
		"content/items/folded.md": "---\ntitle: >-\n  A folded\n  title\nstatus: proposed\nrelease: \"2027.1\"\n---\n",
		"content/items/flow.md":   "---\n{title: Flow style, status: proposed, release: \"2027.1\"}\n---\n"})
	g.commit("bob", day(2), map[string]string{"content/items/flow.md": "---\n{title: Flow style, status: done, release: \"2027.1\"}\n---\n"})
	out, _ := g.build("content")
	want := []string{"A &#34;guided&#34; tour 🚀", "Café", "A folded title", "Flow style: Proposed → Done"}
	contains(t, "change log", readSite(t, out, "changes/index.html"), want, []string{"U0001F680", "u00e9", "&gt;-"})
	contains(t, "feed", readSite(t, out, "feed.xml"), []string{"A &#34;guided&#34; tour 🚀", "Café", "A folded title", "Flow style: Proposed → Done"}, []string{"U0001F680"})
	contains(t, "roadmap", readSite(t, out, "roadmap/index.html"), []string{"scope grew to 4 items, 1 done"}, nil)
}

func TestHistoryShowsThePMsChanges(t *testing.T) {
	g := newGitSite(t)
	g.commit("alice", day(1), map[string]string{"content/backlog.yaml": siteSettings + "goals:\n  - {id: fast, title: Fast}\n", "content/items/a.md": siteItem("Alpha", "proposed")})
	g.commit("pm", day(2), map[string]string{"content/backlog.yaml": "title: T\nreleases:\n  - {name: \"2027.1\", date: 2027-06-30}\n  - {name: \"2027.2\", date: 2027-09-30}\ngoals:\n  - {id: fast, title: Faster}\n"})
	g.commit("pm", day(3), map[string]string{"content/backlog.yaml": "title: T\nreleases:\n  - {name: \"2027.1\", date: 2027-06-30}\n  - {name: \"2028.1\", date: 2027-09-30}\n"})
	out, _ := g.build("content")
	want := []string{"Release 2027.1 re-dated: 2027-03-31 → 2027-06-30", "Release added: 2027.2 (2027-09-30)",
		"Goal renamed: Fast → Faster", "Release renamed: 2027.2 → 2028.1", "Goal removed: Faster"}
	contains(t, "change log", readSite(t, out, "changes/index.html"), want, nil)
	contains(t, "feed", readSite(t, out, "feed.xml"), want[:1], nil)
}

func TestHistoryPublishesNoEmail(t *testing.T) {
	g := newGitSite(t)
	g.commit("alice", day(1), map[string]string{"content/backlog.yaml": siteSettings, "content/items/a.md": siteItem("Alpha", "proposed")})
	out, _ := g.build("content")
	filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if data, _ := os.ReadFile(p); bytes.Contains(data, []byte("@example.org")) {
				t.Errorf("%s publishes an e-mail address", p)
			}
		}
		return err
	})
}

func TestHistoryBoundsGitMetadata(t *testing.T) {
	g := newGitSite(t)
	files := map[string]string{"content/backlog.yaml": siteSettings}
	for i := range 50 {
		files["content/items/item-"+string(rune('a'+i/26))+string(rune('a'+i%26))+".md"] = siteItem("Item", "proposed")
	}
	name := strings.Repeat("Mallory\x1b[31m\xff", 1<<20/10)
	g.commit(name, day(1), files)
	// A commit dated after year 9999, which git fsck accepts.
	g.commit("zed", time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC), map[string]string{"content/items/item-aa.md": siteItem("Item", "ready")})
	g.commit("bob", day(3), map[string]string{"content/items/item-ab.md": siteItem("Item", "done")})
	out, findings := g.build("content")
	if !strings.Contains(findings, "outside the years 0 to 9999") {
		t.Errorf("no notice of the out-of-range date:\n%s", findings)
	}
	var total int64
	filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			data, _ := os.ReadFile(p)
			total += int64(len(data))
			if !utf8.Valid(data) || bytes.ContainsAny(data, "\x1b") {
				t.Errorf("%s has invalid UTF-8 or a control character", p)
			}
		}
		return err
	})
	if total > 4<<20 {
		t.Errorf("the site is %d bytes: the author's name is not bounded", total)
	}
	contains(t, "change log", readSite(t, out, "changes/index.html"), []string{"Item: Proposed → Done", "bob"}, []string{"zed", "10000-"})
}

// A backlog kept the way Backlog.md keeps one: items in tasks/ and completed/, the id in
// front matter. Moving a task to completed/ is the same item; order.yaml names it by id.
func TestHistoryFollowsIDAcrossItemFolders(t *testing.T) {
	g := newGitSite(t)
	task := func(status string) string {
		return "---\nid: BACK-200\ntitle: Offline mode\nstatus: " + status + "\nrelease: \"2027.1\"\n---\nWorks without network.\n"
	}
	settings := siteSettings + "items: [tasks, completed]\n"
	g.commit("alice", day(1), map[string]string{"content/backlog.yaml": settings, "content/order.yaml": "- BACK-200\n",
		"content/tasks/back-200 - Offline-mode.md": task("proposed")})
	g.commit("bob", day(2), map[string]string{"content/order.yaml": "- BACK-100\n- BACK-200\n",
		"content/tasks/back-100 - Sync.md": "---\nid: BACK-100\ntitle: Sync\nstatus: ready\n---\n"})
	g.commit("carol", day(3), map[string]string{"content/tasks/back-200 - Offline-mode.md": "",
		"content/completed/back-200 - Offline-mode.md": task("done")})
	out, _ := g.build("content")
	contains(t, "item page", readSite(t, out, "items/back-200/index.html"),
		[]string{`Proposed</dt><dd><time datetime="2026-01-01T12:00:00Z">2026-01-01</time> by alice`, "status Proposed → Done", "ranked #1"}, nil)
	contains(t, "change log", readSite(t, out, "changes/index.html"),
		[]string{"Offline mode: Proposed → Done", `href="../items/back-200/index.html"`}, []string{"Removed:", "Added again:"})
	contains(t, "roadmap", readSite(t, out, "roadmap/index.html"), []string{"scope grew to 1 items, 1 done"}, nil)
}

// order.yaml naming items in another case than their ids: moves are still moves.
func TestHistoryMovesFollowReferences(t *testing.T) {
	g := newGitSite(t)
	task := func(id string) string { return "---\nid: " + id + "\ntitle: Task " + id + "\nstatus: ready\n---\n" }
	g.commit("alice", day(1), map[string]string{"content/backlog.yaml": siteSettings, "content/order.yaml": "- back-1\n- back-2\n",
		"content/items/one.md": task("BACK-1"), "content/items/two.md": task("BACK-2")})
	g.commit("po", day(2), map[string]string{"content/order.yaml": "- back-2\n- back-1\n"})
	out, _ := g.build("content")
	contains(t, "backlog", readSite(t, out, "index.html"), []string{"▲1", "▼1"}, []string{`class="moved new"`})
}

// A release renamed keeps its burn-up under the new name.
func TestHistoryReleaseRenameKeepsBurnup(t *testing.T) {
	g := newGitSite(t)
	rel := func(name string) string {
		return "title: T\nreleases:\n  - {name: \"" + name + "\", date: 2027-03-31}\n"
	}
	it := func(release, status string) string {
		return "---\ntitle: Alpha\nstatus: " + status + "\nrelease: \"" + release + "\"\n---\n"
	}
	g.commit("alice", day(1), map[string]string{"content/backlog.yaml": rel("2027.1"), "content/items/a.md": it("2027.1", "proposed"), "content/items/b.md": it("2027.1", "proposed")})
	g.commit("bob", day(2), map[string]string{"content/items/a.md": it("2027.1", "done")})
	g.commit("pm", day(3), map[string]string{"content/backlog.yaml": rel("Spring"), "content/items/a.md": it("Spring", "done"), "content/items/b.md": it("Spring", "proposed")})
	out, _ := g.build("content")
	contains(t, "roadmap", readSite(t, out, "roadmap/index.html"), []string{"Burn-up of release Spring from 2026-01-01 to 2026-01-03: scope grew to 2 items, 1 done"}, nil)
	contains(t, "change log", readSite(t, out, "changes/index.html"), []string{"Release renamed: 2027.1 → Spring"}, nil)
}

// A backlog adopted in place (backlog init over a Backlog.md project) may have its
// backlog.yaml only in the working tree, or committed long after its items: history
// reads every commit's items where that backlog.yaml says they are, and a later edit
// of it is not served from a cache made with the one before.
func TestHistoryOfABacklogAdoptedInPlace(t *testing.T) {
	g := newGitSite(t)
	task := func(id, title, status string) string {
		return "---\nid: " + id + "\ntitle: " + title + "\nstatus: " + status + "\nassignee: @alice\n---\nThe task.\n"
	}
	g.commit("alice", day(1), map[string]string{"backlog/tasks/task-1 - First.md": task("TASK-1", "First", "To Do")})
	g.commit("bob", day(2), map[string]string{"backlog/tasks/task-2 - Second.md": task("TASK-2", "Second", "To Do")})
	g.commit("carol", day(3), map[string]string{"backlog/tasks/task-1 - First.md": "", "backlog/completed/task-1 - First.md": task("TASK-1", "First", "Done")})
	settings := "title: Adopted\nitems: [tasks, completed]\nstatuses:\n  - {id: To Do, category: todo}\n  - {id: Done, category: done}\n"
	cache := t.TempDir()
	build := func(items string) string {
		os.WriteFile(filepath.Join(g.root, "backlog", "backlog.yaml"), []byte(strings.Replace(settings, "[tasks, completed]", items, 1)), 0o644)
		out := filepath.Join(t.TempDir(), "public")
		if _, err := Build(Options{ContentDir: filepath.Join(g.root, "backlog"), OutDir: out, HistoryCache: cache}); err != nil {
			t.Fatal(err)
		}
		return out
	}
	// Read from tasks/ alone, the move to completed/ is a removal.
	out := build("[tasks]")
	contains(t, "change log", readSite(t, out, "changes/index.html"), []string{"Removed: First"}, nil)
	// The working tree's backlog.yaml now reads both folders: the cache made with the
	// one before must not answer.
	out = build("[tasks, completed]")
	contains(t, "backlog.json", readSite(t, out, "backlog.json"),
		[]string{`"created": "2026-01-01T12:00:00Z"`, `"created": "2026-01-02T12:00:00Z"`, `"proposed_by": "alice"`, `"proposed_by": "bob"`}, nil)
	contains(t, "item page", readSite(t, out, "items/task-1/index.html"), []string{"by alice", "To Do → Done"}, nil)
	contains(t, "change log", readSite(t, out, "changes/index.html"), []string{"First: To Do → Done"}, []string{"Removed: First"})
}

// Proposals of one commit are listed as people number them: task-2 before task-10.
func TestUnrankedProposedTogetherInNaturalOrder(t *testing.T) {
	g := newGitSite(t)
	files := map[string]string{"content/backlog.yaml": siteSettings}
	for _, id := range []string{"task-1", "task-10", "task-2"} {
		files["content/items/"+id+".md"] = siteItem(strings.ToUpper(id), "proposed")
	}
	g.commit("alice", day(1), files)
	out, _ := g.build("content")
	page := readSite(t, out, "index.html")
	one, two, ten := strings.Index(page, "items/task-1/"), strings.Index(page, "items/task-2/"), strings.Index(page, "items/task-10/")
	if one < 0 || !(one < two && two < ten) {
		t.Errorf("unranked at %d, %d, %d: want task-1, task-2, task-10", one, two, ten)
	}
}
