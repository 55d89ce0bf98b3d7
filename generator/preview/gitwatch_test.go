package preview

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/backlogtool/backlog/generator"
	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// eventuallySameAsBuild waits until the preview equals a build of dir: a commit is
// followed by a few events, each a rebuild.
func eventuallySameAsBuild(t *testing.T, step string, b *Builder, dir string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		d := differences(t, b, dir)
		if d == "" {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: %s", step, d)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// TestServeFollowsCommits: a commit, and a switch to another branch, made while the
// preview runs, reach its history pages as they reach a build's.
func TestServeFollowsCommits(t *testing.T) {
	dir, commit := repoContent(t)
	l := startLiveWith(t, generator.Options{ContentDir: dir, HistoryCache: t.TempDir()})
	sameAsBuild(t, "start", l.builder, dir)

	write(t, dir, "items/sync-engine.md", "---\ntitle: Sync engine\nstatus: done\nrelease: \"2027.1\"\n---\nDone.\n")
	l.waitFor("the edit", "/items/sync-engine/", has("Done."))
	if _, body := l.get("/changes/"); strings.Contains(body, "bob") {
		t.Fatal("an uncommitted change is in the change log")
	}
	commit("bob")
	l.waitFor("the commit", "/changes/", has("bob"))
	eventuallySameAsBuild(t, "after the commit", l.builder, dir)

	// Back to the first commit on a new branch: the files and the history go back.
	repo, err := git.PlainOpen(filepath.Dir(dir))
	if err != nil {
		t.Fatal(err)
	}
	wt, _ := repo.Worktree()
	log, _ := repo.Log(&git.LogOptions{})
	var first plumbing.Hash
	log.ForEach(func(c *object.Commit) error { first = c.Hash; return nil })
	if err := wt.Checkout(&git.CheckoutOptions{Hash: first, Branch: plumbing.NewBranchReferenceName("old"), Create: true}); err != nil {
		t.Fatal(err)
	}
	l.waitFor("the switch", "/changes/", func(status int, body string) bool { return status == 200 && !strings.Contains(body, "bob") })
	eventuallySameAsBuild(t, "after the switch", l.builder, dir)
}

func TestGitDirsOfALinkedWorkTree(t *testing.T) {
	root := t.TempDir()
	common := filepath.Join(root, "main", ".git")
	linked := filepath.Join(common, "worktrees", "wt")
	os.MkdirAll(linked, 0o755)
	os.WriteFile(filepath.Join(linked, "commondir"), []byte("../..\n"), 0o644)
	content := filepath.Join(root, "wt", "content")
	os.MkdirAll(content, 0o755)
	os.WriteFile(filepath.Join(root, "wt", ".git"), []byte("gitdir: "+linked+"\n"), 0o644)
	gitDir, commonDir := gitDirs(content)
	if gitDir != linked || commonDir != common {
		t.Errorf("gitDirs = %q, %q; want %q, %q", gitDir, commonDir, linked, common)
	}
	if g, c := gitDirs(t.TempDir()); g != "" || c != "" {
		t.Errorf("outside a repository: %q, %q", g, c)
	}
}
