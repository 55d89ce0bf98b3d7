package history

import (
	"errors"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/backlogtool/backlog/generator/load"
	"github.com/backlogtool/backlog/generator/model"
	"github.com/backlogtool/backlog/generator/order"
	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/go-git/go-git/v5/plumbing/storer"
)

// renameThreshold is git's default: a deleted and an added file at least this similar are one file renamed.
const renameThreshold = 50

// walker computes history over the first-parent chain.
type walker struct {
	repo  *git.Repository
	path  []string // the content folder inside the repository
	opts  Options
	known map[plumbing.Hash]bool // commits that are not on a merged branch, filled at the first merge
}

// tracked is one item file as history knows it.
type tracked struct {
	Hist  *model.ItemHistory
	Blob  plumbing.Hash
	Facts facts
}

// state is history computed up to a commit; the cache stores it.
type state struct {
	Tip       plumbing.Hash
	Files     map[string]*tracked // by file name inside items/
	Order     []string            // order.yaml as last committed
	PrevOrder []string            // order.yaml before that
	Events    []model.Event       // oldest first
	Burnup    map[string][]model.BurnPoint
	Counts    map[string]model.BurnPoint // current scope and done per release
	Shallow   bool
	Boundary  time.Time
}

func newState() *state {
	return &state{Files: map[string]*tracked{}, Burnup: map[string][]model.BurnPoint{}, Counts: map[string]model.BurnPoint{}}
}

// mainCommit is one commit of the first-parent chain, with what it holds of the backlog.
type mainCommit struct {
	c        *object.Commit
	items    plumbing.Hash // tree of the items folder, zero when absent
	order    plumbing.Hash // blob of order.yaml, zero when absent
	boundary bool          // the parent is missing (shallow clone)
}

func (w *walker) run(head plumbing.Hash) (*state, error) {
	st, cached := w.loadCache()
	if cached && st.Tip == head {
		return st, nil
	}
	if cached {
		// The cached tip must still be a commit of this repository.
		if _, err := w.repo.Storer.EncodedObject(plumbing.CommitObject, st.Tip); err != nil {
			cached, st = false, newState()
		}
	}
	chain, err := w.chain(head, st.Tip)
	if err != nil {
		return nil, err
	}
	if cached && (len(chain) == 0 || len(chain[0].c.ParentHashes) == 0 || chain[0].c.ParentHashes[0] != st.Tip) {
		// The cached tip is no longer on the main line (history was rewritten): start over.
		cached, st = false, newState()
	}
	if len(chain) > 0 && chain[0].boundary {
		st.Shallow, st.Boundary = true, chain[0].c.Committer.When
	}
	var prev *mainCommit
	if cached {
		if prev, err = w.describe(st.Tip); err != nil {
			return nil, err
		}
	}
	diffs, err := w.diffAll(prev, chain)
	if err != nil {
		return nil, err
	}
	for i, mc := range chain {
		if err := w.apply(st, mc, diffs[i]); err != nil {
			return nil, err
		}
		st.Tip = mc.c.Hash
	}
	w.saveCache(st)
	return st, nil
}

// chain lists the first-parent chain from head back to stop (excluded) or to the first
// commit, oldest first, with each commit's items tree and order blob.
func (w *walker) chain(head, stop plumbing.Hash) ([]*mainCommit, error) {
	shallow := map[plumbing.Hash]bool{}
	if hashes, err := w.repo.Storer.Shallow(); err == nil {
		for _, h := range hashes {
			shallow[h] = true
		}
	}
	var chain []*mainCommit
	for h := head; !h.IsZero() && h != stop; {
		c, err := object.GetCommit(w.repo.Storer, h)
		if err != nil {
			return nil, err
		}
		mc := &mainCommit{c: c}
		chain = append(chain, mc)
		h = plumbing.ZeroHash
		if len(mc.c.ParentHashes) > 0 && !shallow[mc.c.Hash] {
			h = mc.c.ParentHashes[0]
			if _, err := w.repo.Storer.EncodedObject(plumbing.CommitObject, h); errors.Is(err, plumbing.ErrObjectNotFound) {
				h = plumbing.ZeroHash
				mc.boundary = true
			}
		} else if len(mc.c.ParentHashes) > 0 {
			mc.boundary = true
		}
	}
	slices.Reverse(chain)
	return chain, nil
}

// describe reads a commit and finds its items tree and order blob.
func (w *walker) describe(h plumbing.Hash) (*mainCommit, error) {
	c, err := object.GetCommit(w.repo.Storer, h)
	if err != nil {
		return nil, err
	}
	mc := &mainCommit{c: c}
	return mc, w.locate(w.repo.Storer, mc)
}

// locate finds a commit's items tree and order blob.
func (w *walker) locate(s storer.EncodedObjectStorer, mc *mainCommit) error {
	content, err := lookup(s, mc.c.TreeHash, w.path)
	if err != nil || content.IsZero() {
		return err
	}
	raw, err := readObject(s, plumbing.TreeObject, content)
	if err != nil {
		return err
	}
	return entries(raw, func(e entry) bool {
		switch string(e.name) {
		case load.ItemsDir:
			mc.items = e.hash
		case load.OrderFile:
			mc.order = e.hash
		}
		return true
	})
}

// commitDiff is what one main-line commit changed, read ahead in parallel.
type commitDiff struct {
	changes []fileChange
	facts   map[plumbing.Hash]facts // of every new blob
	renames map[string]string       // old file name -> new file name
	order   []string                // order.yaml after the commit, when it changed
}

// diffAll reads what each commit of chain changed, on one worker per core, each with
// its own repository handle (go-git's storage is not safe for concurrent use).
// Each worker takes a contiguous run of commits, so one tree read serves two diffs.
func (w *walker) diffAll(prev *mainCommit, chain []*mainCommit) ([]*commitDiff, error) {
	diffs := make([]*commitDiff, len(chain))
	workers := min(runtime.GOMAXPROCS(0), max(1, len(chain)/64))
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for k := range workers {
		lo, hi := len(chain)*k/workers, len(chain)*(k+1)/workers
		wg.Go(func() {
			s, err := reopen(w.repo)
			if err != nil {
				errs[k] = err
				return
			}
			defer s.Close()
			for i := max(lo-1, 0); i < hi; i++ {
				if errs[k] = w.locate(s, chain[i]); errs[k] != nil {
					return
				}
			}
			before := prev
			if lo > 0 {
				before = chain[lo-1]
			}
			var cache treeCache
			for i := lo; i < hi; i++ {
				if diffs[i], errs[k] = diffCommit(s, &cache, before, chain[i]); errs[k] != nil {
					return
				}
				before = chain[i]
			}
		})
	}
	wg.Wait()
	return diffs, errors.Join(errs...)
}

// treeCache keeps the last raw items tree read, which is the next commit's parent tree.
type treeCache struct {
	hash  plumbing.Hash
	raw   []byte
	spare []byte // the memory of the tree read before raw, no longer used
}

// get reads the tree h, the same as the last one read or into the memory of the one
// before: a diff needs two trees at once, never three, and a worker walking a run of
// commits then reads each items tree (hundreds of kilobytes on a large backlog) once,
// without allocating.
func (tc *treeCache) get(s storer.EncodedObjectStorer, h plumbing.Hash) ([]byte, error) {
	if h.IsZero() {
		return nil, nil
	}
	if h == tc.hash {
		return tc.raw, nil
	}
	raw, err := readObjectInto(s, plumbing.TreeObject, h, tc.spare)
	if err != nil {
		return nil, err
	}
	tc.spare = tc.raw
	tc.hash, tc.raw = h, raw
	return raw, nil
}

func diffCommit(s storer.EncodedObjectStorer, cache *treeCache, before, mc *mainCommit) (*commitDiff, error) {
	d := &commitDiff{}
	var oldItems, oldOrder plumbing.Hash
	if before != nil {
		oldItems, oldOrder = before.items, before.order
	}
	if mc.order != oldOrder {
		d.order = []string{}
		if !mc.order.IsZero() {
			data, err := readObject(s, plumbing.BlobObject, mc.order)
			if err != nil {
				return nil, err
			}
			d.order = readOrder(data)
		}
	}
	if mc.items == oldItems {
		return d, nil
	}
	oldRaw, err := cache.get(s, oldItems)
	if err != nil {
		return nil, err
	}
	newRaw, err := cache.get(s, mc.items)
	if err != nil {
		return nil, err
	}
	if d.changes, err = diffTrees(oldRaw, newRaw); err != nil {
		return nil, err
	}
	d.facts = map[plumbing.Hash]facts{}
	var added, deleted []fileChange
	contents := map[plumbing.Hash][]byte{}
	for _, ch := range d.changes {
		if !ch.new.IsZero() {
			data, err := readObject(s, plumbing.BlobObject, ch.new)
			if err != nil {
				return nil, err
			}
			d.facts[ch.new] = scanFacts(data)
			if ch.old.IsZero() {
				added = append(added, ch)
				contents[ch.new] = data
			}
		} else {
			deleted = append(deleted, ch)
		}
	}
	if len(added) > 0 && len(deleted) > 0 {
		d.renames, err = detectRenames(s, deleted, added, contents)
	}
	return d, err
}

// detectRenames pairs deleted and added files: identical content first, then the most
// similar pairs at or above the threshold, as git does.
func detectRenames(s storer.EncodedObjectStorer, deleted, added []fileChange, contents map[plumbing.Hash][]byte) (map[string]string, error) {
	renames := map[string]string{}
	used := map[string]bool{}
	for _, d := range deleted {
		for _, a := range added {
			if !used[a.name] && a.new == d.old {
				renames[d.name], used[a.name] = a.name, true
				break
			}
		}
	}
	type pair struct {
		from, to string
		score    int
	}
	var pairs []pair
	for _, d := range deleted {
		if _, done := renames[d.name]; done {
			continue
		}
		old, err := readObject(s, plumbing.BlobObject, d.old)
		if err != nil {
			return nil, err
		}
		for _, a := range added {
			if used[a.name] {
				continue
			}
			if score := similarity(old, contents[a.new]); score >= renameThreshold {
				pairs = append(pairs, pair{d.name, a.name, score})
			}
		}
	}
	slices.SortStableFunc(pairs, func(x, y pair) int { return y.score - x.score })
	for _, p := range pairs {
		if _, done := renames[p.from]; !done && !used[p.to] {
			renames[p.from], used[p.to] = p.to, true
		}
	}
	return renames, nil
}

// apply adds one main-line commit's changes to the state, in the commit's order.
func (w *walker) apply(st *state, mc *mainCommit, d *commitDiff) error {
	base := model.Change{Commit: mc.c.Hash.String(), Date: mc.c.Committer.When, Author: mc.c.Author.Name, Email: mc.c.Author.Email}
	var side map[string]model.Change
	if len(mc.c.ParentHashes) > 1 && (len(d.changes) > 0 || d.order != nil) {
		side = w.sideAuthors(mc, base)
	}
	change := func(path string) model.Change {
		if c, ok := side[path]; ok {
			return c
		}
		return base
	}
	touched := map[string]bool{} // releases whose counts changed
	count := func(f facts, sign int) {
		if f.Release == "" {
			return
		}
		touched[f.Release] = true
		c := st.Counts[f.Release]
		switch w.opts.Categories[f.Status] {
		case model.Dropped:
			return
		case model.Done:
			c.Done += sign
		}
		c.Scope += sign
		st.Counts[f.Release] = c
	}
	renamedTo := map[string]bool{}
	for from, to := range d.renames {
		renamedTo[to] = true
		if t := st.Files[from]; t != nil {
			st.Files[to] = t
			delete(st.Files, from)
		}
	}
	for _, ch := range d.changes {
		switch {
		case ch.new.IsZero(): // deleted
			if _, renamed := d.renames[ch.name]; renamed {
				continue
			}
			t := st.Files[ch.name]
			if t == nil {
				continue
			}
			c := change(itemPath(ch.name))
			st.Events = append(st.Events, model.Event{Kind: model.Removed, Change: c, Item: idOf(ch.name), Title: t.Facts.Title})
			count(t.Facts, -1)
			delete(st.Files, ch.name)
		case ch.old.IsZero() && !renamedTo[ch.name]: // added
			f := d.facts[ch.new]
			c := change(itemPath(ch.name))
			h := &model.ItemHistory{Updated: c}
			if !mc.boundary {
				h.Created = &c
				h.Statuses = []model.StatusChange{{Change: c, To: f.Status}}
				st.Events = append(st.Events, model.Event{Kind: model.Proposed, Change: c, Item: idOf(ch.name), Title: f.Title, To: f.Status})
			}
			st.Files[ch.name] = &tracked{Hist: h, Blob: ch.new, Facts: f}
			count(f, +1)
		default: // changed, or renamed and maybe changed
			t := st.Files[ch.name]
			if t == nil {
				continue
			}
			c := change(itemPath(ch.name))
			if ch.new == t.Blob { // renamed, content unchanged
				t.Hist.Updated = c
				continue
			}
			f := d.facts[ch.new]
			if f.Status != t.Facts.Status {
				t.Hist.Statuses = append(t.Hist.Statuses, model.StatusChange{Change: c, From: t.Facts.Status, To: f.Status})
				st.Events = append(st.Events, model.Event{Kind: model.StatusChanged, Change: c, Item: idOf(ch.name), Title: f.Title, From: t.Facts.Status, To: f.Status})
			}
			count(t.Facts, -1)
			count(f, +1)
			t.Hist.Updated, t.Blob, t.Facts = c, ch.new, f
		}
	}
	if d.order != nil {
		c := change(load.OrderFile)
		moves, shifted := order.Moves(st.Order, d.order)
		if len(moves) > 0 || shifted > 0 {
			st.Events = append(st.Events, model.Event{Kind: model.Reordered, Change: c, Moves: moves, Shifted: shifted})
			for _, m := range moves {
				if t := st.Files[m.ID+".md"]; t != nil {
					t.Hist.Ranks = append(t.Hist.Ranks, model.RankChange{Change: c, From: m.From, To: m.To})
				}
			}
		}
		st.PrevOrder, st.Order = st.Order, d.order
	}
	for rel := range touched {
		st.burn(rel, base.Date)
	}
	return nil
}

// burn records a release's scope and done counts after a change.
func (st *state) burn(release string, at time.Time) {
	c := st.Counts[release]
	p := model.BurnPoint{Date: at, Scope: c.Scope, Done: c.Done}
	points := st.Burnup[release]
	if n := len(points); n > 0 && points[n-1].Date.Equal(at) {
		points[n-1] = p
	} else {
		points = append(points, p)
	}
	st.Burnup[release] = points
}

// sideAuthors finds, for a merge, who made each change it brings: the newest commit on
// the merged branch that changed the path. Paths are item paths and order.yaml.
func (w *walker) sideAuthors(mc *mainCommit, base model.Change) map[string]model.Change {
	if w.known == nil {
		// Commits of the main line, and of branches merged before, are not part of a merged branch.
		w.known = map[plumbing.Hash]bool{}
		for h := mc.c.ParentHashes[0]; !h.IsZero(); {
			c, err := object.GetCommit(w.repo.Storer, h)
			if err != nil {
				break
			}
			w.known[h] = true
			h = plumbing.ZeroHash
			if len(c.ParentHashes) > 0 {
				h = c.ParentHashes[0]
			}
		}
	}
	w.known[mc.c.ParentHashes[0]] = true
	out := map[string]model.Change{}
	when := map[string]time.Time{}
	queue := slices.Clone(mc.c.ParentHashes[1:])
	for len(queue) > 0 {
		h := queue[0]
		queue = queue[1:]
		if w.known[h] {
			continue
		}
		w.known[h] = true
		c, err := object.GetCommit(w.repo.Storer, h)
		if err != nil || len(c.ParentHashes) == 0 {
			continue
		}
		queue = append(queue, c.ParentHashes...)
		parent, err1 := w.describe(c.ParentHashes[0])
		self, err2 := w.describe(c.Hash)
		if err1 != nil || err2 != nil {
			continue
		}
		var paths []string
		if self.order != parent.order {
			paths = append(paths, load.OrderFile)
		}
		if self.items != parent.items {
			oldRaw, _ := readObject(w.repo.Storer, plumbing.TreeObject, parent.items)
			newRaw, _ := readObject(w.repo.Storer, plumbing.TreeObject, self.items)
			changes, _ := diffTrees(oldRaw, newRaw)
			for _, ch := range changes {
				paths = append(paths, itemPath(ch.name))
			}
		}
		for _, p := range paths {
			if t, ok := when[p]; !ok || c.Committer.When.After(t) {
				when[p] = c.Committer.When
				out[p] = model.Change{Commit: base.Commit, Date: base.Date, Author: c.Author.Name, Email: c.Author.Email}
			}
		}
	}
	return out
}

func itemPath(name string) string { return load.ItemsDir + "/" + name }

func idOf(name string) string { return strings.TrimSuffix(name, ".md") }
