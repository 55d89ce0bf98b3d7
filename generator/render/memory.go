package render

import (
	"bytes"
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

// WriteFile keeps a copy of data as the file at path, replacing any file there.
func (m *Memory) WriteFile(path string, data []byte) error {
	data = bytes.Clone(data)
	m.mu.Lock()
	defer m.mu.Unlock()
	m.files[path] = data
	return nil
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
