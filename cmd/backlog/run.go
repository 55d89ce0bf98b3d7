package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"slices"
	"strings"
	"syscall"

	"github.com/backlogtool/backlog/generator"
	"github.com/backlogtool/backlog/generator/diff"
	"github.com/backlogtool/backlog/generator/history"
	"github.com/backlogtool/backlog/generator/preview"
	"github.com/backlogtool/backlog/generator/report"
)

// Exit codes.
const (
	exitOK      = 0
	exitContent = 1 // the content has errors, or the site could not be written
	exitUsage   = 2
)

const usage = `backlog turns a git repository's Markdown backlog into a static backlog and roadmap site.

Usage:
  backlog build [-content DIR] [-out DIR] [-templates DIR] [-no-history] [-no-cache]
        Check the content and write the site (default: content -> public).
        The previous site stays in place unless the whole build succeeds.
        History comes from the git repository holding the content, cached
        in the user's cache folder.
  backlog check [-content DIR] [-format text|github|json]
        Validate the content without writing anything.
  backlog diff [-content DIR] [-format markdown|json] BASE [HEAD]
        Show what changed in the backlog between two revisions (any revision
        git understands), or between BASE and the working tree: items added,
        removed and changed, and the rank moves the PO made. Markdown is made
        for a pull request comment or a CI job summary.
  backlog serve [-content DIR] [-templates DIR] [-addr 127.0.0.1:8080] [-open]
        Build the site, serve it and rebuild on every save; open pages reload
        by themselves, and show the findings while the content has errors.
  backlog version
        Print the version and commit this binary was built from.
  backlog help
        Print this help.

Findings are printed as path:line:col: message. Exit status: 0 success,
1 the content has errors, 2 wrong usage.
`

type command struct {
	name string
	run  func(args []string, stdout, stderr io.Writer) int
}

var commands []command

func init() {
	commands = []command{
		{"build", runBuild},
		{"check", runCheck},
		{"diff", runDiff},
		{"serve", runServe},
		{"version", runVersion},
		{"help", func(_ []string, stdout, _ io.Writer) int { fmt.Fprint(stdout, usage); return exitOK }},
	}
}

// run is the whole command as a function, so tests drive it in-process.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	name := args[0]
	if name == "-h" || name == "-help" || name == "--help" {
		name = "help"
	}
	i := slices.IndexFunc(commands, func(c command) bool { return c.name == name })
	if i < 0 {
		fmt.Fprintf(stderr, "backlog: unknown command %q\n\n%s", args[0], usage)
		return exitUsage
	}
	return commands[i].run(args[1:], stdout, stderr)
}

// flags makes a flag set that reports errors the way every command does.
func flags(name string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("backlog "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	return fs
}

// parse parses flags, allowing no positional arguments.
func parse(fs *flag.FlagSet, args []string) bool {
	if err := fs.Parse(args); err != nil {
		return false
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(fs.Output(), "%s: unexpected argument %q\n", fs.Name(), fs.Arg(0))
		return false
	}
	return true
}

func runBuild(args []string, stdout, stderr io.Writer) int {
	fs := flags("build", stderr)
	var opts generator.Options
	fs.StringVar(&opts.ContentDir, "content", "content", "the content `folder`")
	fs.StringVar(&opts.OutDir, "out", "public", "the `folder` the site is written to")
	fs.StringVar(&opts.TemplatesDir, "templates", "", "a `folder` of templates that override the default theme (default: templates/ beside the content, if any)")
	fs.BoolVar(&opts.NoHistory, "no-history", false, "leave out the history read from git")
	noCache := fs.Bool("no-cache", false, "compute history from scratch, without the cache in the user's cache folder")
	if !parse(fs, args) {
		return exitUsage
	}
	if !*noCache {
		opts.HistoryCache = history.DefaultCacheDir()
	}
	findings, err := generator.Build(opts)
	report.Write(stderr, "text", findings)
	switch {
	case errors.Is(err, generator.ErrContent):
		fmt.Fprintf(stderr, "backlog build: %s; %s left unchanged\n", report.Summary(findings), opts.OutDir)
		return exitContent
	case err != nil:
		fmt.Fprintf(stderr, "backlog build: %v\n", err)
		return exitContent
	}
	fmt.Fprintf(stdout, "backlog build: wrote %s\n", opts.OutDir)
	return exitOK
}

func runCheck(args []string, stdout, stderr io.Writer) int {
	fs := flags("check", stderr)
	var opts generator.Options
	fs.StringVar(&opts.ContentDir, "content", "content", "the content `folder`")
	format := fs.String("format", "text", "how findings are printed: "+strings.Join(report.Formats, ", "))
	if !parse(fs, args) {
		return exitUsage
	}
	if !slices.Contains(report.Formats, *format) {
		fmt.Fprintf(stderr, "backlog check: unknown format %q (use one of %s)\n", *format, strings.Join(report.Formats, ", "))
		return exitUsage
	}
	findings, err := generator.Check(opts)
	if err != nil {
		fmt.Fprintf(stderr, "backlog check: %v\n", err)
		return exitContent
	}
	report.Write(stdout, *format, findings)
	if findings.HasErrors() {
		if *format == "text" {
			fmt.Fprintf(stderr, "backlog check: %s\n", report.Summary(findings))
		}
		return exitContent
	}
	return exitOK
}

func runDiff(args []string, stdout, stderr io.Writer) int {
	fs := flags("diff", stderr)
	content := fs.String("content", "content", "the content `folder`")
	format := fs.String("format", "markdown", "how the changes are printed: "+strings.Join(diff.Formats, ", "))
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	if fs.NArg() < 1 || fs.NArg() > 2 {
		fmt.Fprintln(stderr, "usage: backlog diff [-content DIR] [-format markdown|json] BASE [HEAD]")
		return exitUsage
	}
	if !slices.Contains(diff.Formats, *format) {
		fmt.Fprintf(stderr, "backlog diff: unknown format %q (use one of %s)\n", *format, strings.Join(diff.Formats, ", "))
		return exitUsage
	}
	r, findings, err := generator.Diff(*content, fs.Arg(0), fs.Arg(1))
	switch {
	case errors.Is(err, generator.ErrContent):
		report.Write(stderr, "text", findings)
		fmt.Fprintf(stderr, "backlog diff: %s\n", report.Summary(findings))
		return exitContent
	case errors.Is(err, diff.ErrRevision):
		fmt.Fprintf(stderr, "backlog diff: %v\n", err)
		return exitUsage
	case err != nil:
		fmt.Fprintf(stderr, "backlog diff: %v\n", err)
		return exitContent
	}
	if err := diff.Write(stdout, *format, r); err != nil {
		fmt.Fprintf(stderr, "backlog diff: %v\n", err)
		return exitContent
	}
	return exitOK
}

func runServe(args []string, stdout, stderr io.Writer) int {
	fs := flags("serve", stderr)
	var opts preview.Options
	fs.StringVar(&opts.ContentDir, "content", "content", "the content `folder`")
	fs.StringVar(&opts.TemplatesDir, "templates", "", "a `folder` of templates that override the default theme (default: templates/ beside the content, if any)")
	fs.StringVar(&opts.Addr, "addr", "127.0.0.1:8080", "the `address` to listen on; loopback only by default")
	fs.BoolVar(&opts.Open, "open", false, "open the site in a browser")
	fs.BoolVar(&opts.NoHistory, "no-history", false, "leave out the history read from git")
	if !parse(fs, args) {
		return exitUsage
	}
	opts.HistoryCache = history.DefaultCacheDir()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := preview.Run(ctx, opts, stdout, stderr); err != nil {
		fmt.Fprintf(stderr, "backlog serve: %v\n", err)
		return exitContent
	}
	return exitOK
}

func runVersion(args []string, stdout, stderr io.Writer) int {
	if !parse(flags("version", stderr), args) {
		return exitUsage
	}
	fmt.Fprintln(stdout, "backlog", version())
	return exitOK
}

// version reads the module version and commit from the build information.
func version() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "(unknown)"
	}
	v := info.Main.Version
	var rev, modified string
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				modified = " (modified)"
			}
		}
	}
	if rev != "" {
		if len(rev) > 12 {
			rev = rev[:12]
		}
		v += " commit " + rev + modified
	}
	return v
}
