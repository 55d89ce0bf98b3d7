package load

import (
	"testing"

	"github.com/backlogtool/backlog/generator/model"
)

func TestParseSettings(t *testing.T) {
	in := `title: Mobile
description: The app's backlog
base_url: https://org.github.io/repo/
repo_url: https://github.com/org/repo
statuses:
  - {id: idea, title: Idea, category: todo}
  - {id: shipped, category: done}
releases:
  - {name: 2027.1, date: 2027-03-31, description: First}
goals:
  - {id: onboarding, title: Faster onboarding}
owners: {order: [po], roadmap: pm}
fields: [team]
limits: {item_size: 2MB, nesting: 50}
`
	var f model.Findings
	s := ParseSettings("backlog.yaml", []byte(in), &f)
	checkFindings(t, f, nil)
	if s.Title != "Mobile" || s.BaseURL != "https://org.github.io/repo" || len(s.Statuses) != 2 || s.Statuses[1].Title != "shipped" ||
		s.Releases[0].Name != "2027.1" || s.Releases[0].Date != "2027-03-31" || s.Goals[0].Title != "Faster onboarding" ||
		s.Owners.Order[0].String() != "po" || s.Owners.Roadmap[0].String() != "pm" || s.Fields[0] != "team" ||
		s.Limits.ItemBytes != 2<<20 || s.Limits.Nesting != 50 || s.Limits.TotalBytes != model.DefaultLimits.TotalBytes {
		t.Errorf("settings = %+v", s)
	}

	tests := []struct {
		name string
		in   string
		want []string
	}{
		{name: "empty gives defaults", in: ""},
		{name: "unknown key", in: "titel: x\n", want: []string{`1:1: warning: unknown field "titel" in backlog.yaml (did you mean "title"?)`}},
		{name: "bad category", in: "statuses:\n  - {id: a, category: later}\n", want: []string{`2:23: error: unknown category "later"`}},
		{name: "status without category", in: "statuses:\n  - {id: a}\n", want: []string{`2:5: error: status "a" needs a category`}},
		{name: "duplicate release", in: "releases:\n  - {name: a}\n  - {name: a}\n", want: []string{`3:5: error: release "a" is defined twice`}},
		{name: "bad date", in: "releases:\n  - {name: a, date: March}\n", want: []string{`2:21: error: release date "March" must be a date`}},
		{name: "bad url", in: "base_url: org.github.io\n", want: []string{`1:11: error: base_url must start with https://`}},
		{name: "bad limit", in: "limits: {item_size: lots}\n", want: []string{`1:21: error: limits.item_size must be a size`}},
		{name: "limit that overflows", in: "limits: {total_size: 17179869184GB}\n", want: []string{`1:22: error: limits.total_size is 17179869184GB, which overflows: write at most 8589934591GB`}},
		{name: "limit in bytes that overflows", in: "limits: {item_size: 9223372036854775807}\n", want: []string{`1:21: error: limits.item_size is 9223372036854775807, which overflows`}},
		{name: "control character in url", in: "base_url: \"https://x.example/\\u0000a\"\n", want: []string{`1:11: error: base_url holds a control character`}},
		{name: "newline in url", in: "repo_url: \"https://x.example/a\\nb\"\n", want: []string{`1:11: error: repo_url holds a control character`}},
		{name: "not a mapping", in: "- a\n", want: []string{"1:1: error: backlog.yaml must be a mapping"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var f model.Findings
			ParseSettings("backlog.yaml", []byte(tt.in), &f)
			checkFindings(t, f, tt.want)
		})
	}
}

func FuzzParseSettings(f *testing.F) {
	for _, s := range []string{"title: x\nstatuses: [{id: a, category: todo}]\n", "releases: [{name: 1, date: 2027-01-01}]", "limits: {item_size: 1KB}", "owners: a"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var fs model.Findings
		s := ParseSettings("backlog.yaml", data, &fs)
		if len(s.Statuses) == 0 {
			t.Fatalf("no statuses for %q", data)
		}
	})
}

func TestSlug(t *testing.T) {
	for in, want := range map[string]string{
		"Offline mode for the mobile app": "offline-mode-for-the-mobile-app",
		"  Café: déjà vu!  ":              "cafe-deja-vu",
		"***":                             "item",
		"Sync v2.0":                       "sync-v2-0",
	} {
		if got := Slug(in); got != want {
			t.Errorf("Slug(%q) = %q, want %q", in, got, want)
		}
	}
}
