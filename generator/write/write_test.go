package write

import (
	"os"
	"path/filepath"
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
	if entries, _ := os.ReadDir(parent); len(entries) != 1 {
		t.Errorf("left beside the output: %v", entries)
	}
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
	if entries, _ := os.ReadDir(parent); len(entries) != 2 {
		t.Errorf("left beside the output: %v", entries)
	}
}
