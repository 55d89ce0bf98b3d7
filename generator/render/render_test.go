package render_test

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/backlogtool/backlog/generator/load"
	"github.com/backlogtool/backlog/generator/model"
	"github.com/backlogtool/backlog/generator/order"
	"github.com/backlogtool/backlog/generator/render"
	"github.com/backlogtool/backlog/generator/validate"
	"github.com/backlogtool/backlog/templates"
	"github.com/rogpeppe/go-internal/txtar"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// loadFixture loads, orders and validates a txtar content folder.
func loadFixture(t *testing.T, archive string) *model.Backlog {
	t.Helper()
	b, findings := loadWithFindings(t, archive)
	if findings.HasErrors() {
		t.Fatalf("fixture has errors: %v", findings)
	}
	return b
}

func loadWithFindings(t *testing.T, archive string) (*model.Backlog, model.Findings) {
	t.Helper()
	a, err := txtar.ParseFile(archive)
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{}
	for _, f := range a.Files {
		fsys[f.Name] = &fstest.MapFile{Data: f.Data}
	}
	b, findings := load.Load(fsys)
	order.Rank(b)
	return b, append(findings, validate.Backlog(b)...)
}

// renderFixture loads and renders a txtar content folder.
func renderFixture(t *testing.T, archive string) (map[string][]byte, model.Findings) {
	t.Helper()
	b, findings := loadWithFindings(t, archive)
	if findings.HasErrors() {
		t.Fatalf("fixture has errors: %v", findings)
	}
	th, err := render.LoadTheme(templates.FS, nil)
	if err != nil {
		t.Fatal(err)
	}
	out := render.NewMemory(nil)
	f, err := render.New(b, th, render.Options{ContentPath: "content"}).Site(out)
	if err != nil {
		t.Fatal(err)
	}
	return out.Files(), append(findings, f...)
}

// TestGolden compares every rendered file of the fixture with testdata/golden.
// Run with -update after an intended change to the theme or the pages.
func TestGolden(t *testing.T) {
	files, findings := renderFixture(t, "testdata/fixture.txtar")
	for p := range files {
		if strings.HasPrefix(p, "static/") { // copied verbatim from the theme
			delete(files, p)
		}
	}
	if len(findings) != 0 {
		t.Errorf("findings: %v", findings)
	}
	golden := "testdata/golden"
	if *update {
		os.RemoveAll(golden)
		for p, data := range files {
			full := filepath.Join(golden, filepath.FromSlash(p))
			os.MkdirAll(filepath.Dir(full), 0o755)
			if err := os.WriteFile(full, data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		return
	}
	var want []string
	filepath.WalkDir(golden, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(golden, p)
			want = append(want, filepath.ToSlash(rel))
		}
		return nil
	})
	var got []string
	for p := range files {
		got = append(got, p)
	}
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Fatalf("files = %q\nwant %q (run go test -update to accept)", got, want)
	}
	for _, p := range got {
		data, _ := os.ReadFile(filepath.Join(golden, filepath.FromSlash(p)))
		if !bytes.Equal(files[p], data) {
			t.Errorf("%s differs from the golden file (run go test ./generator/render -update to accept):\n%s", p, firstDiff(string(data), string(files[p])))
		}
	}
}

func firstDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := range max(len(w), len(g)) {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			return fmt.Sprintf("line %d:\nwant: %s\ngot:  %s", i+1, wl, gl)
		}
	}
	return ""
}

func TestDeterministic(t *testing.T) {
	first, _ := renderFixture(t, "testdata/fixture.txtar")
	for range 3 {
		again, _ := renderFixture(t, "testdata/fixture.txtar")
		for p, data := range first {
			if !bytes.Equal(again[p], data) {
				t.Fatalf("%s differs between two renders", p)
			}
		}
	}
}

func TestSiteContent(t *testing.T) {
	files, _ := renderFixture(t, "testdata/fixture.txtar")
	page := func(p string) string { return string(files[p]) }
	tests := []struct {
		path string
		has  []string
	}{
		{"index.html", []string{
			`<li><span class="rank">#1</span> <a href="items/sync-engine/index.html">Sync engine</a>`,
			`<h2 id="unranked">Unranked proposals <span class="count">1</span></h2>`,
			`<a href="items/share-sheet/index.html">Share sheet</a>`,
			`Dark theme &lt;for&gt; &#34;night&#34; owls &amp; co`,
		}},
		{"items/offline-mode/index.html", []string{
			`<a href="../../items/sync-engine/index.html#design">sync engine</a>`,
			`<dt>team</dt><dd>apps</dd>`,
			`Blocked: waits for <a href="../../items/sync-engine/index.html">Sync engine</a>`,
			`href="https://git.example/org/mobile/edit/main/content/items/offline-mode.md"`,
			`<a href="../../roadmap/index.html#release-2027.1">2027.1</a> (target 2027-03-31)`,
		}},
		{"items/sync-engine/index.html", []string{`<dt>Needed by</dt>`, `<a href="../../items/offline-mode/index.html">Offline mode</a>`}},
		{"roadmap/index.html", []string{`<strong>0 of 2</strong> items done (0%), 0 of 13 points (0%)`, `<h2 id="release-later">later</h2>`, `<strong>1 of 1</strong>`}},
		{"board/index.html", []string{`<h2 id="col-ready">Ready <span class="count" data-column-count>1</span></h2>`}},
		{"404.html", []string{`href="https://org.example/mobile/index.html"`}},
		{"sitemap.xml", []string{`<loc>https://org.example/mobile/items/offline-mode/</loc>`}},
		{"backlog.json", []string{`"rank": null`, `"team": "apps"`, `"url": "items/offline-mode/index.html"`}},
	}
	for _, tt := range tests {
		for _, s := range tt.has {
			if !strings.Contains(page(tt.path), s) {
				t.Errorf("%s lacks %s", tt.path, s)
			}
		}
	}
	// Up next skips offline-mode: it waits for sync-engine.
	upNext, _, _ := strings.Cut(page("index.html"), `<h2 id="backlog">`)
	if strings.Contains(upNext, "offline-mode") {
		t.Errorf("up next lists a blocked item:\n%s", upNext)
	}
}

// pieces is a Streamer in memory that counts the pieces of each file.
type pieces struct {
	*render.Memory
	mu     sync.Mutex
	counts map[string]int
}

type piecesFile struct {
	bytes.Buffer
	out  *pieces
	path string
}

func (p *pieces) Create(path string) (render.File, error) {
	return &piecesFile{out: p, path: path}, nil
}

func (f *piecesFile) Write(b []byte) (int, error) {
	f.out.mu.Lock()
	f.out.counts[f.path]++
	f.out.mu.Unlock()
	return f.Buffer.Write(b)
}
func (f *piecesFile) Restart() error { f.Reset(); return nil }
func (f *piecesFile) Close() error   { return f.out.WriteFile(f.path, f.Bytes()) }

// The pages of megabytes go out in pieces to an output that takes them so, and are the
// same as when made whole.
func TestStreamedFilesMatch(t *testing.T) {
	fsys := fstest.MapFS{
		"backlog.yaml": {Data: []byte("title: Big\nreleases:\n  - {name: \"1.0\", date: 2027-01-01}\n")},
	}
	var ranking strings.Builder
	for i := range 1500 {
		id := fmt.Sprintf("item-%04d", i)
		fmt.Fprintf(&ranking, "- %s\n", id)
		fsys["items/"+id+".md"] = &fstest.MapFile{Data: fmt.Appendf(nil, "---\ntitle: Item <%d> & co\nstatus: ready\nrelease: \"1.0\"\nlabels: [a, b]\n---\nBody %d, about the sync engine and its offline mode.\n", i, i)}
	}
	fsys["order.yaml"] = &fstest.MapFile{Data: []byte(ranking.String())}
	b, findings := load.Load(fsys)
	order.Rank(b)
	if findings = append(findings, validate.Backlog(b)...); findings.HasErrors() {
		t.Fatal(findings)
	}
	th, err := render.LoadTheme(templates.FS, nil)
	if err != nil {
		t.Fatal(err)
	}
	whole := render.NewMemory(nil)
	if _, err := render.New(b, th, render.Options{}).Site(whole); err != nil {
		t.Fatal(err)
	}
	streamed := &pieces{Memory: render.NewMemory(nil), counts: map[string]int{}}
	if _, err := render.New(b, th, render.Options{}).Site(streamed); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"index.html", "roadmap/index.html", "board/index.html", "backlog.json", render.SearchIndexPath} {
		got, _ := streamed.File(path)
		want, _ := whole.File(path)
		if !bytes.Equal(got, want) {
			t.Errorf("%s streamed differs from %s made whole: %s", path, path, firstDiff(string(want), string(got)))
		}
		if streamed.counts[path] < 2 {
			t.Errorf("%s went out in %d pieces", path, streamed.counts[path])
		}
	}
	if len(streamed.Files()) != len(whole.Files()) {
		t.Errorf("%d files streamed, %d made whole", len(streamed.Files()), len(whole.Files()))
	}
}
