package main

import (
	"io"
	"slices"
	"strings"
	"testing"
)

func TestParseArgs(t *testing.T) {
	tests := []struct {
		args      []string
		wantRest  []string
		wantS     string
		wantB     bool
		wantError bool
	}{
		{[]string{"a", "-s", "x", "b"}, []string{"a", "b"}, "x", false, false},
		{[]string{"-b", "a", "-s=y"}, []string{"a"}, "y", true, false},
		{[]string{"a", "--s", "z", "-b=false"}, []string{"a"}, "z", false, false},
		{[]string{"-s", "-b"}, nil, "-b", false, false}, // a value that looks like a flag is a value
		{[]string{"a", "--", "-b", "-s"}, []string{"a", "-b", "-s"}, "", false, false},
		{[]string{"-", "a"}, []string{"-", "a"}, "", false, false},
		{[]string{"a", "-nope"}, nil, "", false, true},
		{[]string{"a", "-s"}, nil, "", false, true}, // a missing value
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			fs := newFlags("test", io.Discard)
			s := fs.String("s", "", "")
			b := fs.Bool("b", false, "")
			rest, err := parseArgs(fs, tt.args)
			if (err != nil) != tt.wantError {
				t.Fatalf("error %v, want error %v", err, tt.wantError)
			}
			if err != nil {
				if exitCode(err) != exitUsage {
					t.Errorf("exit %d for %v, want %d", exitCode(err), err, exitUsage)
				}
				return
			}
			if !slices.Equal(rest, tt.wantRest) || *s != tt.wantS || *b != tt.wantB {
				t.Errorf("rest %q s %q b %v, want %q %q %v", rest, *s, *b, tt.wantRest, tt.wantS, tt.wantB)
			}
		})
	}
}

func TestHelpFlagExitsZero(t *testing.T) {
	fs := newFlags("test", io.Discard)
	_, err := parseArgs(fs, []string{"-h"})
	if exitCode(err) != exitOK || err.Error() != "" {
		t.Errorf("-h: %v (exit %d), want exit 0 with nothing more printed", err, exitCode(err))
	}
}
