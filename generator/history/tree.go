package history

import (
	"bytes"
	"errors"
	"io"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/storer"
)

// Trees are read raw, without go-git's object decoding: a backlog folder's tree has
// one entry per item and is read for every commit that changed it, so decoding cost
// is the cost of history.

// entry is one entry of a raw tree object.
type entry struct {
	mode []byte
	name []byte
	hash plumbing.Hash
}

func (e entry) isTree() bool { return bytes.Equal(e.mode, []byte("40000")) }

// entries iterates over a raw tree object: "<mode> <name>\0<20-byte hash>" repeated.
func entries(raw []byte, fn func(entry) bool) error {
	for len(raw) > 0 {
		sp := bytes.IndexByte(raw, ' ')
		nul := bytes.IndexByte(raw, 0)
		if sp < 0 || nul < sp || len(raw) < nul+21 {
			return errors.New("malformed tree object")
		}
		var e entry
		e.mode, e.name = raw[:sp], raw[sp+1:nul]
		copy(e.hash[:], raw[nul+1:nul+21])
		raw = raw[nul+21:]
		if !fn(e) {
			return nil
		}
	}
	return nil
}

// readObject reads an object's raw content.
func readObject(s storer.EncodedObjectStorer, t plumbing.ObjectType, h plumbing.Hash) ([]byte, error) {
	return readObjectInto(s, t, h, nil)
}

// readObjectInto reads an object as readObject does, into buf's memory when it is large
// enough.
func readObjectInto(s storer.EncodedObjectStorer, t plumbing.ObjectType, h plumbing.Hash, buf []byte) ([]byte, error) {
	obj, err := s.EncodedObject(t, h)
	if err != nil {
		return nil, err
	}
	r, err := obj.Reader()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	if int64(cap(buf)) < obj.Size() {
		buf = make([]byte, obj.Size())
	}
	buf = buf[:obj.Size()]
	_, err = io.ReadFull(r, buf)
	return buf, err
}

// lookup finds the entry at a slash-separated path below the tree h.
// It returns the zero hash when the path does not exist.
func lookup(s storer.EncodedObjectStorer, h plumbing.Hash, path []string) (plumbing.Hash, error) {
	for _, name := range path {
		raw, err := readObject(s, plumbing.TreeObject, h)
		if err != nil {
			return plumbing.ZeroHash, err
		}
		found := plumbing.ZeroHash
		err = entries(raw, func(e entry) bool {
			if string(e.name) == name {
				found = e.hash
				return false
			}
			return true
		})
		if err != nil || found.IsZero() {
			return plumbing.ZeroHash, err
		}
		h = found
	}
	return h, nil
}

// fileChange is one file that differs between two trees. A zero hash means absent.
type fileChange struct {
	name     string
	old, new plumbing.Hash
}

// cursor walks the entries of a raw tree without allocating.
type cursor struct {
	raw []byte
	e   entry
	ok  bool
	err error
}

// next moves to the next .md file entry, skipping folders and other files.
func (c *cursor) next() {
	for len(c.raw) > 0 {
		sp := bytes.IndexByte(c.raw, ' ')
		nul := bytes.IndexByte(c.raw, 0)
		if sp < 0 || nul < sp || len(c.raw) < nul+21 {
			c.ok, c.err = false, errors.New("malformed tree object")
			return
		}
		c.e.mode, c.e.name = c.raw[:sp], c.raw[sp+1:nul]
		copy(c.e.hash[:], c.raw[nul+1:nul+21])
		c.raw = c.raw[nul+21:]
		if !c.e.isTree() && bytes.HasSuffix(c.e.name, []byte(".md")) {
			c.ok = true
			return
		}
	}
	c.ok = false
}

// diffTrees lists the .md files that differ between two raw trees of the same folder.
// Both are sorted the same way (git's order), so one merge pass suffices; the bytes the
// two trees share at their start and end, which is nearly all of them when a commit
// changes a few items, are skipped without parsing.
func diffTrees(oldRaw, newRaw []byte) ([]fileChange, error) {
	// Skip whole entries of the common prefix.
	prefix := commonPrefix(oldRaw, newRaw)
	skip := 0
	for skip < prefix {
		nul := bytes.IndexByte(oldRaw[skip:], 0)
		if nul < 0 || skip+nul+21 > prefix {
			break
		}
		skip += nul + 21
	}
	suffix := commonSuffix(oldRaw[skip:], newRaw[skip:])
	a, b := &cursor{raw: oldRaw[skip:]}, &cursor{raw: newRaw[skip:]}
	a.next()
	b.next()
	var out []fileChange
	for a.ok || b.ok {
		// The rest of both trees is the same bytes: nothing more differs.
		if len(a.raw) == len(b.raw) && len(a.raw) <= suffix && a.ok && b.ok && a.e.hash == b.e.hash && bytes.Equal(a.e.name, b.e.name) {
			break
		}
		switch {
		case !b.ok || a.ok && bytes.Compare(a.e.name, b.e.name) < 0:
			out = append(out, fileChange{name: string(a.e.name), old: a.e.hash})
			a.next()
		case !a.ok || bytes.Compare(a.e.name, b.e.name) > 0:
			out = append(out, fileChange{name: string(b.e.name), new: b.e.hash})
			b.next()
		default:
			if a.e.hash != b.e.hash {
				out = append(out, fileChange{name: string(a.e.name), old: a.e.hash, new: b.e.hash})
			}
			a.next()
			b.next()
		}
	}
	return out, errors.Join(a.err, b.err)
}

// commonPrefix is the length of the longest common prefix, compared a block at a time.
func commonPrefix(a, b []byte) int {
	const block = 256
	n, i := min(len(a), len(b)), 0
	for i+block <= n && bytes.Equal(a[i:i+block], b[i:i+block]) {
		i += block
	}
	for i < n && a[i] == b[i] {
		i++
	}
	return i
}

// commonSuffix is the length of the longest common suffix, compared a block at a time.
func commonSuffix(a, b []byte) int {
	const block = 256
	n, i := min(len(a), len(b)), 0
	for i+block <= n && bytes.Equal(a[len(a)-i-block:len(a)-i], b[len(b)-i-block:len(b)-i]) {
		i += block
	}
	for i < n && a[len(a)-1-i] == b[len(b)-1-i] {
		i++
	}
	return i
}
