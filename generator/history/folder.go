package history

import (
	"path"
	"slices"

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
	found map[place]folder // content folder found below a tree, or zero
}

// place is a tree searched to a depth.
type place struct {
	tree  plumbing.Hash
	depth int
}

// folder is a content folder found below a tree: its tree, and its path from there.
type folder struct {
	tree plumbing.Hash
	path string
}

// find returns the first content folder below root, depth first in git's order, or zero.
func (f *finder) find(s storer.EncodedObjectStorer, root plumbing.Hash) (plumbing.Hash, error) {
	found, err := f.search(s, root, finderDepth)
	return found.tree, err
}

func (f *finder) search(s storer.EncodedObjectStorer, tree plumbing.Hash, depth int) (folder, error) {
	if found, ok := f.found[place{tree, depth}]; ok {
		return found, nil
	}
	raw, err := readObject(s, plumbing.TreeObject, tree)
	if err != nil {
		return folder{}, err
	}
	var items, settings bool
	var dirs []entry
	err = entries(raw, func(e entry) bool {
		switch {
		case e.isTree() && string(e.name) == load.ItemsDir:
			items = true
		case !e.isTree() && string(e.name) == load.SettingsFile:
			settings = true
		case e.isTree() && len(dirs) < finderBreadth && e.name[0] != '.':
			dirs = append(dirs, entry{name: slices.Clone(e.name), hash: e.hash})
		}
		return true
	})
	if err != nil {
		return folder{}, err
	}
	var found folder
	if items && settings {
		found.tree = tree
	} else if depth > 1 {
		for _, d := range dirs {
			if found, err = f.search(s, d.hash, depth-1); err != nil || !found.tree.IsZero() {
				found.path = path.Join(string(d.name), found.path)
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
// beside a backlog.yaml) that holds a backlog, and its path, or the zero hash: where
// the content folder was at a revision from before it moved.
func FindContentFolder(s storer.EncodedObjectStorer, root plumbing.Hash) (plumbing.Hash, string, error) {
	f := &finder{found: map[place]folder{}}
	found, err := f.search(s, root, finderDepth)
	return found.tree, found.path, err
}
