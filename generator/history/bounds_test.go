package history

import (
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/go-git/go-git/v5/plumbing/storer"
)

// Tests that history costs bounded time and memory and survives a damaged repository.

// storeTree writes a tree of name -> blob hash entries.
func storeTree(t *testing.T, s storer.EncodedObjectStorer, entries []object.TreeEntry) plumbing.Hash {
	t.Helper()
	tree := &object.Tree{Entries: entries}
	obj := s.NewEncodedObject()
	if err := tree.Encode(obj); err != nil {
		t.Fatal(err)
	}
	h, err := s.SetEncodedObject(obj)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

func storeBlob(t *testing.T, s storer.EncodedObjectStorer, data string) plumbing.Hash {
	t.Helper()
	obj := s.NewEncodedObject()
	obj.SetType(plumbing.BlobObject)
	w, _ := obj.Writer()
	w.Write([]byte(data))
	w.Close()
	h, err := s.SetEncodedObject(obj)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

// storeCommit writes a commit whose content folder holds items (file name -> content),
// without a work tree: fast for thousands of items. It moves the branch to it.
func (r *repoBuilder) storeCommit(items map[string]string, when time.Time, parent plumbing.Hash) plumbing.Hash {
	t, s := r.t, r.repo.Storer
	var itemEntries []object.TreeEntry
	for name, data := range items {
		itemEntries = append(itemEntries, object.TreeEntry{Name: name, Mode: filemode.Regular, Hash: storeBlob(t, s, data)})
	}
	slices.SortFunc(itemEntries, func(a, b object.TreeEntry) int { return strings.Compare(a.Name, b.Name) })
	itemsTree := storeTree(t, s, itemEntries)
	content := storeTree(t, s, []object.TreeEntry{
		{Name: "backlog.yaml", Mode: filemode.Regular, Hash: storeBlob(t, s, "title: T\n")},
		{Name: "items", Mode: filemode.Dir, Hash: itemsTree},
	})
	root := storeTree(t, s, []object.TreeEntry{{Name: "content", Mode: filemode.Dir, Hash: content}})
	sig := object.Signature{Name: "alice", Email: "alice@example.org", When: when}
	c := &object.Commit{Author: sig, Committer: sig, Message: "m", TreeHash: root}
	if !parent.IsZero() {
		c.ParentHashes = []plumbing.Hash{parent}
	}
	obj := s.NewEncodedObject()
	if err := c.Encode(obj); err != nil {
		t.Fatal(err)
	}
	h, err := s.SetEncodedObject(obj)
	if err != nil {
		t.Fatal(err)
	}
	head, _ := r.repo.Storer.Reference(plumbing.HEAD)
	if err := s.SetReference(plumbing.NewHashReference(head.Target(), h)); err != nil {
		t.Fatal(err)
	}
	return h
}

// One commit replacing 3,000 items, each renamed and edited, is read in linear time:
// git's rename limit leaves the 9 million comparisons out.
func TestRenameLimit(t *testing.T) {
	r := newRepoIn(t, fastTempDir(t))
	const n = 2000
	before, after := map[string]string{}, map[string]string{}
	for i := range n {
		before[fmt.Sprintf("old-%d.md", i)] = item(fmt.Sprintf("Item %d", i), "proposed", "")
		after[fmt.Sprintf("new-%d.md", i)] = item(fmt.Sprintf("Item %d", i), "ready", "")
	}
	h := r.storeCommit(before, day(1), plumbing.ZeroHash)
	r.storeCommit(after, day(2), h)
	start := time.Now()
	res, err := Read(filepath.Join(r.dir, "content"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if took := time.Since(start); took > 10*time.Second { // 23 s before the limit, 2.7 s after, on a busy machine
		t.Errorf("reading took %v", took)
	}
	if len(res.Items) != n || len(res.History.Gaps) != 1 || !strings.Contains(res.History.Gaps[0], "rename limit") {
		t.Errorf("%d items, gaps %q", len(res.Items), res.History.Gaps)
	}
}

// A version of an item far over the size limit, committed and removed in the past, is
// read only as far as its facts need.
func TestLargeBlobIsNotReadWhole(t *testing.T) {
	r := newRepoIn(t, fastTempDir(t))
	huge := item("Huge", "proposed", "") + strings.Repeat("a line of a very large item\n", 40<<20/28)
	h := r.storeCommit(map[string]string{"huge.md": huge}, day(1), plumbing.ZeroHash)
	r.storeCommit(map[string]string{"small.md": item("Small", "proposed", "")}, day(2), h)
	runtime.GC()
	var m0, m1 runtime.MemStats
	runtime.ReadMemStats(&m0)
	res, err := Read(filepath.Join(r.dir, "content"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	runtime.ReadMemStats(&m1)
	if alloc := m1.TotalAlloc - m0.TotalAlloc; alloc > 20<<20 {
		t.Errorf("reading the history allocated %d MB for a 40 MB blob", alloc>>20)
	}
	if len(res.History.Events) != 3 || res.History.Events[2].Title != "Huge" {
		t.Errorf("events %+v", res.History.Events)
	}
}

// A missing object (a damaged repository) costs the history that depends on it, never the build.
func TestDamagedRepository(t *testing.T) {
	for _, lose := range []string{"tree", "commit"} {
		t.Run(lose, func(t *testing.T) {
			r, commits := smallRepo(t)
			c, err := r.repo.CommitObject(commits[1])
			if err != nil {
				t.Fatal(err)
			}
			gone := c.Hash
			if lose == "tree" {
				gone = c.TreeHash
			}
			hex := gone.String()
			if err := os.Remove(filepath.Join(r.dir, ".git", "objects", hex[:2], hex[2:])); err != nil {
				t.Fatal(err)
			}
			res, err := Read(filepath.Join(r.dir, "content"), Options{})
			if err != nil {
				t.Fatalf("a lost %s fails history: %v", lose, err)
			}
			if len(res.History.Gaps) == 0 || !strings.Contains(res.History.Gaps[0], "cannot be read") {
				t.Errorf("no notice of the lost %s: %q", lose, res.History.Gaps)
			}
			a := res.Items["a"]
			if a == nil || res.Items["b"] == nil {
				t.Fatalf("items lost with the %s: %+v", lose, res.Items)
			}
			// A lost tree: the commit's changes count with the next one's. A lost commit:
			// the commit after it is a boundary, which claims nothing.
			if lose == "tree" && (len(a.Statuses) == 0 || a.Statuses[len(a.Statuses)-1].To != "ready" || a.Created == nil) {
				t.Errorf("the history after the lost tree is lost too: %+v", a)
			}
			if lose == "commit" && (len(a.Statuses) != 0 || a.Created != nil || res.History.Shallow) {
				t.Errorf("history claims what a lost commit hides: %+v, shallow %v", a, res.History.Shallow)
			}
		})
	}
}

// fastTempDir is a temporary folder in memory where there is one: these tests write
// thousands of loose objects, which a busy disk takes tens of seconds for.
func fastTempDir(t *testing.T) string {
	if info, err := os.Stat("/dev/shm"); err == nil && info.IsDir() {
		dir, err := os.MkdirTemp("/dev/shm", "history-test-")
		if err == nil {
			t.Cleanup(func() { os.RemoveAll(dir) })
			return dir
		}
	}
	return t.TempDir()
}

func TestRenames(t *testing.T) {
	body := "---\ntitle: T\nstatus: ready\n---\nline one of a body\nline two of a body\nline three of a body\n"
	got := Renames(
		map[string][]byte{"items/a.md": []byte(body), "items/b.md": []byte("---\ntitle: B\nstatus: ready\n---\nsomething else entirely\n"), "items/c.md": []byte("same\n")},
		map[string][]byte{"items/a2.md": []byte(strings.Replace(body, "line three", "line 3", 1)), "items/c2.md": []byte("same\n"), "items/d.md": []byte("unrelated\n")})
	want := map[string]string{"items/a.md": "items/a2.md", "items/c.md": "items/c2.md"}
	if !maps.Equal(got, want) {
		t.Errorf("Renames = %v, want %v", got, want)
	}
}
