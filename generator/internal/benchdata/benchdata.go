// Package benchdata provides the synthetic backlogs the benchmarks run on, made by
// generator/internal/synth and kept in the temporary folder between runs.
package benchdata

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/backlogtool/backlog/generator/internal/synth"
)

// Seed is the seed of every benchmark corpus.
const Seed = 1

// Content returns the content folder of a synthetic backlog of items items, with a git
// history of commits commits when commits > 0, generating it on first use. A history
// needs git (for `git fast-import`): without it the benchmark is skipped.
func Content(b testing.TB, items, commits int) string {
	b.Helper()
	if commits > 0 {
		if _, err := exec.LookPath("git"); err != nil {
			b.Skip("git is not installed: it writes the benchmark's history")
		}
	}
	dir, err := Dir(os.TempDir(), items, commits)
	if err != nil {
		b.Fatal(err)
	}
	return filepath.Join(dir, "content")
}

// Dir returns the folder under parent holding the corpus (its content folder, and its
// .git when commits > 0), generating it unless it is there. The folder's name says the
// generator's version, so a corpus of an older generator is never used. The corpus is
// made in a folder of its own and renamed into place, so that test binaries running at
// the same time never see half a corpus.
func Dir(parent string, items, commits int) (string, error) {
	name := fmt.Sprintf("backlog-bench-v%d-%d", synth.Version, items)
	if commits > 0 {
		name = fmt.Sprintf("backlog-bench-v%d-%d-commits-%d", synth.Version, items, commits)
	}
	dir := filepath.Join(parent, name)
	if _, err := os.Stat(dir); err == nil {
		return dir, nil
	}
	tmp, err := os.MkdirTemp(parent, name+".tmp-")
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(tmp) // left only when the rename below did not happen
	c := synth.Generate(items, Seed)
	if err := c.WriteContent(tmp); err != nil {
		return "", err
	}
	if commits > 0 {
		if err := c.WriteHistory(tmp, commits); err != nil {
			return "", err
		}
	}
	if err := os.Rename(tmp, dir); err != nil {
		if _, statErr := os.Stat(dir); statErr == nil {
			return dir, nil // another test binary made it first
		}
		return "", err
	}
	return dir, nil
}

// Sizes are the backlog sizes benchmarks run on: 1,000 items, and 10,000 unless -short.
func Sizes() []int {
	if testing.Short() {
		return []int{1000}
	}
	return []int{1000, 10000}
}
