package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestBuild(t *testing.T) {
	dir := exampleCopy(t)
	code, stdout, stderr := runIn(t, dir, "build", "-no-history", "-out", "site")
	if code != exitOK || !strings.Contains(stdout, "backlog build: wrote site") {
		t.Fatalf("exit %d\n%s\n%s", code, stdout, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "site", "index.html")); err != nil {
		t.Error(err)
	}
}

func TestBuildContentErrors(t *testing.T) {
	dir := smallBacklog(t, []string{"a", "missing"}, "a")
	code, _, stderr := runIn(t, dir, "build", "-no-history")
	if code != exitContent || !strings.Contains(stderr, "content/order.yaml:3:3: \"missing\" is not an item") ||
		!strings.Contains(stderr, "backlog build: 1 error, 0 warnings; public left unchanged") {
		t.Errorf("exit %d, stderr:\n%s", code, stderr)
	}
}

func TestBuildUsage(t *testing.T) {
	dir := smallBacklog(t, nil)
	for _, args := range [][]string{{"build", "extra"}, {"build", "-out"}, {"build", "-nope"}} {
		if code, _, stderr := runIn(t, dir, args...); code != exitUsage {
			t.Errorf("%v: exit %d, want %d\n%s", args, code, exitUsage, stderr)
		}
	}
}
