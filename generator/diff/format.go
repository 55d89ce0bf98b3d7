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

// writeMarkdown prints the report. Everything that comes from the content or the command
// line (ids, titles, keys, values, revision names) is printed through code or cell
// (markdown.go), so a pull request cannot add a heading, a link, an image or HTML to
// the review it is judged by.
func writeMarkdown(w io.Writer, r *Report) {
	fmt.Fprintf(w, "## Backlog changes: %s → %s\n\n", code(r.Base), code(r.Head))
	if r.Empty() {
		fmt.Fprintln(w, "No change to the backlog.")
		return
	}
	var counts []string
	add := func(n int, what string) {
		if n > 0 {
			if n == 1 {
				what = strings.Replace(what, "changes", "change", 1)
			}
			counts = append(counts, fmt.Sprintf("%d %s", n, what))
		}
	}
	add(len(r.Added), "added")
	add(len(r.Removed), "removed")
	add(len(r.Renamed), "renamed")
	add(len(r.Status), "status changes")
	add(len(r.Fields), "field changes")
	add(len(r.Moves), "moved by the PO")
	add(r.Shifted, "shifted by those moves")
	add(len(r.Releases), "release changes")
	add(len(r.Goals), "goal changes")
	add(len(r.Statuses), "status definition changes")
	fmt.Fprintf(w, "%s.\n", strings.Join(counts, ", "))

	if len(r.Added) > 0 {
		table(w, "Added", "", []string{"Item", "Id", "Status", "Rank"})
		for _, it := range r.Added {
			row(w, cell(it.Title), cell(it.ID), cell(it.Status), rank(it.Rank))
		}
	}
	if len(r.Removed) > 0 {
		table(w, "Removed", "", []string{"Item", "Id", "Status", "Was ranked"})
		for _, it := range r.Removed {
			row(w, cell(it.Title), cell(it.ID), cell(it.Status), rank(it.Rank))
		}
	}
	if len(r.Renamed) > 0 {
		table(w, "Renamed", "Items whose file was renamed, which gives them a new id; their other changes are listed under the new id.", []string{"Item", "Id", "Status", "Rank"})
		for _, it := range r.Renamed {
			row(w, cell(it.Title), cell(it.From)+" → "+cell(it.To), cell(it.Status), rank(it.Rank))
		}
	}
	if len(r.Moves) > 0 {
		table(w, "Rank moves", "The items the PO moved; the others only shifted.", []string{"Item", "Id", "From", "To"})
		for _, m := range r.Moves {
			row(w, cell(m.Title), cell(m.ID), rank(m.From), rank(m.To))
		}
	}
	if len(r.Status) > 0 {
		table(w, "Status changes", "", []string{"Item", "Id", "From", "To"})
		for _, s := range r.Status {
			row(w, cell(s.Title), cell(s.ID), cell(s.From), cell(s.To))
		}
	}
	if len(r.Fields) > 0 {
		table(w, "Field changes", "", []string{"Id", "Field", "From", "To"})
		for _, f := range r.Fields {
			row(w, cell(f.ID), cell(f.Field), cell(f.From), cell(f.To))
		}
	}
	if len(r.Releases) > 0 {
		table(w, "Releases", "Changes to the roadmap in backlog.yaml.", []string{"Release", "Change", "Date", "Was"})
		for _, c := range r.Releases {
			var was []string
			if c.OldName != "" {
				was = append(was, "named "+code(c.OldName))
			}
			if c.OldDate != "" || c.Change == Redated {
				was = append(was, "due "+code(c.OldDate))
			}
			row(w, cell(c.Name), c.Change, cell(c.Date), orDash(strings.Join(was, ", ")))
		}
	}
	if len(r.Goals) > 0 {
		table(w, "Goals", "", []string{"Goal", "Id", "Change", "Was"})
		for _, c := range r.Goals {
			was := "–"
			if c.OldTitle != "" {
				was = cell(c.OldTitle)
			}
			row(w, cell(c.Title), cell(c.ID), c.Change, was)
		}
	}
	if len(r.Statuses) > 0 {
		table(w, "Statuses", "", []string{"Status", "Id", "Category", "Change", "Was"})
		for _, c := range r.Statuses {
			var was []string
			if c.OldTitle != "" {
				was = append(was, "titled "+cell(c.OldTitle))
			}
			if c.OldCategory != "" {
				was = append(was, "in "+cell(c.OldCategory))
			}
			row(w, cell(c.Title), cell(c.ID), cell(c.Category), c.Change, orDash(strings.Join(was, ", ")))
		}
	}
}

// table starts a section with a table; the texts are the program's own.
func table(w io.Writer, heading, intro string, columns []string) {
	fmt.Fprintf(w, "\n### %s\n\n", heading)
	if intro != "" {
		fmt.Fprintf(w, "%s\n\n", intro)
	}
	fmt.Fprintf(w, "| %s |\n|%s\n", strings.Join(columns, " | "), strings.Repeat(" --- |", len(columns)))
}

// row prints a table row of cells already made safe.
func row(w io.Writer, cells ...string) {
	fmt.Fprintf(w, "| %s |\n", strings.Join(cells, " | "))
}

func rank(r int) string {
	if r == 0 {
		return "unranked"
	}
	return fmt.Sprintf("#%d", r)
}

func orDash(s string) string {
	if s == "" {
		return "–"
	}
	return s
}
