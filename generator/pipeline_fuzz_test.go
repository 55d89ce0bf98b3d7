package generator

import (
	"bytes"
	"fmt"
	"runtime"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/backlogtool/backlog/generator/render"
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

// itemLimit is the default limits.item_size, which the fuzzed folders stay under.
const itemLimit = 1 << 20

// amplify makes a small fuzz input do the work a large pull request could: the body
// of items/a.md (after its front matter) is repeated up to repeat times, under the
// item size limit, and fanout items are added that an item "hub" depends on, all
// waiting for items/a.md, so that every dependency list is long.
func amplify(fsys fstest.MapFS, repeat, fanout int) {
	if a, ok := fsys["items/a.md"]; ok && repeat > 1 {
		front, body := a.Data, []byte(nil)
		if i := bytes.Index(a.Data[min(3, len(a.Data)):], []byte("\n---\n")); i >= 0 {
			end := min(3, len(a.Data)) + i + len("\n---\n")
			front, body = a.Data[:end], a.Data[end:]
		}
		if len(body) > 0 {
			n := min(repeat, (itemLimit-len(front))/len(body))
			a.Data = append(bytes.Clone(front), bytes.Repeat(body, max(n, 1))...)
		}
	}
	if fanout == 0 {
		return
	}
	var deps strings.Builder
	for i := range fanout {
		id := fmt.Sprintf("f%d", i)
		fsys["items/"+id+".md"] = &fstest.MapFile{Data: []byte("---\ntitle: F\nstatus: ready\ndepends_on: [a]\n---\n")}
		if i > 0 {
			deps.WriteString(", ")
		}
		deps.WriteString(id)
	}
	fsys["items/hub.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Hub\nstatus: ready\ndepends_on: [" + deps.String() + "]\n---\nThe hub.\n")}
}

// The budgets of a fuzzed build: processor time, and bytes allocated and written, each
// a constant and a multiple of the content's size. A build over them does work out of
// proportion to what a pull request brings.
const (
	pipelineTime          = 4 * time.Second
	pipelineAllocPerByte  = 400
	pipelineAllocConstant = 256 << 20
	siteBytesPerByte      = 40
	siteBytesPerItem      = 16 << 10
)

// FuzzPipeline runs the pipeline (load, rank, validate, body errors) and renders the
// site, on generated folders with bodies, front matter and dependency lists amplified up
// to the limits: it must never panic, every finding must have a place, a folder without
// errors must render a page for every item with nothing scriptable in it, and the whole
// must stay within its budgets of time, memory and output size.
func FuzzPipeline(f *testing.F) {
	seeds := []struct {
		data           string
		repeat, fanout uint16
	}{
		{"title: T\n\x00\x00- a\n- b\n\x00\x00---\ntitle: A\nstatus: ready\ndepends_on: [b]\n---\nSee [b](b.md).\n\x00\x00---\ntitle: B\nstatus: done\n---\n", 1, 0},
		{"statuses: [{id: x, category: todo}]\n\x00\x00[a]\n\x00\x00---\ntitle: A\nstatus: x\n---\n> > > deep\n\x00\x00\x00\x00\x00\x00# Page\n", 1, 0},
		{"releases: [{name: r, date: 2027-01-01}]\n\x00\x00\x00\x00---\ntitle: <script>\nstatus: proposed\nrelease: r\nextra: {a: [1, 2]}\n---\n<b onclick=x>[j](javascript:x)\n", 1, 0},
		{"\x00\x00- a\n- a\n\x00\x00---\ntitle: A\nstatus: ready\ndepends_on: [a, c]\n---\n\x00\x00\x00\x00---\ntitle: C\nstatus: ready\ndepends_on: [a]\n---\n", 1, 0},
		// Crafted bodies repeated to a megabyte, and a dependency list thousands long.
		{"\x00\x00\x00\x00---\ntitle: A\nstatus: ready\n---\n[a](", 65535, 0},
		{"\x00\x00\x00\x00---\ntitle: A\nstatus: ready\n---\nwww.", 65535, 0},
		{"\x00\x00\x00\x00---\ntitle: A\nstatus: ready\n---\nhttp://a.b/ www.x.com ", 65535, 0},
		{"\x00\x00\x00\x00---\ntitle: A\nstatus: ready\n---\n*a_", 65535, 0},
		{"\x00\x00\x00\x00---\ntitle: A\nstatus: ready\n---\n| a | b |\n|---|---|\n| x | y |\n", 65535, 0},
		{"\x00\x00\x00\x00---\ntitle: A\nstatus: ready\n---\nabcdefgh1234stuvwxyz ", 65535, 0},
		{"\x00\x00- hub\n\x00\x00---\ntitle: A\nstatus: ready\n---\nWaited for.\n", 1, 3000},
	}
	for _, s := range seeds {
		f.Add([]byte(s.data), s.repeat, s.fanout)
	}
	theme, err := render.LoadTheme(templates.FS, nil)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte, repeat, fanout uint16) {
		fsys := folderFromBytes(data)
		amplify(fsys, int(repeat), int(fanout)%5001)
		size := 0
		for _, file := range fsys {
			size += len(file.Data)
		}
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		start := cpuTime()

		b, findings := Content(fsys, BodyErrors)
		for _, x := range findings {
			if x.Pos.File == "" || x.Message == "" {
				t.Fatalf("finding without a place or message: %+v", x)
			}
		}
		var out *render.Memory
		if !findings.HasErrors() {
			out = render.NewMemory(nil)
			if _, err := render.New(b, theme, render.Options{}).Site(out); err != nil {
				t.Fatalf("render: %v", err)
			}
		}

		elapsed := cpuTime() - start
		runtime.ReadMemStats(&after)
		t.Logf("%d bytes: %v, %d MB allocated", size, elapsed, (after.TotalAlloc-before.TotalAlloc)>>20)
		if elapsed > pipelineTime {
			t.Errorf("%d bytes of content took %v of processor time (budget %v)", size, elapsed, pipelineTime)
		}
		if alloc := after.TotalAlloc - before.TotalAlloc; alloc > uint64(pipelineAllocPerByte*size+pipelineAllocConstant) {
			t.Errorf("%d bytes of content allocated %d MB", size, alloc>>20)
		}
		if out == nil {
			return
		}
		site := 0
		for _, data := range out.Files() {
			site += len(data)
		}
		if site > siteBytesPerByte*size+siteBytesPerItem*len(b.Items)+1<<20 {
			t.Errorf("%d bytes of content in %d items made a site of %d bytes", size, len(b.Items), site)
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
