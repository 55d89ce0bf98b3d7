// Command backlog turns a folder of Markdown backlog items into a static backlog
// and roadmap site. Run "backlog help" for the commands.
//
// Each subcommand lives in a file of its own (build.go, check.go, ...) as a function
// of its arguments and output streams that returns an error; main only maps that error
// to an exit status.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/backlogtool/backlog/generator/diff"
	"github.com/backlogtool/backlog/generator/report"
)

// Exit codes.
const (
	exitOK      = 0
	exitContent = 1 // the content has errors, or the site could not be written
	exitUsage   = 2 // wrong usage, or a revision git does not know
)

func main() {
	deferFirstCollection(firstCollectionAt)
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run is the whole command as a function, so tests drive it in-process.
func run(args []string, stdout, stderr io.Writer) int {
	name, err := dispatch(args, stdout, stderr)
	if err != nil && err.Error() != "" {
		fmt.Fprintf(stderr, "backlog %s: %s\n", name, report.VisibleLines(err.Error()))
	}
	return exitCode(err)
}

// exitCode maps what a command returned to the process's exit status.
func exitCode(err error) int {
	switch {
	case err == nil, errors.Is(err, flag.ErrHelp):
		return exitOK
	case errors.Is(err, errUsage), errors.Is(err, diff.ErrRevision):
		return exitUsage
	}
	return exitContent // generator.ErrContent, or the site could not be written
}
