// Package write puts a built site in place without ever exposing a half-written one.
// A site is written into a temporary folder beside its destination and swapped in
// only when the whole build succeeded; until then the previous site stays as it was.
package write

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// Dir is a site being written. Create files with Create, then Commit or Abort.
type Dir struct {
	final string
	tmp   string
	mu    sync.Mutex
	made  map[string]bool     // folders already created inside tmp
	files map[string][]string // names of the files written, by folder
}

// tmpPrefix names the temporary folders beside the destination, so leftovers of a
// killed build can be recognised and removed.
func tmpPrefix(final string) string { return "." + filepath.Base(final) + ".tmp-" }

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
	if err := os.Chmod(tmp, 0o755); err != nil {
		os.RemoveAll(tmp)
		return nil, err
	}
	return &Dir{final: final, tmp: tmp, made: map[string]bool{".": true}, files: map[string][]string{}}, nil
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
	rel := filepath.FromSlash(path)
	dir := filepath.Dir(rel)
	d.mu.Lock()
	err := d.mkdirLocked(dir)
	if err == nil {
		d.files[dir] = append(d.files[dir], filepath.Base(rel))
	}
	d.mu.Unlock()
	if err != nil {
		return "", err
	}
	return filepath.Join(d.tmp, rel), nil
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

// mkdirLocked makes a folder and its missing parents, each once: a build makes thousands
// of folders, and os.MkdirAll would look each one up before making it.
func (d *Dir) mkdirLocked(rel string) error {
	if d.made[rel] {
		return nil
	}
	if err := d.mkdirLocked(filepath.Dir(rel)); err != nil {
		return err
	}
	if err := os.Mkdir(filepath.Join(d.tmp, rel), 0o755); err != nil {
		return err
	}
	d.made[rel] = true
	return nil
}

// Commit puts the new site in place of the old one, which is then removed.
func (d *Dir) Commit() error {
	if err := swap(d.tmp, d.final); err != nil {
		d.Abort()
		return fmt.Errorf("cannot put the new site in place at %s: %w", d.final, err)
	}
	// After the swap, tmp holds the previous site (or nothing).
	d.removeKnown()
	os.RemoveAll(d.tmp)
	return nil
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
