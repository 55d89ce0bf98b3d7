package generator

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// siteFiles reads every file under dir, by path.
func siteFiles(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)], err = os.ReadFile(p)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// Builds into one output folder at the same time take turns: every one succeeds, the
// published site is always complete, and nothing is left beside it, not even the lock
// file.
func TestConcurrentBuildsPublishCompleteSite(t *testing.T) {
	dir := newContent(t)
	for i := range 40 {
		os.WriteFile(filepath.Join(dir, "items", fmt.Sprintf("item-%02d.md", i)), fmt.Appendf(nil, "---\ntitle: Item %d\nstatus: ready\n---\nBody %d.\n", i, i), 0o644)
	}
	parent := t.TempDir()
	ref := filepath.Join(t.TempDir(), "reference")
	if _, err := Build(Options{ContentDir: dir, OutDir: ref, NoHistory: true}); err != nil {
		t.Fatal(err)
	}
	want := siteFiles(t, ref)
	out := filepath.Join(parent, "public")
	pairs := 20
	if testing.Short() {
		pairs = 5
	}
	for round := range pairs {
		var wg sync.WaitGroup
		errs := make([]error, 2)
		for i := range errs {
			wg.Go(func() { _, errs[i] = Build(Options{ContentDir: dir, OutDir: out, NoHistory: true}) })
		}
		wg.Wait()
		for _, err := range errs {
			if err != nil {
				t.Fatalf("round %d: %v", round, err)
			}
		}
		got := siteFiles(t, out)
		if len(got) != len(want) {
			t.Fatalf("round %d: the site has %d files, want %d", round, len(got), len(want))
		}
		for p, data := range want {
			if !bytes.Equal(got[p], data) {
				t.Fatalf("round %d: %s differs from a build of its own", round, p)
			}
		}
		if entries, _ := os.ReadDir(parent); len(entries) != 1 { // public
			var names []string
			for _, e := range entries {
				names = append(names, e.Name())
			}
			t.Fatalf("round %d: beside the output: %v", round, names)
		}
	}
}

// fakeGitDir makes dir look like a folder git reads as a repository.
func fakeGitDir(t *testing.T, dir string) {
	t.Helper()
	for _, sub := range []string{"objects", "refs/heads"} {
		if err := os.MkdirAll(filepath.Join(dir, sub), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "HEAD"), []byte("ref: refs/heads/main\n"), 0o644); err != nil {
		t.Fatal(err)
	}
}

// A repository's .git folder, or a folder inside one, is refused before anything is
// written there, and the message never suggests deleting it.
func TestOutDirInGitFolderRefused(t *testing.T) {
	tests := []struct {
		out  string // relative to the repository's root, where the build runs
		want string // "" when the build succeeds
	}{
		{".git", "-out .git is the repository's .git folder, which git owns: choose a folder such as public"},
		{".git/site", "-out .git/site is inside the repository's .git folder, which git owns"},
		{".git/", "-out .git/ is the repository's .git folder"},
		{"./sub/../.git", "is the repository's .git folder"},
		{".git/objects/site", "is inside the repository's .git folder"},
		{"nested/.git", "-out nested/.git is the repository's .git folder"},
		{"nested/.git/site", "-out nested/.git/site is inside the repository's .git folder"},
		{"fresh/.git/site", "is inside the repository's .git folder"}, // no such folder yet
		{"gitlink", "-out gitlink is the repository's .git folder"},
		{"gitlink/site", "-out gitlink/site is inside the repository's .git folder"},
		{"bare.git", "is the git repository "},
		{"bare.git/site", "is inside the git repository "},
		{"public", ""},
		{"site.git", ""},    // named like a bare repository, but not one
		{".github/x", ""},   // .github is not .git
		{"nested/site", ""}, // beside a nested repository's .git, not in it
	}
	for _, tt := range tests {
		t.Run(tt.out, func(t *testing.T) {
			root := t.TempDir()
			fakeGitDir(t, filepath.Join(root, ".git"))
			fakeGitDir(t, filepath.Join(root, "nested", ".git"))
			fakeGitDir(t, filepath.Join(root, "bare.git"))
			os.MkdirAll(filepath.Join(root, "site.git"), 0o755)
			os.Symlink(".git", filepath.Join(root, "gitlink"))
			content := filepath.Join(root, "content")
			os.MkdirAll(filepath.Join(content, "items"), 0o755)
			os.WriteFile(filepath.Join(content, "backlog.yaml"), []byte("title: Git\n"), 0o644)
			before := tree(t, root)
			t.Chdir(root)

			_, err := Build(Options{ContentDir: "content", OutDir: tt.out, NoHistory: true})
			if tt.want == "" {
				if err != nil {
					t.Fatalf("Build: %v", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Build: %v, want an error saying %q", err, tt.want)
			}
			if strings.Contains(err.Error(), "delete") {
				t.Errorf("the message suggests deleting: %v", err)
			}
			// Refused at once: not a file made, not even a lock file.
			if after := tree(t, root); after != before {
				t.Errorf("the build left files:\n%s\nwas\n%s", after, before)
			}
		})
	}
}

// tree lists every path under dir, links not followed.
func tree(t *testing.T, dir string) string {
	t.Helper()
	var paths []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		paths = append(paths, p)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return strings.Join(paths, "\n")
}
