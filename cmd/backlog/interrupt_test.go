//go:build unix

package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// TestInterruptedBuildRemovesItsFolder stops a build halfway with SIGINT and with
// SIGTERM: the command removes its temporary folder before it exits, and the previous
// site is complete and unchanged.
func TestInterruptedBuildRemovesItsFolder(t *testing.T) {
	if testing.Short() {
		t.Skip("builds 2,000 items four times")
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

	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		t.Run(sig.String(), func(t *testing.T) {
			cmd := build()
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
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
				time.Sleep(time.Millisecond)
			}
			cmd.Process.Signal(sig)
			err := cmd.Wait()
			var exit *exec.ExitError
			if !errors.As(err, &exit) || exit.ExitCode() != 128+int(sig) {
				t.Fatalf("the build ended with %v, want exit status %d\n%s", err, 128+int(sig), stderr.Bytes())
			}
			if tmps, _ := filepath.Glob(filepath.Join(dir, ".public.tmp-*")); len(tmps) != 0 {
				t.Errorf("left behind: %v", tmps)
			}
			after := snapshot(t, filepath.Join(dir, "public"))
			if len(after) != len(before) {
				t.Fatalf("previous site has %d files, had %d", len(after), len(before))
			}
			for p, data := range before {
				if !bytes.Equal(after[p], data) {
					t.Fatalf("%s changed after the stopped build (%s)", p, stderr.Bytes())
				}
			}
		})
	}
}
