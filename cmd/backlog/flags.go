package main

import (
	"errors"
	"flag"
	"io"
	"strings"

	"github.com/backlogtool/backlog/generator/scaffold"
)

// newFlags makes a flag set that reports its errors the way every command does.
func newFlags(name string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("backlog "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	return fs
}

// contentFlag defines -content, the content folder every command but init reads, into
// p, and returns p.
func contentFlag(fs *flag.FlagSet, p *string) *string {
	fs.StringVar(p, "content", scaffold.ContentDir("."), "the content `folder`: content, or the folder init set up for a Backlog.md project or kanbn board")
	return p
}

// templatesFlag defines -templates, the theme overrides of build and serve, into p.
func templatesFlag(fs *flag.FlagSet, p *string) {
	fs.StringVar(p, "templates", "", "a `folder` of templates that override the default theme (default: templates/ beside the content, if any)")
}

// parseArgs parses flags wherever they stand among the arguments, as the README writes
// them (`backlog rank -content content sync-engine -top`, `backlog new "Title" -type
// bug`), and returns the other arguments in their order. "--" ends the flags: what
// follows is an argument even when it starts with '-'. Errors are printed by the flag
// package already.
func parseArgs(fs *flag.FlagSet, args []string) ([]string, error) {
	var flags, positional []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			positional = append(positional, args[i+1:]...)
			break
		}
		if len(a) < 2 || a[0] != '-' {
			positional = append(positional, a)
			continue
		}
		flags = append(flags, a)
		name := strings.TrimLeft(a, "-")
		if strings.Contains(name, "=") {
			continue
		}
		// A flag that takes a value takes the next argument, as flag.Parse would.
		if f := fs.Lookup(name); f != nil && !isBool(f) && i+1 < len(args) {
			i++
			flags = append(flags, args[i])
		}
	}
	if err := fs.Parse(flags); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil, printed(flag.ErrHelp)
		}
		return nil, printed(errUsage)
	}
	return positional, nil
}

// parseNoArgs parses flags for a command that takes no arguments.
func parseNoArgs(fs *flag.FlagSet, args []string) error {
	rest, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return usagef("unexpected argument %q", rest[0])
	}
	return nil
}

func isBool(f *flag.Flag) bool {
	b, ok := f.Value.(interface{ IsBoolFlag() bool })
	return ok && b.IsBoolFlag()
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
