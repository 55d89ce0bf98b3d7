package preview

import (
	"path"
	"slices"
	"strings"

	"github.com/backlogtool/backlog/generator"
	"github.com/backlogtool/backlog/generator/load"
	"github.com/backlogtool/backlog/generator/model"
	"github.com/backlogtool/backlog/generator/render"
)

// bodiesOnly handles the most common save, an edit of item bodies only: the items keep
// their place in the backlog, nothing else shows their bodies, so only their own pages are
// rendered again. It reports false, having changed nothing, for any other change.
func (b *Builder) bodiesOnly(paths []string) bool {
	if b.backlog == nil || b.findings.HasErrors() {
		return false
	}
	type edit struct {
		old, new *model.Item
		found    model.Findings
	}
	var edits []edit
	for _, p := range paths {
		old := b.items[p]
		if old == nil || !strings.HasPrefix(p, load.ItemsDir+"/") {
			return false
		}
		it, f := load.ReadItem(b.fsys, p, b.settings)
		if it == nil || f.HasErrors() || !sameFrontMatter(old, it) {
			return false
		}
		edits = append(edits, edit{old, it, f})
	}
	r := b.renderer // the backlog is the same one: its renderer, with its search words, serves
	site := render.NewMemory(b.site)
	for _, e := range edits {
		// In place: every page and list refers to this item by pointer.
		e.old.Body, e.old.BodyLine = e.new.Body, e.new.BodyLine
		b.setFindings(e.old.Path, e.found)
		f, err := r.Item(site, e.old)
		if err != nil {
			return false
		}
		delete(b.bodyF, e.old.Path)
		if len(f) > 0 {
			b.bodyF[e.old.Path] = f
		}
	}
	for _, e := range edits {
		r.RefreshWords(e.old)
	}
	if err := r.SearchIndex(site); err != nil {
		return false
	}
	var findings model.Findings
	for _, f := range b.perFile {
		findings = append(findings, f...)
	}
	findings = append(findings, b.validated...)
	b.findings = generator.RelativizeAndSort(b.opts, append(findings, b.allBodyFindings()...))
	b.site = site
	return true
}

// sameFrontMatter reports whether two reads of an item differ in the body only.
func sameFrontMatter(a, b *model.Item) bool {
	return sameFields(a, b) && slices.Equal(a.Pos, b.Pos) && a.Path == b.Path
}

// renderChanges re-renders the pages that show what changed between the last good
// backlog and bl, into a copy of the last good site.
func (b *Builder) renderChanges(r *render.Renderer, bl *model.Backlog, changed map[string]bool) (*render.Memory, error) {
	old := b.backlog
	site := render.NewMemory(b.site)
	aggregates := changed[load.OrderFile]
	pagesAll := false
	redo := map[string]bool{} // item ids whose page is rendered again

	// Items that came or went change how bodies linking to them render.
	cameOrWent := map[string]bool{}
	for p := range changed {
		id := strings.TrimSuffix(path.Base(p), ".md")
		switch {
		case strings.HasPrefix(p, load.ItemsDir+"/"):
			_, was := b.listings[id]
			is := bl.Item(id) != nil
			if was != is {
				cameOrWent[p] = true
				aggregates = true
				for _, n := range b.neighbours[id] {
					redo[n] = true
				}
			}
			if is {
				redo[id] = true
			}
			if was && !is {
				site.Remove(render.ItemPath(id))
				delete(b.bodyF, p)
			}
		case strings.HasPrefix(p, load.PagesDir+"/"):
			was, is := pageNamed(old, id), pageNamed(bl, id)
			if was == nil || is == nil || was.Title != is.Title {
				pagesAll = true // the navigation of every page lists the free pages
				cameOrWent[p] = was == nil || is == nil
			}
			if was != nil && is == nil {
				site.Remove(render.PagePath(id))
				delete(b.bodyF, p)
			}
		}
	}
	for _, p := range b.bodies.LinkingTo(cameOrWent) {
		if strings.HasPrefix(p, load.ItemsDir+"/") {
			redo[strings.TrimSuffix(path.Base(p), ".md")] = true
		}
	}
	// An item whose line in lists changed (title, status, rank, blocked...) changes the
	// aggregate pages and the pages of the items it depends on or that depend on it.
	for _, it := range bl.Items {
		if was, ok := b.listings[it.ID]; ok && was.same(listingOf(it)) {
			continue
		}
		aggregates = true
		redo[it.ID] = true
		for _, n := range append(neighbours(it), b.neighbours[it.ID]...) {
			redo[n] = true
		}
	}
	if changed[load.OrderFile] {
		for _, it := range bl.Items {
			redo[it.ID] = true
		}
	}
	if pagesAll {
		return b.renderAll(r)
	}
	var items []*model.Item
	for id := range redo {
		if it := bl.Item(id); it != nil {
			items = append(items, it)
		}
	}
	slices.SortFunc(items, func(x, y *model.Item) int { return strings.Compare(x.ID, y.ID) })
	f, err := r.Items(site, items)
	if err != nil {
		return nil, err
	}
	for _, it := range items {
		delete(b.bodyF, it.Path)
	}
	for _, x := range f {
		b.bodyF[x.Pos.File] = append(b.bodyF[x.Pos.File], x)
	}
	for p := range changed {
		if pg := pageNamed(bl, strings.TrimSuffix(path.Base(p), ".md")); pg != nil && strings.HasPrefix(p, load.PagesDir+"/") {
			f, err := r.FreePage(site, pg)
			if err != nil {
				return nil, err
			}
			b.bodyF[p] = f
		}
	}
	if err := r.SearchIndex(site); err != nil { // bodies may have changed
		return nil, err
	}
	if aggregates {
		writes := []func(render.Output) error{r.Index, r.Roadmap, r.Board, r.JSON, r.Sitemap}
		if h := bl.History; h != nil && (h.Notice == "" || h.Shallow) {
			// The change log links the items that still exist, as render.Site decides.
			writes = append(writes, r.Changes, r.Feed)
		}
		for _, write := range writes {
			if err := write(site); err != nil {
				return nil, err
			}
		}
	}
	return site, nil
}

// listing is what other pages show of an item: any change to it re-renders them.
// The fields of the file are compared by pointer: an item re-read from disk is a new
// value, compared field by field only then.
type listing struct {
	item                 *model.Item
	rank, moved          int
	blocked, newlyRanked bool
}

func listingOf(it *model.Item) listing {
	return listing{item: it, rank: it.Rank, moved: it.Moved, blocked: it.Blocked(), newlyRanked: it.NewlyRanked}
}

// same reports whether two listings show the same.
func (a listing) same(b listing) bool {
	if a.rank != b.rank || a.moved != b.moved || a.blocked != b.blocked || a.newlyRanked != b.newlyRanked {
		return false
	}
	return a.item == b.item || sameFields(a.item, b.item)
}

// sameFields reports whether two reads of an item have the same front matter values.
func sameFields(x, y *model.Item) bool {
	return x.Title == y.Title && x.Status == y.Status && x.Type == y.Type && x.Release == y.Release &&
		x.Goal == y.Goal && x.Owner == y.Owner && sameNum(x.Estimate, y.Estimate) && sameNum(x.Value, y.Value) &&
		slices.Equal(x.Labels, y.Labels) && slices.Equal(x.DependsOn, y.DependsOn) &&
		slices.EqualFunc(x.Fields, y.Fields, func(f, g model.Field) bool { return f.Key == g.Key && f.Text == g.Text })
}

func sameNum(a, b *float64) bool { return a == nil && b == nil || a != nil && b != nil && *a == *b }

// neighbours are the items whose pages list it: its dependencies and dependents.
func neighbours(it *model.Item) []string {
	out := slices.Clone(it.DependsOn)
	for _, d := range it.Dependents {
		out = append(out, d.ID)
	}
	return out
}

func pageNamed(b *model.Backlog, name string) *model.Page {
	for _, p := range b.Pages {
		if p.Name == name {
			return p
		}
	}
	return nil
}
