package history

import (
	"bytes"
	"crypto/sha256"
	"encoding/gob"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/backlogtool/backlog/generator/model"
	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/cache"
	"github.com/go-git/go-git/v5/storage/filesystem"
)

// cacheVersion changes whenever the cached state's meaning changes, so old caches are ignored.
const cacheVersion = 1

// cacheFile names the cache of one content folder in one repository, with one status mapping.
func (w *walker) cacheFile() string {
	if w.opts.CacheDir == "" {
		return ""
	}
	h := sha256.New()
	fmt.Fprintf(h, "v%d\x00%s\x00%s\x00", cacheVersion, gitDir(w.repo), strings.Join(w.path, "/"))
	keys := make([]string, 0, len(w.opts.Categories))
	for k := range w.opts.Categories {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		fmt.Fprintf(h, "%s=%s\x00", k, w.opts.Categories[k])
	}
	return filepath.Join(w.opts.CacheDir, fmt.Sprintf("%x.gob", h.Sum(nil)[:16]))
}

func gitDir(repo *git.Repository) string {
	if fs, ok := repo.Storer.(*filesystem.Storage); ok {
		return fs.Filesystem().Root()
	}
	return ""
}

// cached is the file format: the state and a checksum of its encoding.
type cached struct {
	Version int
	State   []byte
	Sum     [32]byte
}

// loadCache returns the cached state, or a fresh one and false when there is no usable
// cache. A cache that does not decode or whose checksum fails is ignored and rebuilt.
func (w *walker) loadCache() (*state, bool) {
	file := w.cacheFile()
	if file == "" {
		return newState(), false
	}
	data, err := os.ReadFile(file)
	if err != nil {
		return newState(), false
	}
	var c cached
	if gob.NewDecoder(bytes.NewReader(data)).Decode(&c) != nil || c.Version != cacheVersion || sha256.Sum256(c.State) != c.Sum {
		return newState(), false
	}
	st := newState()
	if gob.NewDecoder(bytes.NewReader(c.State)).Decode(st) != nil || st.Tip.IsZero() {
		return newState(), false
	}
	// The cached tip must still be a commit of this repository.
	if _, err := w.repo.Storer.EncodedObject(plumbing.CommitObject, st.Tip); err != nil {
		return newState(), false
	}
	if st.Files == nil {
		st.Files = map[string]*tracked{}
	}
	if st.Burnup == nil {
		st.Burnup = map[string][]model.BurnPoint{}
	}
	if st.Counts == nil {
		st.Counts = map[string]model.BurnPoint{}
	}
	return st, true
}

// saveCache writes the state; failing to is not an error, only a slower next build.
func (w *walker) saveCache(st *state) {
	file := w.cacheFile()
	if file == "" {
		return
	}
	var body bytes.Buffer
	if gob.NewEncoder(&body).Encode(st) != nil {
		return
	}
	var out bytes.Buffer
	if gob.NewEncoder(&out).Encode(cached{Version: cacheVersion, State: body.Bytes(), Sum: sha256.Sum256(body.Bytes())}) != nil {
		return
	}
	if os.MkdirAll(filepath.Dir(file), 0o755) != nil {
		return
	}
	tmp, err := os.CreateTemp(filepath.Dir(file), ".tmp-*")
	if err != nil {
		return
	}
	_, err = tmp.Write(out.Bytes())
	if cerr := tmp.Close(); err == nil && cerr == nil {
		os.Rename(tmp.Name(), file)
	}
	os.Remove(tmp.Name())
}

// reopen opens a handle of its own on a repository's objects, for one worker: go-git's
// storage is not safe for concurrent use. It keeps pack files open between reads.
func reopen(repo *git.Repository) (*filesystem.Storage, error) {
	fs, ok := repo.Storer.(*filesystem.Storage)
	if !ok {
		return nil, fmt.Errorf("cannot share this repository's storage between workers")
	}
	return filesystem.NewStorageWithOptions(fs.Filesystem(), cache.NewObjectLRU(32*cache.MiByte), filesystem.Options{KeepDescriptors: true}), nil
}

// result turns the state into what the other stages read.
func (st *state) result() *Result {
	h := &model.History{Shallow: st.Shallow, Boundary: st.Boundary, Burnup: st.Burnup, PreviousOrder: st.PrevOrder}
	if st.Shallow {
		h.Notice = fmt.Sprintf("history starts at %s: this is a shallow clone, so older dates are unknown; fetch the full history (fetch-depth: 0 for GitHub's checkout action)", st.Boundary.UTC().Format("2006-01-02"))
	}
	h.Events = slices.Clone(st.Events)
	slices.Reverse(h.Events)
	r := &Result{History: h, Items: make(map[string]*model.ItemHistory, len(st.Files)), LastOrder: st.Order}
	for name, t := range st.Files {
		r.Items[idOf(name)] = t.Hist
	}
	return r
}
