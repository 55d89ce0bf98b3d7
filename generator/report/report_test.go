package report

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"unicode"

	"github.com/backlogtool/backlog/generator/model"
)

// hostile is a finding whose file name and message carry what a terminal or a log
// would act on: a new line that forges a finding, colour escapes, a bidi override.
var hostile = model.Finding{
	Pos:      model.Pos{File: "items/a\nitems/b.md:1:1: all good\x1b[2J.md", Line: 3, Col: 1},
	Severity: model.Warning,
	Message:  "unknown field \"x\x1b]8;;http://evil\x07y\" \u202eevil\u202c\r\nforged\x7f\x9b, 100%",
}

func TestTextIsVisible(t *testing.T) {
	var out bytes.Buffer
	Write(&out, "text", model.Findings{hostile})
	text := out.String()
	if strings.Count(text, "\n") != 1 || !strings.HasSuffix(text, "\n") {
		t.Errorf("one finding printed as %d lines: %q", strings.Count(text, "\n"), text)
	}
	assertNoHidden(t, strings.TrimSuffix(text, "\n"))
	for _, want := range []string{`items/a\nitems/b.md:1:1: all good\x1b[2J.md:3:1: warning: `, `\x1b]8;;http://evil\x07y`, `\u202eevil\u202c`, `\r\nforged\x7f\x9b`} {
		if !strings.Contains(text, want) {
			t.Errorf("text lacks %q:\n%s", want, text)
		}
	}
}

func TestGitHubIsVisible(t *testing.T) {
	var out bytes.Buffer
	Write(&out, "github", model.Findings{hostile})
	text := out.String()
	if strings.Count(text, "\n") != 1 {
		t.Errorf("one finding printed as %d lines: %q", strings.Count(text, "\n"), text)
	}
	assertNoHidden(t, strings.TrimSuffix(text, "\n"))
	// GitHub's own escapes: %, CR and LF everywhere, and ':' and ',' in properties.
	want := "::warning file=items/a%0Aitems/b.md%3A1%3A1%3A all good\\x1b[2J.md,line=3,col=1::unknown field \"x\\x1b]8;;http://evil\\x07y\" \\u202eevil\\u202c%0D%0Aforged\\x7f\\x9b, 100%25\n"
	if text != want {
		t.Errorf("github =\n%q\nwant\n%q", text, want)
	}
}

func TestJSONIsVisible(t *testing.T) {
	var out bytes.Buffer
	if err := Write(&out, "json", model.Findings{hostile}); err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n") {
		assertNoHidden(t, line)
	}
	// The same strings for a JSON reader.
	var back []struct{ File, Message string }
	if err := json.Unmarshal(out.Bytes(), &back); err != nil {
		t.Fatal(err)
	}
	if len(back) != 1 || back[0].File != hostile.Pos.File || back[0].Message != strings.ToValidUTF8(hostile.Message, "\ufffd") {
		t.Errorf("read back %+v", back)
	}
}

func TestVisibleKeepsPlainText(t *testing.T) {
	for _, s := range []string{"items/sync-engine.md", "title: Café ☕ 同期", `a\b`, `C:\path`} {
		if got := visible(s); got != s {
			t.Errorf("visible(%q) = %q, want it unchanged", s, got)
		}
	}
	if got := visible(`a\nb`); got != `a\\nb` {
		t.Errorf(`visible(a\nb) = %q: a backslash that reads as an escape must be doubled`, got)
	}
	if got := visible("a\xffb"); got != `a\xffb` {
		t.Errorf("visible(invalid UTF-8) = %q", got)
	}
}

func assertNoHidden(t *testing.T, s string) {
	t.Helper()
	for _, r := range s {
		if unicode.IsControl(r) || hidden(r) {
			t.Errorf("output holds %U raw: %q", r, s)
			return
		}
	}
}
