package history

import (
	"github.com/backlogtool/backlog/generator/load"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/storer"
)

// A content folder that moved (git mv backlog content) keeps its history: in a commit
// without the content folder, the folder that looks like one (an items folder beside a
// backlog.yaml) is where the backlog was. Items are followed by id, so a move is no change.

// finderDepth and finderBreadth bound the search of one commit's tree: a content folder
// is near the top of a repository, and a commit older than the backlog reads a few
// trees, not the whole of a large repository's.
const (
	finderDepth   = 3
	finderBreadth = 64
)

// finder searches commits' trees for a content folder, remembering each tree's answer:
// consecutive commits share most trees.
type finder struct {
	found map[place]plumbing.Hash // content folder found below a tree, or zero
}

// place is a tree searched to a depth.
type place struct {
	tree  plumbing.Hash
	depth int
}

// find returns the first content folder below root, depth first in git's order, or zero.
func (f *finder) find(s storer.EncodedObjectStorer, root plumbing.Hash) (plumbing.Hash, error) {
	return f.search(s, root, finderDepth)
}

func (f *finder) search(s storer.EncodedObjectStorer, tree plumbing.Hash, depth int) (plumbing.Hash, error) {
	if found, ok := f.found[place{tree, depth}]; ok {
		return found, nil
	}
	raw, err := readObject(s, plumbing.TreeObject, tree)
	if err != nil {
		return plumbing.ZeroHash, err
	}
	var items, settings bool
	var dirs []plumbing.Hash
	err = entries(raw, func(e entry) bool {
		switch {
		case e.isTree() && string(e.name) == load.ItemsDir:
			items = true
		case !e.isTree() && string(e.name) == load.SettingsFile:
			settings = true
		case e.isTree() && len(dirs) < finderBreadth && e.name[0] != '.':
			dirs = append(dirs, e.hash)
		}
		return true
	})
	if err != nil {
		return plumbing.ZeroHash, err
	}
	found := plumbing.ZeroHash
	if items && settings {
		found = tree
	} else if depth > 1 {
		for _, d := range dirs {
			if found, err = f.search(s, d, depth-1); err != nil || !found.IsZero() {
				break
			}
		}
	}
	if err == nil && len(f.found) < 1<<16 {
		f.found[place{tree, depth}] = found
	}
	return found, err
}

// FindContentFolder returns the first folder below the tree root (an items folder
// beside a backlog.yaml) that holds a backlog, or the zero hash: where the content folder
// was at a revision from before it moved.
func FindContentFolder(s storer.EncodedObjectStorer, root plumbing.Hash) (plumbing.Hash, error) {
	f := &finder{found: map[place]plumbing.Hash{}}
	return f.find(s, root)
}
