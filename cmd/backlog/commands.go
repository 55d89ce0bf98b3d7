package main

import (
	"fmt"
	"io"
	"slices"
)

const usage = `backlog turns a git repository's Markdown backlog into a static backlog and roadmap site.

Usage:
  backlog build [-content DIR] [-out DIR] [-templates DIR] [-no-history] [-no-cache] [-drafts]
        Check the content and write the site (default: content -> public).
        The previous site stays in place unless the whole build succeeds.
        History comes from the git repository holding the content, cached
        in the user's cache folder. Draft items (draft: true) are left out
        unless -drafts.
  backlog check [-content DIR] [-format text|github|json] [-base REV [-strict-owners]]
        Validate the content without writing anything. With -base, also report
        changes to order.yaml and backlog.yaml since REV by authors not in
        owners.order and owners.roadmap.
  backlog diff [-content DIR] [-format markdown|json] BASE [HEAD]
        Show what changed in the backlog between two revisions (any revision
        git understands), or between BASE and the working tree: items added,
        removed and changed, the rank moves the PO made, and releases, goals
        and statuses changed. Markdown is made for a pull request comment or
        a CI job summary.
  backlog serve [-content DIR] [-templates DIR] [-addr 127.0.0.1:8080] [-open] [-no-history]
        Build the site, serve it and rebuild on every save; open pages reload
        by themselves, and show the findings while the content has errors.
        On a loopback address the pages are also the PO's desk: reorder the
        backlog and triage the board, then prepare a pull request.
  backlog init [-title T] [-repo URL] [-branch main] [-po @handle] [-pm @handle] [DIR]
        Set a repository up for the workflow: content/, a GitHub workflow that
        checks pull requests and publishes to GitHub Pages, CODEOWNERS lines.
        Existing files are never overwritten.
  backlog new [-content DIR] [-type T] [-labels a,b] [-release R] TITLE
        Write a new item, named after its title, and print its path.
  backlog rank [-content DIR] ID (-top | -bottom | -before ID | -after ID)
  backlog rank [-content DIR] -unranked
        Move an item in order.yaml, or append every unranked item at the bottom,
        oldest proposal first, keeping the file's comments and layout.
  backlog version
        Print the version and commit this binary was built from.
  backlog help
        Print this help.

Flags may come before or after the arguments; "--" ends them. Findings are
printed as path:line:col: message. Exit status: 0 success, 1 the content has
errors, 2 wrong usage or an unknown revision.
`

// command is one subcommand: it parses its own flags and returns what went wrong.
type command struct {
	name string
	run  func(args []string, stdout, stderr io.Writer) error
}

// commands lists the subcommands; each lives in the file of its name.
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
		{"help", runHelp},
	}
}

// dispatch runs the subcommand args name, and returns its name for messages.
func dispatch(args []string, stdout, stderr io.Writer) (string, error) {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return "", printed(errUsage)
	}
	name := args[0]
	if name == "-h" || name == "-help" || name == "--help" {
		name = "help"
	}
	i := slices.IndexFunc(commands, func(c command) bool { return c.name == name })
	if i < 0 {
		fmt.Fprintf(stderr, "backlog: unknown command %q\n\n%s", args[0], usage)
		return name, printed(errUsage)
	}
	return name, commands[i].run(args[1:], stdout, stderr)
}

func runHelp(_ []string, stdout, _ io.Writer) error {
	fmt.Fprint(stdout, usage)
	return nil
}
