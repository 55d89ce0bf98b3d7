package generator

import (
	"errors"
	"fmt"
	"path"
	"strings"

	"github.com/backlogtool/backlog/generator/diff"
	"github.com/backlogtool/backlog/generator/history"
	"github.com/backlogtool/backlog/generator/load"
	"github.com/backlogtool/backlog/generator/model"
	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// ownedFile is a file of the content folder that one role owns.
type ownedFile struct {
	name   string // inside the content folder
	list   string // the owners entry that names who may change it
	owners func(model.Owners) []model.Person
}

var ownedFiles = []ownedFile{
	{load.OrderFile, "owners.order", func(o model.Owners) []model.Person { return o.Order }},
	{load.SettingsFile, "owners.roadmap", func(o model.Owners) []model.Person { return o.Roadmap }},
}

// checkOwners reports the commits since base (reachable from HEAD, not from base) that
// changed order.yaml or backlog.yaml and whose author is not among the file's owners:
// warnings, or errors when strict. The owners are those of backlog.yaml as it is now.
//
// A commit is compared with its first parent. A merge counts as a change of its own
// unless it took the file as one of its other parents had it: then the commits that
// made that version are the ones reported (or were accepted with base). So a reorder
// made while resolving a merge is reported, and merging the base branch into a pull
// request is not.
//
// Git records whatever author a committer claims: this tells who a commit says it is
// by, which makes it a review aid; branch protection and CODEOWNERS enforce.
func checkOwners(b *model.Backlog, contentDir, base string, strict bool) (model.Findings, error) {
	repo, prefix, err := history.Open(contentDir)
	if errors.Is(err, git.ErrRepositoryNotExists) {
		return nil, fmt.Errorf("-base needs git history: %s is not in a git repository", contentDir)
	}
	if err != nil {
		return nil, err
	}
	baseHash, err := repo.ResolveRevision(plumbing.Revision(base))
	if err != nil {
		return nil, fmt.Errorf("%w %q: %v", diff.ErrRevision, base, err)
	}
	head, err := repo.Head()
	if err != nil {
		return nil, fmt.Errorf("-base: the repository has no commit checked out: %v", err)
	}
	accepted, err := ancestors(repo, *baseHash)
	if err != nil {
		return nil, err
	}
	dir := strings.Join(prefix, "/")
	var f model.Findings
	err = walkSince(repo, head.Hash(), accepted, func(c *object.Commit) error {
		for _, file := range ownedFiles {
			changed, err := changedOnItsOwn(repo, c, path.Join(dir, file.name))
			if err != nil {
				return err
			}
			owners := file.owners(b.Settings.Owners)
			if !changed || model.AnyIs(owners, c.Author.Name, c.Author.Email) {
				continue
			}
			pos := model.Pos{File: file.name, Line: 1, Col: 1}
			msg := fmt.Sprintf("%s was changed in %s by %s <%s>, who is not in %s (%s)",
				file.name, c.Hash.String()[:12], c.Author.Name, c.Author.Email, file.list, listPeople(owners))
			if strict {
				f.Errorf(pos, "%s", msg)
			} else {
				f.Warnf(pos, "%s", msg)
			}
		}
		return nil
	})
	return f, err
}

func listPeople(people []model.Person) string {
	if len(people) == 0 {
		return "nobody is listed"
	}
	names := make([]string, len(people))
	for i, p := range people {
		names[i] = p.String()
	}
	return strings.Join(names, ", ")
}

// ancestors is every commit reachable from h, h included.
func ancestors(repo *git.Repository, h plumbing.Hash) (map[plumbing.Hash]bool, error) {
	seen := map[plumbing.Hash]bool{}
	queue := []plumbing.Hash{h}
	for len(queue) > 0 {
		h := queue[len(queue)-1]
		queue = queue[:len(queue)-1]
		if seen[h] {
			continue
		}
		seen[h] = true
		c, err := repo.CommitObject(h)
		if errors.Is(err, plumbing.ErrObjectNotFound) {
			continue // beyond a shallow clone's boundary
		}
		if err != nil {
			return nil, err
		}
		queue = append(queue, c.ParentHashes...)
	}
	return seen, nil
}

// walkSince calls visit for every commit reachable from head and not accepted, newest
// first along each line of history.
func walkSince(repo *git.Repository, head plumbing.Hash, accepted map[plumbing.Hash]bool, visit func(*object.Commit) error) error {
	seen := map[plumbing.Hash]bool{}
	queue := []plumbing.Hash{head}
	for len(queue) > 0 {
		h := queue[0]
		queue = queue[1:]
		if seen[h] || accepted[h] {
			continue
		}
		seen[h] = true
		c, err := repo.CommitObject(h)
		if errors.Is(err, plumbing.ErrObjectNotFound) {
			continue
		}
		if err != nil {
			return err
		}
		if err := visit(c); err != nil {
			return err
		}
		queue = append(queue, c.ParentHashes...)
	}
	return nil
}

// changedOnItsOwn reports whether commit c changed the file at p compared with its
// first parent, and, for a merge, did not take it as another parent had it.
func changedOnItsOwn(repo *git.Repository, c *object.Commit, p string) (bool, error) {
	mine, err := blobAt(repo, c.TreeHash, p)
	if err != nil {
		return false, err
	}
	parents := make([]plumbing.Hash, len(c.ParentHashes))
	for i, ph := range c.ParentHashes {
		pc, err := repo.CommitObject(ph)
		if errors.Is(err, plumbing.ErrObjectNotFound) {
			// Beyond a shallow clone's boundary: nothing is known to compare with.
			return false, nil
		}
		if err != nil {
			return false, err
		}
		if parents[i], err = blobAt(repo, pc.TreeHash, p); err != nil {
			return false, err
		}
	}
	first := plumbing.ZeroHash
	if len(parents) > 0 {
		first = parents[0]
	}
	if mine == first {
		return false, nil
	}
	for _, other := range parents[1:] {
		if mine == other {
			return false, nil
		}
	}
	return true, nil
}

// blobAt is the hash of the file at p in a tree, or the zero hash when there is none.
func blobAt(repo *git.Repository, tree plumbing.Hash, p string) (plumbing.Hash, error) {
	t, err := repo.TreeObject(tree)
	if err != nil {
		return plumbing.ZeroHash, err
	}
	e, err := t.FindEntry(p)
	if errors.Is(err, object.ErrEntryNotFound) || errors.Is(err, object.ErrDirectoryNotFound) {
		return plumbing.ZeroHash, nil
	}
	if err != nil {
		return plumbing.ZeroHash, err
	}
	if !e.Mode.IsFile() && e.Mode != filemode.Symlink {
		return plumbing.ZeroHash, nil
	}
	return e.Hash, nil
}
