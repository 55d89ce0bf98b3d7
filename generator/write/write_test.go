package write

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func writeFile(t *testing.T, d *Dir, path, content string) {
	t.Helper()
	if err := d.WriteFile(path, []byte(content)); err != nil {
		t.Fatal(err)
	}
}

func read(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func TestCommitReplacesAbortKeeps(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "public")

	d, err := Create(out)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, d, "index.html", "v1")
	writeFile(t, d, "items/a/index.html", "a1")
	if err := d.Commit(); err != nil {
		t.Fatal(err)
	}
	if read(t, filepath.Join(out, "items/a/index.html")) != "a1" {
		t.Fatal("first site not in place")
	}

	// A build that fails leaves the first site as it was.
	d, _ = Create(out)
	writeFile(t, d, "index.html", "v2-partial")
	d.Abort()
	if read(t, filepath.Join(out, "index.html")) != "v1" {
		t.Fatal("aborted build changed the site")
	}

	// A second good build replaces it whole: files it no longer writes are gone.
	d, _ = Create(out)
	writeFile(t, d, "index.html", "v3")
	if err := d.Commit(); err != nil {
		t.Fatal(err)
	}
	if read(t, filepath.Join(out, "index.html")) != "v3" {
		t.Fatal("second site not in place")
	}
	if _, err := os.Stat(filepath.Join(out, "items")); !os.IsNotExist(err) {
		t.Error("stale file from the first site survived")
	}
	if entries := names(t, parent); entries != "[public]" {
		t.Errorf("beside the output: %v", entries)
	}
}

func names(t *testing.T, dir string) string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		out = append(out, e.Name())
	}
	return fmt.Sprint(out)
}

func TestLeftoversRemoved(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "public")
	os.Mkdir(filepath.Join(parent, ".public.tmp-123"), 0o755)
	d, err := Create(out)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Abort()
	if _, err := os.Stat(filepath.Join(parent, ".public.tmp-123")); !os.IsNotExist(err) {
		t.Error("leftover of an interrupted build was kept")
	}
}

func TestRefusesPathsOutside(t *testing.T) {
	d, err := Create(filepath.Join(t.TempDir(), "public"))
	if err != nil {
		t.Fatal(err)
	}
	defer d.Abort()
	for _, p := range []string{"../x", "/etc/passwd", "a/../../x", ""} {
		if err := d.WriteFile(p, nil); err == nil {
			t.Errorf("WriteFile(%q) succeeded", p)
		}
	}
}

func TestOutputIsAFile(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	os.WriteFile(out, []byte("x"), 0o644)
	if _, err := Create(out); err == nil {
		t.Error("Create over a file succeeded")
	}
}

// A file of the previous site replaced by a link is removed with the site; what the
// link leads to is not touched.
func TestCommitRemovesPreviousWithoutFollowingLinks(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "public")
	outside := filepath.Join(parent, "outside.html")
	os.WriteFile(outside, []byte("keep"), 0o644)
	build(t, out, map[string]string{"items/a/index.html": "a", "index.html": "i"})
	page := filepath.Join(out, "items", "a", "index.html")
	os.Remove(page)
	if err := os.Symlink(outside, page); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	build(t, out, map[string]string{"index.html": "new"})
	if got := read(t, outside); got != "keep" {
		t.Errorf("file behind a link in the previous site: %q", got)
	}
	if got := tree(t, out); got != "./\n.backlog-site: "+markerHeader+"index.html\n\nindex.html: new\n" {
		t.Errorf("new site:\n%s", got)
	}
}

// A folder of the new site that the previous site's marker lists as a file is opened
// to be emptied, never reached by a path through it: in the previous site it may be a
// link, which the ownership walk accepts where a file was.
func TestCommitRemovesPreviousWithoutFollowingFolderLinks(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "public")
	outside := filepath.Join(parent, "outside")
	os.Mkdir(outside, 0o755)
	os.WriteFile(filepath.Join(outside, "index.html"), []byte("keep"), 0o644)
	build(t, out, map[string]string{"items/b/index.html": "b", "index.html": "i"})
	os.WriteFile(filepath.Join(out, MarkerFile), []byte(markerHeader+"index.html\nitems/a\nitems/b/index.html\n"), 0o644)
	if err := os.Symlink(outside, filepath.Join(out, "items", "a")); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	build(t, out, map[string]string{"items/a/index.html": "new a", "items/b/index.html": "new b", "index.html": "new"})
	if got := read(t, filepath.Join(outside, "index.html")); got != "keep" {
		t.Errorf("file behind a link in the previous site: %q", got)
	}
	if got := read(t, filepath.Join(out, "items", "a", "index.html")); got != "new a" {
		t.Errorf("new site: %q", got)
	}
}

// A folder of the previous site replaced by a link while the build runs, after the
// ownership walk (by a sync client, a checkout, the user), is not followed either: every
// folder is opened before a name in it is removed.
func TestCommitRemovesPreviousWithoutFollowingLinksMadeDuringTheBuild(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "public")
	outside := filepath.Join(parent, "outside")
	os.Mkdir(outside, 0o755)
	os.WriteFile(filepath.Join(outside, "index.html"), []byte("keep"), 0o644)
	build(t, out, map[string]string{"items/a/index.html": "a", "index.html": "i"})
	d, err := Create(out)
	if err != nil {
		t.Fatal(err)
	}
	os.RemoveAll(filepath.Join(out, "items", "a"))
	if err := os.Symlink(outside, filepath.Join(out, "items", "a")); err != nil {
		d.Abort()
		t.Skip("no symbolic links here:", err)
	}
	writeFile(t, d, "items/a/index.html", "new a")
	writeFile(t, d, "index.html", "new")
	if err := d.Commit(); err != nil {
		t.Fatal(err)
	}
	if got := read(t, filepath.Join(outside, "index.html")); got != "keep" {
		t.Errorf("file behind a link made during the build: %q", got)
	}
	if got := read(t, filepath.Join(out, "items", "a", "index.html")); got != "new a" {
		t.Errorf("new site: %q", got)
	}
}

// build writes a site of files into out and commits it.
func build(t *testing.T, out string, files map[string]string) {
	t.Helper()
	d, err := Create(out)
	if err != nil {
		t.Fatal(err)
	}
	for path, content := range files {
		writeFile(t, d, path, content)
	}
	if err := d.Commit(); err != nil {
		t.Fatal(err)
	}
}

// tree lists every file under root with its content, and every folder, as one string.
func tree(t *testing.T, root string) string {
	t.Helper()
	var b strings.Builder
	err := filepath.WalkDir(root, func(path string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		switch {
		case e.Type()&fs.ModeSymlink != 0:
			fmt.Fprintf(&b, "%s -> link\n", rel)
		case e.IsDir():
			fmt.Fprintf(&b, "%s/\n", rel)
		default:
			fmt.Fprintf(&b, "%s: %s\n", rel, read(t, path))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// The marker lists the files the build wrote, sorted, whatever order they were written in.
func TestMarkerListsFilesSorted(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	d, err := Create(out)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, d, "static/style.css", "")
	writeFile(t, d, "index.html", "")
	f, err := d.Create("items/b/index.html")
	if err != nil {
		t.Fatal(err)
	}
	f.Close()
	writeFile(t, d, "items/a/index.html", "")
	if err := d.Commit(); err != nil {
		t.Fatal(err)
	}
	want := markerHeader + "index.html\nitems/a/index.html\nitems/b/index.html\nstatic/style.css\n"
	if got := read(t, filepath.Join(out, MarkerFile)); got != want {
		t.Errorf("marker:\n%s\nwant:\n%s", got, want)
	}
	d, _ = Create(out)
	defer d.Abort()
	if err := d.WriteFile(MarkerFile, nil); err == nil {
		t.Error("a page could be written over the marker")
	}
}

// The output folder is the build's only when it is missing, empty or a site it wrote
// holding nothing else; anything else is refused, naming a file, with nothing changed.
func TestOwnership(t *testing.T) {
	site := map[string]string{"index.html": "site", "items/a/index.html": "a"}
	for _, c := range []struct {
		name    string
		prepare func(t *testing.T, out string)
		refused string // the file the error names, relative to out; "" when accepted
	}{
		{"missing", func(t *testing.T, out string) {}, ""},
		{"empty", func(t *testing.T, out string) { os.Mkdir(out, 0o755) }, ""},
		{"a site it wrote", func(t *testing.T, out string) { build(t, out, site) }, ""},
		{"a site whose file the user edited", func(t *testing.T, out string) {
			build(t, out, site)
			os.WriteFile(filepath.Join(out, "index.html"), []byte("edited"), 0o644)
		}, ""},
		{"a site with a file removed", func(t *testing.T, out string) {
			build(t, out, site)
			os.RemoveAll(filepath.Join(out, "items"))
		}, ""},
		{"the user's folder", func(t *testing.T, out string) {
			os.MkdirAll(filepath.Join(out, "notes"), 0o755)
			os.WriteFile(filepath.Join(out, "notes", "plan.txt"), []byte("mine"), 0o644)
		}, "notes/plan.txt"},
		{"the user's empty folder", func(t *testing.T, out string) { os.MkdirAll(filepath.Join(out, "mine"), 0o755) }, "mine"},
		{"a site with the user's file", func(t *testing.T, out string) {
			build(t, out, site)
			os.WriteFile(filepath.Join(out, "CNAME"), []byte("example.org"), 0o644)
		}, "CNAME"},
		{"a site with the user's file in a folder", func(t *testing.T, out string) {
			build(t, out, site)
			os.WriteFile(filepath.Join(out, "items", "a", "photo.png"), []byte("png"), 0o644)
		}, "items/a/photo.png"},
		{"a site with the user's folder", func(t *testing.T, out string) {
			build(t, out, site)
			os.Mkdir(filepath.Join(out, "drafts"), 0o755)
		}, "drafts"},
		{"a folder where the site had a file", func(t *testing.T, out string) {
			build(t, out, site)
			os.Remove(filepath.Join(out, "index.html"))
			os.Mkdir(filepath.Join(out, "index.html"), 0o755)
		}, "index.html"},
		{"a marker that is not the build's", func(t *testing.T, out string) {
			os.Mkdir(out, 0o755)
			os.WriteFile(filepath.Join(out, MarkerFile), []byte("index.html\n"), 0o644)
			os.WriteFile(filepath.Join(out, "index.html"), []byte("mine"), 0o644)
		}, MarkerFile},
		{"a marker listing paths outside", func(t *testing.T, out string) {
			build(t, out, site)
			os.WriteFile(filepath.Join(out, MarkerFile), []byte(markerHeader+"../x\n/etc/passwd\n"), 0o644)
		}, "index.html"},
	} {
		t.Run(c.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "public")
			c.prepare(t, out)
			var before string
			if _, err := os.Stat(out); err == nil {
				before = tree(t, out)
			}
			d, err := Create(out)
			if c.refused == "" {
				if err != nil {
					t.Fatal(err)
				}
				writeFile(t, d, "index.html", "new")
				if err := d.Commit(); err != nil {
					t.Fatal(err)
				}
				if got := read(t, filepath.Join(out, "index.html")); got != "new" {
					t.Errorf("index.html: %q", got)
				}
				return
			}
			var owned *OwnershipError
			if !errors.As(err, &owned) {
				t.Fatalf("Create: %v, want an OwnershipError", err)
			}
			if want := filepath.Join(out, filepath.FromSlash(c.refused)); owned.File != want {
				t.Errorf("named %s, want %s", owned.File, want)
			}
			if !strings.Contains(err.Error(), owned.File) || !strings.Contains(err.Error(), "-out") {
				t.Errorf("message does not say what is lost and how to fix it: %v", err)
			}
			if after := tree(t, out); after != before {
				t.Errorf("refused, yet the folder changed:\n%s\nwas:\n%s", after, before)
			}
		})
	}
}

func TestOutputIsALink(t *testing.T) {
	parent := t.TempDir()
	os.Mkdir(filepath.Join(parent, "real"), 0o755)
	out := filepath.Join(parent, "public")
	if err := os.Symlink("real", out); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	if _, err := Create(out); err == nil || !strings.Contains(err.Error(), "symbolic link") {
		t.Errorf("Create on a link: %v", err)
	}
}

// A second build into the same folder waits for the first, whose temporary folder it
// must not take for a leftover.
func TestSecondBuildWaits(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	first, err := Create(out)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, first, "index.html", "first")
	second := make(chan *Dir)
	go func() {
		d, err := Create(out)
		if err != nil {
			t.Error(err)
		}
		second <- d
	}()
	select {
	case <-second:
		t.Fatal("the second build did not wait for the first")
	case <-time.After(200 * time.Millisecond):
	}
	if _, err := os.Stat(first.tmp); err != nil {
		t.Fatalf("the first build's folder was removed while it wrote: %v", err)
	}
	writeFile(t, first, "items/a/index.html", "a")
	if err := first.Commit(); err != nil {
		t.Fatal(err)
	}
	d := <-second
	writeFile(t, d, "index.html", "second")
	if err := d.Commit(); err != nil {
		t.Fatal(err)
	}
	if got := read(t, filepath.Join(out, "index.html")); got != "second" {
		t.Errorf("index.html: %q", got)
	}
}

// AbortAll, for a signal, removes the temporary folder and leaves the previous site.
func TestAbortAll(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "public")
	build(t, out, map[string]string{"index.html": "v1"})
	d, err := Create(out)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, d, "index.html", "v2")
	writeFile(t, d, "items/a/index.html", "a")
	AbortAll()
	if entries := names(t, parent); entries != "[public]" {
		t.Errorf("beside the output: %v", entries)
	}
	if err := d.WriteFile("items/b/index.html", nil); err == nil {
		t.Error("a stopped build still writes")
	}
	if err := d.Commit(); err == nil {
		t.Error("a stopped build committed")
	}
	if got := read(t, filepath.Join(out, "index.html")); got != "v1" {
		t.Errorf("index.html: %q", got)
	}
	// The lock is free again.
	build(t, out, map[string]string{"index.html": "v3"})
}

// The folders of a large folder are read on every core, yet the file named is always
// the first stranger in name order, as a walk one folder at a time finds it.
func TestFirstStrangerOfManyFolders(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	site := map[string]string{}
	for i := range 200 {
		site[fmt.Sprintf("items/item-%03d/index.html", i)] = "page"
	}
	build(t, out, site)
	for _, name := range []string{"items/item-150/mine.txt", "items/item-042/notes.txt", "items/item-042/a/deeper.txt", "items/item-199/x"} {
		os.MkdirAll(filepath.Dir(filepath.Join(out, name)), 0o755)
		os.WriteFile(filepath.Join(out, name), []byte("mine"), 0o644)
	}
	for range 20 {
		_, err := Create(out)
		var owned *OwnershipError
		if !errors.As(err, &owned) {
			t.Fatalf("Create: %v, want an OwnershipError", err)
		}
		if want := filepath.Join(out, "items", "item-042", "a"); owned.File != want {
			t.Fatalf("named %s, want %s", owned.File, want)
		}
	}
}

// A build refused before it writes anything leaves nothing beside the output, not even
// its lock file, and the next build into a fixed folder is not held up by it.
func TestRefusedBuildLeavesNoLock(t *testing.T) {
	tests := []struct {
		name  string
		setup func(t *testing.T, out string)
	}{
		{"holds the user's files", func(t *testing.T, out string) {
			os.MkdirAll(out, 0o755)
			os.WriteFile(filepath.Join(out, "mine.txt"), []byte("mine"), 0o644)
		}},
		{"a site with a file added", func(t *testing.T, out string) {
			build(t, out, map[string]string{"index.html": "v1"})
			os.WriteFile(filepath.Join(out, "CNAME"), []byte("example.com"), 0o644)
		}},
		{"is a file", func(t *testing.T, out string) {
			os.WriteFile(out, []byte("x"), 0o644)
		}},
		{"is a link", func(t *testing.T, out string) {
			os.Mkdir(filepath.Join(filepath.Dir(out), "real"), 0o755)
			if err := os.Symlink("real", out); err != nil {
				t.Skip("no symbolic links here:", err)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			parent := t.TempDir()
			out := filepath.Join(parent, "public")
			tt.setup(t, out)
			before := names(t, parent)
			if _, err := Create(out); err == nil {
				t.Fatal("Create succeeded")
			}
			if after := names(t, parent); after != before {
				t.Errorf("beside the output: %v, was %v", after, before)
			}
			// Once fixed, a build goes ahead, and leaves only the site.
			os.RemoveAll(out)
			done := make(chan struct{})
			go func() {
				defer close(done)
				build(t, out, map[string]string{"index.html": "v2"})
			}()
			select {
			case <-done:
			case <-time.After(10 * time.Second):
				t.Fatal("the next build waits on the lock of the refused one")
			}
			if got := names(t, parent); strings.Contains(got, ".lock") {
				t.Errorf("beside the output after a build: %v", got)
			}
		})
	}
}

// Builds into one folder take turns while each removes the lock file as it lets it go:
// a build that waited on a file another removed locks the one at the path instead,
// and no two ever hold the folder at once.
func TestBuildsTakeTurnsRemovingTheLock(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "public")
	workers, rounds := 8, 25
	if testing.Short() {
		rounds = 5
	}
	var holding atomic.Int32
	var twice atomic.Bool
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for r := range rounds {
				d, err := Create(out)
				if err != nil {
					t.Error(err)
					return
				}
				if holding.Add(1) > 1 {
					twice.Store(true)
				}
				// No t.Fatal here: a build that stopped holding the folder would hold up
				// every other one.
				err = d.WriteFile("index.html", fmt.Appendf(nil, "%d-%d", w, r))
				time.Sleep(time.Millisecond)
				holding.Add(-1)
				if err != nil || r%3 == 0 {
					d.Abort()
				} else {
					err = d.Commit()
				}
				if err != nil {
					t.Error(err)
					return
				}
			}
		})
	}
	wg.Wait()
	if twice.Load() {
		t.Error("two builds held the folder at once")
	}
	if got := names(t, parent); got != "[public]" {
		t.Errorf("beside the output: %v", got)
	}
}
