// Package benchdata provides the synthetic backlogs the benchmarks run on, made by
// ../shared/bench/synth.py beside the repository and kept in the temporary folder.
package benchdata

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"testing"
)

// Content returns the content folder of a synthetic backlog of items items, with a git
// history of commits commits when commits > 0, generating it on first use. It skips the
// benchmark when the generator is not there.
func Content(b *testing.B, items, commits int) string {
	b.Helper()
	name := fmt.Sprintf("backlog-bench-%d", items)
	if commits > 0 {
		name = fmt.Sprintf("backlog-bench-hist-%d-%d", items, commits)
	}
	dir := filepath.Join(os.TempDir(), name)
	content := filepath.Join(dir, "content")
	if _, err := os.Stat(filepath.Join(content, "order.yaml")); err == nil {
		return content
	}
	_, here, _, _ := runtime.Caller(0)
	synth := filepath.Join(filepath.Dir(here), "..", "..", "..", "..", "shared", "bench", "synth.py")
	if _, err := os.Stat(synth); err != nil {
		b.Skipf("no corpus generator at %s", synth)
	}
	os.RemoveAll(dir)
	args := []string{synth, "--items", fmt.Sprint(items), "--out", dir}
	if commits > 0 {
		args = append(args, "--commits", fmt.Sprint(commits))
	}
	if out, err := exec.Command("python3", args...).CombinedOutput(); err != nil {
		b.Fatalf("synth.py: %v\n%s", err, out)
	}
	return content
}

// Sizes are the backlog sizes benchmarks run on: 1,000 items, and 10,000 unless -short.
func Sizes() []int {
	if testing.Short() {
		return []int{1000}
	}
	return []int{1000, 10000}
}
