package diff

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// TestSnapshotReadConcurrently: the loader reads a revision's files on several
// goroutines; go-git's trees are not safe for that, so the snapshot serializes them.
// Before it did, this crashed the process with "concurrent map writes".
func TestSnapshotReadConcurrently(t *testing.T) {
	root := t.TempDir()
	repo, err := git.PlainInit(root, false)
	if err != nil {
		t.Fatal(err)
	}
	const n = 200
	for i := range n {
		name := filepath.Join(root, "content", "items", fmt.Sprintf("item-%d.md", i))
		os.MkdirAll(filepath.Dir(name), 0o755)
		os.WriteFile(name, []byte(fmt.Sprintf("---\ntitle: Item %d\nstatus: ready\n---\nBody %d.\n", i, i)), 0o644)
	}
	wt, _ := repo.Worktree()
	wt.Add("content")
	sig := &object.Signature{Name: "a", Email: "a@example.org", When: time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)}
	if _, err := wt.Commit("items", &git.CommitOptions{Author: sig, Committer: sig}); err != nil {
		t.Fatal(err)
	}
	for range 3 {
		fsys, err := Snapshot(repo, "content", "HEAD")
		if err != nil {
			t.Fatal(err)
		}
		var wg sync.WaitGroup
		for g := range 8 {
			wg.Go(func() {
				for i := g; i < n; i += 8 {
					want := fmt.Sprintf("---\ntitle: Item %d\nstatus: ready\n---\nBody %d.\n", i, i)
					if data, err := fs.ReadFile(fsys, fmt.Sprintf("items/item-%d.md", i)); err != nil || string(data) != want {
						t.Errorf("item-%d: %q %v", i, data, err)
					}
				}
			})
		}
		wg.Wait()
	}
}

// A revision a shallow clone does not hold is unknown, and the message says why and
// how to fetch it; a clone with the whole history does not mention it.
func TestRevisionBeyondShallowClone(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("no git:", err)
	}
	origin := t.TempDir()
	repo, err := git.PlainInit(origin, false)
	if err != nil {
		t.Fatal(err)
	}
	wt, _ := repo.Worktree()
	for i := range 3 {
		os.WriteFile(filepath.Join(origin, "a.md"), []byte(fmt.Sprint(i)), 0o644)
		wt.Add("a.md")
		sig := &object.Signature{Name: "a", Email: "a@example.org", When: time.Date(2027, 1, 1+i, 0, 0, 0, 0, time.UTC)}
		if _, err := wt.Commit("edit", &git.CommitOptions{Author: sig, Committer: sig}); err != nil {
			t.Fatal(err)
		}
	}
	clone := filepath.Join(t.TempDir(), "clone")
	if out, err := exec.Command("git", "clone", "-q", "--depth", "1", "file://"+origin, clone).CombinedOutput(); err != nil {
		t.Fatalf("git clone: %v\n%s", err, out)
	}
	for _, c := range []struct {
		dir     string
		rev     string
		shallow bool
	}{{clone, "HEAD~1", true}, {origin, "HEAD~5", false}} {
		r, err := git.PlainOpen(c.dir)
		if err != nil {
			t.Fatal(err)
		}
		_, err = Snapshot(r, "", c.rev)
		if !errors.Is(err, ErrRevision) {
			t.Fatalf("%s in %s: %v, want an unknown revision", c.rev, c.dir, err)
		}
		if got := strings.Contains(err.Error(), "git fetch --unshallow"); got != c.shallow {
			t.Errorf("%s in %s: %v; says how to unshallow: %v, want %v", c.rev, c.dir, err, got, c.shallow)
		}
	}
}
