package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// backlogBinary returns a path that runs this test binary as the backlog command
// (testscript.Main dispatches on the program's name).
func backlogBinary(t *testing.T) string {
	t.Helper()
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(t.TempDir(), "backlog")
	if err := os.Symlink(self, bin); err != nil {
		t.Fatal(err)
	}
	return bin
}

// TestKilledBuildLeavesPreviousSite kills a build halfway with SIGKILL and checks the
// previous site is complete and unchanged, and that the next build cleans up after it.
func TestKilledBuildLeavesPreviousSite(t *testing.T) {
	if testing.Short() {
		t.Skip("builds 2,000 items twice")
	}
	bin := backlogBinary(t)
	dir := t.TempDir()
	content := filepath.Join(dir, "content")
	os.MkdirAll(filepath.Join(content, "items"), 0o755)
	os.WriteFile(filepath.Join(content, "backlog.yaml"), []byte("title: Version one\n"), 0o644)
	body := bytes.Repeat([]byte("Some text with a [link](https://example.org) and `code`.\n\n"), 40)
	for i := range 2000 {
		os.WriteFile(filepath.Join(content, "items", fmt.Sprintf("item-%04d.md", i)), append(fmt.Appendf(nil, "---\ntitle: Item %d\nstatus: ready\n---\n", i), body...), 0o644)
	}
	build := func() *exec.Cmd {
		cmd := exec.Command(bin, "build", "-no-history")
		cmd.Dir = dir
		return cmd
	}
	if out, err := build().CombinedOutput(); err != nil {
		t.Fatalf("first build: %v\n%s", err, out)
	}
	before := snapshot(t, filepath.Join(dir, "public"))

	os.WriteFile(filepath.Join(content, "backlog.yaml"), []byte("title: Version two\n"), 0o644)
	cmd := build()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Wait until the build has written part of the new site, then kill it.
	deadline := time.Now().Add(30 * time.Second)
	for {
		tmps, _ := filepath.Glob(filepath.Join(dir, ".public.tmp-*", "items", "*"))
		if len(tmps) > 100 {
			break
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatal("the build never got halfway")
		}
		time.Sleep(time.Millisecond) // polling the folder, not waiting for a guess
	}
	cmd.Process.Signal(syscall.SIGKILL)
	cmd.Wait()
	if tmps, _ := filepath.Glob(filepath.Join(dir, ".public.tmp-*")); len(tmps) == 0 {
		t.Log("the build finished its temporary folder before the kill landed")
	}
	after := snapshot(t, filepath.Join(dir, "public"))
	if len(after) != len(before) {
		t.Fatalf("previous site has %d files, had %d", len(after), len(before))
	}
	for p, data := range before {
		if !bytes.Equal(after[p], data) {
			t.Fatalf("%s changed after the killed build", p)
		}
	}

	if out, err := build().CombinedOutput(); err != nil {
		t.Fatalf("next build: %v\n%s", err, out)
	}
	if tmps, _ := filepath.Glob(filepath.Join(dir, ".public.tmp-*")); len(tmps) != 0 {
		t.Errorf("left behind: %v", tmps)
	}
	index, _ := os.ReadFile(filepath.Join(dir, "public", "index.html"))
	if !bytes.Contains(index, []byte("Version two")) {
		t.Error("the next build did not publish the new version")
	}
}

func snapshot(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			files[p], _ = os.ReadFile(p)
		}
		return nil
	})
	if len(files) == 0 {
		t.Fatalf("no site in %s", dir)
	}
	return files
}
