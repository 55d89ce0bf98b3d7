package main

import (
	"strings"
	"testing"
	"time"
)

// TestUnknownRevisionIsUsage: a revision git does not know is wrong usage, exit 2, for
// every command that takes one.
func TestUnknownRevisionIsUsage(t *testing.T) {
	dir := smallBacklog(t, []string{"a"}, "a")
	commitAll(t, dir, "alice", "alice@example.org", time.Date(2027, 1, 1, 12, 0, 0, 0, time.UTC))
	for _, args := range [][]string{
		{"check", "-base", "nope"},
		{"check", "-base", "nope", "-strict-owners"},
		{"diff", "nope"},
		{"diff", "HEAD", "nope"},
	} {
		code, _, stderr := runIn(t, dir, args...)
		if code != exitUsage || !strings.Contains(stderr, `unknown revision "nope"`) {
			t.Errorf("%s: exit %d, stderr %q; want exit 2 naming the revision", strings.Join(args, " "), code, stderr)
		}
	}
}

func TestCheckUsage(t *testing.T) {
	dir := smallBacklog(t, nil)
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"check", "-format", "xml"}, `unknown format "xml"`},
		{[]string{"check", "extra"}, `unexpected argument "extra"`},
		{[]string{"check", "-strict-owners"}, "-strict-owners needs -base"},
		{[]string{"check", "-nope"}, "flag provided but not defined: -nope"},
	} {
		code, _, stderr := runIn(t, dir, tt.args...)
		if code != exitUsage || !strings.Contains(stderr, tt.want) {
			t.Errorf("%s: exit %d, stderr %q; want exit 2 and %q", strings.Join(tt.args, " "), code, stderr, tt.want)
		}
	}
}
