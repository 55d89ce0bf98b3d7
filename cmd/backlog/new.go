package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/backlogtool/backlog/generator"
)

// runNew writes a new item named after its title and prints its path.
func runNew(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("new", stderr)
	content := contentFlag(fs, new(string))
	var opts generator.NewItemOptions
	fs.StringVar(&opts.Type, "type", "", "the item's type (feature, bug, chore, spike...)")
	labels := fs.String("labels", "", "comma-separated labels")
	fs.StringVar(&opts.Release, "release", "", "a release name from backlog.yaml")
	words, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	// The title may be quoted or not: backlog new Sync engine -type feature.
	opts.Title = strings.Join(words, " ")
	if strings.TrimSpace(opts.Title) == "" {
		return usagef("say the title: backlog new [-content DIR] [-type T] [-labels a,b] [-release R] TITLE")
	}
	opts.Labels = list(*labels)
	path, err := generator.NewItem(*content, opts)
	if err != nil {
		return err
	}
	fmt.Fprintln(stdout, path)
	return nil
}
