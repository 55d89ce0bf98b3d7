package generator

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
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
// published site is always complete, and nothing is left beside it but the lock file.
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
		if entries, _ := os.ReadDir(parent); len(entries) != 2 { // public, .public.lock
			var names []string
			for _, e := range entries {
				names = append(names, e.Name())
			}
			t.Fatalf("round %d: beside the output: %v", round, names)
		}
	}
}
