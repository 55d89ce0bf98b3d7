package main

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/backlogtool/backlog/generator"
	"github.com/backlogtool/backlog/generator/report"
)

// runCheck validates the content without writing anything, and with -base reviews who
// changed the PO's and the PM's files.
func runCheck(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("check", stderr)
	var opts generator.Options
	contentFlag(fs, &opts.ContentDir)
	format := fs.String("format", "text", "how findings are printed: "+strings.Join(report.Formats, ", "))
	fs.StringVar(&opts.Base, "base", "", "a `revision`: report changes to order.yaml and backlog.yaml since then by authors not in owners.order and owners.roadmap")
	fs.BoolVar(&opts.StrictOwners, "strict-owners", false, "with -base, report such changes as errors, not warnings")
	if err := parseNoArgs(fs, args); err != nil {
		return err
	}
	if !slices.Contains(report.Formats, *format) {
		return usagef("unknown format %q (use one of %s)", *format, strings.Join(report.Formats, ", "))
	}
	if opts.StrictOwners && opts.Base == "" {
		return usagef("-strict-owners needs -base REV")
	}
	findings, err := generator.Check(opts)
	if err != nil {
		return err
	}
	if err := report.Write(stdout, *format, findings); err != nil {
		return err
	}
	if findings.HasErrors() {
		if *format == "text" {
			fmt.Fprintf(stderr, "backlog check: %s\n", report.Summary(findings))
		}
		return printed(generator.ErrContent)
	}
	return nil
}
