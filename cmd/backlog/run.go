package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/backlogtool/backlog/generator"
	"github.com/backlogtool/backlog/generator/diff"
	"github.com/backlogtool/backlog/generator/edit"
	"github.com/backlogtool/backlog/generator/history"
	"github.com/backlogtool/backlog/generator/preview"
	"github.com/backlogtool/backlog/generator/report"
	"github.com/backlogtool/backlog/generator/scaffold"
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
  backlog check [-content DIR] [-format text|github|json] [-base REV [-strict-owners]]
        Validate the content without writing anything. With -base, also report
        changes to order.yaml since REV by authors not in owners.order.
  backlog diff [-content DIR] [-format markdown|json] BASE [HEAD]
        Show what changed in the backlog between two revisions (any revision
        git understands), or between BASE and the working tree: items added,
        removed and changed, and the rank moves the PO made. Markdown is made
        for a pull request comment or a CI job summary.
  backlog serve [-content DIR] [-templates DIR] [-addr 127.0.0.1:8080] [-open]
        Build the site, serve it and rebuild on every save; open pages reload
        by themselves, and show the findings while the content has errors.
  backlog init [-title T] [-repo URL] [-branch main] [-po @handle] [-pm @handle] [DIR]
        Set a repository up for the workflow: content/, a GitHub workflow that
        checks pull requests and publishes to GitHub Pages, CODEOWNERS lines.
        Existing files are never overwritten.
  backlog new [-content DIR] [-type T] [-labels a,b] [-release R] TITLE
        Write a new item, named after its title, and print its path.
  backlog rank [-content DIR] ID (-top | -bottom | -before ID | -after ID)
  backlog rank [-content DIR] -unranked
        Move an item in order.yaml, or append every unranked item at the bottom,
        keeping the file's comments and layout.
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
		{"init", runInit},
		{"new", runNew},
		{"rank", runRank},
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
	fs.StringVar(&opts.Base, "base", "", "a `revision`: report changes to order.yaml since then by authors not in owners.order")
	fs.BoolVar(&opts.StrictOwners, "strict-owners", false, "with -base, report such changes as errors, not warnings")
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

func runInit(args []string, stdout, stderr io.Writer) int {
	fs := flags("init", stderr)
	var opts scaffold.Options
	fs.StringVar(&opts.Title, "title", "Backlog", "the site's title")
	fs.StringVar(&opts.RepoURL, "repo", "", "the repository's web `address`, for edit and propose links")
	fs.StringVar(&opts.Branch, "branch", "main", "the default `branch`, which publishes the site")
	po := fs.String("po", "", "the Product Owner: comma-separated @handles or emails")
	pm := fs.String("pm", "", "the Product Manager: comma-separated @handles or emails")
	if err := fs.Parse(args); err != nil || fs.NArg() > 1 {
		if err == nil {
			fmt.Fprintln(stderr, "usage: backlog init [flags] [DIR]")
		}
		return exitUsage
	}
	dir := "."
	if fs.NArg() == 1 {
		dir = fs.Arg(0)
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
	if err != nil {
		fmt.Fprintf(stderr, "backlog init: %v\n", err)
		return exitContent
	}
	return exitOK
}

func runNew(args []string, stdout, stderr io.Writer) int {
	fs := flags("new", stderr)
	content := fs.String("content", "content", "the content `folder`")
	var opts generator.NewItemOptions
	fs.StringVar(&opts.Type, "type", "", "the item's type (feature, bug, chore, spike...)")
	labels := fs.String("labels", "", "comma-separated labels")
	fs.StringVar(&opts.Release, "release", "", "a release name from backlog.yaml")
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	opts.Title = strings.Join(fs.Args(), " ")
	if strings.TrimSpace(opts.Title) == "" {
		fmt.Fprintln(stderr, "usage: backlog new [-content DIR] [-type T] [-labels a,b] [-release R] TITLE")
		return exitUsage
	}
	opts.Labels = list(*labels)
	path, err := generator.NewItem(*content, opts)
	if err != nil {
		fmt.Fprintf(stderr, "backlog new: %v\n", err)
		return exitContent
	}
	fmt.Fprintln(stdout, path)
	return exitOK
}

func runRank(args []string, stdout, stderr io.Writer) int {
	fs := flags("rank", stderr)
	content := fs.String("content", "content", "the content `folder`")
	var where edit.Where
	fs.BoolVar(&where.Top, "top", false, "rank the item first")
	fs.BoolVar(&where.Bottom, "bottom", false, "rank the item last")
	fs.StringVar(&where.Before, "before", "", "rank the item just above this `id`")
	fs.StringVar(&where.After, "after", "", "rank the item just below this `id`")
	unranked := fs.Bool("unranked", false, "append every unranked item at the bottom")
	// The id may come before the flags: backlog rank ID -top.
	var id string
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		id, args = args[0], args[1:]
	}
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	if id == "" && fs.NArg() == 1 {
		id = fs.Arg(0)
	} else if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "backlog rank: unexpected argument %q\n", fs.Arg(0))
		return exitUsage
	}
	chosen := 0
	for _, set := range []bool{where.Top, where.Bottom, where.Before != "", where.After != ""} {
		if set {
			chosen++
		}
	}
	switch {
	case *unranked && id == "" && chosen == 0:
		ids, err := generator.RankUnranked(*content)
		if err != nil {
			fmt.Fprintf(stderr, "backlog rank: %v\n", err)
			return exitContent
		}
		fmt.Fprintf(stdout, "ranked %d unranked items at the bottom\n", len(ids))
		return exitOK
	case *unranked || id == "" || chosen != 1:
		fmt.Fprintln(stderr, "usage: backlog rank [-content DIR] ID (-top | -bottom | -before ID | -after ID)\n       backlog rank [-content DIR] -unranked")
		return exitUsage
	}
	if err := generator.Rank(*content, id, where); err != nil {
		fmt.Fprintf(stderr, "backlog rank: %v\n", err)
		return exitContent
	}
	return exitOK
}

// list splits a comma-separated flag value.
func list(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// modulePath is the module to `go install` backlog from.
func modulePath() string {
	if info, ok := debug.ReadBuildInfo(); ok && info.Main.Path != "" {
		return info.Main.Path
	}
	return "github.com/backlogtool/backlog"
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
