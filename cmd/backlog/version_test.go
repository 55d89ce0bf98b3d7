package main

import (
	"strings"
	"testing"
)

func TestVersionAndHelp(t *testing.T) {
	dir := t.TempDir()
	if code, stdout, _ := runIn(t, dir, "version"); code != exitOK || !strings.HasPrefix(stdout, "backlog ") {
		t.Errorf("version: exit %d, %q", code, stdout)
	}
	if code, _, _ := runIn(t, dir, "version", "x"); code != exitUsage {
		t.Errorf("version x: exit %d", code)
	}
	for _, args := range [][]string{{"help"}, {"-h"}, {"--help"}} {
		if code, stdout, _ := runIn(t, dir, args...); code != exitOK || !strings.Contains(stdout, "backlog rank [-content DIR] -unranked") {
			t.Errorf("%v: exit %d", args, code)
		}
	}
	if code, _, stderr := runIn(t, dir); code != exitUsage || !strings.Contains(stderr, "Usage:") {
		t.Errorf("no command: exit %d", code)
	}
	if code, _, stderr := runIn(t, dir, "frobnicate"); code != exitUsage || !strings.Contains(stderr, `unknown command "frobnicate"`) {
		t.Errorf("unknown command: exit %d", code)
	}
}
