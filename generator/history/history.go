// Package history reads the backlog's story from git: who proposed each item and when,
// its status and rank changes, the backlog's change log and each release's burn-up.
// It walks the first-parent chain of the checked-out branch once for all items, with go-git.
package history

import (
	"crypto"
	"crypto/sha1"
	"crypto/sha256"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/backlogtool/backlog/generator/load"
	"github.com/backlogtool/backlog/generator/model"
	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/cache"
	"github.com/go-git/go-git/v5/plumbing/hash"
	"github.com/go-git/go-git/v5/storage/filesystem"
)

var fastHashOnce sync.Once

// Options tune Read. History needs no settings: each commit's backlog.yaml says which
// statuses counted as done then.
type Options struct {
	// CacheDir keeps computed history between builds; "" disables the cache.
	CacheDir string
}

// Result is the history of a backlog: the whole backlog's, and each item's by id.
type Result struct {
	History *model.History
	Items   map[string]*model.ItemHistory
	// LastOrder is order.yaml as last committed.
	LastOrder []string
}

// Read computes the history of the backlog in contentDir from the repository holding it.
// Outside a repository, before the first commit, or when the repository cannot be read,
// it returns a Result whose History has only a Notice: history is information, and its
// absence never fails a build. Parts that cannot be read are left out as Gaps.
func Read(contentDir string, opts Options) (*Result, error) {
	fastHashOnce.Do(func() {
		// go-git hashes every object it resolves from a delta. Its default SHA-1 detects
		// collision attacks, which matters for objects received from others and costs a
		// third of a history walk; here only objects already in the local repository are
		// read, never fetched, so the standard library's SHA-1 serves.
		hash.RegisterHash(crypto.SHA1, sha1.New)
	})
	repo, prefix, err := Open(contentDir)
	if errors.Is(err, git.ErrRepositoryNotExists) {
		return notice("history is left out: " + contentDir + " is not in a git repository"), nil
	}
	if err != nil {
		return notice(fmt.Sprintf("history is left out: the git repository cannot be read (%v)", err)), nil
	}
	defer closeRepo(repo)
	head, err := repo.Head()
	if errors.Is(err, plumbing.ErrReferenceNotFound) {
		return notice("history is left out: the repository has no commits yet"), nil
	}
	if err != nil {
		return notice(fmt.Sprintf("history is left out: the git repository cannot be read (%v)", err)), nil
	}
	w := &walker{repo: repo, path: prefix, opts: opts}
	w.readLayout(contentDir)
	st, err := w.run(head.Hash())
	if err != nil {
		return notice(fmt.Sprintf("history is left out: the git repository cannot be read (%v)", err)), nil
	}
	return st.result(), nil
}

func notice(msg string) *Result {
	return &Result{History: &model.History{Notice: msg}, Items: map[string]*model.ItemHistory{}}
}

// Open finds the repository holding dir and dir's path inside it, as tree path elements.
// It returns git.ErrRepositoryNotExists when dir is in no repository.
func Open(dir string) (*git.Repository, []string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, nil, err
	}
	if real, err := filepath.EvalSymlinks(abs); err == nil {
		abs = real
	}
	repo, err := git.PlainOpenWithOptions(abs, &git.PlainOpenOptions{DetectDotGit: true, EnableDotGitCommonDir: true})
	if err != nil {
		return nil, nil, err
	}
	// Reopen with pack files kept open: history reads many objects.
	if fs, ok := repo.Storer.(*filesystem.Storage); ok {
		wt, err := repo.Worktree()
		if err != nil {
			return nil, nil, err
		}
		s := filesystem.NewStorageWithOptions(fs.Filesystem(), cache.NewObjectLRU(64*cache.MiByte), storageOptions)
		if repo, err = git.Open(s, wt.Filesystem); err != nil {
			return nil, nil, err
		}
	}
	wt, err := repo.Worktree()
	if err != nil {
		return nil, nil, err
	}
	root := wt.Filesystem.Root()
	if real, err := filepath.EvalSymlinks(root); err == nil {
		root = real
	}
	rel, err := filepath.Rel(root, abs)
	if err != nil || !filepath.IsLocal(rel) && rel != "." {
		return nil, nil, fmt.Errorf("%s is outside its repository's work tree", dir)
	}
	var prefix []string
	if rel != "." {
		prefix = strings.Split(filepath.ToSlash(rel), "/")
	}
	return repo, prefix, nil
}

// storageOptions keep pack files open (history reads many objects) and leave objects
// larger than an item may be in their pack, to be read as far as needed, never whole.
var storageOptions = filesystem.Options{KeepDescriptors: true, LargeObjectThreshold: 4 * maxBlob}

// Apply attaches a history to the backlog: each item's, the backlog's, how each ranked
// item moved since the previous change of order.yaml, and the unranked proposals
// ordered newest first. b must have been through order.Rank.
func Apply(b *model.Backlog, r *Result) {
	b.History = r.History
	for _, it := range b.Items {
		it.History = r.Items[it.ID]
	}
	if r.History.Notice != "" && !r.History.Shallow {
		return
	}
	current := make([]string, len(b.Ranked))
	for i, it := range b.Ranked {
		current[i] = it.ID
	}
	// order.yaml may name an item by id, slug or file name, in any case: compare ids.
	resolve := func(refs []string) []string {
		if refs == nil {
			return nil
		}
		ids := make([]string, len(refs))
		for i, ref := range refs {
			ids[i] = ref
			if it := b.Item(ref); it != nil {
				ids[i] = it.ID
			}
		}
		return ids
	}
	last := resolve(r.LastOrder)
	// Moves are shown against the order before the last change: the last committed
	// one when the working tree has changed it, else the one before that.
	prev := resolve(r.History.PreviousOrder)
	if !slices.Equal(current, last) && last != nil {
		prev = last
	}
	prevRank := make(map[string]int, len(prev))
	for i, id := range prev {
		prevRank[id] = i + 1
	}
	if len(prev) > 0 || len(r.History.Events) > 0 {
		for _, it := range b.Ranked {
			if was, ok := prevRank[it.ID]; ok {
				it.Moved = was - it.Rank
			} else if prev != nil {
				it.NewlyRanked = true
			}
		}
	}
	slices.SortStableFunc(b.Unranked, func(x, y *model.Item) int {
		if c := created(y).Compare(created(x)); c != 0 {
			return c
		}
		return model.NaturalCompare(x.ID, y.ID) // proposed together: task-2 before task-10
	})
}

func created(it *model.Item) time.Time {
	if it.History == nil || it.History.Created == nil {
		return time.Time{}
	}
	return it.History.Created.Date
}

// DefaultCacheDir is where history is cached: the user's cache directory, never the content folder.
func DefaultCacheDir() string {
	dir, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	return filepath.Join(dir, "backlog", "history")
}

func closeRepo(repo *git.Repository) {
	if s, ok := repo.Storer.(*filesystem.Storage); ok {
		s.Close()
	}
}

// OrderCommits lists the commits reachable from HEAD and not from base that changed
// order.yaml in contentDir, newest first, each with its author.
func OrderCommits(contentDir, base string) ([]model.Change, error) {
	repo, prefix, err := Open(contentDir)
	if err != nil {
		return nil, err
	}
	defer closeRepo(repo)
	baseHash, err := repo.ResolveRevision(plumbing.Revision(base))
	if err != nil {
		return nil, fmt.Errorf("unknown revision %q: %v", base, err)
	}
	head, err := repo.Head()
	if err != nil {
		return nil, err
	}
	w := &walker{repo: repo, path: prefix}
	// Everything reachable from base is already accepted.
	accepted := map[plumbing.Hash]bool{}
	queue := []plumbing.Hash{*baseHash}
	for len(queue) > 0 {
		h := queue[0]
		queue = queue[1:]
		if accepted[h] {
			continue
		}
		accepted[h] = true
		if c, err := repo.CommitObject(h); err == nil {
			queue = append(queue, c.ParentHashes...)
		}
	}
	var out []model.Change
	seen := map[plumbing.Hash]bool{}
	queue = []plumbing.Hash{head.Hash()}
	for len(queue) > 0 {
		h := queue[0]
		queue = queue[1:]
		if seen[h] || accepted[h] {
			continue
		}
		seen[h] = true
		mc, err := w.describe(h)
		if err != nil {
			continue
		}
		queue = append(queue, mc.c.ParentHashes...)
		parentOrder := plumbing.ZeroHash
		if len(mc.c.ParentHashes) > 0 {
			p, err := w.describe(mc.c.ParentHashes[0])
			if err == nil {
				parentOrder = p.order
			}
		}
		if mc.order != parentOrder && len(mc.c.ParentHashes) < 2 {
			out = append(out, model.Change{Commit: h.String(), Date: mc.c.Committer.When, Author: cleanText(mc.c.Author.Name, maxName), Email: cleanText(mc.c.Author.Email, maxName)})
		}
	}
	slices.SortStableFunc(out, func(a, b model.Change) int { return b.Date.Compare(a.Date) })
	return out, nil
}

// readLayout reads the working tree's backlog.yaml for the commits that have none (see
// walker.layout).
func (w *walker) readLayout(contentDir string) {
	root, err := os.OpenRoot(contentDir) // nothing outside the content folder is read
	if err != nil {
		return
	}
	defer root.Close()
	data, err := load.ReadSmallFile(root.FS(), load.SettingsFile, load.MaxSettingsBytes)
	if err != nil {
		return
	}
	r := readRoadmap(data)
	w.layout, w.layoutHash = &r, fmt.Sprintf("%x", sha256.Sum256(data))
}
