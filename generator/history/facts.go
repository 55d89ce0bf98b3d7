package history

import (
	"bytes"
	"errors"
	"io"
	"sync/atomic"

	"github.com/backlogtool/backlog/generator/load"
	"github.com/backlogtool/backlog/generator/model"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/storer"
)

// History reads each committed version with the loader's own parsers, so the change log,
// feed, timelines and burn-ups see the same title, status and release as the item page,
// whatever YAML the front matter is written in.

// facts are the fields of an item version that history tracks.
type facts struct {
	ID, Title, Status, Release string
}

// readFacts reads id, title, status and release from a version of an item file at path
// in the content folder, with that commit's settings. A version the loader cannot read
// gives what it could read, at worst the id of the file name, which is never worse
// than no history.
func readFacts(path string, data []byte, s *model.Settings) facts {
	// The build reports the current version's findings; old ones are history.
	it, _ := load.ParseItem(path, data, s)
	if it == nil {
		return facts{ID: idOf(path)}
	}
	return facts{ID: it.ID, Title: cleanText(it.Title, maxTitle), Status: it.Status, Release: it.Release}
}

// readOrder reads a version of order.yaml as the build does.
func readOrder(data []byte) []string {
	var ignored model.Findings
	entries := load.ParseOrder(load.OrderFile, data, &ignored)
	ids := make([]string, len(entries))
	for i, e := range entries {
		ids[i] = e.ID
	}
	return ids
}

// roadmap is what history tracks of a version of backlog.yaml: the PM's releases and
// goals, the statuses that decide what counts as done in a burn-up, and where items are
// and what names their ids.
type roadmap struct {
	Releases []model.Release
	Goals    []model.Goal
	Statuses []model.Status
	Items    []string
	Exclude  []string
	IDField  string
	Fields   []string
	Board    string
	NoFile   bool // there is no backlog.yaml: these are the defaults
}

func defaultRoadmap() roadmap { return readRoadmap(nil) }

// readRoadmap reads a version of backlog.yaml as the build does; nil data (no file)
// gives the defaults.
func readRoadmap(data []byte) roadmap {
	var ignored model.Findings
	s := load.ParseSettings(load.SettingsFile, data, &ignored)
	return roadmap{Releases: s.Releases, Goals: s.Goals, Statuses: s.Statuses, Items: s.Items, Exclude: s.Exclude, IDField: s.IDField, Fields: s.Fields, Board: s.Board,
		NoFile: data == nil}
}

// settings are the settings the loader needs to read an item of this version.
func (r *roadmap) settings() *model.Settings {
	return &model.Settings{Statuses: r.Statuses, Items: r.Items, Exclude: r.Exclude, IDField: r.IDField, Fields: r.Fields, Board: r.Board, Limits: model.DefaultLimits}
}

// roadmapReader reads versions of backlog.yaml, each once.
type roadmapReader struct {
	s      storer.EncodedObjectStorer
	layout *roadmap     // for a commit without backlog.yaml; see walker.layout
	used   *atomic.Bool // set when layout was read
	last   plumbing.Hash
	r      *roadmap
	prev   plumbing.Hash
	pr     *roadmap
	boards boardVersions
}

// read returns the version h, the zero hash being no file. A version that cannot be
// read counts as no file.
func (rr *roadmapReader) read(h plumbing.Hash) *roadmap {
	switch {
	case rr.r != nil && h == rr.last:
		return rr.r
	case rr.pr != nil && h == rr.prev:
		return rr.pr
	}
	data, _ := readBlob(rr.s, h)
	r := readRoadmap(data)
	rr.prev, rr.pr = rr.last, rr.r
	rr.last, rr.r = h, &r
	return &r
}

// layoutOf is the settings that say where a commit's items are and how they are read:
// its backlog.yaml r, or the working tree's when it has none.
func (rr *roadmapReader) layoutOf(r *roadmap) *model.Settings {
	return effective(r, rr.layout, rr.used).settings()
}

// effective is r, or layout when r is no file: the working tree's backlog.yaml stands in
// for the commits that have none (see walker.layout), and used records that it did.
func effective(r, layout *roadmap, used *atomic.Bool) *roadmap {
	if r.NoFile && layout != nil {
		used.Store(true)
		return layout
	}
	return r
}

// category is a status's category in this version of the settings, or "": the status
// is matched as the build matches it, by id or title in any spelling ("To Do" = to-do).
func (r *roadmap) category(status string) string {
	s := model.Settings{Statuses: r.Statuses}
	if st, ok := s.Status(status); ok {
		return st.Category
	}
	return ""
}

// maxBlob is the most history reads of one version of a file: the default item size
// limit. Facts are in the front matter, at the start; a larger version (which no build
// accepted, but which history still holds) is read no further.
const maxBlob = 1 << 20

// readBlob reads a blob up to maxBlob bytes; a longer one is cut at its last line break
// before that, so no character is cut in two. The zero hash reads as no file.
func readBlob(s storer.EncodedObjectStorer, h plumbing.Hash) ([]byte, error) {
	if h.IsZero() {
		return nil, nil
	}
	obj, err := s.EncodedObject(plumbing.BlobObject, h)
	if err != nil {
		return nil, err
	}
	r, err := obj.Reader()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	n := min(obj.Size(), maxBlob)
	if n < 0 {
		return nil, errors.New("corrupt blob: negative size")
	}
	buf := make([]byte, n)
	if _, err := io.ReadFull(r, buf); err != nil {
		return nil, err
	}
	if obj.Size() > maxBlob {
		buf = buf[:bytes.LastIndexByte(buf, '\n')+1]
	}
	return buf, nil
}
