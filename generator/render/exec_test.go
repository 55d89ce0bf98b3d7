package render_test

import (
	"bytes"
	"testing"

	"github.com/backlogtool/backlog/generator"
	"github.com/backlogtool/backlog/generator/internal/shortcuts"
	"github.com/backlogtool/backlog/generator/model"
	"github.com/backlogtool/backlog/generator/render"
	"github.com/backlogtool/backlog/templates"
)

// TestCompiledTemplatesMatch renders the fixture, with and without history, and the
// built-in example twice: once with the page templates compiled (internal/tmplexec),
// once with shortcuts off, when html/template runs them all. Every file must be the same
// bytes, and no compiled page may have fallen back to html/template.
func TestCompiledTemplatesMatch(t *testing.T) {
	fixture := func(withHistory bool) func(t *testing.T) *model.Backlog {
		return func(t *testing.T) *model.Backlog {
			b := loadFixture(t, "testdata/fixture.txtar")
			if withHistory {
				attachHistory(b)
			}
			return b
		}
	}
	backlogs := map[string]func(t *testing.T) *model.Backlog{
		"fixture":              fixture(false),
		"fixture with history": fixture(true),
		"example": func(t *testing.T) *model.Backlog {
			fsys, err := generator.ContentFS("../../content")
			if err != nil {
				t.Fatal(err)
			}
			b, findings := generator.Content(fsys, generator.BodyErrors)
			if findings.HasErrors() {
				t.Fatal(findings)
			}
			return b
		},
	}
	for name, backlog := range backlogs {
		t.Run(name, func(t *testing.T) {
			var sites [2]map[string][]byte
			for i, on := range []bool{true, false} {
				restore := shortcuts.Set(on)
				th, err := render.LoadTheme(templates.FS, nil)
				restore()
				if err != nil {
					t.Fatal(err)
				}
				out := render.NewMemory(nil)
				if _, err := render.New(backlog(t), th, render.Options{ContentPath: "content"}).Site(out); err != nil {
					t.Fatal(err)
				}
				sites[i] = out.Files()
				compiled, fallbacks := render.ExecStats(th)
				if want := map[bool]int{true: len(render.PageTemplates), false: 0}[on]; compiled != want || fallbacks != 0 {
					t.Errorf("shortcuts %v: %d page templates compiled, %d fallbacks; want %d and 0", on, compiled, fallbacks, want)
				}
			}
			if len(sites[0]) != len(sites[1]) {
				t.Errorf("%d files compiled, %d with html/template", len(sites[0]), len(sites[1]))
			}
			for p, data := range sites[1] {
				if !bytes.Equal(sites[0][p], data) {
					t.Errorf("%s differs when compiled:\n%s", p, firstDiff(string(data), string(sites[0][p])))
				}
			}
		})
	}
}
