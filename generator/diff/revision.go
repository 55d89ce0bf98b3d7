package diff

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"sync"
	"time"

	"github.com/backlogtool/backlog/generator/history"
	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// ErrRevision is returned for a revision git does not know.
var ErrRevision = errors.New("unknown revision")

// Snapshot opens the content folder (at prefix inside the repository) as it was at a
// revision, read from git's objects: the loader reads it as it reads the working tree,
// and only the files it asks for are read. A revision without the folder gives an
// empty one, an empty backlog.
func Snapshot(repo *git.Repository, prefix, rev string) (fs.FS, error) {
	h, err := repo.ResolveRevision(plumbing.Revision(rev))
	if err != nil {
		if shallow, _ := repo.Storer.Shallow(); len(shallow) > 0 {
			return nil, fmt.Errorf("%w %q: %v: this clone is shallow and may not hold it: fetch the history (git fetch --unshallow, or fetch-depth: 0 in actions/checkout)", ErrRevision, rev, err)
		}
		return nil, fmt.Errorf("%w %q: %v", ErrRevision, rev, err)
	}
	c, err := repo.CommitObject(*h)
	if err != nil {
		return nil, fmt.Errorf("%w %q: not a commit", ErrRevision, rev)
	}
	tree, err := c.Tree()
	if err != nil {
		return nil, err
	}
	if prefix != "" && prefix != "." {
		root := tree
		if tree, err = tree.Tree(prefix); errors.Is(err, object.ErrDirectoryNotFound) {
			if tree, err = movedFolder(repo, root); err != nil {
				return nil, err
			}
		} else if err != nil {
			return nil, err
		}
	}
	return treeFS{tree, c.Committer.When, new(sync.Mutex)}, nil
}

// movedFolder is the content folder of a revision that has none where the content
// folder is now: the folder it was moved from (git mv backlog content), found as
// history finds it, or an empty folder when the revision has no backlog at all. A
// folder still there in the checked-out revision was not moved: it is another backlog
// of the repository (a monorepo's other team), and the revision had none of this one.
func movedFolder(repo *git.Repository, root *object.Tree) (*object.Tree, error) {
	h, path, err := history.FindContentFolder(repo.Storer, root.Hash)
	if err != nil || h.IsZero() {
		return &object.Tree{}, err
	}
	if path != "" && stillThere(repo, path) {
		return &object.Tree{}, nil
	}
	return repo.TreeObject(h)
}

// stillThere reports whether the checked-out revision has a folder at path.
func stillThere(repo *git.Repository, path string) bool {
	head, err := repo.Head()
	if err != nil {
		return false
	}
	c, err := repo.CommitObject(head.Hash())
	if err != nil {
		return false
	}
	tree, err := c.Tree()
	if err != nil {
		return false
	}
	_, err = tree.Tree(path)
	return err == nil
}

// treeFS is a git tree as a read-only file system. Symbolic links and submodules are
// listed with their modes and never followed, as os.Root would not follow them out.
type treeFS struct {
	root *object.Tree
	when time.Time // every file's modification time: the commit's
	// mu serializes the reads of git objects: the loader reads files on several
	// goroutines, and go-git's trees (their lazily built index) and object readers are
	// not safe for concurrent use.
	mu *sync.Mutex
}

func (t treeFS) Open(name string) (fs.File, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	if name == "." {
		return &treeDir{fsys: t, tree: t.root, info: entryInfo{name: ".", mode: filemode.Dir, when: t.when}}, nil
	}
	e, err := t.root.FindEntry(name)
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	info := entryInfo{name: path.Base(name), mode: e.Mode, when: t.when}
	switch e.Mode {
	case filemode.Dir:
		sub, err := t.root.Tree(name)
		if err != nil {
			return nil, &fs.PathError{Op: "open", Path: name, Err: err}
		}
		return &treeDir{fsys: t, tree: sub, info: info}, nil
	case filemode.Regular, filemode.Executable:
		f, err := t.root.TreeEntryFile(e)
		if err != nil {
			return nil, &fs.PathError{Op: "open", Path: name, Err: err}
		}
		r, err := f.Reader()
		if err != nil {
			return nil, &fs.PathError{Op: "open", Path: name, Err: err}
		}
		info.size = f.Size
		return &treeFile{ReadCloser: lockedReader{r, t.mu}, info: info}, nil
	default: // a symbolic link or a submodule: stat-able, not readable
		return &treeFile{ReadCloser: io.NopCloser(eofReader{}), info: info}, nil
	}
}

// lockedReader reads an object under the tree's lock.
type lockedReader struct {
	r  io.ReadCloser
	mu *sync.Mutex
}

func (l lockedReader) Read(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.r.Read(p)
}

func (l lockedReader) Close() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.r.Close()
}

type eofReader struct{}

func (eofReader) Read([]byte) (int, error) { return 0, io.EOF }

type treeFile struct {
	io.ReadCloser
	info entryInfo
}

func (f *treeFile) Stat() (fs.FileInfo, error) { return f.info, nil }

type treeDir struct {
	fsys treeFS
	tree *object.Tree
	info entryInfo
	next int // entries already listed
}

func (d *treeDir) Stat() (fs.FileInfo, error) { return d.info, nil }
func (d *treeDir) Read([]byte) (int, error) {
	return 0, &fs.PathError{Op: "read", Path: d.info.name, Err: errors.New("is a directory")}
}
func (d *treeDir) Close() error { return nil }

// ReadDir lists the tree's entries in git's order, which is by name.
func (d *treeDir) ReadDir(n int) ([]fs.DirEntry, error) {
	d.fsys.mu.Lock()
	defer d.fsys.mu.Unlock()
	rest := d.tree.Entries[d.next:]
	if n > 0 && len(rest) == 0 {
		return nil, io.EOF
	}
	if n > 0 && n < len(rest) {
		rest = rest[:n]
	}
	out := make([]fs.DirEntry, len(rest))
	for i, e := range rest {
		info := entryInfo{name: e.Name, mode: e.Mode, when: d.fsys.when}
		if e.Mode == filemode.Regular || e.Mode == filemode.Executable {
			if size, err := d.tree.Size(e.Name); err == nil {
				info.size = size
			}
		}
		out[i] = fs.FileInfoToDirEntry(info)
	}
	d.next += len(rest)
	return out, nil
}

// entryInfo describes a tree entry.
type entryInfo struct {
	name string
	mode filemode.FileMode
	size int64
	when time.Time
}

func (i entryInfo) Name() string       { return i.name }
func (i entryInfo) Size() int64        { return i.size }
func (i entryInfo) ModTime() time.Time { return i.when }
func (i entryInfo) IsDir() bool        { return i.mode == filemode.Dir }
func (i entryInfo) Sys() any           { return nil }
func (i entryInfo) Mode() fs.FileMode {
	switch i.mode {
	case filemode.Dir:
		return fs.ModeDir | 0o755
	case filemode.Regular:
		return 0o644
	case filemode.Executable:
		return 0o755
	case filemode.Symlink:
		return fs.ModeSymlink | 0o777
	default:
		return fs.ModeIrregular
	}
}
