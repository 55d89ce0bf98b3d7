package main

import (
	"errors"
	"io"
	"slices"
	"strings"

	"github.com/backlogtool/backlog/generator"
	"github.com/backlogtool/backlog/generator/diff"
	"github.com/backlogtool/backlog/generator/report"
)

// runDiff prints what changed in the backlog between two revisions.
func runDiff(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("diff", stderr)
	content := contentFlag(fs, new(string))
	format := fs.String("format", "markdown", "how the changes are printed: "+strings.Join(diff.Formats, ", "))
	revs, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(revs) < 1 || len(revs) > 2 {
		return usagef("say which revisions: backlog diff [-content DIR] [-format markdown|json] BASE [HEAD]")
	}
	if !slices.Contains(diff.Formats, *format) {
		return usagef("unknown format %q (use one of %s)", *format, strings.Join(diff.Formats, ", "))
	}
	revs = append(revs, "")
	r, findings, err := generator.Diff(*content, revs[0], revs[1])
	if errors.Is(err, generator.ErrContent) {
		report.Write(stderr, "text", findings)
		return failed(err, "%s", report.Summary(findings))
	}
	if err != nil {
		return err
	}
	return diff.Write(stdout, *format, r)
}
