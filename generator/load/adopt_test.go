package load

import (
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/backlogtool/backlog/generator/model"
)

// TestParseItemAsAuthorsWriteIt reads front matter written for other tools: keys in any
// case, their names for the fields, lists written three ways, numbers as ids.
func TestParseItemAsAuthorsWriteIt(t *testing.T) {
	s := defaultSettings
	s.Aliases = map[string]string{"stage": "status"}
	tests := []struct {
		name, path, in string
		want           string // the item, as item() prints it
		findings       []string
	}{
		{name: "keys in any case", in: "---\nTitle: Fix it\nStatus: In Progress\nLabels: [a]\n---\n",
			want: "id=x title=Fix it status=In Progress labels=a"},
		{name: "Backlog.md names", path: "tasks/back-200 - Some-Title.md",
			in:   "---\nid: BACK-200\ntitle: Some title\nstatus: To Do\nassignee: ['@alice', '@bob']\nmilestone: v1\ndependencies: [task-24.1]\npriority: high\nlabels: []\n---\n",
			want: "id=BACK-200 title=Some title status=To Do owner=@alice owners=@alice,@bob release=v1 depends=task-24.1 fields=priority:high"},
		{name: "proposal names", path: "EIPS/eip-1559.md",
			in:   "---\ntitle: Fee market\nstatus: Last Call\nrequires: 2718, 2930\ntags: fees\n---\n",
			want: "id=eip-1559 title=Fee market status=Last Call labels=fees depends=2718,2930"},
		{name: "a bare number and a comma string", in: "---\ntitle: A\nstatus: ready\ndepends_on: 145\nowners: ann, bo\nblocked_by: [7, 8]\n---\n",
			findings: []string{`6:1: error: field "blocked_by" sets depends_on, which line 4 already sets`},
			want:     "id=x title=A status=ready owner=ann owners=ann,bo depends=145"},
		{name: "an alias of backlog.yaml", in: "---\ntitle: A\nstage: done\n---\n", want: "id=x title=A status=done"},
		{name: "one owner keeps its comma", in: "---\ntitle: A\nstatus: ready\nowner: Lovelace, Ada\n---\n", want: "id=x title=A status=ready owner=Lovelace, Ada owners=Lovelace, Ada"},
		{name: "numbers as ids", in: "---\nid: 2718\ntitle: A\nstatus: ready\n---\n", want: "id=2718 title=A status=ready"},
		{name: "title from the opening heading, not repeated", in: "---\nstatus: ready\n---\n\n# Its own title #\n\nText.\n",
			want: "id=x title=Its own title status=ready body@6=\nText.\n"},
		{name: "a title and the same heading", in: "---\ntitle: Its own title\nstatus: ready\n---\n# its own title\nText.\n",
			want: "id=x title=Its own title status=ready body@6=Text.\n"},
		{name: "a later heading is the title but stays", in: "---\nstatus: ready\n---\nIntro.\n\n```\n# not this\n```\n# Later\n",
			want: "id=x title=Later status=ready body@4=Intro.\n\n```\n# not this\n```\n# Later\n"},
		{name: "title from the file name", path: "items/Fix the login.md", in: "---\nstatus: ready\n---\nText.\n",
			want: "id=Fix the login title=Fix the login status=ready body@4=Text.\n"},
		{name: "plain Markdown is a proposal", in: "# Offline mode\n\nWe need it.\n",
			findings: []string{`1:1: warning: no front matter: read as a new proposal with status "proposed"`},
			want:     "id=x title=Offline mode status=proposed body@2=\nWe need it.\n"},
		{name: "draft in any case", in: "---\ntitle: A\nstatus: ready\nDraft: TRUE\n---\n", want: "id=x title=A status=ready draft"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := tt.path
			if path == "" {
				path = "items/x.md"
			}
			it, f := ParseItem(path, []byte(tt.in), &s)
			checkFindings(t, f, tt.findings)
			if got := describeItem(it, strings.Contains(tt.want, "body@")); got != tt.want {
				t.Errorf("item\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

func describeItem(it *model.Item, body bool) string {
	parts := []string{"id=" + it.ID, "title=" + it.Title, "status=" + it.Status}
	if it.Owner != "" {
		parts = append(parts, "owner="+it.Owner, "owners="+strings.Join(it.Owners, ","))
	}
	if it.Release != "" {
		parts = append(parts, "release="+it.Release)
	}
	if len(it.Labels) > 0 {
		parts = append(parts, "labels="+strings.Join(it.Labels, ","))
	}
	if len(it.DependsOn) > 0 {
		parts = append(parts, "depends="+strings.Join(it.DependsOn, ","))
	}
	for _, f := range it.Fields {
		parts = append(parts, "fields="+f.Key+":"+f.Text)
	}
	if it.Draft {
		parts = append(parts, "draft")
	}
	if body {
		parts = append(parts, "body@"+strconv.Itoa(it.BodyLine)+"="+string(it.Body))
	}
	return strings.Join(parts, " ")
}

// TestYAMLHints: values written as plain text that YAML reads otherwise get a finding
// at the value, with the quoted form to write.
func TestYAMLHints(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"title: #tag", `2:8: error: invalid YAML: a value starting with "#" is read as a comment, leaving the field empty: put the value in double quotes, as in title: "#tag"`},
		{"title: !important", `2:8: error: invalid YAML: a value starting with "!" is read as a YAML tag`},
		{"title: *bold* move", `2:8: error: invalid YAML: a value starting with "*" is read as a YAML alias`},
		{"title: &more", `2:8: error: invalid YAML: a value starting with "&" is read as a YAML anchor`},
		{"title: 100% done", ""},
		{`title: [WIP] say "hi"`, `2:8: error: invalid YAML: a value starting with "[" is read as a YAML list or mapping: put the value in double quotes, as in title: "[WIP] say \"hi\""`},
		{"labels:\n\t- a", "3:1: error: invalid YAML: a tab cannot indent YAML: indent with spaces"},
		{"labels: [a, b", `2:9: error: invalid YAML: a list opened with "[" is not closed: close it, as in labels: [a, b], or, if the value is text, put it in double quotes, as in labels: "[a, b"`},
	} {
		_, f := ParseItem("items/x.md", []byte("---\nstatus: ready\n"[:4]+tt.in+"\nstatus: ready\n---\n"), nil)
		var want []string
		if tt.want != "" {
			want = []string{tt.want}
		}
		t.Run(tt.in, func(t *testing.T) { checkFindings(t, f, want) })
	}
}

// TestUnreadableValuesReadAsText: values YAML refuses outright, which their authors
// plainly meant as text (Backlog.md writes "assignee: @MrLesk"), are read as that text,
// with no finding, and the fields after them too.
func TestUnreadableValuesReadAsText(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"assignee: @MrLesk", "owners=[@MrLesk]"},
		{"assignee: [@a, @b]", "owners=[@a @b]"},
		{"assignee: [@a, bob]", "owners=[@a bob]"},
		{"assignee:\n  - @a\n  - `b`", "owners=[@a `b`]"},
		{"owner: @MrLesk\r", "owners=[@MrLesk]"},
		{"title: Fix: the colon", "title=Fix: the colon"},
		{"title: `code` first", "title=`code` first"},
		{"title: %done", "title=%done"},
		{"title: Fix: it # a comment", "title=Fix: it"},
		{"title: >-\n  - @mention, in a block\nowner: @bob", "title=- @mention, in a block"},
		{"title: |\n  - @a\n\n  `b`\nowner: @bob", "title=- @a\n\n`b`\n"},
	} {
		t.Run(tt.in, func(t *testing.T) {
			it, f := ParseItem("items/x.md", []byte("---\n"+tt.in+"\nstatus: ready\n---\nBody.\n"), nil)
			checkFindings(t, f, nil)
			if it == nil || it.Status != "ready" {
				t.Fatalf("item %+v: the fields after the value were not read", it)
			}
			got := "title=" + it.Title
			if strings.HasPrefix(tt.want, "owners=") {
				got = fmt.Sprintf("owners=%v", it.Owners)
			}
			if got != tt.want {
				t.Errorf("read %s, want %s", got, tt.want)
			}
		})
	}
}

// TestUnreadableAndWrong: when a value is read as text and another line is still wrong,
// the finding is about that line, not about the value already read.
func TestUnreadableAndWrong(t *testing.T) {
	_, f := ParseItem("items/x.md", []byte("---\nowner: @a\ntitle: [WIP] the \"x\"\nstatus: ready\n---\n"), nil)
	checkFindings(t, f, []string{`3:8: error: invalid YAML: a value starting with "[" is read as a YAML list or mapping: put the value in double quotes, as in title: "[WIP] the \"x\""`})
}

// TestStrictSettings: a team that wants front matter and a status on every item says so.
func TestStrictSettings(t *testing.T) {
	s := defaultSettings
	s.RequireFrontMatter, s.RequireStatus = true, true
	_, f := ParseItem("items/x.md", []byte("# Title\n"), &s)
	checkFindings(t, f, []string{"1:1: error: missing front matter"})
	_, f = ParseItem("items/x.md", []byte("---\ntitle: A\n---\n"), &s)
	checkFindings(t, f, []string{`1:1: error: missing status: add a line such as "status: proposed"`})
}

func TestSettingsForAdoption(t *testing.T) {
	var f model.Findings
	s := ParseSettings("backlog.yaml", []byte("statuses:\n  - {id: To Do, category: todo}\n  - {id: In Progress, category: doing}\n  - {id: in_progress, category: doing}\naliases: {Stage: status, x: nonsense}\nrequire_status: true\n"), &f)
	checkFindings(t, f, []string{
		`4:5: error: status "in_progress" is defined twice`,
		`5:29: error: aliases: "nonsense" is not a field of the item format`,
	})
	if len(s.Statuses) != 2 || s.Aliases["stage"] != "status" || !s.RequireStatus {
		t.Errorf("settings = %+v", s)
	}
	for _, name := range []string{"in progress", "In-Progress", "IN_PROGRESS", "in  progress"} {
		if st, ok := s.Status(name); !ok || st.ID != "In Progress" {
			t.Errorf("Status(%q) = %v, %v", name, st, ok)
		}
	}
}
