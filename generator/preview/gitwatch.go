package preview

import (
	"os"
	"path/filepath"
	"strings"

	"github.com/backlogtool/backlog/generator/history"
)

// gitKey stands, among the content paths of a pending update, for a change of the
// repository's HEAD or branches: a commit, a branch switch, a pull.
const gitKey = "\x00git"

// gitDirs finds the repository holding the content folder: gitDir holds HEAD (a linked
// work tree has one of its own), commonDir the branches and packed-refs. Both are ""
// outside a repository.
func gitDirs(content string) (gitDir, commonDir string) {
	for dir := content; ; dir = filepath.Dir(dir) {
		dotGit := filepath.Join(dir, ".git")
		info, err := os.Stat(dotGit)
		if err == nil && info.IsDir() {
			return dotGit, dotGit
		}
		if err == nil && info.Mode().IsRegular() {
			// A linked work tree or a submodule: ".git" is a file naming the git folder.
			data, err := os.ReadFile(dotGit)
			target, ok := strings.CutPrefix(strings.TrimSpace(string(data)), "gitdir:")
			if err != nil || !ok {
				return "", ""
			}
			gitDir = strings.TrimSpace(target)
			if !filepath.IsAbs(gitDir) {
				gitDir = filepath.Join(dir, gitDir)
			}
			commonDir = gitDir
			if data, err := os.ReadFile(filepath.Join(gitDir, "commondir")); err == nil {
				commonDir = strings.TrimSpace(string(data))
				if !filepath.IsAbs(commonDir) {
					commonDir = filepath.Join(gitDir, commonDir)
				}
			}
			return filepath.Clean(gitDir), filepath.Clean(commonDir)
		}
		if filepath.Dir(dir) == dir {
			return "", ""
		}
	}
}

// watchGit watches what a commit, a branch switch or a pull changes: HEAD, the branches
// (refs/heads, each folder of it) and packed-refs. Not the index, the objects or the
// remote branches: staging or fetching changes no history the site shows.
func (w *Watcher) watchGit() {
	w.gitDir, w.commonDir = gitDirs(w.content)
	if w.gitDir == "" {
		return
	}
	w.fsw.Add(w.gitDir)
	w.fsw.Add(w.commonDir)
	w.addTree(filepath.Join(w.commonDir, "refs", "heads"))
}

// isGitChange reports whether an event is one of the repository's that moves a branch
// or HEAD, and whether it concerns the repository at all.
func (w *Watcher) isGitChange(name string) (change, inGit bool) {
	if w.gitDir == "" {
		return false, false
	}
	under := func(dir string) bool { return name == dir || strings.HasPrefix(name, dir+string(filepath.Separator)) }
	if !under(w.gitDir) && !under(w.commonDir) {
		return false, false
	}
	if strings.HasSuffix(name, ".lock") {
		return false, true // git writes HEAD.lock, then renames it over HEAD: that is the event
	}
	heads := filepath.Join(w.commonDir, "refs", "heads")
	return name == filepath.Join(w.gitDir, "HEAD") || name == filepath.Join(w.commonDir, "packed-refs") || under(heads), true
}

// RefreshHistory reads the history again, from the cache where it can (only the new
// commits are read), and rebuilds the whole site with it: every page may show history.
// It returns whether the site changed.
func (b *Builder) RefreshHistory() bool {
	if b.opts.NoHistory {
		return false
	}
	h, err := history.Read(b.opts.ContentDir, history.Options{CacheDir: b.opts.HistoryCache})
	if err != nil {
		return false // history is information: the site stays as it was
	}
	before := b.Site()
	b.mu.Lock()
	b.history = h
	b.mu.Unlock()
	b.reload()
	return b.Site() != before
}
