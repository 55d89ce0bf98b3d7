package render

import (
	"bytes"
	"io"
	"maps"
	"sync"
)

// Memory is an Output that keeps the site in memory, for the preview server and tests.
type Memory struct {
	mu    sync.Mutex
	files map[string][]byte
}

// NewMemory returns an empty site, or a copy of base to be updated.
func NewMemory(base *Memory) *Memory {
	m := &Memory{files: map[string][]byte{}}
	if base != nil {
		m.files = maps.Clone(base.files)
	}
	return m
}

// Create starts a file; it replaces any file at path when closed.
func (m *Memory) Create(path string) (io.WriteCloser, error) {
	return &memFile{m: m, path: path}, nil
}

// Remove deletes a file.
func (m *Memory) Remove(path string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	delete(m.files, path)
}

// File returns a file's content.
func (m *Memory) File(path string) ([]byte, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	data, ok := m.files[path]
	return data, ok
}

// Files returns every file, by path. The map must not be changed.
func (m *Memory) Files() map[string][]byte {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.files
}

type memFile struct {
	bytes.Buffer
	m    *Memory
	path string
}

func (f *memFile) Write(p []byte) (int, error) {
	if f.Len() == 0 && f.Cap() < len(p) {
		f.Grow(len(p)) // one large write, such as the search index, is copied once
	}
	return f.Buffer.Write(p)
}

func (f *memFile) Close() error {
	f.m.mu.Lock()
	defer f.m.mu.Unlock()
	f.m.files[f.path] = f.Bytes()
	return nil
}
