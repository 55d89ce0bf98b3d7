package history

import (
	"maps"
	"path"
	"slices"
	"strings"

	"github.com/backlogtool/backlog/generator/load"
	"github.com/backlogtool/backlog/generator/model"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/storer"
)

// A board (board: in backlog.yaml, a kanbn index) gives each item that has no status of
// its own the column it lists it in. History reads the board as each commit has it,
// with the loader's reader, so an item's proposal status and its status changes are
// the board's as git has it, as the build's are today.

// boardVersions reads versions of the board file, each once: a commit and the one
// before share theirs.
type boardVersions struct {
	last, prev plumbing.Hash
	r, pr      map[string]string
	name       string // the board file the cached versions were read as
}

// columns is the column of each item file on the board file name (a path in the content
// folder) as mc has it, nil when there is no board or mc has no such file.
func (bv *boardVersions) columns(s storer.EncodedObjectStorer, mc *mainCommit, name string) map[string]string {
	if name == "" || mc == nil || mc.content.IsZero() {
		return nil
	}
	h, err := lookup(s, mc.content, strings.Split(name, "/"))
	if err != nil || h.IsZero() {
		return nil
	}
	if name != bv.name {
		*bv = boardVersions{name: name}
	}
	switch {
	case bv.r != nil && h == bv.last:
		return bv.r
	case bv.pr != nil && h == bv.prev:
		return bv.pr
	}
	data, err := readBlob(s, h)
	if err != nil {
		return nil
	}
	var ignored model.Findings // the build reports the current version's
	columns := load.ReadBoard(name, data, &ignored)
	bv.prev, bv.pr = bv.last, bv.r
	bv.last, bv.r = h, columns
	return columns
}

// onBoard is s with the board's columns of one commit, a copy: s may be shared.
func onBoard(s *model.Settings, columns map[string]string) *model.Settings {
	if s.Board == "" {
		return s
	}
	c := *s
	c.Columns = columns
	return &c
}

// boardMoves finds the items whose file mc did not change but whose status it changed
// by moving them on the board (or by changing which board settings name): their status
// in mc, by path. changed are the files mc changed, whose facts are read with the new
// board already.
func boardMoves(s storer.EncodedObjectStorer, mc *mainCommit, oldS, newS *model.Settings, folders map[string][]string, changed map[string]bool) map[string]string {
	if mc.content.IsZero() || maps.Equal(oldS.Columns, newS.Columns) {
		return nil
	}
	paths := map[string]bool{}
	for p := range oldS.Columns {
		paths[p] = true
	}
	for p := range newS.Columns {
		paths[p] = true
	}
	var moved map[string]string
	for _, p := range slices.Sorted(maps.Keys(paths)) {
		if changed[p] || oldS.Columns[p] == newS.Columns[p] {
			continue
		}
		patterns, ok := folders[path.Dir(p)]
		if !ok || !load.IsItemFile(p, patterns, newS) {
			continue
		}
		h, err := lookup(s, mc.content, strings.Split(p, "/"))
		if err != nil || h.IsZero() {
			continue
		}
		data, err := readBlob(s, h)
		if err != nil {
			continue
		}
		// A status of the item's own wins over its column: only a status the board
		// gives changes with it.
		if was, now := readFacts(p, data, oldS).Status, readFacts(p, data, newS).Status; was != now {
			if moved == nil {
				moved = map[string]string{}
			}
			moved[p] = now
		}
	}
	return moved
}
