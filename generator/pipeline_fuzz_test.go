package generator

import (
	"bytes"
	"testing"
	"testing/fstest"

	"github.com/backlogtool/backlog/generator/load"
	"github.com/backlogtool/backlog/generator/order"
	"github.com/backlogtool/backlog/generator/render"
	"github.com/backlogtool/backlog/generator/validate"
	"github.com/backlogtool/backlog/templates"
)

// folderFromBytes turns fuzz input into a content folder: parts separated by "\x00\x00"
// are backlog.yaml, order.yaml, then items a.md, b.md, ... and one page.
func folderFromBytes(data []byte) fstest.MapFS {
	parts := bytes.Split(data, []byte("\x00\x00"))
	fsys := fstest.MapFS{}
	names := []string{"backlog.yaml", "order.yaml", "items/a.md", "items/b.md", "items/c.md", "pages/p.md"}
	for i, p := range parts {
		if i < len(names) {
			fsys[names[i]] = &fstest.MapFile{Data: p}
		}
	}
	return fsys
}

// FuzzPipeline runs load, order, validate and render on generated folders: it must never
// panic, and a folder without errors must render a page for every item.
func FuzzPipeline(f *testing.F) {
	seeds := []string{
		"title: T\n\x00\x00- a\n- b\n\x00\x00---\ntitle: A\nstatus: ready\ndepends_on: [b]\n---\nSee [b](b.md).\n\x00\x00---\ntitle: B\nstatus: done\n---\n",
		"statuses: [{id: x, category: todo}]\n\x00\x00[a]\n\x00\x00---\ntitle: A\nstatus: x\n---\n> > > deep\n\x00\x00\x00\x00\x00\x00# Page\n",
		"releases: [{name: r, date: 2027-01-01}]\n\x00\x00\x00\x00---\ntitle: <script>\nstatus: proposed\nrelease: r\nextra: {a: [1, 2]}\n---\n<b onclick=x>[j](javascript:x)\n",
		"\x00\x00- a\n- a\n\x00\x00---\ntitle: A\nstatus: ready\ndepends_on: [a, c]\n---\n\x00\x00\x00\x00---\ntitle: C\nstatus: ready\ndepends_on: [a]\n---\n",
	}
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	theme, err := render.LoadTheme(templates.FS, nil)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		fsys := folderFromBytes(data)
		b, findings := load.Load(fsys)
		order.Rank(b)
		findings = append(findings, validate.Backlog(b)...)
		for _, x := range findings {
			if x.Pos.File == "" || x.Message == "" {
				t.Fatalf("finding without a place or message: %+v", x)
			}
		}
		if findings.HasErrors() {
			return
		}
		out := render.NewMemory(nil)
		if _, err := render.New(b, theme, render.Options{}).Site(out); err != nil {
			t.Fatalf("render: %v", err)
		}
		for _, it := range b.Items {
			page, ok := out.File(render.ItemPath(it.ID))
			if !ok {
				t.Fatalf("no page for %s", it.ID)
			}
			if problems := scriptable(page); len(problems) > 0 {
				t.Fatalf("%s's page: %v", it.ID, problems)
			}
		}
	})
}
