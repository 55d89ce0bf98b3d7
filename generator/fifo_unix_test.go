//go:build unix

package generator

import (
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// A named pipe among the items is refused, not opened: reading it would wait forever.
func TestPipeAmongItemsRefused(t *testing.T) {
	dir := newContent(t)
	if err := syscall.Mkfifo(filepath.Join(dir, "items", "pipe.md"), 0o644); err != nil {
		t.Skip("no named pipes here:", err)
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		findings, err := Check(Options{ContentDir: dir})
		if err != nil {
			t.Error(err)
		}
		if len(findings) != 1 || !strings.HasSuffix(findings[0].Pos.File, "items/pipe.md") || !strings.Contains(findings[0].Message, "not a regular file") {
			t.Errorf("findings: %v", findings)
		}
	}()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("check waits on the pipe")
	}
}
