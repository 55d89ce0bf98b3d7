package render

import (
	"bytes"
	"fmt"
	"html/template"
	"io"
	"net/url"
	"strings"
	"sync"
	"unsafe"

	"github.com/backlogtool/backlog/generator/markdown"
	"github.com/backlogtool/backlog/generator/model"
)

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
	if h := it.History; h != nil && h.Updated.Commit != "" { // unknown beyond a shallow clone's boundary
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
	p := r.page(ItemPath(it.Slug), it.Title, "item")
	p.Item, p.Detail = it, v
	if d := summary(string(body)); d != "" {
		p.Description = d
	}
	return findings, r.execute(out, "item.html", p)
}

// ItemPath is where the page of the item with the given slug is written.
func ItemPath(slug string) string { return "items/" + slug + "/index.html" }

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
		},
		Attach: r.attacher("../../")}
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

// resolve maps a linked content file to its page, relative to root: a free page, or
// an item by its path, or else by its file name or id (links written for another tool
// name items so).
func (r *Renderer) resolve(root, target string) (string, bool) {
	if name, ok := strings.CutPrefix(target, "pages/"); ok {
		if name = strings.TrimSuffix(name, ".md"); r.pages[name] != nil {
			return root + PagePath(name), true
		}
		return "", false
	}
	if unescaped, err := url.PathUnescape(target); err == nil {
		target = unescaped
	}
	it := r.b.Item(target)
	if it == nil {
		it = r.b.Item(target[strings.LastIndexByte(target, '/')+1:])
	}
	if it == nil {
		return "", false
	}
	return root + ItemPath(it.Slug), true
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
	p.URL = "" // served at every missing address
	if r.b.Settings.BaseURL != "" {
		p.Root = r.b.Settings.BaseURL + "/"
	}
	return r.execute(out, "404.html", p)
}

// Static copies the theme's static files, and the content folder's static/ folder to the site's root.
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
	return r.copyUserStatic(out)
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
			loc(ItemPath(it.Slug))
		}
		for _, pg := range r.b.Pages {
			loc(PagePath(pg.Name))
		}
		_, err := io.WriteString(w, "</urlset>\n")
		return err
	})
}
