package generator

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/backlogtool/backlog/generator/diff"
	"github.com/backlogtool/backlog/generator/model"
	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// ownersRepo is a repository with a content folder, committed with go-git.
type ownersRepo struct {
	t    *testing.T
	dir  string
	repo *git.Repository
	day  time.Time
}

const ownersSettings = `title: Test
releases:
  - {name: "2027.1", date: 2027-03-31}
owners:
  order: ["@alice", {name: Dana Smith, github: dana, emails: [dsmith@corp.example]}]
  roadmap: [bob@corp.example]
`

func newOwnersRepo(t *testing.T) *ownersRepo {
	dir := t.TempDir()
	repo, err := git.PlainInit(dir, false)
	if err != nil {
		t.Fatal(err)
	}
	r := &ownersRepo{t: t, dir: dir, repo: repo, day: time.Date(2027, 1, 1, 12, 0, 0, 0, time.UTC)}
	r.write(map[string]string{
		"content/backlog.yaml": ownersSettings,
		"content/order.yaml":   "- a\n- b\n",
		"content/items/a.md":   "---\ntitle: A\nstatus: proposed\n---\n",
		"content/items/b.md":   "---\ntitle: B\nstatus: proposed\n---\n",
		"content/items/c.md":   "---\ntitle: C\nstatus: proposed\n---\n",
		"README.md":            "repo\n",
	})
	return r
}

func (r *ownersRepo) write(files map[string]string) {
	for name, text := range files {
		p := filepath.Join(r.dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			r.t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			r.t.Fatal(err)
		}
	}
}

// commit commits the work tree as name <email>, with the given parents (HEAD's by
// default; two make a merge).
func (r *ownersRepo) commit(name, email string, parents ...plumbing.Hash) plumbing.Hash {
	wt, err := r.repo.Worktree()
	if err != nil {
		r.t.Fatal(err)
	}
	if err := wt.AddWithOptions(&git.AddOptions{All: true}); err != nil {
		r.t.Fatal(err)
	}
	r.day = r.day.Add(time.Hour)
	sig := &object.Signature{Name: name, Email: email, When: r.day}
	h, err := wt.Commit("by "+name, &git.CommitOptions{Author: sig, Committer: sig, Parents: parents, AllowEmptyCommits: true})
	if err != nil {
		r.t.Fatal(err)
	}
	return h
}

func (r *ownersRepo) check(base string, strict bool) model.Findings {
	r.t.Helper()
	f, err := Check(Options{ContentDir: filepath.Join(r.dir, "content"), Base: base, StrictOwners: strict})
	if err != nil {
		r.t.Fatal(err)
	}
	var out model.Findings
	for _, x := range f {
		if strings.Contains(x.Message, "was changed in") {
			out = append(out, x)
		}
	}
	return out
}

func messages(f model.Findings) string {
	var s []string
	for _, x := range f {
		s = append(s, x.Pos.String()+": "+x.Severity.String()+": "+x.Message)
	}
	return strings.Join(s, "\n")
}

// TestOwnersArePeople: the PO is recognised under a name, a GitHub noreply address or
// any email listed for them; anyone else is reported.
func TestOwnersArePeople(t *testing.T) {
	r := newOwnersRepo(t)
	base := r.commit("Alice Smith", "asmith@corp.example")
	r.write(map[string]string{"content/order.yaml": "- b\n- a\n"})
	r.commit("Alice Smith", "12345+alice@users.noreply.github.com")
	r.write(map[string]string{"content/order.yaml": "- a\n- b\n"})
	r.commit("alice", "alice@users.noreply.github.com")
	r.write(map[string]string{"content/order.yaml": "- b\n- a\n"})
	r.commit("D. Smith", "dsmith@corp.example") // Dana by email
	r.write(map[string]string{"content/order.yaml": "- a\n- b\n"})
	r.commit("Dana Smith", "dana@laptop.local") // Dana by name
	r.write(map[string]string{"content/order.yaml": "- a\n- b\n- c\n"})
	r.commit("Dana", "7+dana@users.noreply.github.com") // Dana by handle
	if f := r.check(base.String(), true); len(f) != 0 {
		t.Errorf("the PO reported as a non-owner:\n%s", messages(f))
	}
	r.write(map[string]string{"content/order.yaml": "- c\n- a\n- b\n"})
	mallory := r.commit("Mallory", "alice@evil.example") // not alice's address
	f := r.check(base.String(), false)
	if len(f) != 1 || f[0].Severity != model.Warning ||
		!strings.Contains(f[0].Message, "order.yaml was changed in "+mallory.String()[:12]+" by Mallory <alice@evil.example>, who is not in owners.order (@alice, Dana Smith)") {
		t.Errorf("findings:\n%s", messages(f))
	}
}

// TestRoadmapOwners: a change to backlog.yaml by anyone not in owners.roadmap is
// reported as order.yaml's are, an error with -strict-owners.
func TestRoadmapOwners(t *testing.T) {
	r := newOwnersRepo(t)
	base := r.commit("Bob", "bob@corp.example")
	r.write(map[string]string{"content/backlog.yaml": strings.Replace(ownersSettings, "2027-03-31", "2027-06-30", 1)})
	r.commit("Bob", "bob@corp.example")
	if f := r.check(base.String(), true); len(f) != 0 {
		t.Errorf("the PM reported:\n%s", messages(f))
	}
	r.write(map[string]string{"content/backlog.yaml": strings.Replace(ownersSettings, "2027-03-31", "2027-01-15", 1)})
	r.commit("Carol", "carol@corp.example")
	f := r.check(base.String(), true)
	if len(f) != 1 || f[0].Severity != model.Error || !strings.HasSuffix(filepath.ToSlash(f[0].Pos.File), "content/backlog.yaml") ||
		!strings.Contains(f[0].Message, "by Carol <carol@corp.example>, who is not in owners.roadmap (bob@corp.example)") {
		t.Errorf("findings:\n%s", messages(f))
	}
}

// TestOwnersMerges: a reorder made inside a merge commit is reported; a merge that takes
// order.yaml as one parent had it is not (its commits are judged on their own).
func TestOwnersMerges(t *testing.T) {
	r := newOwnersRepo(t)
	base := r.commit("alice", "alice@corp.example")
	// A branch adds an item; main moves on with a change by the PO.
	r.write(map[string]string{"content/items/d.md": "---\ntitle: D\nstatus: proposed\n---\n"})
	branch := r.commit("Carol", "carol@corp.example")
	r.write(map[string]string{"content/order.yaml": "- b\n- a\n"})
	main := r.commit("alice", "alice@corp.example", branch) // main's line (for the test, on top of the branch's files)
	// Merging main into the branch: order.yaml as main has it. Nothing to report.
	mergeBack := r.commit("Carol", "carol@corp.example", branch, main)
	if f := r.check(base.String(), false); len(f) != 0 {
		t.Errorf("merging the PO's change reported:\n%s", messages(f))
	}
	// A merge whose own resolution reorders: reported, by the merge's author.
	r.write(map[string]string{"content/order.yaml": "- d\n- b\n- a\n"})
	evil := r.commit("Carol", "carol@corp.example", mergeBack, main)
	f := r.check(base.String(), false)
	if len(f) != 1 || !strings.Contains(f[0].Message, "order.yaml was changed in "+evil.String()[:12]+" by Carol") {
		t.Errorf("a reorder inside a merge: findings\n%s", messages(f))
	}
}

func TestOwnersUnknownBase(t *testing.T) {
	r := newOwnersRepo(t)
	r.commit("alice", "alice@corp.example")
	_, err := Check(Options{ContentDir: filepath.Join(r.dir, "content"), Base: "nope"})
	if !errors.Is(err, diff.ErrRevision) || !strings.Contains(err.Error(), `unknown revision "nope"`) {
		t.Errorf("Check -base nope: %v, want an unknown revision", err)
	}
}
