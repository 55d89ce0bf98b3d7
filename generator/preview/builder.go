// Package preview serves the site while it is being written: it keeps the backlog and
// its pages in memory, re-renders only what a saved change affects, and tells open pages
// to reload. What it serves is byte for byte what a full build writes.
package preview

import (
	"io/fs"
	"path"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/backlogtool/backlog/generator"
	"github.com/backlogtool/backlog/generator/history"
	"github.com/backlogtool/backlog/generator/load"
	"github.com/backlogtool/backlog/generator/model"
	"github.com/backlogtool/backlog/generator/render"
)

// Builder holds a backlog as files on disk last said, and the site last built from it
// without errors. Update brings both up to date after some files changed.
type Builder struct {
	opts    generator.Options
	history *history.Result // from commits, read once: the preview shows the working tree

	mu       sync.Mutex
	fsys     fs.FS
	theme    *render.Theme
	bodies   *render.Bodies
	settings model.Settings
	order    []model.OrderEntry
	items    map[string]*model.Item // by content path
	pages    map[string]*model.Page
	perFile  map[string]model.Findings // what loading each file found, by content path
	bodyF    map[string]model.Findings // what rendering each body found
	backlog  *model.Backlog            // last good
	renderer *render.Renderer          // that rendered the last good site
	site     *render.Memory            // last good
	// Of the last good build, by item id: what lists show of each item, and the items
	// whose pages list it. Items are shared between builds and re-ranked in place, so
	// these are kept as they were.
	listings   map[string]listing
	neighbours map[string][]string
	findings   model.Findings // of the last update, paths as the user sees them
	validated  model.Findings // what the pipeline after loading (generator.Settle) found in the last build

	// published is what requests read: the last good site and the findings, swapped
	// whole at the end of an update, so no request waits for a rebuild.
	published atomic.Pointer[snapshot]
}

// snapshot is one consistent state of the preview, as requests see it.
type snapshot struct {
	site     *render.Memory
	findings model.Findings
	settings model.Settings // of the content last read, for the desk's menus
	// gen counts the states published: a page shows the one it was served from, and
	// the desk refuses a write from a page older than the current state.
	gen int64
}

// publish makes the state built so far what requests see. Called with b.mu held.
func (b *Builder) publish() {
	prev := b.published.Load()
	if prev != nil && prev.site == b.site && slices.Equal(prev.findings, b.findings) {
		return
	}
	next := &snapshot{site: b.site, findings: slices.Clone(b.findings), settings: b.settings}
	if prev != nil {
		next.gen = prev.gen + 1
	}
	b.published.Store(next)
}

// current returns the state requests see now.
func (b *Builder) current() *snapshot { return b.published.Load() }

// NewBuilder loads and renders the whole site. A content error is not an error here:
// it is in Findings, and the site stays empty until the content is fixed.
func NewBuilder(opts generator.Options) (*Builder, error) {
	b := &Builder{opts: opts, site: render.NewMemory(nil), bodies: render.NewBodies()}
	b.publish()
	if !opts.NoHistory {
		h, err := history.Read(opts.ContentDir, history.Options{CacheDir: opts.HistoryCache})
		if err != nil {
			return nil, err
		}
		b.history = h
	}
	return b, b.reload()
}

// Site returns the last site built without errors. It never waits for a rebuild.
func (b *Builder) Site() *render.Memory { return b.published.Load().site }

// Findings returns what the last update found; errors mean Site is an older version.
// It never waits for a rebuild.
func (b *Builder) Findings() model.Findings { return b.published.Load().findings }

// reload reads every file and renders every page.
func (b *Builder) reload() error {
	b.mu.Lock()
	defer b.mu.Unlock()
	defer b.publish()
	fsys, err := generator.ContentFS(b.opts.ContentDir)
	if err != nil {
		b.findings = model.Findings{{Pos: model.Pos{File: b.opts.ContentDir}, Message: err.Error()}}
		return nil
	}
	theme, err := generator.LoadTheme(b.opts)
	if err != nil {
		b.findings = model.Findings{{Pos: model.Pos{File: "templates"}, Message: err.Error()}}
		return nil
	}
	b.fsys, b.theme = fsys, theme
	bl, findings := load.Load(fsys)
	b.settings, b.order = bl.Settings, bl.Order
	b.items, b.pages = map[string]*model.Item{}, map[string]*model.Page{}
	for _, it := range bl.Items {
		b.items[it.Path] = it
	}
	for _, p := range bl.Pages {
		b.pages[p.Path] = p
	}
	b.perFile = map[string]model.Findings{}
	for _, f := range findings {
		b.perFile[f.Pos.File] = append(b.perFile[f.Pos.File], f)
	}
	b.bodyF = map[string]model.Findings{}
	b.bodies.Forget("")
	b.build(nil)
	return nil
}

// Update brings the site up to date after the files at the given paths (relative to the
// content folder, slash-separated) changed, were created or were removed. A path outside
// items/ and pages/, or "", reloads everything. It returns whether the site changed.
func (b *Builder) Update(paths []string) bool {
	full := b.theme == nil || b.fsys == nil
	for _, p := range paths {
		dir, _ := path.Split(p)
		if dir != load.ItemsDir+"/" && dir != load.PagesDir+"/" && p != load.OrderFile {
			full = true
		}
	}
	if full {
		before := b.Site()
		b.reload()
		return b.Site() != before
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	defer b.publish()
	if b.bodiesOnly(paths) {
		return true
	}
	changed := map[string]bool{}
	for _, p := range paths {
		changed[p] = true
		delete(b.perFile, p)
		switch {
		case p == load.OrderFile:
			b.order = b.readOrder()
		case strings.HasPrefix(p, load.ItemsDir+"/"):
			it, f := load.ReadItem(b.fsys, p, b.settings)
			b.setFindings(p, f)
			if it == nil {
				delete(b.items, p)
			} else {
				b.items[p] = it
			}
		default:
			pg, f := load.ReadPage(b.fsys, p, b.settings)
			b.setFindings(p, f)
			if pg == nil {
				delete(b.pages, p)
			} else {
				b.pages[p] = pg
			}
		}
	}
	return b.build(changed)
}

func (b *Builder) readOrder() []model.OrderEntry {
	data, err := load.ReadSmallFile(b.fsys, load.OrderFile, load.MaxOrderBytes)
	if err != nil {
		return nil
	}
	var f model.Findings
	entries := load.ParseOrder(load.OrderFile, data, &f)
	b.setFindings(load.OrderFile, f)
	return entries
}

func (b *Builder) setFindings(path string, f model.Findings) {
	if len(f) > 0 {
		b.perFile[path] = f
	} else {
		delete(b.perFile, path)
	}
}

// build assembles the backlog from the files held, checks it and renders what changed:
// everything when changed is nil. It keeps the previous site when there are errors.
func (b *Builder) build(changed map[string]bool) bool {
	bl := &model.Backlog{Settings: b.settings, Order: b.order}
	for _, it := range b.items {
		bl.Items = append(bl.Items, it)
	}
	slices.SortFunc(bl.Items, func(x, y *model.Item) int { return strings.Compare(x.ID, y.ID) })
	for _, p := range b.pages {
		bl.Pages = append(bl.Pages, p)
	}
	slices.SortFunc(bl.Pages, func(x, y *model.Page) int { return strings.Compare(x.Name, y.Name) })
	b.validated = generator.Settle(bl, generator.BodyErrors)
	for _, it := range bl.Items {
		// Items are kept from build to build, and history only sets these where it
		// knows a move: what an earlier build set must not show through.
		it.Moved, it.NewlyRanked, it.History = 0, false, nil
	}
	if b.history != nil {
		history.Apply(bl, b.history)
	}
	var findings model.Findings
	for _, f := range b.perFile {
		findings = append(findings, f...)
	}
	findings = append(findings, b.validated...)
	if findings.HasErrors() {
		b.findings = generator.RelativizeAndSort(b.opts, append(findings, b.allBodyFindings()...))
		return false
	}

	r := render.New(bl, b.theme, render.Options{ContentPath: generator.RepoPath(b.opts.ContentDir), Bodies: b.bodies})
	var site *render.Memory
	var err error
	if changed == nil || b.theme.Overridden() || b.backlog == nil {
		site, err = b.renderAll(r)
	} else {
		site, err = b.renderChanges(r, bl, changed)
	}
	findings = append(findings, b.allBodyFindings()...)
	b.findings = generator.RelativizeAndSort(b.opts, findings)
	if err != nil {
		b.findings = append(b.findings, model.Finding{Pos: model.Pos{File: b.opts.ContentDir}, Message: err.Error()})
		return false
	}
	if b.findings.HasErrors() {
		return false
	}
	b.backlog, b.site, b.renderer = bl, site, r
	if changed == nil || b.listings == nil {
		b.listings, b.neighbours = make(map[string]listing, len(bl.Items)), make(map[string][]string, len(bl.Items))
	}
	for _, it := range bl.Items {
		l := listingOf(it)
		if old, ok := b.listings[it.ID]; !ok || !old.same(l) || old.item != it {
			b.listings[it.ID] = l
			b.neighbours[it.ID] = neighbours(it)
		}
	}
	for id := range b.listings {
		if bl.Item(id) == nil {
			delete(b.listings, id)
			delete(b.neighbours, id)
		}
	}
	return true
}

func (b *Builder) allBodyFindings() model.Findings {
	var out model.Findings
	for _, f := range b.bodyF {
		out = append(out, f...)
	}
	return out
}

// renderAll renders every page into a new site.
func (b *Builder) renderAll(r *render.Renderer) (*render.Memory, error) {
	site := render.NewMemory(nil)
	f, err := r.Site(site)
	if err != nil {
		return nil, err
	}
	b.bodyF = map[string]model.Findings{}
	for _, x := range f {
		b.bodyF[x.Pos.File] = append(b.bodyF[x.Pos.File], x)
	}
	return site, nil
}
