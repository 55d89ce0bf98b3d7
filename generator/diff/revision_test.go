package diff

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
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
