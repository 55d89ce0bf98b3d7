package history

import (
	"fmt"
	"os"
	"os/exec"
	"testing"

	"github.com/backlogtool/backlog/generator/internal/benchdata"
)

// BenchmarkRead measures a cold history walk, and the git log it is compared with
// (when git is installed) over the same repository in the same run.
func BenchmarkRead(b *testing.B) {
	sizes := []struct{ items, commits int }{{1000, 2000}}
	if os.Getenv("BACKLOG_BENCH_LARGE") != "" { // git fast-import takes minutes to write this one
		sizes = append(sizes, struct{ items, commits int }{10000, 20000})
	}
	for _, size := range sizes {
		content := benchdata.Content(b, size.items, size.commits)
		name := fmt.Sprintf("items=%d/commits=%d", size.items, size.commits)
		b.Run("walk/"+name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Read(content, Options{}); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run("gitlog/"+name, func(b *testing.B) {
			if _, err := exec.LookPath("git"); err != nil {
				b.Skip("git is not installed")
			}
			for b.Loop() {
				cmd := exec.Command("git", "-C", content, "log", "--raw", "--no-renames", "--format=%H%x00%at%x00%an")
				if err := cmd.Run(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
