package scaffold

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/backlogtool/backlog/generator/load"
	"github.com/backlogtool/backlog/generator/model"
)

func TestRepoURL(t *testing.T) {
	for _, tc := range []struct{ addr, want string }{
		// The forms `git remote get-url origin` prints, on github.com.
		{"git@github.com:acme/mobile.git", "https://github.com/acme/mobile"},
		{"git@github.com:acme/mobile", "https://github.com/acme/mobile"},
		{"ssh://git@github.com/acme/mobile.git", "https://github.com/acme/mobile"},
		{"ssh://git@github.com:22/acme/mobile.git", "https://github.com/acme/mobile"},
		{"ssh://git@ssh.github.com:443/acme/mobile.git", "https://github.com/acme/mobile"},
		{"git+ssh://git@github.com/acme/mobile.git", "https://github.com/acme/mobile"},
		{"git://github.com/acme/mobile.git", "https://github.com/acme/mobile"},
		{"https://github.com/acme/mobile.git", "https://github.com/acme/mobile"},
		{"https://github.com/acme/mobile", "https://github.com/acme/mobile"},
		{"https://github.com/acme/mobile/", "https://github.com/acme/mobile"},
		{"http://github.com/acme/mobile", "https://github.com/acme/mobile"},
		{"https://GitHub.com/Acme/Mobile", "https://github.com/Acme/Mobile"},
		{"  https://github.com/acme/mobile\n", "https://github.com/acme/mobile"},
		// A user name or token in the address is never written.
		{"https://x-access-token:secret@github.com/acme/mobile.git", "https://github.com/acme/mobile"},
		// gitlab.com, with subgroups.
		{"git@gitlab.com:acme/mobile.git", "https://gitlab.com/acme/mobile"},
		{"git@gitlab.com:acme/sub/mobile.git", "https://gitlab.com/acme/sub/mobile"},
		{"ssh://git@gitlab.com/acme/sub/mobile.git", "https://gitlab.com/acme/sub/mobile"},
		{"https://gitlab.com/acme/sub/mobile.git", "https://gitlab.com/acme/sub/mobile"},
		// Another host: its https address, as it is, without .git.
		{"https://git.example.org/acme/mobile.git", "https://git.example.org/acme/mobile"},
		{"https://git.example.org:8443/acme/mobile", "https://git.example.org:8443/acme/mobile"},
		{"http://git.example.org/scm/mobile", "http://git.example.org/scm/mobile"},
		{"", ""},
	} {
		got, err := RepoURL(tc.addr)
		if err != nil || got != tc.want {
			t.Errorf("RepoURL(%q) = %q, %v; want %q", tc.addr, got, err, tc.want)
		}
	}
}

func TestRepoURLRefuses(t *testing.T) {
	for _, addr := range []string{
		"git@git.example.org:acme/mobile.git", // the web address of another host is not known
		"ssh://git@git.example.org/acme/mobile.git",
		"github.com/acme/mobile",
		"acme/mobile",
		"ftp://github.com/acme/mobile",
		"https://github.com/acme",
		"https://github.com/acme/mobile/tree/main",
		"git@github.com:acme/sub/mobile.git",
		"https://gitlab.com/acme",
		"https://gitlab.com/acme/mobile/-/tree/main",
		"https://github.com/acme/mobile?tab=readme",
		"https://github.com//mobile",
		"https://git.example.org",
		"https://github.com/acme/my mobile",
		"https:///acme/mobile",
	} {
		got, err := RepoURL(addr)
		if err == nil {
			t.Errorf("RepoURL(%q) = %q, want an error", addr, got)
			continue
		}
		if msg := err.Error(); !strings.Contains(msg, "https://HOST/OWNER/REPO") || !strings.Contains(msg, "git@github.com:OWNER/REPO.git") {
			t.Errorf("RepoURL(%q): the error does not say the forms it reads: %s", addr, msg)
		}
	}
}

// TestInitRefusesAnUnreadableRepo: an address init cannot read writes nothing.
func TestInitRefusesAnUnreadableRepo(t *testing.T) {
	dir := t.TempDir()
	written, _, err := Init(dir, Options{RepoURL: "git@git.example.org:acme/mobile.git"})
	if err == nil || len(written) != 0 {
		t.Fatalf("wrote %v, err %v", written, err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("init wrote %v", entries)
	}
}

// TestAdoptWritesSiteSettings: init in a repository with a kanbn board or a Backlog.md
// project writes the settings a new backlog has from the flags, beside the tool's files.
func TestAdoptWritesSiteSettings(t *testing.T) {
	for _, tc := range []struct {
		tool    string
		content string
		files   map[string]string
	}{
		{"kanbn", ".kanbn", map[string]string{
			".kanbn/index.md":             "# Board\n\n## Backlog\n\n- [Write tests](tasks/write-tests.md)\n",
			".kanbn/tasks/write-tests.md": "---\ncreated: 2026-01-01T00:00:00.000Z\n---\n\n# Write tests\n",
		}},
		{"Backlog.md", "backlog", map[string]string{
			"backlog/config.yml":                    "project_name: Mobile\nstatuses: [To Do, Done]\n",
			"backlog/tasks/task-1 - Write tests.md": "---\nid: task-1\ntitle: Write tests\nstatus: To Do\nmilestone: m-1\n---\n",
		}},
	} {
		dir := t.TempDir()
		for name, text := range tc.files {
			os.MkdirAll(filepath.Join(dir, filepath.Dir(name)), 0o755)
			if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		_, _, err := Init(dir, Options{Title: "My Title", RepoURL: "git@github.com:acme/k2.git", Branch: "trunk",
			PO: []string{"@po", "Alice Smith"}, PM: []string{"@pm"}, Now: time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)})
		if err != nil {
			t.Fatalf("%s: %v", tc.tool, err)
		}
		data, err := os.ReadFile(filepath.Join(dir, tc.content, load.SettingsFile))
		if err != nil {
			t.Fatalf("%s: %v", tc.tool, err)
		}
		var findings model.Findings
		s := load.ParseSettings(load.SettingsFile, data, &findings)
		if len(findings) != 0 {
			t.Fatalf("%s: %v\n%s", tc.tool, findings, data)
		}
		people := func(ps []model.Person) string {
			var out []string
			for _, p := range ps {
				out = append(out, p.Written)
			}
			return strings.Join(out, ", ")
		}
		if s.RepoURL != "https://github.com/acme/k2" || s.BaseURL != "https://acme.github.io/k2" || s.Branch != "trunk" ||
			people(s.Owners.Order) != "@po, Alice Smith" || people(s.Owners.Roadmap) != "@pm" {
			t.Errorf("%s: repo_url %q base_url %q branch %q owners %q / %q\n%s", tc.tool, s.RepoURL, s.BaseURL, s.Branch,
				people(s.Owners.Order), people(s.Owners.Roadmap), data)
		}
		// The tool's settings are still there.
		if len(s.Items) == 0 || len(s.Statuses) == 0 {
			t.Errorf("%s: items %v statuses %v\n%s", tc.tool, s.Items, s.Statuses, data)
		}
	}
}
