//go:build unix

package write

import (
	"io/fs"
	"os"
	"testing"
)

// Only the owner of a folder closed to its group and to others can change its entries.
func TestClosedToOthers(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct {
		mode fs.FileMode
		want bool
	}{{0o755, true}, {0o700, true}, {0o775, false}, {0o757, false}, {0o777, false}} {
		if err := os.Chmod(dir, c.mode); err != nil {
			t.Fatal(err)
		}
		f, err := os.Open(dir)
		if err != nil {
			t.Fatal(err)
		}
		if got := closedToOthers(int(f.Fd())); got != c.want {
			t.Errorf("mode %o: closed %v, want %v", c.mode, got, c.want)
		}
		f.Close()
	}
}
