package main

import (
	"errors"
	"fmt"
	"io"

	"github.com/backlogtool/backlog/generator"
	"github.com/backlogtool/backlog/generator/history"
	"github.com/backlogtool/backlog/generator/report"
)

// runBuild checks the content and writes the site.
func runBuild(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("build", stderr)
	var opts generator.Options
	contentFlag(fs, &opts.ContentDir)
	fs.StringVar(&opts.OutDir, "out", "public", "the `folder` the site is written to")
	templatesFlag(fs, &opts.TemplatesDir)
	fs.BoolVar(&opts.NoHistory, "no-history", false, "leave out the history read from git")
	fs.BoolVar(&opts.Drafts, "drafts", false, "publish draft items too (draft: true), with a Draft badge")
	noCache := fs.Bool("no-cache", false, "compute history from scratch, without the cache in the user's cache folder")
	if err := parseNoArgs(fs, args); err != nil {
		return err
	}
	if !*noCache {
		opts.HistoryCache = history.DefaultCacheDir()
	}
	defer removeSiteOnSignal("build", stderr)()
	findings, err := generator.Build(opts)
	report.Write(stderr, "text", findings)
	switch {
	case errors.Is(err, generator.ErrContent):
		return failed(err, "%s; %s left unchanged", report.Summary(findings), opts.OutDir)
	case err != nil:
		return err
	}
	fmt.Fprintf(stdout, "backlog build: wrote %s\n", opts.OutDir)
	return nil
}
