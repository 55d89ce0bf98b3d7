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

// TestInitRepoForms: -repo takes the address `git remote get-url origin` prints and
// writes its https form, which check accepts; an address it cannot read is wrong usage,
// and nothing is written.
func TestInitRepoForms(t *testing.T) {
	dir := t.TempDir()
	code, stdout, stderr := runIn(t, dir, "init", "-repo", "git@gitlab.com:acme/sub/mobile.git", "repo")
	if code != exitOK {
		t.Fatalf("exit %d\n%s\n%s", code, stdout, stderr)
	}
	data, _ := os.ReadFile(filepath.Join(dir, "repo", "content", "backlog.yaml"))
	if !strings.Contains(string(data), "\nrepo_url: https://gitlab.com/acme/sub/mobile\n") {
		t.Errorf("backlog.yaml:\n%s", data)
	}
	if code, stdout, stderr := runIn(t, filepath.Join(dir, "repo"), "check"); code != exitOK || stdout != "" {
		t.Errorf("check after init: exit %d\n%s\n%s", code, stdout, stderr)
	}

	code, stdout, stderr = runIn(t, dir, "init", "-repo", "git@git.example.org:acme/mobile.git", "other")
	if code != exitUsage || stdout != "" || !strings.Contains(stderr, `-repo: "git@git.example.org:acme/mobile.git" is not a repository address`) ||
		!strings.Contains(stderr, "https://HOST/OWNER/REPO") || !strings.Contains(stderr, "git@github.com:OWNER/REPO.git") {
		t.Errorf("init -repo with an SSH address of another host: exit %d\n%s\n%s", code, stdout, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "other")); err == nil {
		t.Error("init wrote files for an address it refused")
	}
}
