package scaffold

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/backlogtool/backlog/generator/load"
	"github.com/backlogtool/backlog/generator/model"
)

func TestPagesURL(t *testing.T) {
	for _, tc := range []struct{ repo, want string }{
		{"https://github.com/Acme/mobile", "https://acme.github.io/mobile/"},
		{"https://github.com/acme/mobile/", "https://acme.github.io/mobile/"},
		{"https://github.com/acme/mobile.git", "https://acme.github.io/mobile/"},
		{"https://github.com/acme/acme.github.io", "https://acme.github.io/"},
		{"https://gitlab.com/team/planning", "https://team.gitlab.io/planning/"},
		{"https://github.com/acme", ""},
		{"https://github.com/acme/mobile/tree/main", ""},
		{"https://git.example.org/acme/mobile", ""},
		{"ftp://github.com/acme/mobile", ""},
		{"", ""},
	} {
		if got := PagesURL(tc.repo); got != tc.want {
			t.Errorf("PagesURL(%q) = %q, want %q", tc.repo, got, tc.want)
		}
	}
}

// TestInitFillsBaseURL reads the backlog.yaml that init writes as a build would.
func TestInitFillsBaseURL(t *testing.T) {
	for _, tc := range []struct{ repo, want string }{
		{"https://github.com/acme/mobile", "https://acme.github.io/mobile"},
		{"https://git.example.org/acme/mobile", ""},
		{"", ""},
	} {
		dir := t.TempDir()
		if _, _, err := Init(dir, Options{RepoURL: tc.repo, Now: time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)}); err != nil {
			t.Fatal(err)
		}
		data, err := os.ReadFile(filepath.Join(dir, "content", "backlog.yaml"))
		if err != nil {
			t.Fatal(err)
		}
		var findings model.Findings
		s := load.ParseSettings("backlog.yaml", data, &findings)
		if len(findings) != 0 {
			t.Fatalf("%s: %v\n%s", tc.repo, findings, data)
		}
		if s.BaseURL != tc.want {
			t.Errorf("-repo %q: base_url %q, want %q\n%s", tc.repo, s.BaseURL, tc.want, data)
		}
	}
}
