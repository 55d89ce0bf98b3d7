package generator

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
)

// openFolder opens the folder dir, named what in errors, as a rootedFS.
func openFolder(what, dir string) (fs.FS, error) {
	info, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("%s %s: %w", what, dir, errors.Unwrap(err))
	}
	if !info.IsDir() {
		return nil, fmt.Errorf("%s %s is not a folder", what, dir)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	return rootedFS{root.FS().(rootFS), root}, nil
}

type rootFS interface {
	fs.ReadFileFS
	fs.ReadDirFS
	fs.StatFS
	fs.ReadLinkFS
}

// rootedFS is a folder (of the content or the theme) as os.Root reads it: nothing
// outside it can be read, not even through a symbolic link. It opens files without
// waiting (a named pipe would wait for a writer) and refuses anything but folders and
// regular files. Its Sub opens a folder as a root of its own: reading the thousands of
// files of items/ through it spares opening items/ again for each.
type rootedFS struct {
	rootFS
	root *os.Root
}

func (c rootedFS) Sub(dir string) (fs.FS, error) {
	r, err := c.root.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	return folderFS(r), nil
}

// errNotRegular: the file is a named pipe, a device or a socket.
var errNotRegular = errors.New("not a regular file")

func (c rootedFS) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	f, err := c.root.OpenFile(name, os.O_RDONLY|openNonblock, 0)
	if err != nil {
		return nil, err
	}
	info, err := f.Stat()
	if err == nil && !info.IsDir() && !info.Mode().IsRegular() {
		err = &fs.PathError{Op: "open", Path: name, Err: errNotRegular}
	}
	if err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

func (c rootedFS) ReadFile(name string) ([]byte, error) {
	f, err := c.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(f)
}
