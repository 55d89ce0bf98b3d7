package diff

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// Formats lists the names Write accepts.
var Formats = []string{"markdown", "json"}

// Write prints a report as Markdown, for a pull request comment or a CI job summary,
// or as JSON, for tools.
func Write(w io.Writer, format string, r *Report) error {
	switch format {
	case "json":
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(r)
	case "markdown":
		writeMarkdown(w, r)
		return nil
	}
	return fmt.Errorf("unknown format %q (use one of %s)", format, strings.Join(Formats, ", "))
}

func writeMarkdown(w io.Writer, r *Report) {
	fmt.Fprintf(w, "## Backlog changes: `%s` → `%s`\n\n", r.Base, r.Head)
	if r.Empty() {
		fmt.Fprintln(w, "No change to the backlog.")
		return
	}
	var counts []string
	add := func(n int, what string) {
		if n > 0 {
			counts = append(counts, fmt.Sprintf("%d %s", n, what))
		}
	}
	add(len(r.Added), "added")
	add(len(r.Removed), "removed")
	add(len(r.Status), "status changes")
	add(len(r.Fields), "field changes")
	add(len(r.Moves), "moved by the PO")
	add(r.Shifted, "shifted by those moves")
	fmt.Fprintf(w, "%s.\n", strings.Join(counts, ", "))

	if len(r.Added) > 0 {
		fmt.Fprint(w, "\n### Added\n\n| Item | Status | Rank |\n| --- | --- | --- |\n")
		for _, it := range r.Added {
			fmt.Fprintf(w, "| %s `%s` | %s | %s |\n", cell(it.Title), it.ID, cell(it.Status), rank(it.Rank))
		}
	}
	if len(r.Removed) > 0 {
		fmt.Fprint(w, "\n### Removed\n\n| Item | Status | Was ranked |\n| --- | --- | --- |\n")
		for _, it := range r.Removed {
			fmt.Fprintf(w, "| %s `%s` | %s | %s |\n", cell(it.Title), it.ID, cell(it.Status), rank(it.Rank))
		}
	}
	if len(r.Moves) > 0 {
		fmt.Fprint(w, "\n### Rank moves\n\nThe items the PO moved; the others only shifted.\n\n| Item | From | To |\n| --- | --- | --- |\n")
		for _, m := range r.Moves {
			fmt.Fprintf(w, "| %s `%s` | %s | %s |\n", cell(m.Title), m.ID, rank(m.From), rank(m.To))
		}
	}
	if len(r.Status) > 0 {
		fmt.Fprint(w, "\n### Status changes\n\n| Item | From | To |\n| --- | --- | --- |\n")
		for _, s := range r.Status {
			fmt.Fprintf(w, "| %s `%s` | %s | %s |\n", cell(s.Title), s.ID, cell(s.From), cell(s.To))
		}
	}
	if len(r.Fields) > 0 {
		fmt.Fprint(w, "\n### Field changes\n\n| Item | Field | From | To |\n| --- | --- | --- | --- |\n")
		for _, f := range r.Fields {
			fmt.Fprintf(w, "| `%s` | %s | %s | %s |\n", f.ID, f.Field, cell(f.From), cell(f.To))
		}
	}
}

func rank(r int) string {
	if r == 0 {
		return "unranked"
	}
	return fmt.Sprintf("#%d", r)
}

// cell makes text safe inside a Markdown table cell: no pipes, newlines or markup.
func cell(s string) string {
	if s == "" {
		return "–"
	}
	r := strings.NewReplacer("|", "\\|", "\n", " ", "\r", " ", "<", "&lt;", ">", "&gt;", "`", "'", "*", "\\*", "_", "\\_", "[", "\\[", "]", "\\]")
	return r.Replace(s)
}
