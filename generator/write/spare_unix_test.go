//go:build unix

package write

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// A named pipe in the spare where the site has a file is replaced at once: opening it
// to write must not wait for a reader.
func TestSpareNamedPipeReplaced(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "public")
	pipe := filepath.Join(parent, ".public.spare", "items", "a", "index.html")
	os.MkdirAll(filepath.Dir(pipe), 0o755)
	if err := syscall.Mkfifo(pipe, 0o644); err != nil {
		t.Skip("no named pipes here:", err)
	}
	d, err := Create(out)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, d, "items/a/index.html", "page")
	if err := d.Commit(); err != nil {
		t.Fatal(err)
	}
	if got := read(t, filepath.Join(out, "items", "a", "index.html")); got != "page" {
		t.Errorf("page: %q", got)
	}
}
