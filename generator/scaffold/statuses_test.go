package scaffold

import (
	"strings"
	"testing"
)

func TestStatusCategories(t *testing.T) {
	for _, tc := range []struct {
		names, started, completed []string
		want                      string
	}{
		// Backlog.md's default, and a trailing abandoned status read by its name, not as done.
		{names: []string{"To Do", "In Progress", "Done"}, want: "todo doing done"},
		{names: []string{"To Do", "In Progress", "Done", "Wontfix"}, want: "todo doing done dropped"},
		{names: []string{"todo", "in_progress", "COMPLETED", "Won't Fix"}, want: "todo doing done dropped"},
		{names: []string{"Open", "Review", "Closed", "wont-do", "Cancelled", "Duplicate"}, want: "todo doing done dropped dropped dropped"},
		{names: []string{"Backlog", "Blocked", "Testing", "Shipped", "Rejected"}, want: "todo doing doing done dropped"},
		{names: []string{"Triage", "Ready for review", "Merged", "Cancelled by client"}, want: "todo doing done dropped"},
		{names: []string{"✅ Done", "🚧 In progress", "📋 To do"}, want: "done doing todo"},
		// Names that say nothing: first todo, last done, between doing.
		{names: []string{"Alpha", "Beta", "Gamma", "Delta"}, want: "todo doing doing done"},
		{names: []string{"To Do", "Building", "Live"}, want: "todo doing done"},
		// None named done: the last unnamed status (not the first) is done.
		{names: []string{"To Do", "Building", "Wontfix"}, want: "todo done dropped"},
		{names: []string{"Inbox", "Working", "Verifying", "Abandoned"}, want: "todo doing done dropped"},
		{names: []string{"Whatever", "In Progress", "Wontfix"}, want: "todo doing dropped"},
		// "Not done" is not done: only whole names mean done.
		{names: []string{"Not done", "Done"}, want: "todo done"},
		{names: []string{"Only"}, want: "todo"},
		// kanbn's startedColumns and completedColumns win over names and places.
		{names: []string{"Backlog", "Todo", "In Progress", "Done", "Archive"}, started: []string{"In Progress"}, completed: []string{"Done", "Archive"}, want: "todo todo doing done done"},
		{names: []string{"Backlog", "Done", "Shipped"}, started: []string{"Done"}, completed: []string{"Shipped"}, want: "todo doing done"},
		{names: []string{"Backlog", "Doing", "Verified", "Wontfix"}, completed: []string{"Verified"}, want: "todo doing done dropped"},
	} {
		got := strings.Join(statusCategories(tc.names, tc.started, tc.completed), " ")
		if got != tc.want {
			t.Errorf("statusCategories(%q, started %q, completed %q) = %s, want %s", tc.names, tc.started, tc.completed, got, tc.want)
		}
	}
}

func TestStatusListQuotesNames(t *testing.T) {
	got := statusList([]string{"To Do", `Say "done"`, "Done", "Wontfix"}, nil, nil)
	want := `# Statuses in board order, as the tool names them; each has a category.
statuses:
  - {id: "To Do", category: todo}
  - {id: "Say \"done\"", category: doing}
  - {id: "Done", category: done}
  - {id: "Wontfix", category: dropped}
`
	if got != want {
		t.Errorf("statusList:\n%s\nwant:\n%s", got, want)
	}
}
