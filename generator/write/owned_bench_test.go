package write

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkCheckOwned measures the walk that proves a site of 10,000 item pages holds
// only what the build wrote, which every rebuild makes before it writes.
func BenchmarkCheckOwned(b *testing.B) {
	out := filepath.Join(b.TempDir(), "public")
	if dir, err := os.MkdirTemp("/dev/shm", "backlog-owned-"); err == nil {
		b.Cleanup(func() { os.RemoveAll(dir) })
		out = filepath.Join(dir, "public")
	}
	d, err := Create(out)
	if err != nil {
		b.Fatal(err)
	}
	for i := range 10000 {
		if err := d.WriteFile(fmt.Sprintf("items/item-%05d/index.html", i), []byte("page")); err != nil {
			b.Fatal(err)
		}
	}
	if err := d.Commit(); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if err := checkOwned(out); err != nil {
			b.Fatal(err)
		}
	}
}
