package main

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

// TestDiff compares the working tree with HEAD and two commits, in both formats.
func TestDiff(t *testing.T) {
	dir := smallBacklog(t, []string{"a", "b"}, "a", "b")
	day := time.Date(2027, 1, 1, 12, 0, 0, 0, time.UTC)
	commitAll(t, dir, "alice", "alice@example.org", day)
	writeFiles(t, dir, map[string]string{"content/order.yaml": "# The ranking.\n- b\n- a\n"})
	code, stdout, stderr := runIn(t, dir, "diff", "HEAD")
	if code != exitOK || !strings.Contains(stdout, "## Backlog changes: `HEAD` → `working tree`") || !strings.Contains(stdout, "### Rank moves") {
		t.Fatalf("exit %d\n%s\n%s", code, stdout, stderr)
	}
	commitAll(t, dir, "alice", "alice@example.org", day.AddDate(0, 0, 1))
	code, stdout, stderr = runIn(t, dir, "diff", "HEAD~1", "HEAD", "-format", "json")
	if code != exitOK {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	var r struct {
		Base, Head string
		Moves      []struct{ ID string }
	}
	if err := json.Unmarshal([]byte(stdout), &r); err != nil || r.Base != "HEAD~1" || r.Head != "HEAD" || len(r.Moves) != 1 {
		t.Errorf("json %v: %s", err, stdout)
	}
}

func TestDiffUsage(t *testing.T) {
	dir := smallBacklog(t, nil)
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"diff"}, "say which revisions"},
		{[]string{"diff", "a", "b", "c"}, "say which revisions"},
		{[]string{"diff", "-format", "html", "HEAD"}, `unknown format "html"`},
	} {
		code, _, stderr := runIn(t, dir, tt.args...)
		if code != exitUsage || !strings.Contains(stderr, tt.want) {
			t.Errorf("%v: exit %d, stderr %q; want exit 2 and %q", tt.args, code, stderr, tt.want)
		}
	}
}
