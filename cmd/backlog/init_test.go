package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestInit(t *testing.T) {
	dir := t.TempDir()
	code, stdout, stderr := runIn(t, dir, "init", "repo", "-po", "@alice, Alice Smith", "-title", "Mobile")
	if code != exitOK || !strings.Contains(stdout, "wrote   "+filepath.Join("repo", "content", "backlog.yaml")) {
		t.Fatalf("exit %d\n%s\n%s", code, stdout, stderr)
	}
	data, err := os.ReadFile(filepath.Join(dir, "repo", "content", "backlog.yaml"))
	if err != nil || !strings.Contains(string(data), `"@alice", "Alice Smith"`) {
		t.Errorf("backlog.yaml: %v\n%s", err, data)
	}
	if code, _, stderr := runIn(t, filepath.Join(dir, "repo"), "check"); code != exitOK {
		t.Errorf("check after init: exit %d\n%s", code, stderr)
	}
	code, stdout, _ = runIn(t, dir, "init", "repo")
	if code != exitOK || strings.Contains(stdout, "wrote") || !strings.Contains(stdout, "(it exists)") {
		t.Errorf("second init: exit %d\n%s", code, stdout)
	}
	if code, _, stderr := runIn(t, dir, "init", "a", "b"); code != exitUsage || !strings.Contains(stderr, `unexpected argument "b"`) {
		t.Errorf("init a b: exit %d, %s", code, stderr)
	}
}
