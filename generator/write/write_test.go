package write

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
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
	if entries := names(t, parent); entries != "[.public.spare public]" {
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

// The previous site is removed by the names the new one has; a folder of the previous
// site that is a link elsewhere must not be followed.
func TestCommitRemovesPreviousWithoutFollowingLinks(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "public")
	elsewhere := filepath.Join(parent, "elsewhere")
	os.MkdirAll(filepath.Join(elsewhere, "a"), 0o755)
	os.WriteFile(filepath.Join(elsewhere, "a", "index.html"), []byte("keep"), 0o644)
	os.MkdirAll(filepath.Join(out, "board"), 0o755)
	os.WriteFile(filepath.Join(out, "board", "extra.html"), []byte("old"), 0o644)
	if err := os.Symlink(elsewhere, filepath.Join(out, "items")); err != nil {
		t.Skip("no symbolic links here:", err)
	}

	d, err := Create(out)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, d, "items/a/index.html", "new")
	writeFile(t, d, "board/index.html", "new")
	if err := d.Commit(); err != nil {
		t.Fatal(err)
	}
	if got := read(t, filepath.Join(elsewhere, "a", "index.html")); got != "keep" {
		t.Errorf("file behind a link in the previous site: %q", got)
	}
	if got := read(t, filepath.Join(out, "items", "a", "index.html")); got != "new" {
		t.Errorf("new site: %q", got)
	}
	if _, err := os.Stat(filepath.Join(out, "board", "extra.html")); !os.IsNotExist(err) {
		t.Error("a file only the previous site had survived")
	}
	if entries := names(t, parent); entries != "[.public.spare elsewhere public]" {
		t.Errorf("beside the output: %v", entries)
	}

	// The next build writes over the spare, which holds the link: it is replaced, not followed.
	d, err = Create(out)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, d, "items/a/index.html", "newer")
	if err := d.Commit(); err != nil {
		t.Fatal(err)
	}
	if got := read(t, filepath.Join(elsewhere, "a", "index.html")); got != "keep" {
		t.Errorf("file behind a link in the spare: %q", got)
	}
	if got := read(t, filepath.Join(out, "items", "a", "index.html")); got != "newer" {
		t.Errorf("newer site: %q", got)
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

// A build that takes the spare gives exactly the site a build into an empty folder
// gives, whatever the spare held, and changes nothing outside it.
func TestSpareOverwritten(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "public")
	outside := filepath.Join(parent, "outside.html")
	os.WriteFile(outside, []byte("outside"), 0o644)
	spare := filepath.Join(parent, ".public.spare")
	for path, content := range map[string]string{
		"index.html":            "a much longer previous index than the new one",
		"gone.html":             "stale",
		"items/gone/index.html": "stale",
		"items/a/index.html":    "old a",
		"items/a/extra.json":    "stale",
		"board":                 "a file where the new site has a folder",
		"roadmap/index.html/x":  "a folder where the new site has a file",
		"static/big.js":         "streamed before",
		"items/c":               "a file where the new site has a folder, in a listed folder",
	} {
		full := filepath.Join(spare, path)
		os.MkdirAll(filepath.Dir(full), 0o755)
		os.WriteFile(full, []byte(content), 0o644)
	}
	// A file of the spare with another name outside it, and a link out of it.
	if err := os.Link(outside, filepath.Join(spare, "items", "a", "linked.html")); err != nil {
		t.Skip("no hard links here:", err)
	}
	os.Remove(filepath.Join(spare, "items", "a", "index.html"))
	os.Link(outside, filepath.Join(spare, "items", "a", "index.html"))
	os.Symlink(outside, filepath.Join(spare, "static", "style.css"))
	// A link to a folder outside, where the new site has a folder.
	outsideDir := filepath.Join(parent, "outside")
	os.Mkdir(outsideDir, 0o755)
	os.Symlink(outsideDir, filepath.Join(spare, "items", "d"))

	want := map[string]string{
		"index.html":         "new index",
		"items/a/index.html": "new a",
		"items/b/index.html": "new b",
		"items/c/index.html": "new c",
		"items/d/index.html": "new d",
		"board/index.html":   "board",
		"roadmap/index.html": "roadmap",
		"static/style.css":   "css",
	}
	build := func(out string) {
		d, err := Create(out)
		if err != nil {
			t.Fatal(err)
		}
		for path, content := range want {
			writeFile(t, d, path, content)
		}
		f, err := d.Create("static/big.js")
		if err != nil {
			t.Fatal(err)
		}
		f.Write([]byte("streamed"))
		if err := f.Close(); err != nil {
			t.Fatal(err)
		}
		if err := d.Commit(); err != nil {
			t.Fatal(err)
		}
	}
	build(out)
	fresh := filepath.Join(t.TempDir(), "public")
	build(fresh)
	if got, want := tree(t, out), tree(t, fresh); got != want {
		t.Errorf("built over the spare:\n%s\nbuilt into an empty folder:\n%s", got, want)
	}
	if got := read(t, outside); got != "outside" {
		t.Errorf("a file outside the spare became %q", got)
	}
	if entries, _ := os.ReadDir(outsideDir); len(entries) > 0 {
		t.Errorf("a folder outside the spare was written to: %v", entries)
	}
	if _, err := os.Stat(spare); !os.IsNotExist(err) {
		t.Error("the first build into public left a spare behind")
	}

	// The third build takes the second's spare (the first site), and an aborted one
	// leaves the site as it was.
	build(out)
	d, err := Create(out)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, d, "index.html", "partial")
	d.Abort()
	if got, want := tree(t, out), tree(t, fresh); got != want {
		t.Errorf("after an aborted build:\n%s\nwant:\n%s", got, want)
	}
}

func TestStale(t *testing.T) {
	many := make([]string, 20)
	for i := range many {
		many[i] = fmt.Sprintf("item-%d", i)
	}
	for _, c := range []struct {
		name                  string
		spare, files, folders []string
		want                  []string
	}{
		{"same", []string{"index.html"}, []string{"index.html"}, nil, nil},
		{"gone file", []string{"index.html", "old.html"}, []string{"index.html"}, nil, []string{"old.html"}},
		{"folder kept", []string{"a", "index.html"}, []string{"index.html"}, []string{"a"}, nil},
		{"large folder", append([]string{"gone"}, many...), []string{"index.html"}, many, []string{"gone"}},
		{"empty spare", nil, []string{"index.html"}, nil, nil},
	} {
		if got := stale(c.spare, c.files, c.folders); !slices.Equal(got, c.want) {
			t.Errorf("%s: stale = %q, want %q", c.name, got, c.want)
		}
	}
}
