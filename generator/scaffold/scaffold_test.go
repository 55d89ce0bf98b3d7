package scaffold

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"gopkg.in/yaml.v3"
)

func TestInitWritesAWorkingWorkflow(t *testing.T) {
	dir := t.TempDir()
	written, skipped, err := Init(dir, Options{Title: "Mobile", Branch: "trunk", PO: []string{"@alice"}, PM: []string{"@bob"}, Module: "example.org/backlog", Now: time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	if len(skipped) != 0 || !slices.Contains(written, ".github/workflows/backlog.yml") || !slices.Contains(written, "content/order.yaml") || !slices.Contains(written, ".gitignore") {
		t.Fatalf("written %v skipped %v", written, skipped)
	}
	data, err := os.ReadFile(filepath.Join(dir, ".github/workflows/backlog.yml"))
	if err != nil {
		t.Fatal(err)
	}
	var wf struct {
		On struct {
			PullRequest any `yaml:"pull_request"`
			Push        struct {
				Branches []string `yaml:"branches"`
			} `yaml:"push"`
		} `yaml:"on"`
		Jobs map[string]struct {
			If          string            `yaml:"if"`
			Permissions map[string]string `yaml:"permissions"`
			Steps       []struct {
				Uses string         `yaml:"uses"`
				Run  string         `yaml:"run"`
				With map[string]any `yaml:"with"`
			} `yaml:"steps"`
		} `yaml:"jobs"`
	}
	if err := yaml.Unmarshal(data, &wf); err != nil {
		t.Fatalf("workflow is not YAML: %v\n%s", err, data)
	}
	if !slices.Equal(wf.On.Push.Branches, []string{"trunk"}) {
		t.Errorf("push branches %v", wf.On.Push.Branches)
	}
	steps := func(job string) (uses, runs []string, fullHistory bool) {
		for _, s := range wf.Jobs[job].Steps {
			if s.Uses != "" {
				uses = append(uses, strings.Split(s.Uses, "@")[0])
			}
			if s.Run != "" {
				runs = append(runs, s.Run)
			}
			if strings.HasPrefix(s.Uses, "actions/checkout") && s.With["fetch-depth"] == 0 {
				fullHistory = true
			}
		}
		return
	}
	uses, runs, full := steps("check")
	if !strings.Contains(wf.Jobs["check"].If, "pull_request") || !full || !slices.Contains(uses, "actions/checkout") {
		t.Errorf("check job: if %q uses %v full history %v", wf.Jobs["check"].If, uses, full)
	}
	if !slices.ContainsFunc(runs, func(r string) bool { return strings.HasPrefix(r, "backlog check -format github") }) ||
		!slices.ContainsFunc(runs, func(r string) bool {
			return strings.HasPrefix(r, "backlog diff origin/${{ github.base_ref }} HEAD") && strings.Contains(r, "$GITHUB_STEP_SUMMARY")
		}) ||
		!slices.Contains(runs, "go install example.org/backlog/cmd/backlog@latest") {
		t.Errorf("check job runs %q", runs)
	}
	uses, runs, full = steps("deploy")
	if !strings.Contains(wf.Jobs["deploy"].If, "push") || !full || wf.Jobs["deploy"].Permissions["pages"] != "write" || wf.Jobs["deploy"].Permissions["id-token"] != "write" {
		t.Errorf("deploy job: %+v", wf.Jobs["deploy"])
	}
	for _, want := range []string{"actions/configure-pages", "actions/upload-pages-artifact", "actions/deploy-pages"} {
		if !slices.Contains(uses, want) {
			t.Errorf("deploy job lacks %s: %v", want, uses)
		}
	}
	if !slices.Contains(runs, "backlog build -out public") {
		t.Errorf("deploy job runs %q", runs)
	}
	owners, _ := os.ReadFile(filepath.Join(dir, ".github/CODEOWNERS"))
	if !strings.Contains(string(owners), "/content/order.yaml @alice\n") || !strings.Contains(string(owners), "/content/backlog.yaml @bob") {
		t.Errorf("CODEOWNERS:\n%s", owners)
	}

	// A second run skips every file, and changes none.
	before, _ := os.ReadFile(filepath.Join(dir, "content/backlog.yaml"))
	os.WriteFile(filepath.Join(dir, "content/backlog.yaml"), append(before, "# edited\n"...), 0o644)
	written, skipped, err = Init(dir, Options{})
	if err != nil || len(written) != 0 || len(skipped) != 7 {
		t.Errorf("second init wrote %v skipped %v err %v", written, skipped, err)
	}
	after, _ := os.ReadFile(filepath.Join(dir, "content/backlog.yaml"))
	if !strings.HasSuffix(string(after), "# edited\n") {
		t.Error("init overwrote an existing file")
	}
}
