package render

import (
	"bytes"
	"sync"

	"github.com/backlogtool/backlog/generator/model"
)

// Bodies remembers rendered bodies between renders of a changing backlog, for the
// preview: a body is converted again only when its text changed, or when a content
// file it links to came or went (its link then renders differently).
// A nil *Bodies remembers nothing. It is safe for concurrent use.
type Bodies struct {
	mu sync.Mutex
	m  map[string]*renderedBody // by content path
}

type renderedBody struct {
	source   []byte
	line     int
	html     string
	findings model.Findings
	targets  []string // content files the body links to
	search   string   // the body's words for the search index, once computed
}

// NewBodies returns an empty cache of rendered bodies.
func NewBodies() *Bodies { return &Bodies{m: map[string]*renderedBody{}} }

func (c *Bodies) get(path string, src []byte, line int) (*renderedBody, bool) {
	if c == nil {
		return nil, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	b, ok := c.m[path]
	if !ok || b.line != line || !bytes.Equal(b.source, src) {
		return nil, false
	}
	return b, true
}

func (c *Bodies) put(path string, b *renderedBody) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.m[path] = b
}

// words returns a body's search words, remembered with the body when c is not nil.
func (c *Bodies) words(ws *wordScanner, path string, src []byte) string {
	if c == nil {
		return ws.words(src)
	}
	c.mu.Lock()
	b, ok := c.m[path]
	c.mu.Unlock()
	if !ok || !bytes.Equal(b.source, src) {
		return ws.words(src)
	}
	if b.search == "" {
		w := ws.words(src)
		c.mu.Lock()
		b.search = w
		c.mu.Unlock()
	}
	return b.search
}

// LinkingTo returns the content paths of the bodies that link to any of the given content
// files, and forgets those bodies so they are converted again.
func (c *Bodies) LinkingTo(targets map[string]bool) []string {
	if len(targets) == 0 {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	var out []string
	for path, b := range c.m {
		for _, t := range b.targets {
			if targets[t] {
				out = append(out, path)
				delete(c.m, path)
				break
			}
		}
	}
	return out
}

// Forget drops one body, or all of them when path is "".
func (c *Bodies) Forget(path string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if path == "" {
		clear(c.m)
		return
	}
	delete(c.m, path)
}
