package render_test

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/backlogtool/backlog/generator/load"
	"github.com/backlogtool/backlog/generator/order"
	"github.com/backlogtool/backlog/generator/render"
	"github.com/backlogtool/backlog/generator/validate"
	"github.com/backlogtool/backlog/templates"
)

// One item that waits for thousands of others is named on each of their pages (as
// what needs them), with its badge. The badge names the first few it waits for and
// counts the rest, so the site grows with the number of items, not with their square;
// the item's own page lists them all, once.
func TestLongBlockedByListsAreSummarised(t *testing.T) {
	const n = 2000
	fsys := fstest.MapFS{"backlog.yaml": {Data: []byte("title: T\n")}, "order.yaml": {Data: []byte("[]\n")}}
	var deps strings.Builder
	for i := range n {
		id := fmt.Sprintf("d%04d", i)
		fsys["items/"+id+".md"] = &fstest.MapFile{Data: []byte("---\ntitle: D\nstatus: ready\n---\n")}
		if i > 0 {
			deps.WriteString(", ")
		}
		deps.WriteString(id)
	}
	fsys["items/hub.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Hub\nstatus: ready\ndepends_on: [" + deps.String() + "]\n---\n")}
	b, findings := load.Load(fsys)
	order.Rank(b)
	if findings = append(findings, validate.Backlog(b)...); findings.HasErrors() {
		t.Fatal(findings)
	}
	th, err := render.LoadTheme(templates.FS, nil)
	if err != nil {
		t.Fatal(err)
	}
	out := render.NewMemory(nil)
	if _, err := render.New(b, th, render.Options{}).Site(out); err != nil {
		t.Fatal(err)
	}
	dep, _ := out.File(render.ItemPath("d0007"))
	if want := `title="Waits for d0000, d0001, d0002, d0003, d0004 and 1995 more"`; !strings.Contains(string(dep), want) {
		t.Errorf("d0007's page lacks the summary %s", want)
	}
	hub, _ := out.File(render.ItemPath("hub"))
	if got := strings.Count(string(hub), `href="../../items/d1999/index.html"`); got != 2 {
		t.Errorf("the hub's page links d1999 %d times, want 2 (blocked by, depends on)", got)
	}
	size := 0
	for _, data := range out.Files() {
		size += len(data)
	}
	if perItem := size / n; perItem > 16<<10 {
		t.Errorf("the site is %d bytes, %d an item: a dependency list is repeated whole", size, perItem)
	}
}
