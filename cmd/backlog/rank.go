package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/backlogtool/backlog/generator"
	"github.com/backlogtool/backlog/generator/edit"
)

const rankUsage = "backlog rank [-content DIR] ID (-top | -bottom | -before ID | -after ID)\n       backlog rank [-content DIR] -unranked"

// runRank moves one item in order.yaml, or appends every unranked item.
func runRank(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("rank", stderr)
	content := contentFlag(fs, new(string))
	var where edit.Where
	fs.BoolVar(&where.Top, "top", false, "rank the item first")
	fs.BoolVar(&where.Bottom, "bottom", false, "rank the item last")
	fs.StringVar(&where.Before, "before", "", "rank the item just above this `id`")
	fs.StringVar(&where.After, "after", "", "rank the item just below this `id`")
	unranked := fs.Bool("unranked", false, "append every unranked item at the bottom, oldest proposal first")
	ids, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	chosen := 0
	for _, set := range []bool{where.Top, where.Bottom, where.Before != "", where.After != ""} {
		if set {
			chosen++
		}
	}
	switch {
	case len(ids) > 1:
		return usagef("one item at a time, found %q and %q\nusage: %s", ids[0], ids[1], rankUsage)
	case *unranked && len(ids) == 0 && chosen == 0:
		ranked, err := generator.AppendUnranked(*content)
		if err != nil {
			return err
		}
		what := "items"
		if len(ranked) == 1 {
			what = "item"
		}
		fmt.Fprintf(stdout, "ranked %d unranked %s at the bottom\n", len(ranked), what)
		return nil
	case *unranked:
		return usagef("-unranked takes no item and no place\nusage: %s", rankUsage)
	case len(ids) == 0 || ids[0] == "":
		return usagef("say which item\nusage: %s", rankUsage)
	case chosen != 1:
		return usagef("say one place: -top, -bottom, -before ID or -after ID\nusage: %s", rankUsage)
	case where.Before == ids[0], where.After == ids[0]:
		return usagef("%q cannot be ranked next to itself: name another item after -before or -after", ids[0])
	}
	where.Before, where.After = inContent(*content, where.Before), inContent(*content, where.After)
	return generator.MoveItem(*content, inContent(*content, ids[0]), where)
}

// inContent turns the path of an item file as the shell completes it from the working
// directory (content/items/a.md) into its path in the content folder (items/a.md), which
// names the item; any other reference is returned as it is.
func inContent(content, ref string) string {
	if ref == "" || !strings.HasSuffix(ref, ".md") {
		return ref
	}
	if info, err := os.Stat(ref); err != nil || !info.Mode().IsRegular() {
		return ref
	}
	rel, err := filepath.Rel(content, ref)
	if err != nil || !filepath.IsLocal(rel) {
		return ref
	}
	return filepath.ToSlash(rel)
}
