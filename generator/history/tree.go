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
	obj, err := s.EncodedObject(t, h)
	if err != nil {
		return nil, err
	}
	r, err := obj.Reader()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	buf := make([]byte, 0, obj.Size())
	b := bytes.NewBuffer(buf)
	_, err = io.Copy(b, r)
	return b.Bytes(), err
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

// diffTrees lists the .md files that differ between two raw trees of the same folder.
// Both trees are sorted the same way (git's order), so one merge pass suffices.
func diffTrees(oldRaw, newRaw []byte) ([]fileChange, error) {
	var a, b []entry
	collect := func(list *[]entry) func(entry) bool {
		return func(e entry) bool {
			if !e.isTree() && bytes.HasSuffix(e.name, []byte(".md")) {
				*list = append(*list, e)
			}
			return true
		}
	}
	if err := entries(oldRaw, collect(&a)); err != nil {
		return nil, err
	}
	if err := entries(newRaw, collect(&b)); err != nil {
		return nil, err
	}
	var out []fileChange
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case j == len(b) || i < len(a) && bytes.Compare(a[i].name, b[j].name) < 0:
			out = append(out, fileChange{name: string(a[i].name), old: a[i].hash})
			i++
		case i == len(a) || bytes.Compare(a[i].name, b[j].name) > 0:
			out = append(out, fileChange{name: string(b[j].name), new: b[j].hash})
			j++
		default:
			if a[i].hash != b[j].hash {
				out = append(out, fileChange{name: string(a[i].name), old: a[i].hash, new: b[j].hash})
			}
			i++
			j++
		}
	}
	return out, nil
}
