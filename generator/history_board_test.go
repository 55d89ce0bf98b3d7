package generator

import (
	"os"
	"path/filepath"
	"testing"
)

// kanbnSettings read a kanbn board in place, as backlog init writes them.
const kanbnSettings = "title: Board\nitems: [tasks]\nboard: index.md\nstatuses:\n  - {id: Backlog, category: todo}\n  - {id: In Progress, category: doing}\n  - {id: Done, category: done}\nreleases:\n  - {name: \"2027.1\", date: 2027-03-31}\n"

func kanbnTask(title, extra string) string {
	return "---\ncreated: 2026-01-01T09:00:00.000Z\nrelease: \"2027.1\"\n" + extra + "---\n\n# " + title + "\n\nThe task, long enough for git to see a rename.\n"
}

func kanbnIndex(backlog, progress, done string) string {
	return "---\nstartedColumns: [In Progress]\ncompletedColumns: [Done]\n---\n\n# Board\n\n## Backlog\n\n" + backlog + "\n## In Progress\n\n" + progress + "\n## Done\n\n" + done
}

// TestHistoryFollowsTheBoard: a kanbn task's status is its column on the board, so its
// history is the board's as git has it: proposed in the column the board first listed
// it in, its status changed by the commit that moved it, the task file unchanged.
func TestHistoryFollowsTheBoard(t *testing.T) {
	for _, committed := range []bool{true, false} {
		name := "settings committed"
		if !committed {
			name = "adopted in place, settings not committed"
		}
		t.Run(name, func(t *testing.T) {
			g := newGitSite(t)
			first := map[string]string{
				".kanbn/index.md":          kanbnIndex("- [alpha](tasks/alpha.md)\n- own\n", "- beta\n", ""),
				".kanbn/tasks/alpha.md":    kanbnTask("Alpha", ""),
				".kanbn/tasks/beta.md":     kanbnTask("Beta", ""),
				".kanbn/tasks/own.md":      kanbnTask("Own", "status: In Progress\n"),
				".kanbn/tasks/offboard.md": kanbnTask("Off the board", ""),
			}
			if committed {
				first[".kanbn/backlog.yaml"] = kanbnSettings
			}
			g.commit("alice", day(1), first)
			// A cached history of the first commit goes on with the board's later moves.
			cache := t.TempDir()
			writeSettings := func() {
				if !committed {
					if err := os.WriteFile(filepath.Join(g.root, ".kanbn", "backlog.yaml"), []byte(kanbnSettings), 0o644); err != nil {
						t.Fatal(err)
					}
				}
			}
			build := func() string {
				out := filepath.Join(t.TempDir(), "public")
				if _, err := Build(Options{ContentDir: filepath.Join(g.root, ".kanbn"), OutDir: out, HistoryCache: cache}); err != nil {
					t.Fatal(err)
				}
				return out
			}
			writeSettings()
			contains(t, "first change log", readSite(t, build(), "changes/index.html"), []string{"Proposed: Beta (In Progress)"}, nil)
			// bob moves alpha and own to Done, on the board only.
			g.commit("bob", day(2), map[string]string{".kanbn/index.md": kanbnIndex("", "- beta\n", "- [alpha](tasks/alpha.md)\n- own\n")})
			// carol moves beta to Done and edits it in the same commit.
			g.commit("carol", day(3), map[string]string{".kanbn/index.md": kanbnIndex("", "", "- [alpha](tasks/alpha.md)\n- own\n- beta\n"),
				".kanbn/tasks/beta.md": kanbnTask("Beta", "progress: 1\n")})
			out := build()
			contains(t, "alpha's page", readSite(t, out, "items/alpha/index.html"),
				[]string{`Proposed</dt><dd><time datetime="2026-01-01T12:00:00Z">2026-01-01</time> by alice`, "status Backlog → Done"}, nil)
			contains(t, "beta's page", readSite(t, out, "items/beta/index.html"),
				[]string{"status In Progress → Done"}, []string{"Backlog →", "→ Backlog"})
			contains(t, "own's page", readSite(t, out, "items/own/index.html"), nil, []string{"→ Done"})
			contains(t, "change log", readSite(t, out, "changes/index.html"),
				[]string{"Proposed: Alpha (Backlog)", "Proposed: Beta (In Progress)", "Proposed: Own (In Progress)", "Proposed: Off the board (Backlog)",
					"Alpha: Backlog → Done", "Beta: In Progress → Done"},
				[]string{"Proposed: Beta (Backlog)", "Own: In Progress → Backlog", "Own: In Progress → Done", "Off the board: Backlog"})
			contains(t, "feed", readSite(t, out, "feed.xml"), []string{"Alpha: Backlog → Done"}, nil)
		})
	}
}
