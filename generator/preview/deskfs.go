package preview

import (
	"bytes"
	"io/fs"
	"path"
	"slices"
	"strings"
	"time"
)

// overlayFS is the content folder with one file replaced, to validate a write before
// making it.
type overlayFS struct {
	fs.FS
	path string
	data []byte
}

func (o overlayFS) Open(name string) (fs.File, error) {
	if name == o.path {
		return memFileOf(o.path, o.data)
	}
	return o.FS.Open(name)
}

func (o overlayFS) ReadFile(name string) ([]byte, error) {
	if name == o.path {
		return slices.Clone(o.data), nil
	}
	return fs.ReadFile(o.FS, name)
}

func (o overlayFS) Stat(name string) (fs.FileInfo, error) {
	if name == o.path {
		f, _ := memFileOf(o.path, o.data)
		return f.Stat()
	}
	return fs.Stat(o.FS, name)
}

func (o overlayFS) ReadDir(name string) ([]fs.DirEntry, error) { return fs.ReadDir(o.FS, name) }

func (o overlayFS) Sub(dir string) (fs.FS, error) {
	sub, err := fs.Sub(o.FS, dir)
	if err != nil {
		return nil, err
	}
	if rel, ok := strings.CutPrefix(o.path, dir+"/"); ok {
		return overlayFS{sub, rel, o.data}, nil
	}
	return sub, nil
}

// memFile is a file held in memory: the one an overlayFS replaces.
type memFile struct {
	*bytes.Reader
	info memInfo
}

func memFileOf(name string, data []byte) (fs.File, error) {
	return &memFile{bytes.NewReader(data), memInfo{path.Base(name), int64(len(data))}}, nil
}

func (f *memFile) Stat() (fs.FileInfo, error) { return f.info, nil }
func (f *memFile) Close() error               { return nil }

type memInfo struct {
	name string
	size int64
}

func (i memInfo) Name() string       { return i.name }
func (i memInfo) Size() int64        { return i.size }
func (i memInfo) Mode() fs.FileMode  { return 0o644 }
func (i memInfo) ModTime() time.Time { return time.Time{} }
func (i memInfo) IsDir() bool        { return false }
func (i memInfo) Sys() any           { return nil }
