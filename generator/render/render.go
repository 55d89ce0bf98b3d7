// Package render turns the ordered backlog into the site's files: a page per item,
// the backlog, roadmap and board, free pages, backlog.json and the sitemap.
// It writes through an Output, so the same pages go to a folder, a test or the preview server.
package render

import (
	"bytes"
	"fmt"
	"strings"
	"sync"

	"github.com/backlogtool/backlog/generator/internal/pool"
	"github.com/backlogtool/backlog/generator/markdown"
	"github.com/backlogtool/backlog/generator/model"
)

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

	attached sync.Map // content files that bodies link to, copied into the site: see attach.go
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
		Pages: b.Pages, ItemCount: len(b.Items), Filters: newFilters(b), Logo: st.Logo, Favicon: st.Favicon}
	r.site.CustomCSS = r.customCSS()
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
	findings, err := run(append(tasks, whole[next:]...))
	if err == nil {
		err = r.copyAttachments(out)
	}
	return findings, err
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

// page starts the data of a page at the given output path.
func (r *Renderer) page(path, title, section string) *Page {
	return &Page{Site: r.site, Root: strings.Repeat("../", strings.Count(path, "/")), Path: path, Title: title, Section: section,
		Description: r.site.Description, URL: pageURL(r.site.BaseURL, path)}
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
