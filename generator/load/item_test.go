package load

import (
	"fmt"
	"strings"
	"testing"

	"github.com/backlogtool/backlog/generator/model"
)

func TestParseItem(t *testing.T) {
	const path = "items/offline-mode.md"
	full := "---\ntitle: Offline mode\nstatus: ready\ntype: feature\nrelease: 2027.1\ngoal: onboarding\nestimate: 5\nvalue: 2.5\nowner: alice\nlabels: [mobile, sync]\ndepends_on: [sync-engine]\nteam: apps\n---\nBody text.\n"
	it, _ := ParseItem(path, []byte(full), nil)
	if it.ID != "offline-mode" || it.Title != "Offline mode" || it.Status != "ready" || it.Type != "feature" ||
		it.Release != "2027.1" || it.Goal != "onboarding" || *it.Estimate != 5 || *it.Value != 2.5 ||
		it.Owner != "alice" || strings.Join(it.Labels, ",") != "mobile,sync" || strings.Join(it.DependsOn, ",") != "sync-engine" ||
		string(it.Body) != "Body text.\n" || it.BodyLine != 14 {
		t.Errorf("parsed item = %+v", it)
	}
	if len(it.Fields) != 1 || it.Fields[0].Key != "team" || it.Fields[0].Value != "apps" {
		t.Errorf("fields = %+v", it.Fields)
	}

	tests := []struct {
		name     string
		in       string
		declared []string
		want     []string // findings as "line:col: severity: message-part"
	}{
		{name: "valid", in: "---\ntitle: A\nstatus: ready\n---\n"},
		{name: "crlf and bom", in: "\xef\xbb\xbf---\r\ntitle: A\r\nstatus: ready\r\n---\r\nbody\r\n"},
		{name: "no title is fine", in: "---\nstatus: ready\n---\n"},
		{name: "missing status", in: "---\ntitle: A\n---\n", want: []string{`1:1: warning: no status: read as a new proposal with status "proposed"; add a line such as "status: proposed"`}},
		{name: "title not a string", in: "---\ntitle: [a]\nstatus: ready\n---\n", want: []string{"2:8: error: title must be a string, found a list"}},
		{name: "title a number", in: "---\ntitle: 2027\nstatus: ready\n---\n", want: []string{`2:8: error: title must be a string, found the number 2027`}},
		{name: "estimate not a number", in: "---\ntitle: A\nstatus: ready\nestimate: big\n---\n", want: []string{`4:11: error: estimate must be a number, found "big"`}},
		{name: "labels a mapping", in: "---\ntitle: A\nstatus: ready\nlabels: {a: b}\n---\n", want: []string{`4:9: error: labels must be a list, such as [a, b], or a single value, found a mapping`}},
		{name: "unknown field with suggestion", in: "---\ntitle: A\nstauts: ready\nstatus: ready\n---\n", want: []string{`3:1: warning: unknown field "stauts" in front matter (did you mean "status"?)`}},
		{name: "unknown field declared", in: "---\ntitle: A\nstatus: ready\nteam: x\n---\n", declared: []string{"team"}},
		{name: "duplicate key", in: "---\ntitle: A\ntitle: B\nstatus: ready\n---\n", want: []string{`3:1: error: field "title" is set twice (first on line 2)`}},
		{name: "duplicate key among many", in: "---\n" + manyFields(40) + "title: A\nf7: again\nstatus: ready\n---\n", declared: fieldNames(40),
			want: []string{`43:1: error: field "f7" is set twice (first on line 9)`}},
		{name: "invalid yaml", in: "---\ntitle: A\nstatus: [ready\n---\n", want: []string{"error: invalid YAML"}},
		{name: "tab indentation", in: "---\ntitle: A\nstatus: ready\nlabels:\n\t- a\n---\n", want: []string{"5:1: error: invalid YAML"}},
		{name: "list instead of mapping", in: "---\n- a\n- b\n---\n", want: []string{"2:1: error: front matter must be a mapping of fields (key: value), found a list"}},
		{name: "scalar instead of mapping", in: "---\njust text\n---\n", want: []string{`2:1: error: front matter must be a mapping`}},
		{name: "alias", in: "---\ntitle: A\nstatus: ready\nx:\n  - &t a\ny:\n  - *t\n---\n", declared: []string{"x", "y"}, want: []string{"7:5: error: YAML aliases (*t) are not allowed"}},
		{name: "never closed", in: "---\ntitle: A\n", want: []string{"1:1: error: front matter is never closed"}},
		{name: "no front matter", in: "# Title\n", want: []string{`1:1: warning: no front matter: read as a new proposal with status "proposed"`}},
		{name: "empty file", in: "", want: []string{"1:1: error: empty file"}},
		{name: "binary", in: "---\x00\x01", want: []string{"1:4: error: binary file"}},
		{name: "invalid utf-8", in: "---\ntitle: A\xff\n---\n", want: []string{"2:9: error: invalid UTF-8 (byte 0xff)"}},
		{name: "empty front matter", in: "---\n---\nbody", want: []string{"1:1: warning: no status"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := defaultSettings
			s.Fields = tt.declared
			_, f := ParseItem(path, []byte(tt.in), &s)
			checkFindings(t, f, tt.want)
		})
	}
}

// manyFields is front matter of n declared fields, f0 to f(n-1).
func manyFields(n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "f%d: x\n", i)
	}
	return b.String()
}

func fieldNames(n int) []string {
	var names []string
	for i := range n {
		names = append(names, fmt.Sprintf("f%d", i))
	}
	return names
}

// checkFindings compares findings (without the file) with wanted prefixes, one each, in order.
func checkFindings(t *testing.T, got model.Findings, want []string) {
	t.Helper()
	var lines []string
	for _, f := range got {
		lines = append(lines, strings.TrimPrefix(strings.TrimPrefix(f.Pos.String(), f.Pos.File), ":")+": "+f.Severity.String()+": "+f.Message)
	}
	if len(lines) != len(want) {
		t.Fatalf("findings:\n%s\nwant %d: %q", strings.Join(lines, "\n"), len(want), want)
	}
	for i, w := range want {
		if !strings.Contains(lines[i], w) {
			t.Errorf("finding %d = %q, want it to contain %q", i, lines[i], w)
		}
	}
}

func FuzzParseItem(f *testing.F) {
	for _, s := range []string{
		"---\ntitle: A\nstatus: ready\nlabels: [a]\nestimate: 3\n---\nbody",
		"---\ntitle: &a x\ny: *a\n---\n",
		"---\n- a\n---\n",
		"---\ntitle: {a: [b, {c: d}]}\n---\n",
		"\xef\xbb\xbf---\r\ntitle: A\r\n---\r\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		it, fs := ParseItem("items/x.md", data, nil)
		if it == nil && !fs.HasErrors() {
			t.Fatalf("no item and no error for %q", data)
		}
		for _, f := range fs {
			if f.Pos.File != "items/x.md" || f.Pos.Line < 1 {
				t.Fatalf("finding without a place: %+v", f)
			}
		}
	})
}

// Windows reserves con, prn, aux, nul and com and lpt with any digit 0-9 or superscript
// 1-3: a page or a page folder of that name cannot be checked out there.
func TestReservedDeviceNames(t *testing.T) {
	for _, id := range []string{"con", "prn", "aux", "nul", "com0", "com1", "com9", "lpt0", "lpt5", "lpt9"} {
		if ValidID(id) {
			t.Errorf("ValidID(%q) = true, want false", id)
		}
		f := checkName(PagesDir + "/" + id + ".md")
		if f == nil || !strings.Contains(f.Message, "device name Windows reserves") {
			t.Errorf("checkName(%q) = %v, want the device name refused", id, f)
		}
		if slug := model.Slug(id); slug == id || model.ReservedName(slug) {
			t.Errorf("Slug(%q) = %q, a device name", id, slug)
		}
	}
	for _, id := range []string{"com\u00b9", "lpt\u00b3"} {
		if !model.ReservedName(id) {
			t.Errorf("%q is not a reserved name", id)
		}
	}
	for _, id := range []string{"com10", "lpt00", "com", "console", "com-1", "nul0"} {
		if !ValidID(id) || model.Slug(id) != id {
			t.Errorf("ValidID(%q) = false or Slug(%q) = %q, want the id kept", id, id, model.Slug(id))
		}
	}
}
