// Package render turns the ordered backlog into the site's files: a page per item,
// the backlog, roadmap and board, free pages, backlog.json and the sitemap.
// It writes through an Output, so the same pages go to a folder, a test or the preview server.
package render

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html/template"
	"io"
	"strings"
	"sync"
	"time"
	"unsafe"

	"github.com/backlogtool/backlog/generator/internal/pool"
	"github.com/backlogtool/backlog/generator/markdown"
	"github.com/backlogtool/backlog/generator/model"
)

// Output receives the files of the site. WriteFile may be called from several goroutines.
type Output interface {
	// WriteFile writes a new file at a slash-separated path relative to the site root.
	// It must not keep data, whose memory is reused once it returns.
	WriteFile(path string, data []byte) error
}

// A Streamer is an Output that also takes files in pieces, so that the few files of
// megabytes (the backlog, roadmap and board pages, backlog.json, the search index) are
// never held whole.
type Streamer interface {
	Output
	// Create starts a new file, like WriteFile, to be written in pieces and closed.
	Create(path string) (File, error)
}

// A File is a file being written in pieces. Restart empties it, for a file that is
// written again from the start.
type File interface {
	io.Writer
	Restart() error
	Close() error
}

// buffers hold files while they are made: each is written to the output at once.
var buffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// writeFile lets fill make a file, then writes it to out.
func writeFile(out Output, path string, fill func(buf *bytes.Buffer) error) error {
	buf := getBuffer()
	defer putBuffer(buf)
	if err := fill(buf); err != nil {
		return err
	}
	return out.WriteFile(path, buf.Bytes())
}

func getBuffer() *bytes.Buffer {
	buf := buffers.Get().(*bytes.Buffer)
	buf.Reset()
	return buf
}

func putBuffer(buf *bytes.Buffer) {
	// Pages are tens of kilobytes; a large file made whole is not kept.
	if buf.Cap() <= 1<<20 {
		buffers.Put(buf)
	}
}

// streamFile lets fill write a large file to out in pieces, through buf, when out is a
// Streamer; otherwise fill writes it whole into a buffer that writeFile then writes.
func streamFile(out Output, path string, fill func(f File, buf *bytes.Buffer) error) error {
	buf := getBuffer()
	defer putBuffer(buf)
	s, ok := out.(Streamer)
	if !ok {
		return writeFile(out, path, func(whole *bytes.Buffer) error { return fill(bufferFile{whole}, buf) })
	}
	f, err := s.Create(path)
	if err != nil {
		return err
	}
	err = fill(f, buf)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// pieceSize is how much of a large file is made before it is written out.
const pieceSize = 64 << 10

// spill writes what buf holds to f, once it is a piece's worth.
func spill(f File, buf *bytes.Buffer) error {
	if buf.Len() < pieceSize {
		return nil
	}
	_, err := f.Write(buf.Bytes())
	buf.Reset()
	return err
}

// bufferFile is a File held whole in memory.
type bufferFile struct{ *bytes.Buffer }

func (b bufferFile) Restart() error { b.Reset(); return nil }
func (bufferFile) Close() error     { return nil }

// Options are the settings of a render that do not come from the content.
type Options struct {
	// ContentPath is the content folder's path inside its repository, such as "content",
	// used for "edit this item" links. Empty means the repository root.
	ContentPath string
	// Bodies, when set, keeps rendered bodies between renders (the preview sets it).
	Bodies *Bodies
}

// Renderer renders one backlog with one theme.
type Renderer struct {
	b     *model.Backlog
	theme *Theme
	site  *Site
	opts  Options
	md    *markdown.Converter
	pages map[string]*model.Page

	wordsOnce sync.Once
	words     []string // search words by item, in the order of b.Items, kept for the preview
}

// New prepares the rendering of b, which must have been through order.Rank.
func New(b *model.Backlog, th *Theme, opts Options) *Renderer {
	r := &Renderer{b: b, theme: th, opts: opts, md: markdown.New(), pages: map[string]*model.Page{}}
	for _, p := range b.Pages {
		r.pages[p.Name] = p
	}
	st := b.Settings
	r.site = &Site{Title: st.Title, Description: st.Description, BaseURL: st.BaseURL, RepoURL: st.RepoURL,
		Statuses: st.Statuses, Releases: st.Releases, Goals: st.Goals, Owners: st.Owners,
		Pages: b.Pages, ItemCount: len(b.Items), Filters: newFilters(b)}
	if h := b.History; h != nil {
		r.site.HasHistory = h.Notice == "" || h.Shallow
		r.site.Notice = h.Notice
	}
	if s := b.Settings; s.RepoURL != "" {
		r.site.ProposeURL = s.RepoURL + "/new/" + r.branch() + "/" + r.repoPath(ItemsDir)
	}
	return r
}

// ItemsDir is where items live inside the content folder.
const ItemsDir = "items"

func (r *Renderer) branch() string {
	if r.b.Settings.Branch != "" {
		return r.b.Settings.Branch
	}
	return "main"
}

func (r *Renderer) repoPath(p string) string {
	if r.opts.ContentPath == "" || r.opts.ContentPath == "." {
		return p
	}
	return strings.Trim(r.opts.ContentPath, "/") + "/" + p
}

// Site renders every file of the site into out. The findings are about the bodies
// (broken links, nesting over the limit); an error means a file could not be written.
// Pages are rendered on a bounded pool of workers, one per core, the large pages
// that list every item first so that no worker is left with a long task at the end.
func (r *Renderer) Site(out Output) (model.Findings, error) {
	whole := []func() (model.Findings, error){
		none(r.Index, out), none(r.Roadmap, out), none(r.Board, out), none(r.JSON, out), none(r.SearchIndex, out),
		none(r.Sitemap, out), none(r.NotFound, out), none(r.Static, out),
	}
	if r.site.HasHistory {
		whole = append(whole, none(r.Changes, out), none(r.Feed, out))
	}
	for _, p := range r.b.Pages {
		whole = append(whole, func() (model.Findings, error) { return r.FreePage(out, p) })
	}
	// The pages about the whole backlog are each megabytes on a large one: spread among
	// the item pages, they are rarely made at the same time, which keeps the peak of
	// memory down, and the last tasks are small ones, which keeps both cores busy to the end.
	tasks := make([]func() (model.Findings, error), 0, len(whole)+len(r.b.Items))
	step, next := len(r.b.Items)/len(whole)+1, 0
	for i, it := range r.b.Items {
		if i%step == 0 && next < len(whole) {
			tasks = append(tasks, whole[next])
			next++
		}
		tasks = append(tasks, func() (model.Findings, error) { return r.Item(out, it) })
	}
	return run(append(tasks, whole[next:]...))
}

// Items renders the pages of the given items only, as the preview does after a change.
func (r *Renderer) Items(out Output, items []*model.Item) (model.Findings, error) {
	tasks := make([]func() (model.Findings, error), len(items))
	for i, it := range items {
		tasks[i] = func() (model.Findings, error) { return r.Item(out, it) }
	}
	return run(tasks)
}

func none(write func(Output) error, out Output) func() (model.Findings, error) {
	return func() (model.Findings, error) { return nil, write(out) }
}

// run runs tasks on one worker per core and merges their findings in task order.
// After the first error no new task starts.
func run(tasks []func() (model.Findings, error)) (model.Findings, error) {
	results := make([]model.Findings, len(tasks))
	err := pool.Each(len(tasks), func(i int) error {
		var err error
		results[i], err = tasks[i]()
		return err
	})
	var findings model.Findings
	for _, f := range results {
		findings = append(findings, f...)
	}
	return findings, err
}

// bodyBuffers recycles the buffers item bodies are rendered into.
var bodyBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// Item renders one item's page.
func (r *Renderer) Item(out Output, it *model.Item) (model.Findings, error) {
	body, release, findings, err := r.body(it.Path, it.Body, it.BodyLine)
	defer release()
	if err != nil {
		return findings, err
	}
	v := &ItemDetail{Body: body, Timeline: r.timeline(it)}
	if h := it.History; h != nil {
		changed := when(h.Updated)
		v.Changed = &changed
		if h.Created != nil {
			proposed := when(*h.Created)
			v.Proposed = &proposed
		}
	}
	if rel, ok := r.b.Settings.Release(it.Release); ok {
		v.Release = &rel
	}
	if g, ok := r.b.Settings.Goal(it.Goal); ok {
		v.Goal = &g
	}
	if s := r.b.Settings; s.RepoURL != "" {
		v.EditURL = s.RepoURL + "/edit/" + r.branch() + "/" + r.repoPath(it.Path)
	}
	p := r.page(ItemPath(it.ID), it.Title, "item")
	p.Item, p.Detail = it, v
	return findings, r.execute(out, "item.html", p)
}

// ItemPath is where an item's page is written.
func ItemPath(id string) string { return "items/" + id + "/index.html" }

// PagePath is where a free page is written.
func PagePath(name string) string { return "pages/" + name + "/index.html" }

// doc prepares a body for conversion. Items and free pages are both two folders deep.
// The content files it links to are appended to targets, when targets is not nil.
func (r *Renderer) doc(path string, body []byte, line int, targets *[]string) markdown.Doc {
	return markdown.Doc{Path: path, Body: body, BodyLine: line, MaxDepth: r.b.Settings.Limits.Nesting,
		Resolve: func(target string) (string, bool) {
			if targets != nil {
				*targets = append(*targets, target)
			}
			return r.resolve("../../", target)
		}}
}

// body converts one body to HTML, or takes it from r.opts.Bodies when it is unchanged.
// The HTML is good until release is called, once the page that shows it is written: a
// build does not copy it out of the buffer it was rendered into (copies were 5% of the
// bytes a build allocates), the preview keeps a copy for its next render.
func (r *Renderer) body(path string, src []byte, line int) (html template.HTML, release func(), _ model.Findings, _ error) {
	if b, ok := r.opts.Bodies.get(path, src, line); ok {
		return template.HTML(b.html), func() {}, b.findings, nil
	}
	buf := bodyBuffers.Get().(*bytes.Buffer)
	buf.Reset()
	release = func() { bodyBuffers.Put(buf) }
	var targets []string
	findings, err := r.md.Convert(buf, r.doc(path, src, line, &targets))
	if err != nil {
		return "", release, findings, fmt.Errorf("%s: %w", path, err)
	}
	if r.opts.Bodies == nil {
		return template.HTML(unsafe.String(unsafe.SliceData(buf.Bytes()), buf.Len())), release, findings, nil
	}
	kept := buf.String()
	r.opts.Bodies.put(path, &renderedBody{source: src, line: line, html: kept, findings: findings, targets: targets})
	return template.HTML(kept), release, findings, nil
}

// resolve maps a linked content file to its page, relative to root.
func (r *Renderer) resolve(root, target string) (string, bool) {
	dir, name, _ := strings.Cut(target, "/")
	name = strings.TrimSuffix(name, ".md")
	switch dir {
	case "items":
		if r.b.Item(name) != nil {
			return root + ItemPath(name), true
		}
	case "pages":
		if r.pages[name] != nil {
			return root + PagePath(name), true
		}
	}
	return "", false
}

// page starts the data of a page at the given output path.
func (r *Renderer) page(path, title, section string) *Page {
	return &Page{Site: r.site, Root: strings.Repeat("../", strings.Count(path, "/")), Path: path, Title: title, Section: section}
}

// stream is execute for the pages of megabytes: see streamFile.
func (r *Renderer) stream(out Output, name string, p *Page) error {
	return streamFile(out, p.Path, func(f File, buf *bytes.Buffer) error {
		if err := r.theme.exec.Stream(f, buf, name, p); err != nil {
			return fmt.Errorf("template %s, rendering %s: %w", name, p.Path, err)
		}
		return nil
	})
}

func (r *Renderer) execute(out Output, name string, p *Page) error {
	return writeFile(out, p.Path, func(buf *bytes.Buffer) error {
		if err := r.theme.exec.ExecuteTemplate(buf, name, p); err != nil {
			return fmt.Errorf("template %s, rendering %s: %w", name, p.Path, err)
		}
		return nil
	})
}

// FreePage renders one page of pages/.
func (r *Renderer) FreePage(out Output, pg *model.Page) (model.Findings, error) {
	body, release, findings, err := r.body(pg.Path, pg.Body, pg.BodyLine)
	defer release()
	if err != nil {
		return findings, err
	}
	p := r.page(PagePath(pg.Name), pg.Title, "page")
	p.Free = &FreePageView{Page: pg, Body: body}
	return findings, r.execute(out, "page.html", p)
}

// Index renders the backlog: index.html.
func (r *Renderer) Index(out Output) error {
	p := r.page("index.html", "Backlog", "backlog")
	p.Backlog = newBacklogView(r.b)
	return r.stream(out, "index.html", p)
}

// Roadmap renders roadmap/index.html.
func (r *Renderer) Roadmap(out Output) error {
	p := r.page("roadmap/index.html", "Roadmap", "roadmap")
	p.Roadmap = newRoadmapView(r.b)
	return r.stream(out, "roadmap.html", p)
}

// Board renders board/index.html.
func (r *Renderer) Board(out Output) error {
	p := r.page("board/index.html", "Board", "board")
	p.Board = newBoardView(r.b)
	return r.stream(out, "board.html", p)
}

// NotFound renders 404.html. Hosts serve it at any missing address, so its links
// are absolute when base_url is set.
func (r *Renderer) NotFound(out Output) error {
	p := r.page("404.html", "Page not found", "")
	if r.b.Settings.BaseURL != "" {
		p.Root = r.b.Settings.BaseURL + "/"
	}
	return r.execute(out, "404.html", p)
}

// Static copies the theme's static files.
func (r *Renderer) Static(out Output) error {
	for _, f := range r.theme.files {
		src, err := f.from.Open(f.path)
		if err != nil {
			return err
		}
		err = writeFile(out, f.path, func(w *bytes.Buffer) error {
			_, err := io.Copy(w, src)
			return err
		})
		src.Close()
		if err != nil {
			return fmt.Errorf("copying %s: %w", f.path, err)
		}
	}
	return nil
}

// jsonItem is one item of backlog.json.
type jsonItem struct {
	ID        string         `json:"id"`
	Title     string         `json:"title"`
	Status    string         `json:"status"`
	Category  string         `json:"category"`
	Rank      *int           `json:"rank"`
	Type      string         `json:"type"`
	Release   string         `json:"release"`
	Goal      string         `json:"goal"`
	Estimate  *float64       `json:"estimate"`
	Value     *float64       `json:"value"`
	Owner     string         `json:"owner"`
	Labels    []string       `json:"labels"`
	DependsOn []string       `json:"depends_on"`
	Blocked   bool           `json:"blocked"`
	URL       string         `json:"url"`
	Fields    map[string]any `json:"fields"`
	// From history; null without it.
	Created    *time.Time `json:"created"`
	Updated    *time.Time `json:"updated"`
	ProposedBy *string    `json:"proposed_by"`
}

// JSON writes backlog.json: every item, ranked ones first in rank order. It is written
// an item at a time, as encoding/json indents the whole document.
func (r *Renderer) JSON(out Output) error {
	return streamFile(out, "backlog.json", func(f File, buf *bytes.Buffer) error {
		head, err := json.MarshalIndent(struct {
			Title       string `json:"title"`
			Description string `json:"description"`
		}{r.b.Settings.Title, r.b.Settings.Description}, "", "  ")
		if err != nil {
			return err
		}
		buf.Write(head[:len(head)-2]) // without the closing "\n}"
		buf.WriteString(",\n  \"items\": [")
		var item []byte
		for i, it := range byRank(r.b, func(*model.Item) bool { return true }) {
			if item, err = json.MarshalIndent(newJSONItem(it), "    ", "  "); err != nil {
				return err
			}
			if i > 0 {
				buf.WriteByte(',')
			}
			buf.WriteString("\n    ")
			buf.Write(item)
			if err := spill(f, buf); err != nil {
				return err
			}
		}
		if len(r.b.Items) > 0 {
			buf.WriteString("\n  ")
		}
		buf.WriteString("]\n}\n")
		_, err = f.Write(buf.Bytes())
		return err
	})
}

func newJSONItem(it *model.Item) jsonItem {
	j := jsonItem{
		ID: it.ID, Title: it.Title, Status: it.Status, Category: it.State.Category,
		Type: it.Type, Release: it.Release, Goal: it.Goal, Estimate: it.Estimate, Value: it.Value,
		Owner: it.Owner, Labels: nonNil(it.Labels), DependsOn: nonNil(it.DependsOn),
		Blocked: it.Blocked(), URL: ItemPath(it.ID), Fields: map[string]any{},
	}
	if it.Rank > 0 {
		rank := it.Rank
		j.Rank = &rank
	}
	for _, f := range it.Fields {
		j.Fields[f.Key] = f.Value
	}
	if h := it.History; h != nil {
		u := h.Updated.Date.UTC()
		j.Updated = &u
		if h.Created != nil {
			c, by := h.Created.Date.UTC(), h.Created.Author
			j.Created, j.ProposedBy = &c, &by
		}
	}
	return j
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// Sitemap writes sitemap.xml when base_url is set.
func (r *Renderer) Sitemap(out Output) error {
	base := r.b.Settings.BaseURL
	if base == "" {
		return nil
	}
	return writeFile(out, "sitemap.xml", func(w *bytes.Buffer) error {
		io.WriteString(w, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n")
		loc := func(p string) {
			io.WriteString(w, "  <url><loc>")
			template.HTMLEscape(w, []byte(base+"/"+strings.TrimSuffix(p, "index.html")))
			io.WriteString(w, "</loc></url>\n")
		}
		for _, p := range []string{"index.html", "roadmap/index.html", "board/index.html"} {
			loc(p)
		}
		if r.site.HasHistory {
			loc("changes/index.html")
		}
		for _, it := range r.b.Items {
			loc(ItemPath(it.ID))
		}
		for _, pg := range r.b.Pages {
			loc(PagePath(pg.Name))
		}
		_, err := io.WriteString(w, "</urlset>\n")
		return err
	})
}
