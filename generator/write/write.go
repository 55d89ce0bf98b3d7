// Package write puts a built site in place without ever exposing a half-written one.
// A site is written into a temporary folder beside its destination and swapped in
// only when the whole build succeeded; until then the previous site stays as it was.
//
// The site a build replaces is kept beside it as the spare (.public.spare for public),
// and the next build writes over the spare's files instead of making new ones: removing
// ten thousand files and folders and making ten thousand others costs the kernel about
// three times what rewriting them in place does. Deleting the spare is always safe.
package write

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/backlogtool/backlog/generator/internal/pool"
)

// Dir is a site being written. Create files with Create, then Commit or Abort.
type Dir struct {
	final string
	tmp   string
	reuse bool // tmp was the spare: what it holds is overwritten, and the rest removed
	mu    sync.Mutex
	made  map[string]*folder // folders created inside tmp, or being created, by path
}

// tmpPrefix names the temporary folders beside the destination, so leftovers of a
// killed build can be recognised and removed.
func tmpPrefix(final string) string { return "." + filepath.Base(final) + ".tmp-" }

// sparePath is where the site before the current one is kept for the next build.
func sparePath(final string) string {
	return filepath.Join(filepath.Dir(final), "."+filepath.Base(final)+".spare")
}

// Create starts writing a site that will replace the folder final.
// It removes temporary folders that an earlier, interrupted build left behind.
func Create(final string) (*Dir, error) {
	final = filepath.Clean(final)
	parent := filepath.Dir(final)
	if info, err := os.Stat(final); err == nil && !info.IsDir() {
		return nil, fmt.Errorf("output %s exists and is not a folder", final)
	}
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("cannot create the output's parent folder: %w", err)
	}
	if leftovers, err := filepath.Glob(filepath.Join(parent, tmpPrefix(final)+"*")); err == nil {
		for _, l := range leftovers {
			os.RemoveAll(l)
		}
	}
	tmp, err := os.MkdirTemp(parent, tmpPrefix(final))
	if err != nil {
		return nil, fmt.Errorf("cannot write beside %s: %w", final, err)
	}
	root := &folder{name: "."}
	d := &Dir{final: final, tmp: tmp, made: map[string]*folder{".": root}}
	if info, err := os.Lstat(sparePath(final)); err == nil && info.IsDir() && claim(sparePath(final), tmp) {
		d.reuse = true
		if root.spare, err = readNames(tmp); err != nil {
			os.RemoveAll(tmp)
			return nil, err
		}
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		os.RemoveAll(tmp)
		return nil, err
	}
	return d, nil
}

// WriteFile writes a new file at the slash-separated path inside the site.
func (d *Dir) WriteFile(path string, data []byte) error {
	full, err := d.place(path)
	if err != nil {
		return err
	}
	if d.reuse {
		return overwrite(full, data)
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
	if d.reuse {
		if err := os.RemoveAll(full); err != nil {
			return nil, err
		}
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
	rel := filepath.FromSlash(path)
	f, err := d.folder(filepath.Dir(rel))
	if err != nil {
		return "", err
	}
	d.mu.Lock()
	f.files = append(f.files, filepath.Base(rel))
	d.mu.Unlock()
	return filepath.Join(d.tmp, rel), nil
}

// A folder is made once, by the first file to need it, while files of other folders
// are written: a build makes thousands of folders, and os.MkdirAll would look each one
// up before making it. It keeps what the site puts in it, for Commit.
type folder struct {
	name  string // in its parent folder
	once  sync.Once
	err   error
	spare []string // what the folder held in the spare, for removeStale
	// inSpare holds the names of spare, when there are many: which of its folders the
	// spare has already, so that they are listed without a mkdir that fails first.
	inSpare map[string]bool
	files   []string  // written in it; guarded by Dir.mu
	folders []*folder // made in it; guarded by Dir.mu
}

// has reports whether the folder held name in the spare. It is called once f is made.
func (f *folder) has(name string) bool {
	if f.inSpare != nil {
		return f.inSpare[name]
	}
	return slices.Contains(f.spare, name)
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
		if f.spare, f.err = d.makeFolder(filepath.Join(d.tmp, rel), parent.has(f.name)); f.err != nil {
			return
		}
		if len(f.spare) > 16 {
			f.inSpare = make(map[string]bool, len(f.spare))
			for _, name := range f.spare {
				f.inSpare[name] = true
			}
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

// makeFolder makes the folder full, or takes the spare's folder there and returns what
// it holds. Reading it now, while the other workers render, leaves Commit only the
// removal of what the new site does not have. inSpare says that the spare's listing of
// the parent folder names full: it is then listed without trying to make it first.
func (d *Dir) makeFolder(full string, inSpare bool) (spare []string, err error) {
	if !inSpare || !d.reuse {
		err = os.Mkdir(full, 0o755)
		if err == nil || !d.reuse || !os.IsExist(err) {
			return nil, err
		}
	}
	// readNames opens a folder without following a link: a link or a file of the spare
	// where the site has a folder is replaced.
	if spare, err = readNames(full); err == nil {
		return spare, nil
	}
	if err = os.RemoveAll(full); err == nil {
		err = os.Mkdir(full, 0o755)
	}
	return nil, err
}

// Commit puts the new site in place of the old one, which becomes the spare.
func (d *Dir) Commit() error {
	if d.reuse {
		if err := d.removeStale(); err != nil {
			d.Abort()
			return fmt.Errorf("cannot clear the previous files from %s: %w", d.tmp, err)
		}
	}
	if err := swap(d.tmp, d.final); err != nil {
		d.Abort()
		return fmt.Errorf("cannot put the new site in place at %s: %w", d.final, err)
	}
	// After the swap, tmp holds the previous site, or nothing. A spare that is there
	// already (another build's) makes the rename fail: the previous site is removed.
	if _, err := os.Lstat(d.tmp); err == nil && (!spareKept || os.Rename(d.tmp, sparePath(d.final)) != nil) {
		d.removeKnown()
		os.RemoveAll(d.tmp)
	}
	return nil
}

// removeStale removes from the spare, now at tmp and overwritten, every file and folder
// this site does not have, by what makeFolder found in the spare's folders.
func (d *Dir) removeStale() error {
	var rels []string
	for rel, f := range d.made {
		if len(f.spare) > 0 {
			rels = append(rels, rel)
		}
	}
	return pool.Each(len(rels), func(i int) error {
		f := d.made[rels[i]]
		var folders []string
		for _, sub := range f.folders {
			folders = append(folders, sub.name)
		}
		for _, name := range stale(f.spare, f.files, folders) {
			if err := os.RemoveAll(filepath.Join(d.tmp, rels[i], name)); err != nil {
				return err
			}
		}
		return nil
	})
}

// stale returns the names of a spare folder that are neither files nor folders of the
// new site. Most folders are an item's, with one file and no folder: their few names are
// compared one by one, without the map a large folder needs.
func stale(spare, files, folders []string) []string {
	var out []string
	if len(files)+len(folders) <= 16 {
		for _, name := range spare {
			if !slices.Contains(files, name) && !slices.Contains(folders, name) {
				out = append(out, name)
			}
		}
		return out
	}
	keep := make(map[string]bool, len(files)+len(folders))
	for _, name := range files {
		keep[name] = true
	}
	for _, name := range folders {
		keep[name] = true
	}
	for _, name := range spare {
		if !keep[name] {
			out = append(out, name)
		}
	}
	return out
}

// Abort discards what was written; the previous site is untouched.
func (d *Dir) Abort() error { return os.RemoveAll(d.tmp) }

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
