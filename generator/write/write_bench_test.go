package write

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// benchSite writes a site of 10,000 item pages, on a tmpfs when there is one, and
// returns its folder.
func benchSite(b *testing.B) string {
	out := filepath.Join(b.TempDir(), "public")
	if dir, err := os.MkdirTemp("/dev/shm", "backlog-owned-"); err == nil {
		b.Cleanup(func() { os.RemoveAll(dir) })
		out = filepath.Join(dir, "public")
	}
	writeSite(b, out)
	return out
}

// writeSite builds a site of 10,000 item pages of 5,000 bytes into out, over the site
// already there, if any.
func writeSite(b *testing.B, out string) {
	d, err := Create(out)
	if err != nil {
		b.Fatal(err)
	}
	page := make([]byte, 5000)
	for i := range 10000 {
		if err := d.WriteFile(fmt.Sprintf("items/item-%05d/index.html", i), page); err != nil {
			b.Fatal(err)
		}
	}
	if err := d.Commit(); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkCheckOwned measures the walk that proves a site of 10,000 item pages holds
// only what the build wrote, which every rebuild makes before it writes.
func BenchmarkCheckOwned(b *testing.B) {
	out := benchSite(b)
	for b.Loop() {
		if err := checkOwned(out); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkReplaceSite measures what a rebuild of 10,000 item pages costs in this
// package: the ownership walk, a folder and a file a page, the swap and the removal
// of the previous site.
func BenchmarkReplaceSite(b *testing.B) {
	out := benchSite(b)
	for b.Loop() {
		writeSite(b, out)
	}
}
