package render_test

import (
	"bytes"
	"testing"

	"github.com/backlogtool/backlog/generator/render"
	"github.com/backlogtool/backlog/templates"
)

// TestCompiledTemplatesMatch renders the fixture twice with one theme. A template's first
// execution is html/template's, later ones are compiled (internal/tmplexec), so the
// second render runs every page template compiled: it must give the same bytes, and no
// page may fall back to html/template.
func TestCompiledTemplatesMatch(t *testing.T) {
	for _, withHistory := range []bool{false, true} {
		b := loadFixture(t, "testdata/fixture.txtar")
		if withHistory {
			attachHistory(b)
		}
		th, err := render.LoadTheme(templates.FS, nil)
		if err != nil {
			t.Fatal(err)
		}
		var sites [2]map[string][]byte
		for i := range sites {
			out := render.NewMemory(nil)
			if _, err := render.New(b, th, render.Options{ContentPath: "content"}).Site(out); err != nil {
				t.Fatal(err)
			}
			sites[i] = out.Files()
		}
		for p, data := range sites[0] {
			if !bytes.Equal(sites[1][p], data) {
				t.Errorf("history %v: %s differs when compiled:\n%s", withHistory, p, firstDiff(string(data), string(sites[1][p])))
			}
		}
		compiled, fallbacks := render.ExecStats(th)
		if compiled != len(render.PageTemplates) || fallbacks != 0 {
			t.Errorf("history %v: %d page templates compiled, %d fallbacks; want %d and 0", withHistory, compiled, fallbacks, len(render.PageTemplates))
		}
	}
}
