package history

import (
	"fmt"
	"slices"
	"strings"
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
