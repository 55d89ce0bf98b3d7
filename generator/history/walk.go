package history

import (
	"errors"
	"fmt"
	"maps"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/backlogtool/backlog/generator/load"
	"github.com/backlogtool/backlog/generator/model"
	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/go-git/go-git/v5/plumbing/storer"
)

// walker computes history over the first-parent chain.
type walker struct {
	repo *git.Repository
	path []string // the content folder inside the repository
	opts Options
	// layout is the working tree's backlog.yaml, read for the commits that have none:
	// a backlog adopted in place (backlog init over a Backlog.md project, whose
	// backlog.yaml may not even be committed) has its items where it says, and its
	// statuses and releases, back to its first commit. nil when the working tree has
	// none either. layoutHash is its content's hash; usedLayout is set once a commit
	// was read with it, which makes the cached history depend on it.
	layout     *roadmap
	layoutHash string
	usedLayout atomic.Bool
	known      map[plumbing.Hash]bool // commits that are not on a merged branch, filled at the first merge
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
	Files     map[string]*tracked // by path in the content folder
	Gone      map[string]*tracked // items removed, by model.RefKey of their id: an id that comes back goes on with its history
	Order     []string            // order.yaml as last committed
	PrevOrder []string            // order.yaml before that
	Settings  roadmap             // backlog.yaml as last committed
	Events    []model.Event       // oldest first
	Burnup    map[string][]model.BurnPoint
	Counts    map[string]model.BurnPoint // current scope and done per release
	Shallow   bool
	Boundary  time.Time
	Gaps      []string // what history leaves out, and why
	// Layout is the hash of the working tree's backlog.yaml when a commit was read with
	// it (see walker.layout): the state holds only while that file is the same.
	Layout string
}

func newState() *state {
	return &state{Files: map[string]*tracked{}, Gone: map[string]*tracked{}, Settings: defaultRoadmap(),
		Burnup: map[string][]model.BurnPoint{}, Counts: map[string]model.BurnPoint{}}
}

// mainCommit is one commit of the first-parent chain, with what it holds of the backlog.
type mainCommit struct {
	c        *object.Commit
	content  plumbing.Hash            // tree of the content folder, zero when absent
	dirs     map[string]plumbing.Hash // the content folder's folders, by name
	order    plumbing.Hash            // blob of order.yaml, zero when absent
	settings plumbing.Hash            // blob of backlog.yaml, zero when absent
	boundary bool                     // the parent is missing (shallow clone, or a commit that cannot be read)
	lost     bool                     // the parent is missing from a repository that is not shallow
	broken   error                    // the commit's trees cannot be read: its changes count with the next commit's
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
	chain, err := w.chain(head, st.Tip, st)
	if err != nil {
		return nil, err
	}
	if cached && (len(chain) == 0 || len(chain[0].c.ParentHashes) == 0 || chain[0].c.ParentHashes[0] != st.Tip) {
		// The cached tip is no longer on the main line (history was rewritten): start over.
		st = newState()
		if chain, err = w.chain(head, plumbing.ZeroHash, st); err != nil {
			return nil, err
		}
		cached = false
	}
	if len(chain) > 0 && chain[0].boundary && !chain[0].lost {
		st.Shallow, st.Boundary = true, chain[0].c.Committer.When
	}
	var prev *mainCommit
	if cached {
		if prev, err = w.describe(st.Tip); err != nil {
			return nil, err
		}
	}
	diffs := w.diffAll(prev, chain)
	for i, mc := range chain {
		d := diffs[i]
		if mc.broken != nil {
			st.gap("commit %s cannot be read (%v): its changes are counted with the next commit's", short(mc.c.Hash), mc.broken)
			d = &commitDiff{}
		} else if d.err != nil {
			// The commit before could not be read: compare with the last one that could.
			if d, err = w.rediff(prev, mc); err != nil {
				st.gap("commit %s cannot be read (%v): its changes are left out", short(mc.c.Hash), err)
				d = &commitDiff{}
			}
		}
		w.apply(st, mc, d)
		if mc.broken == nil {
			prev = mc
		}
		st.Tip = mc.c.Hash
	}
	if w.usedLayout.Load() {
		st.Layout = w.layoutHash
	}
	w.saveCache(st)
	return st, nil
}

// rediff diffs mc against last, the newest commit before it that could be read.
func (w *walker) rediff(last, mc *mainCommit) (*commitDiff, error) {
	d := diffCommit(w.repo.Storer, map[string]*treeCache{}, &roadmapReader{s: w.repo.Storer, layout: w.layout, used: &w.usedLayout}, last, mc)
	return d, d.err
}

// chain lists the first-parent chain from head back to stop (excluded) or to the first
// commit, oldest first. A parent that is missing (a shallow clone's boundary) or cannot be
// read ends the chain; the latter is a gap in st.
func (w *walker) chain(head, stop plumbing.Hash, st *state) ([]*mainCommit, error) {
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
			if len(chain) == 0 {
				return nil, err
			}
			st.gap("commit %s cannot be read (%v): history before %s is left out", short(h), err, chain[len(chain)-1].c.Committer.When.UTC().Format(time.DateOnly))
			chain[len(chain)-1].boundary = true
			break
		}
		mc := &mainCommit{c: c}
		chain = append(chain, mc)
		h = plumbing.ZeroHash
		if len(mc.c.ParentHashes) > 0 && !shallow[mc.c.Hash] {
			h = mc.c.ParentHashes[0]
			if _, err := w.repo.Storer.EncodedObject(plumbing.CommitObject, h); err != nil {
				st.gap("commit %s cannot be read (%v): history before %s is left out", short(h), err, c.Committer.When.UTC().Format(time.DateOnly))
				h = plumbing.ZeroHash
				mc.boundary, mc.lost = true, true
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
	return mc, w.locate(w.repo.Storer, nil, mc)
}

// locate finds a commit's items tree, order and settings blobs: in the content folder,
// or where the content folder was before it moved (see finder).
func (w *walker) locate(s storer.EncodedObjectStorer, f *finder, mc *mainCommit) error {
	content, err := lookup(s, mc.c.TreeHash, w.path)
	if err != nil {
		return err
	}
	if content.IsZero() && f != nil {
		if content, err = f.find(s, mc.c.TreeHash); err != nil {
			return err
		}
	}
	if content.IsZero() {
		return nil
	}
	mc.content = content
	raw, err := readObject(s, plumbing.TreeObject, content)
	if err != nil {
		return err
	}
	return entries(raw, func(e entry) bool {
		switch {
		case e.isTree():
			if mc.dirs == nil {
				mc.dirs = map[string]plumbing.Hash{}
			}
			mc.dirs[string(e.name)] = e.hash
		case string(e.name) == load.OrderFile:
			mc.order = e.hash
		case string(e.name) == load.SettingsFile:
			mc.settings = e.hash
		}
		return true
	})
}

// folder finds the tree of a folder of the content folder, such as items or docs/rfcs.
func (mc *mainCommit) folder(s storer.EncodedObjectStorer, dir string) (plumbing.Hash, error) {
	if mc == nil {
		return plumbing.ZeroHash, nil
	}
	top, rest, nested := strings.Cut(dir, "/")
	h := mc.dirs[top]
	if !nested || h.IsZero() {
		return h, nil
	}
	return lookup(s, h, strings.Split(rest, "/"))
}

// commitDiff is what one main-line commit changed, read ahead in parallel.
type commitDiff struct {
	changes  []fileChange
	facts    map[plumbing.Hash]facts // of every new blob that could be read
	renames  map[string]string       // old file name -> new file name
	skipped  int                     // files left out of rename detection, over renameLimit
	moved    map[string]string       // the status of items the board moved, their files unchanged, by path
	order    []string                // order.yaml after the commit, when it changed
	settings *roadmap                // backlog.yaml after the commit, when it changed
	err      error                   // the commit before could not be read
}

// diffAll reads what each commit of chain changed, on one worker per core, each with
// its own repository handle (go-git's storage is not safe for concurrent use).
// Each worker takes a contiguous run of commits, so one tree read serves two diffs.
func (w *walker) diffAll(prev *mainCommit, chain []*mainCommit) []*commitDiff {
	diffs := make([]*commitDiff, len(chain))
	workers := min(runtime.GOMAXPROCS(0), max(1, len(chain)/64))
	var wg sync.WaitGroup
	for k := range workers {
		lo, hi := len(chain)*k/workers, len(chain)*(k+1)/workers
		wg.Go(func() {
			s, err := reopen(w.repo)
			if err != nil {
				for i := lo; i < hi; i++ {
					diffs[i] = &commitDiff{err: err}
				}
				return
			}
			defer s.Close()
			f := &finder{found: map[place]folder{}}
			for i := lo; i < hi; i++ {
				chain[i].broken = w.locate(s, f, chain[i])
			}
			before := prev
			if lo > 0 {
				// The worker before locates this commit; a copy keeps the two apart.
				b := &mainCommit{c: chain[lo-1].c}
				if w.locate(s, f, b) == nil {
					before = b
				}
			}
			caches := map[string]*treeCache{}
			roadmaps := roadmapReader{s: s, layout: w.layout, used: &w.usedLayout}
			for i := lo; i < hi; i++ {
				if chain[i].broken != nil {
					diffs[i] = &commitDiff{}
					before = nil
					continue
				}
				if before == nil && i > 0 {
					diffs[i] = &commitDiff{err: errors.New("the commit before cannot be read")}
				} else {
					diffs[i] = diffCommit(s, caches, &roadmaps, before, chain[i])
				}
				before = chain[i]
			}
		})
	}
	wg.Wait()
	return diffs
}

// diffCommit reads what mc changed since before, in every folder either commit's
// settings read items from. A blob that cannot be read gives no facts, so the change
// claims nothing; a tree that cannot be read sets err.
func diffCommit(s storer.EncodedObjectStorer, caches map[string]*treeCache, roadmaps *roadmapReader, before, mc *mainCommit) *commitDiff {
	d := &commitDiff{}
	var oldOrder, oldSettings plumbing.Hash
	if before != nil {
		oldOrder, oldSettings = before.order, before.settings
	}
	if mc.order != oldOrder {
		d.order = []string{}
		if data, err := readBlob(s, mc.order); err == nil {
			d.order = readOrder(data)
		}
	}
	oldRoadmap, newRoadmap := roadmaps.read(oldSettings), roadmaps.read(mc.settings)
	if mc.settings != oldSettings {
		d.settings = newRoadmap
	}
	oldS, newS := roadmaps.layoutOf(oldRoadmap), roadmaps.layoutOf(newRoadmap)
	oldS = onBoard(oldS, roadmaps.boards.columns(s, before, oldS.Board))
	newS = onBoard(newS, roadmaps.boards.columns(s, mc, newS.Board))
	folders := load.ItemFolders(newS)
	for dir, patterns := range load.ItemFolders(oldS) {
		if _, both := folders[dir]; !both {
			folders[dir] = patterns
		}
	}
	var added, deleted []fileChange
	contents := map[plumbing.Hash][]byte{}
	for _, dir := range slices.Sorted(maps.Keys(folders)) {
		oldTree, err := before.folder(s, dir)
		if err != nil {
			d.err = err
			return d
		}
		newTree, err := mc.folder(s, dir)
		if err != nil {
			d.err = err
			return d
		}
		if oldTree == newTree {
			continue
		}
		cache := caches[dir]
		if cache == nil {
			cache = &treeCache{}
			caches[dir] = cache
		}
		oldRaw, err := cache.get(s, oldTree)
		if err != nil {
			d.err = err
			return d
		}
		newRaw, err := cache.get(s, newTree)
		if err != nil {
			d.err = err
			return d
		}
		changes, err := diffTrees(oldRaw, newRaw)
		if err != nil {
			d.err = err
			return d
		}
		for _, ch := range changes {
			ch.name = dir + "/" + ch.name
			if !load.IsItemFile(ch.name, folders[dir], newS) && !load.IsItemFile(ch.name, folders[dir], oldS) {
				continue
			}
			d.changes = append(d.changes, ch)
			switch {
			case ch.new.IsZero():
				deleted = append(deleted, ch)
				continue
			case ch.old.IsZero():
				added = append(added, ch)
			}
			data, err := readBlob(s, ch.new)
			if err != nil {
				continue
			}
			if d.facts == nil {
				d.facts = map[plumbing.Hash]facts{}
			}
			d.facts[ch.new] = readFacts(ch.name, data, newS)
			if ch.old.IsZero() {
				contents[ch.new] = data
			}
		}
	}
	if newS.Board != "" || oldS.Board != "" {
		changed := make(map[string]bool, len(d.changes))
		for _, ch := range d.changes {
			changed[ch.name] = true
		}
		d.moved = boardMoves(s, mc, oldS, newS, folders, changed)
	}
	if len(added) > 0 && len(deleted) > 0 {
		d.renames, d.skipped = detectRenames(func(h plumbing.Hash) ([]byte, error) { return readBlob(s, h) }, deleted, added, contents)
	}
	return d
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

// gap records a part of history that is left out, once.
func (st *state) gap(format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	if !slices.Contains(st.Gaps, msg) && len(st.Gaps) < maxGaps {
		st.Gaps = append(st.Gaps, msg)
	}
}

// maxGaps bounds the notices a history can give: a repository of broken commits says so
// in a few lines, not one per commit.
const maxGaps = 20

func short(h plumbing.Hash) string { return h.String()[:12] }
