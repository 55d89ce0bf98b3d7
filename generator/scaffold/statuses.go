package scaffold

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/backlogtool/backlog/generator/model"
)

// Words that name a status's category in the boards teams keep, in the compact form
// statusWord gives: only letters and digits, in lower case ("Won't fix" is wontfix).
var (
	todoNames = []string{"todo", "backlog", "open", "new", "proposed", "ready", "planned",
		"icebox", "triage", "inbox", "next", "upnext", "selected", "later", "someday", "ideas"}
	doingNames = []string{"inprogress", "doing", "started", "active", "wip", "review",
		"inreview", "codereview", "needsreview", "testing", "intesting", "qa", "blocked", "ongoing"}
	doneNames = []string{"done", "complete", "completed", "closed", "finished", "shipped",
		"released", "resolved", "merged", "fixed"}
	droppedNames = []string{"wontfix", "wontdo", "cancelled", "canceled", "dropped", "rejected",
		"abandoned", "obsolete", "duplicate", "declined", "withdrawn"}
)

// statusWord is a status name reduced to its letters and digits, in lower case, so that
// "In-Progress", "in_progress", "In progress" and "Won't fix", "wont-fix" compare equal.
func statusWord(name string) string {
	var sb strings.Builder
	for _, r := range strings.ToLower(name) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			sb.WriteRune(r)
		}
	}
	return sb.String()
}

// categoryByName is the category a status's name says, or "" when it says none. The
// whole name must be one of the words above; a few unambiguous parts also count
// ("Ready for review" is doing, "Cancelled by client" dropped), but never a part
// meaning done, which "Not done" or "Done?" would misread.
func categoryByName(name string) string {
	w := statusWord(name)
	switch {
	case w == "":
		return ""
	case slices.Contains(doneNames, w):
		return model.Done
	case slices.Contains(droppedNames, w):
		return model.Dropped
	case slices.Contains(doingNames, w):
		return model.Doing
	case slices.Contains(todoNames, w):
		return model.Todo
	case strings.Contains(w, "wontfix") || strings.Contains(w, "wontdo") || strings.Contains(w, "cancel"):
		return model.Dropped
	case strings.Contains(w, "progress") || strings.Contains(w, "doing") || strings.Contains(w, "review"):
		return model.Doing
	}
	return ""
}

// statusCategories gives each status, in board order, its category. What the tool says
// wins (kanbn's startedColumns and completedColumns); then what the name says; a status
// neither places is todo when first on the board, done when last, and doing between, as
// boards run left to right. When nothing made a status done, the last such unplaced
// status after the first is done, so that finished work has somewhere to go.
func statusCategories(names, started, completed []string) []string {
	categories := make([]string, len(names))
	var unplaced []int
	for i, n := range names {
		switch c := categoryByName(n); {
		case slices.Contains(completed, n):
			categories[i] = model.Done
		case slices.Contains(started, n):
			categories[i] = model.Doing
		case c != "":
			categories[i] = c
		case i == 0:
			categories[i], unplaced = model.Todo, append(unplaced, i)
		case i == len(names)-1:
			categories[i], unplaced = model.Done, append(unplaced, i)
		default:
			categories[i], unplaced = model.Doing, append(unplaced, i)
		}
	}
	// The first status stays todo: new proposals take it.
	if last := len(unplaced) - 1; last >= 0 && unplaced[last] > 0 && !slices.Contains(categories, model.Done) {
		categories[unplaced[last]] = model.Done
	}
	return categories
}

// statusList writes the statuses in board order, each with its category (statusCategories).
func statusList(names, started, completed []string) string {
	var sb strings.Builder
	sb.WriteString("# Statuses in board order, as the tool names them; each has a category.\nstatuses:\n")
	for i, c := range statusCategories(names, started, completed) {
		fmt.Fprintf(&sb, "  - {id: %s, category: %s}\n", strconv.Quote(names[i]), c)
	}
	return sb.String()
}
