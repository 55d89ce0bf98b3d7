package synth

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestSameSeedSameCorpus(t *testing.T) {
	a, b, other := Generate(300, 1), Generate(300, 1), Generate(300, 2)
	if !slices.Equal(a.Order, b.Order) {
		t.Fatal("two corpora of the same seed have different orders")
	}
	differs := false
	for i := range a.Items {
		if a.Items[i].Text() != b.Items[i].Text() {
			t.Fatalf("item %d differs between two corpora of the same seed", i)
		}
		differs = differs || a.Items[i].Text() != other.Items[i].Text()
	}
	if !differs {
		t.Fatal("seeds 1 and 2 give the same items")
	}
}

// TestShape holds the corpus to the statistics of the Python generator the benchmark
// figures were first measured on, so that figures stay comparable.
func TestShape(t *testing.T) {
	c := Generate(2000, 1)
	status := map[string]int{}
	var size, tables, code, deps, links, urls, tasks, minSize, maxSize int
	minSize = 1 << 30
	ids := map[string]bool{}
	for _, it := range c.Items {
		if ids[it.ID] {
			t.Fatalf("two items have the id %s", it.ID)
		}
		ids[it.ID] = true
		text := it.Text()
		body := text[strings.Index(text[4:], "\n---\n")+9:]
		status[it.Status]++
		size += len(text)
		minSize, maxSize = min(minSize, len(body)), max(maxSize, len(body))
		count := func(s string) int {
			if strings.Contains(body, s) {
				return 1
			}
			return 0
		}
		tables += count("\n|---")
		code += count("\n```")
		links += count(".md)")
		urls += count(": https://")
		tasks += count("- [x] ") | count("- [ ] ")
		if len(it.DependsOn) > 0 {
			deps++
		}
	}
	n := float64(len(c.Items))
	share := func(k int) float64 { return float64(k) / n }
	for _, check := range []struct {
		what     string
		got      float64
		min, max float64
	}{
		{"mean file size (bytes)", float64(size) / n, 1700, 2100},
		{"done", share(status["done"]), 0.22, 0.33},
		{"dropped", share(status["dropped"]), 0.05, 0.09},
		{"in-progress", share(status["in-progress"]), 0.08, 0.13},
		{"ready", share(status["ready"]), 0.12, 0.18},
		{"proposed", share(status["proposed"]), 0.30, 0.42},
		{"with a table", share(tables), 0.20, 0.30},
		{"with code", share(code), 0.15, 0.25},
		{"with depends_on", share(deps), 0.12, 0.18},
		{"with a link to an item", share(links), 0.3, 1},
		{"with a bare URL", share(urls), 0.2, 1},
		{"with a task list", share(tasks), 0.9, 1},
		{"ranked", float64(len(c.Order)) / n, 0.899, 0.901},
	} {
		if check.got < check.min || check.got > check.max {
			t.Errorf("%s: %.3f, want %.3f to %.3f", check.what, check.got, check.min, check.max)
		}
	}
	if minSize < 300 || maxSize > 4000 {
		t.Errorf("bodies from %d to %d bytes, want about 1 to 3 KB", minSize, maxSize)
	}
}

func TestHistory(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	dir := t.TempDir()
	c := Generate(150, 1)
	if err := c.WriteContent(dir); err != nil {
		t.Fatal(err)
	}
	const commits = 240
	if err := c.WriteHistory(dir, commits); err != nil {
		t.Fatal(err)
	}
	out := func(args ...string) string {
		t.Helper()
		b, err := exec.Command("git", append([]string{"-C", dir}, args...)...).CombinedOutput()
		if err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, b)
		}
		return string(b)
	}
	if got := strings.TrimSpace(out("rev-list", "--count", "main")); got != "240" {
		t.Errorf("%s commits, want %d", got, commits)
	}
	if st := out("status", "--porcelain"); st != "" {
		t.Errorf("the last commit is not the content written:\n%s", st)
	}
	log := out("log", "--format=%an%n%B")
	for _, want := range []string{"Import the backlog", "Propose", ": ready", ": in-progress", ": done", ": dropped", "refine description", "Grooming: rank", "reorder", "Priya Raman"} {
		if !strings.Contains(log, want) {
			t.Errorf("no commit says %q", want)
		}
	}
	// A status move changes the status line of the item, and nothing else of it.
	if diff := out("log", "-p", "--format=", "-G^status: done", "--", "content/items"); !strings.Contains(diff, "-status: in-progress\n+status: done") {
		t.Error("no commit moves an item from in-progress to done")
	}

	// A commit that only refines a description changes that item's body.
	edits := 0
	for _, line := range strings.Split(out("log", "--format=%H %s", "--grep=: refine description$"), "\n") {
		hash, subject, ok := strings.Cut(line, " ")
		if !ok || strings.Contains(subject, "more)") {
			continue
		}
		id := strings.TrimSuffix(subject, ": refine description")
		diff := out("show", "--format=", hash, "--", "content/items/"+id+".md")
		if !strings.Contains(diff, "\n+") || strings.Contains(diff, "+status:") {
			t.Errorf("commit %q does not add to the body:\n%s", subject, diff)
		}
		edits++
	}
	if edits == 0 {
		t.Error("no commit only refines a description")
	}

	// The same corpus again: the same commits.
	again := t.TempDir()
	if err := c.WriteContent(again); err != nil {
		t.Fatal(err)
	}
	if err := c.WriteHistory(again, commits); err != nil {
		t.Fatal(err)
	}
	head, _ := exec.Command("git", "-C", again, "rev-parse", "HEAD").Output()
	if string(head) != out("rev-parse", "HEAD") {
		t.Error("the same corpus gives two different histories")
	}
}

func TestOneCommit(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	dir := t.TempDir()
	c := Generate(20, 3)
	if err := c.WriteContent(dir); err != nil {
		t.Fatal(err)
	}
	if err := c.WriteHistory(dir, 1); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, ".git")); err != nil {
		t.Fatal(err)
	}
	b, err := exec.Command("git", "-C", dir, "status", "--porcelain").CombinedOutput()
	if err != nil || len(b) > 0 {
		t.Fatalf("git status: %v\n%s", err, b)
	}
}
