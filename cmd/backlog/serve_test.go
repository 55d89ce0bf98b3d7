package main

import (
	"strings"
	"testing"
)

// The README test serves the example; these are serve's mistakes.
func TestServeUsage(t *testing.T) {
	dir := smallBacklog(t, nil)
	if code, _, stderr := runIn(t, dir, "serve", "extra"); code != exitUsage || !strings.Contains(stderr, `unexpected argument "extra"`) {
		t.Errorf("serve extra: exit %d, %s", code, stderr)
	}
	if code, _, stderr := runIn(t, dir, "serve", "-no-history", "-addr", "256.0.0.1:99999"); code != exitContent || !strings.Contains(stderr, "cannot listen on 256.0.0.1:99999") {
		t.Errorf("serve on a bad address: exit %d, %s", code, stderr)
	}
}
