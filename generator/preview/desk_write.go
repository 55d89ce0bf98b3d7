package preview

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/backlogtool/backlog/generator"
	"github.com/backlogtool/backlog/generator/edit"
	"github.com/backlogtool/backlog/generator/load"
	"github.com/backlogtool/backlog/generator/model"
)

// deskWrite is one file the desk replaced: what it held before and what it was given.
type deskWrite struct {
	path          string // inside the content folder, slash-separated
	before, after []byte
	what          string
}

// rank moves an item in order.yaml, ranks an unranked one, or unranks one.
func (d *Desk) rank(req deskRequest) error {
	fsys, b, err := d.content()
	if err != nil {
		return err
	}
	it := b.Item(req.Item)
	if it == nil {
		return refuse(http.StatusNotFound, "%q is not an item", req.Item)
	}
	where := edit.Where{Top: req.Top, Bottom: req.Bottom}
	for _, ref := range []struct {
		id  string
		set *string
	}{{req.Before, &where.Before}, {req.After, &where.After}} {
		if ref.id == "" {
			continue
		}
		other := b.Item(ref.id)
		if other == nil || other.Rank == 0 {
			return refuse(http.StatusConflict, "%q is not a ranked item", ref.id)
		}
		*ref.set, _ = b.OrderNames(other)
	}
	data, err := fs.ReadFile(fsys, load.OrderFile)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	var next []byte
	var what string
	// The item's other entries, if order.yaml names it more than once, go: it is ranked
	// once after the change.
	name, aliases := b.OrderNames(it)
	if req.Unrank {
		next, err = edit.Remove(data, name, aliases...)
		what = "unranked " + it.ID
	} else {
		next, err = edit.Move(data, name, where, aliases...)
		what = "moved " + it.ID
	}
	if err != nil {
		return refuse(http.StatusUnprocessableEntity, "%s: %v", load.OrderFile, err)
	}
	return d.write(fsys, load.OrderFile, data, next, what)
}

// deskFields are the fields the desk sets, each from the configured values.
var deskFields = []string{"status", "release", "goal", "owner"}

// setField sets one field of an item's file.
func (d *Desk) setField(req deskRequest) error {
	if !slices.Contains(deskFields, req.Field) {
		return refuse(http.StatusBadRequest, "the desk sets only %s", strings.Join(deskFields, ", "))
	}
	if len(req.Value) > 200 || strings.ContainsFunc(req.Value, func(r rune) bool { return r < ' ' || r == 0x7f }) {
		return refuse(http.StatusBadRequest, "a %s is one short line", req.Field)
	}
	fsys, b, err := d.content()
	if err != nil {
		return err
	}
	it := b.Item(req.Item)
	if it == nil {
		return refuse(http.StatusNotFound, "%q is not an item", req.Item)
	}
	data, err := fs.ReadFile(fsys, it.Path)
	if err != nil {
		return err
	}
	next, err := edit.SetField(data, req.Field, req.Value)
	if err != nil {
		return refuse(http.StatusUnprocessableEntity, "%s: %v", it.Path, err)
	}
	return d.write(fsys, it.Path, data, next, fmt.Sprintf("%s of %s set to %q", req.Field, it.ID, req.Value))
}

// write validates the content with path holding next, as check would, and replaces
// the file atomically, unless it no longer holds before.
func (d *Desk) write(fsys fs.FS, path string, before, next []byte, what string) error {
	if bytes.Equal(before, next) {
		return nil
	}
	_, findings := generator.Content(overlayFS{fsys, path, next}, generator.AllBodyFindings)
	if findings.HasErrors() {
		e := refuse(http.StatusUnprocessableEntity, "refused: the change would make the content invalid")
		if _, now := generator.Content(fsys, generator.BodyErrors); now.HasErrors() {
			e.msg = "refused: the content has errors already; fix them first"
		}
		for _, f := range generator.RelativizeAndSort(d.opts, findings) {
			if f.Severity == model.Error {
				e.findings = append(e.findings, f.Pos.String()+": "+f.Message)
			}
		}
		return e
	}
	if err := replaceFile(filepath.Join(d.opts.ContentDir, filepath.FromSlash(path)), before, next); err != nil {
		return err
	}
	d.undo = append(d.undo, deskWrite{path: path, before: before, after: next, what: what})
	d.wrote[path] = true
	return nil
}

// errChanged says a file changed on disk between reading it and replacing it.
var errChanged = refuse(http.StatusConflict, "the file changed on disk meanwhile (an editor saved it?): nothing was written; the page reloads, try again")

// replaceFile writes data to a temporary file beside path and renames it over path, so
// a crash leaves the old file or the new one, never half of one. It refuses when path
// no longer holds before: a save by an editor since is never overwritten.
func replaceFile(path string, before, data []byte) error {
	info, err := os.Lstat(path)
	mode := os.FileMode(0o644)
	switch {
	case err == nil && !info.Mode().IsRegular():
		return refuse(http.StatusConflict, "%s is not a regular file", path)
	case err == nil:
		mode = info.Mode().Perm()
	case !errors.Is(err, fs.ErrNotExist):
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".backlog-desk-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), mode); err != nil {
		return err
	}
	now, err := os.ReadFile(path)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	if !bytes.Equal(now, before) {
		return errChanged
	}
	return os.Rename(tmp.Name(), path)
}

// undoLast puts back the file of the last write, if it still holds what the desk wrote.
func (d *Desk) undoLast() error {
	if len(d.undo) == 0 {
		return refuse(http.StatusConflict, "nothing to undo")
	}
	last := d.undo[len(d.undo)-1]
	if err := replaceFile(filepath.Join(d.opts.ContentDir, filepath.FromSlash(last.path)), last.after, last.before); err != nil {
		return err
	}
	d.undo = d.undo[:len(d.undo)-1]
	return nil
}

// discardAll undoes every write of the desk since the last pull request, newest first.
func (d *Desk) discardAll() error {
	for len(d.undo) > 0 {
		if err := d.undoLast(); err != nil {
			return err
		}
	}
	clear(d.wrote)
	return nil
}
