package main

import (
	"fmt"
	"io"
	"path/filepath"
	"runtime/debug"
	"time"

	"github.com/backlogtool/backlog/generator/scaffold"
)

// runInit sets a repository up for the workflow, never overwriting a file.
func runInit(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("init", stderr)
	var opts scaffold.Options
	fs.StringVar(&opts.Title, "title", "Backlog", "the site's title")
	fs.StringVar(&opts.RepoURL, "repo", "", "the repository's `address`, for edit and propose links: https://HOST/OWNER/REPO, or as `git remote get-url origin` prints it")
	fs.StringVar(&opts.Branch, "branch", "main", "the default `branch`, which publishes the site")
	po := fs.String("po", "", "the Product Owner: comma-separated @handles, names or emails")
	pm := fs.String("pm", "", "the Product Manager: comma-separated @handles, names or emails")
	rest, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 1 {
		return usagef("unexpected argument %q: backlog init [flags] [DIR]", rest[1])
	}
	dir := "."
	if len(rest) == 1 {
		dir = rest[0]
	}
	// The address is read before anything is written: one it cannot read writes nothing.
	if opts.RepoURL, err = scaffold.RepoURL(opts.RepoURL); err != nil {
		return usagef("-repo: %v", err)
	}
	opts.PO, opts.PM = list(*po), list(*pm)
	opts.Module, opts.Now = modulePath(), time.Now()
	written, skipped, err := scaffold.Init(dir, opts)
	for _, p := range written {
		fmt.Fprintf(stdout, "wrote   %s\n", filepath.Join(dir, p))
	}
	for _, p := range skipped {
		fmt.Fprintf(stdout, "skipped %s (it exists)\n", filepath.Join(dir, p))
	}
	return err
}

// modulePath is the module to `go install` backlog from.
func modulePath() string {
	if info, ok := debug.ReadBuildInfo(); ok && info.Main.Path != "" {
		return info.Main.Path
	}
	return "github.com/backlogtool/backlog"
}
