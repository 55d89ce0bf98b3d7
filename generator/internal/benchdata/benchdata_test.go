package benchdata_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/backlogtool/backlog/generator"
	"github.com/backlogtool/backlog/generator/history"
	"github.com/backlogtool/backlog/generator/internal/benchdata"
	"github.com/backlogtool/backlog/generator/model"
)

// TestCorpusIsValidContent checks that a corpus is content the tool accepts: no errors
// (warnings are allowed: the first item links to an item that does not exist), every
// item ranked or proposed, and a history the walk reads.
func TestCorpusIsValidContent(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	parent := t.TempDir()
	dir, err := benchdata.Dir(parent, 300, 400)
	if err != nil {
		t.Fatal(err)
	}
	content := filepath.Join(dir, "content")
	findings, err := generator.Check(generator.Options{ContentDir: content})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range findings {
		if f.Severity == model.Error {
			t.Errorf("corpus content has an error: %s", f)
		}
	}
	res, err := history.Read(content, history.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res.History.Notice != "" || len(res.History.Gaps) > 0 {
		t.Errorf("history: notice %q, gaps %q", res.History.Notice, res.History.Gaps)
	}
	moved := 0
	for _, ih := range res.Items {
		if ih.Created == nil {
			t.Fatal("an item has no creation date")
		}
		if len(ih.Statuses) > 0 {
			moved++
		}
	}
	if len(res.Items) != 300 || moved < 100 {
		t.Errorf("history of %d items, %d with status changes; want 300 items, most moved", len(res.Items), moved)
	}

	// A second call finds the corpus made by the first and leaves no temporary folder.
	again, err := benchdata.Dir(parent, 300, 400)
	if err != nil || again != dir {
		t.Fatalf("second call: %q, %v; want %q", again, err, dir)
	}
	entries, _ := os.ReadDir(parent)
	if len(entries) != 1 {
		t.Errorf("%d entries in the parent folder, want the corpus only", len(entries))
	}
}
