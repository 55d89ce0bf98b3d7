package preview

import (
	"bytes"
	"io/fs"
	"path"
	"time"
)

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
