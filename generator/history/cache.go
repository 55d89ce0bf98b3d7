package history

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/gob"
	"fmt"
	"hash/crc32"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/backlogtool/backlog/generator/model"
	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/cache"
	"github.com/go-git/go-git/v5/storage/filesystem"
)

// cacheVersion changes whenever the cached state's meaning changes, so old caches are ignored.
const cacheVersion = 7

// cacheFile names the cache of one content folder in one repository.
func (w *walker) cacheFile() string {
	if w.opts.CacheDir == "" {
		return ""
	}
	h := sha256.New()
	fmt.Fprintf(h, "v%d\x00%s\x00%s\x00", cacheVersion, gitDir(w.repo), strings.Join(w.path, "/"))
	return filepath.Join(w.opts.CacheDir, fmt.Sprintf("%x.gob", h.Sum(nil)[:16]))
}

func gitDir(repo *git.Repository) string {
	if fs, ok := repo.Storer.(*filesystem.Storage); ok {
		return fs.Filesystem().Root()
	}
	return ""
}

// The cache file is a header (magic, version, CRC-32C of the rest) and the state as a
// gob of cachedState, in which each commit is written once: nearly every change of every
// item names one of the main line's commits, and decoding the same hash, author and
// e-mail again for each was most of the cost of a warm build's history.
const cacheMagic = "BLHC"

// castagnoli is made on first use: making it takes a build without history a third of a
// millisecond at start-up.
var castagnoli = sync.OnceValue(func() *crc32.Table { return crc32.MakeTable(crc32.Castagnoli) })

type cachedState struct {
	Tip       plumbing.Hash
	Commits   []model.Change // referred to by index + 1; 0 is none
	Files     []cachedFile
	Gone      []cachedFile
	Order     []string
	PrevOrder []string
	Events    []cachedEvent
	Burnup    map[string][]model.BurnPoint
	Counts    map[string]model.BurnPoint
	Shallow   bool
	Boundary  time.Time
	Settings  roadmap
	Gaps      []string
	Layout    string
}

type cachedFile struct {
	Name             string
	Blob             plumbing.Hash
	Facts            facts
	Created, Updated int
	Statuses         []cachedStatus
	Ranks            []cachedRank
	FileChanges      []cachedFileChange
}

type cachedFileChange struct {
	Commit int
	Kind   model.EventKind
	From   string
}

type cachedStatus struct {
	Commit   int
	From, To string
}

type cachedRank struct{ Commit, From, To int }

type cachedEvent struct {
	Kind                  model.EventKind
	Commit                int
	Item, Title, From, To string
	Moves                 []model.Move
	Shifted               int
}

// loadCache returns the cached state, or a fresh one and false when there is no usable
// cache. A cache that does not decode or whose checksum fails is ignored and rebuilt.
func (w *walker) loadCache() (*state, bool) {
	file := w.cacheFile()
	if file == "" {
		return newState(), false
	}
	data, err := readCacheFile(file)
	if err != nil || len(data) < 12 || string(data[:4]) != cacheMagic ||
		binary.LittleEndian.Uint32(data[4:]) != cacheVersion || binary.LittleEndian.Uint32(data[8:]) != crc32.Checksum(data[12:], castagnoli()) {
		return newState(), false
	}
	var c cachedState
	if gob.NewDecoder(bytes.NewReader(data[12:])).Decode(&c) != nil || c.Tip.IsZero() {
		return newState(), false
	}
	if c.Layout != "" && c.Layout != w.layoutHash {
		return newState(), false // read with a backlog.yaml of the working tree that has changed since
	}
	st, ok := c.state()
	if !ok {
		return newState(), false
	}
	return st, true
}

// maxCacheFile bounds what a cache file may hold: far more than the history of any
// repository needs, far less than would exhaust memory.
const maxCacheFile = 1 << 30

// readCacheFile reads the cache file, which must be a regular file: a named pipe in its
// place is not opened (reading it would wait for a writer), and the cache is rebuilt.
func readCacheFile(file string) ([]byte, error) {
	info, err := os.Stat(file)
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() || info.Size() > maxCacheFile {
		return nil, fmt.Errorf("%s: not a regular file of at most %d bytes", file, maxCacheFile)
	}
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, maxCacheFile))
}

// saveCache writes the state; failing to is not an error, only a slower next build.
func (w *walker) saveCache(st *state) {
	file := w.cacheFile()
	if file == "" {
		return
	}
	var out bytes.Buffer
	out.WriteString(cacheMagic)
	out.Write(make([]byte, 8)) // version and checksum, once the state is written
	if gob.NewEncoder(&out).Encode(cacheOf(st)) != nil {
		return
	}
	data := out.Bytes()
	binary.LittleEndian.PutUint32(data[4:], cacheVersion)
	binary.LittleEndian.PutUint32(data[8:], crc32.Checksum(data[12:], castagnoli()))
	if os.MkdirAll(filepath.Dir(file), 0o755) != nil {
		return
	}
	tmp, err := os.CreateTemp(filepath.Dir(file), ".tmp-*")
	if err != nil {
		return
	}
	_, err = tmp.Write(data)
	if cerr := tmp.Close(); err == nil && cerr == nil {
		os.Rename(tmp.Name(), file)
	}
	os.Remove(tmp.Name())
}

// cacheOf gives the state in the cache's form, each commit in the table once.
func cacheOf(st *state) *cachedState {
	c := &cachedState{Tip: st.Tip, Order: st.Order, PrevOrder: st.PrevOrder, Burnup: st.Burnup, Counts: st.Counts, Shallow: st.Shallow, Boundary: st.Boundary,
		Settings: st.Settings, Gaps: st.Gaps, Layout: st.Layout}
	index := map[string]int{}
	ref := func(ch model.Change) int {
		if ch.Commit == "" {
			return 0 // not known
		}
		// A merge's changes have their own authors, and its proposals their own dates.
		key := ch.Commit + "\x00" + ch.Author + "\x00" + strconv.FormatInt(ch.Date.UnixNano(), 10)
		i, ok := index[key]
		if !ok {
			c.Commits = append(c.Commits, ch)
			i = len(c.Commits)
			index[key] = i
		}
		return i
	}
	file := func(name string, t *tracked) cachedFile {
		f := cachedFile{Name: name, Blob: t.Blob, Facts: t.Facts}
		if h := t.Hist; h != nil {
			if h.Created != nil {
				f.Created = ref(*h.Created)
			}
			f.Updated = ref(h.Updated)
			for _, s := range h.Statuses {
				f.Statuses = append(f.Statuses, cachedStatus{ref(s.Change), s.From, s.To})
			}
			for _, r := range h.Ranks {
				f.Ranks = append(f.Ranks, cachedRank{ref(r.Change), r.From, r.To})
			}
			for _, fc := range h.Files {
				f.FileChanges = append(f.FileChanges, cachedFileChange{ref(fc.Change), fc.Kind, fc.From})
			}
		}
		return f
	}
	// The same state gives the same file.
	for _, name := range slices.Sorted(maps.Keys(st.Files)) {
		c.Files = append(c.Files, file(name, st.Files[name]))
	}
	for _, name := range slices.Sorted(maps.Keys(st.Gone)) {
		c.Gone = append(c.Gone, file(name, st.Gone[name]))
	}
	for _, e := range st.Events {
		c.Events = append(c.Events, cachedEvent{e.Kind, ref(e.Change), e.Item, e.Title, e.From, e.To, e.Moves, e.Shifted})
	}
	return c
}

// state rebuilds the walker's state from the cache, or reports a reference out of range.
func (c *cachedState) state() (*state, bool) {
	ok := true
	commit := func(i int) model.Change {
		if i < 1 || i > len(c.Commits) {
			ok = false
			return model.Change{}
		}
		return c.Commits[i-1]
	}
	st := &state{Tip: c.Tip, Files: make(map[string]*tracked, len(c.Files)), Gone: make(map[string]*tracked, len(c.Gone)),
		Order: c.Order, PrevOrder: c.PrevOrder, Burnup: c.Burnup, Counts: c.Counts, Shallow: c.Shallow, Boundary: c.Boundary,
		Settings: c.Settings, Gaps: c.Gaps, Layout: c.Layout}
	file := func(f cachedFile) *tracked {
		h := &model.ItemHistory{}
		t := &tracked{Blob: f.Blob, Facts: f.Facts, Hist: h}
		if f.Updated != 0 {
			h.Updated = commit(f.Updated)
		}
		if f.Created != 0 {
			created := commit(f.Created)
			h.Created = &created
		}
		if len(f.Statuses) > 0 {
			h.Statuses = make([]model.StatusChange, len(f.Statuses))
			for i, s := range f.Statuses {
				h.Statuses[i] = model.StatusChange{Change: commit(s.Commit), From: s.From, To: s.To}
			}
		}
		if len(f.Ranks) > 0 {
			h.Ranks = make([]model.RankChange, len(f.Ranks))
			for i, r := range f.Ranks {
				h.Ranks[i] = model.RankChange{Change: commit(r.Commit), From: r.From, To: r.To}
			}
		}
		for _, fc := range f.FileChanges {
			h.Files = append(h.Files, model.FileChange{Change: commit(fc.Commit), Kind: fc.Kind, From: fc.From})
		}
		return t
	}
	for _, f := range c.Files {
		st.Files[f.Name] = file(f)
	}
	for _, f := range c.Gone {
		st.Gone[f.Name] = file(f)
	}
	st.Events = make([]model.Event, 0, len(c.Events))
	for _, e := range c.Events {
		st.Events = append(st.Events, model.Event{Kind: e.Kind, Change: commit(e.Commit), Item: e.Item, Title: e.Title, From: e.From, To: e.To, Moves: e.Moves, Shifted: e.Shifted})
	}
	if st.Burnup == nil {
		st.Burnup = map[string][]model.BurnPoint{}
	}
	if st.Counts == nil {
		st.Counts = map[string]model.BurnPoint{}
	}
	return st, ok
}

// reopen opens a handle of its own on a repository's objects, for one worker: go-git's
// storage is not safe for concurrent use. It keeps pack files open between reads.
func reopen(repo *git.Repository) (*filesystem.Storage, error) {
	fs, ok := repo.Storer.(*filesystem.Storage)
	if !ok {
		return nil, fmt.Errorf("cannot share this repository's storage between workers")
	}
	return filesystem.NewStorageWithOptions(fs.Filesystem(), cache.NewObjectLRU(32*cache.MiByte), storageOptions), nil
}

// result turns the state into what the other stages read.
func (st *state) result() *Result {
	h := &model.History{Shallow: st.Shallow, Boundary: st.Boundary, Burnup: st.Burnup, PreviousOrder: st.PrevOrder, Gaps: slices.Clone(st.Gaps)}
	if st.Shallow {
		h.Notice = fmt.Sprintf("history starts at %s: this is a shallow clone, so older dates are unknown; fetch the full history (fetch-depth: 0 for GitHub's checkout action)", st.Boundary.UTC().Format("2006-01-02"))
	}
	h.Events = slices.Clone(st.Events)
	slices.Reverse(h.Events)
	r := &Result{History: h, Items: make(map[string]*model.ItemHistory, len(st.Files)), LastOrder: st.Order}
	for _, t := range st.Files {
		r.Items[t.Facts.ID] = t.Hist
	}
	return r
}
