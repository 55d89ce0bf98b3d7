// Package write puts a built site in place without ever exposing a half-written one,
// and without ever deleting a file the tool did not write.
//
// A site is written into a temporary folder beside its destination and swapped in only
// when the whole build succeeded; until then the previous site stays as it was. After
// the swap the previous site is removed. The destination must be missing, empty, or a
// site a build wrote before: each site carries a marker file (MarkerFile) that lists the
// files the build wrote, and a destination holding anything else is refused, naming one
// file that would be lost. Builds into one destination take turns through a lock file
// beside it, so the temporary folders of a build that died are known to be leftovers;
// a build removes the lock file when it ends, refused or not (see lock).
package write

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"
)

// Dir is a site being written. Create files with Create, then Commit or Abort.
type Dir struct {
	final string
	tmp   string
	lock  *lock
	mu    sync.Mutex
	made  map[string]*folder // folders created inside tmp, or being created, by path
	paths []string           // every file written, slash-separated; guarded by mu

	// state serialises Commit, Abort and AbortAll: a signal that arrives during a
	// Commit waits for the new site to be in place.
	state sync.Mutex
	done  bool
}

// tmpPrefix names the temporary folders beside the destination, so leftovers of a
// killed build can be recognised and removed.
func tmpPrefix(final string) string { return "." + filepath.Base(final) + ".tmp-" }

// lockPath is the lock file of builds into final, beside it.
func lockPath(final string) string {
	return filepath.Join(filepath.Dir(final), "."+filepath.Base(final)+".lock")
}

// live holds the sites being written, for AbortAll.
var live = struct {
	sync.Mutex
	dirs map[*Dir]bool
}{dirs: map[*Dir]bool{}}

// Create starts writing a site that will replace the folder final. It waits for any
// other build into final to finish, refuses a final that holds files no build wrote,
// and removes the temporary folders that builds which died left behind.
func Create(final string) (*Dir, error) {
	final = filepath.Clean(final)
	parent := filepath.Dir(final)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("cannot create the output's parent folder: %w", err)
	}
	l, err := acquire(lockPath(final))
	if err != nil {
		return nil, fmt.Errorf("cannot lock %s for this build: %w", final, err)
	}
	if err := checkOwned(final); err != nil {
		l.release()
		return nil, err
	}
	// Whoever made these folders held the lock, and we hold it now: they are gone.
	if leftovers, err := filepath.Glob(filepath.Join(parent, globEscape(tmpPrefix(final))+"*")); err == nil {
		for _, dir := range leftovers {
			os.RemoveAll(dir)
		}
	}
	tmp, err := os.MkdirTemp(parent, tmpPrefix(final))
	if err != nil {
		l.release()
		return nil, fmt.Errorf("cannot write beside %s: %w", final, err)
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		os.RemoveAll(tmp)
		l.release()
		return nil, err
	}
	d := &Dir{final: final, tmp: tmp, lock: l, made: map[string]*folder{".": {name: "."}}}
	live.Lock()
	live.dirs[d] = true
	live.Unlock()
	return d, nil
}

// globEscape quotes the characters filepath.Glob reads as patterns.
func globEscape(s string) string {
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune(`*?[]\`, r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// WriteFile writes a new file at the slash-separated path inside the site.
func (d *Dir) WriteFile(path string, data []byte) error {
	full, err := d.place(path)
	if err != nil {
		return err
	}
	return writeNew(full, data)
}

// Create starts a new file at the slash-separated path inside the site, to be written
// in pieces and closed.
func (d *Dir) Create(path string) (*File, error) {
	full, err := d.place(path)
	if err != nil {
		return nil, err
	}
	f, err := os.OpenFile(full, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return nil, err
	}
	return &File{f}, nil
}

// place makes the folder of a new file at path, records the file, and returns where
// it goes.
func (d *Dir) place(path string) (string, error) {
	if !filepath.IsLocal(path) || strings.Contains(path, "\\") {
		return "", fmt.Errorf("refusing to write %q: outside the output folder", path)
	}
	if path == MarkerFile {
		return "", fmt.Errorf("refusing to write %s: the build writes that file itself, the marker of the sites it wrote", path)
	}
	rel := filepath.FromSlash(path)
	f, err := d.folder(filepath.Dir(rel))
	if err != nil {
		return "", err
	}
	d.mu.Lock()
	f.files = append(f.files, filepath.Base(rel))
	d.paths = append(d.paths, filepath.ToSlash(filepath.Clean(rel)))
	d.mu.Unlock()
	return filepath.Join(d.tmp, rel), nil
}

// A folder is made once, by the first file to need it, while files of other folders
// are written: a build makes thousands of folders, and os.MkdirAll would look each one
// up before making it. It keeps what the site puts in it, for removeKnown.
type folder struct {
	name    string // in its parent folder
	once    sync.Once
	err     error
	files   []string  // written in it; guarded by Dir.mu
	folders []*folder // made in it; guarded by Dir.mu
}

// folder makes the folder rel and its missing parents, and returns it.
func (d *Dir) folder(rel string) (*folder, error) {
	d.mu.Lock()
	f := d.made[rel]
	if f == nil {
		f = &folder{name: filepath.Base(rel)}
		d.made[rel] = f
	}
	d.mu.Unlock()
	if rel == "." {
		return f, nil
	}
	f.once.Do(func() {
		parent, err := d.folder(filepath.Dir(rel))
		if f.err = err; err != nil {
			return
		}
		if f.err = os.Mkdir(filepath.Join(d.tmp, rel), 0o755); f.err != nil {
			return
		}
		d.mu.Lock()
		parent.folders = append(parent.folders, f)
		d.mu.Unlock()
	})
	return f, f.err
}

// File is a file of the site being written in pieces.
type File struct{ *os.File }

// Restart empties the file, to write it again from the start.
func (f *File) Restart() error {
	if err := f.Truncate(0); err != nil {
		return err
	}
	_, err := f.Seek(0, io.SeekStart)
	return err
}

// Commit writes the marker, puts the new site in place of the old one and removes the
// old one.
func (d *Dir) Commit() error {
	d.state.Lock()
	defer d.state.Unlock()
	if d.done {
		return errors.New("the build was stopped before its site was put in place")
	}
	defer d.finish()
	d.mu.Lock()
	paths := slices.Clone(d.paths)
	d.mu.Unlock()
	if err := writeNew(filepath.Join(d.tmp, MarkerFile), marker(paths)); err != nil {
		os.RemoveAll(d.tmp)
		return fmt.Errorf("cannot write the site's marker: %w", err)
	}
	if err := swap(d.tmp, d.final); err != nil {
		os.RemoveAll(d.tmp)
		return fmt.Errorf("cannot put the new site in place at %s: %w", d.final, err)
	}
	// After the swap, tmp holds the previous site, or nothing.
	if _, err := os.Lstat(d.tmp); err == nil {
		d.removeKnown()
		os.RemoveAll(d.tmp)
	}
	return nil
}

// Abort discards what was written; the previous site is untouched.
func (d *Dir) Abort() error {
	d.state.Lock()
	defer d.state.Unlock()
	if d.done {
		return nil
	}
	defer d.finish()
	return d.discard()
}

// discard removes the temporary folder. It is first renamed, so that a worker still
// rendering, whose paths lead through its old name, makes nothing in it while it is
// being removed.
func (d *Dir) discard() error {
	dying := d.tmp + "-stopped"
	if os.Rename(d.tmp, dying) != nil {
		dying = d.tmp
	}
	// A worker whose path was looked up before the rename may still make a file in a
	// folder the removal has already emptied: the removal then fails, and is tried
	// again once such writes are over (every later one fails for the old name).
	err := os.RemoveAll(dying)
	for try := 0; err != nil && try < 20; try++ {
		time.Sleep(5 * time.Millisecond)
		err = os.RemoveAll(dying)
	}
	return err
}

// finish releases the lock and forgets the site; state is held.
func (d *Dir) finish() {
	d.done = true
	d.lock.release()
	live.Lock()
	delete(live.dirs, d)
	live.Unlock()
}

// AbortAll discards every site being written, for a command stopped by a signal: the
// previous sites stay as they were and no temporary folder is left. A Commit under
// way is let finish.
func AbortAll() {
	live.Lock()
	dirs := make([]*Dir, 0, len(live.dirs))
	for d := range live.dirs {
		dirs = append(dirs, d)
	}
	live.Unlock()
	for _, d := range dirs {
		d.Abort()
	}
}

// swap moves the folder tmp to final; whatever was at final ends up at tmp.
func swap(tmp, final string) error {
	if _, err := os.Lstat(final); os.IsNotExist(err) {
		return os.Rename(tmp, final)
	}
	if exchange(tmp, final) == nil {
		return nil
	}
	// Without an atomic exchange, two renames: final is missing only between them.
	old := tmp + ".old"
	if err := os.Rename(final, old); err != nil {
		return err
	}
	if err := os.Rename(tmp, final); err != nil {
		os.Rename(old, final)
		return err
	}
	return os.Rename(old, tmp)
}
