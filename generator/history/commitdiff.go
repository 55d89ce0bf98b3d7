package history

import (
	"errors"
	"maps"
	"runtime"
	"slices"
	"sync"

	"github.com/backlogtool/backlog/generator/load"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/storer"
)

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
