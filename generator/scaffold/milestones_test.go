package scaffold

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/backlogtool/backlog/generator/load"
	"github.com/backlogtool/backlog/generator/model"
)

func TestMilestoneReleases(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"milestones/m-10 - later.md":        "---\nid: m-10\ntitle: Later\n---\n",
		"milestones/m-2 - web.md":           "---\nid: m-2\ntitle: \"Web: board\"\n---\n",
		"milestones/beta.md":                "---\nid: beta\n---\nNo title.\n",
		"milestones/alpha.md":               "---\nid: Alpha\ntitle: First\n---\n",
		"milestones/readme.md":              "# Milestones\n",
		"milestones/broken.md":              "---\nid: [\n---\n",
		"milestones/notes.txt":              "---\nid: m-99\n---\n",
		"archive/milestones/m-0 - start.md": "---\nid: m-0\ntitle: Start\n---\n",
		// The same milestone archived and active: the active one is kept.
		"archive/milestones/m-2 - old.md": "---\nid: M-2\ntitle: Old web\n---\n",
	}
	for name, data := range files {
		p := filepath.Join(dir, "backlog", filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	used := []string{"m-2", "WEB: BOARD", "later", "Zeta", "M3 - GUI", "m3-gui", "first", "m-7"}
	got, err := milestoneReleases(dir, "backlog", used)
	if err != nil {
		t.Fatal(err)
	}
	want := `# Backlog.md's milestones (milestones/ and archive/milestones/), named by their ids,
# each with its title as description; tasks name one by either, in any case. Then
# the other milestones tasks name. Add a date: to place a release on the roadmap.
releases:
  - {name: "m-0", description: "Start"}
  - {name: "m-2", description: "Web: board"}
  - {name: "m-10", description: "Later"}
  - {name: "Alpha", description: "First"}
  - {name: "beta"}
  - {name: "m-7"}
  - {name: "M3 - GUI"}
  - {name: "Zeta"}
`
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	// What init writes reads back, and every milestone the tasks name is a release.
	var findings model.Findings
	s := load.ParseSettings(load.SettingsFile, []byte(got), &findings)
	if len(findings) > 0 {
		t.Fatalf("findings %v", findings)
	}
	for _, name := range used {
		if _, ok := s.Release(name); !ok {
			t.Errorf("milestone %q is no release", name)
		}
	}

	// A project without milestones gets no releases: list.
	if got, err := milestoneReleases(t.TempDir(), "backlog", nil); err != nil || got != "" {
		t.Errorf("no milestones: %q, %v", got, err)
	}
}
