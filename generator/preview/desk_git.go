package preview

import (
	"bytes"
	"fmt"
	"net/http"
	"path"
	"slices"
	"strings"
	"time"

	"github.com/backlogtool/backlog/generator"
	"github.com/backlogtool/backlog/generator/diff"
	"github.com/backlogtool/backlog/generator/history"
	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/config"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// base is the revision the desk compares with: the configured branch, else its remote
// copy, else HEAD (a repository whose main branch is named otherwise).
func (d *Desk) base(repo *git.Repository) (string, error) {
	branch := "main"
	if _, b, err := d.content(); err == nil && b.Settings.Branch != "" {
		branch = b.Settings.Branch
	}
	for _, rev := range []string{branch, "origin/" + branch, "HEAD"} {
		if _, err := repo.ResolveRevision(plumbing.Revision(rev)); err == nil {
			return rev, nil
		}
	}
	return "", refuse(http.StatusConflict, "the repository has no commit to compare with yet")
}

// diff is `backlog diff BASE` of the working tree, as JSON for the panel.
func (d *Desk) diff() (any, error) {
	repo, _, err := history.Open(d.opts.ContentDir)
	if err != nil {
		return nil, refuse(http.StatusConflict, "the content is not in a git repository: there is nothing to compare with")
	}
	base, err := d.base(repo)
	if err != nil {
		return nil, err
	}
	report, findings, err := generator.Diff(d.opts.ContentDir, base, "")
	if err != nil {
		e := refuse(http.StatusConflict, "%v", err)
		for _, f := range findings {
			e.findings = append(e.findings, f.Pos.String()+": "+f.Message)
		}
		return nil, e
	}
	d.mu.Lock()
	undo := len(d.undo)
	d.mu.Unlock()
	return map[string]any{"report": report, "undo": undo}, nil
}

// prResult is what "prepare a pull request" did, and what to run next.
type prResult struct {
	Branch  string `json:"branch"`
	Commit  string `json:"commit"`
	Message string `json:"message"`
	Push    string `json:"push"`
	Compare string `json:"compare,omitempty"`
}

// preparePR commits the desk's changes on a new branch, with go-git: the author from
// the repository's git config, a message listing the moves. It never pushes. It refuses
// when the content folder has changes the desk did not make, naming them.
func (d *Desk) preparePR() (any, error) {
	repo, prefix, err := history.Open(d.opts.ContentDir)
	if err != nil {
		return nil, refuse(http.StatusConflict, "the content is not in a git repository")
	}
	wt, err := repo.Worktree()
	if err != nil {
		return nil, err
	}
	status, err := wt.Status()
	if err != nil {
		return nil, err
	}
	dir := strings.Join(prefix, "/")
	var mine, others []string
	for p, s := range status {
		if s.Worktree == git.Unmodified && s.Staging == git.Unmodified {
			continue
		}
		rel, ok := strings.CutPrefix(p, dir+"/")
		if dir == "" {
			rel, ok = p, true
		}
		if !ok {
			continue // outside the content folder: not the desk's business
		}
		if d.wrote[rel] && s.Staging == git.Unmodified {
			mine = append(mine, p)
		} else {
			others = append(others, path.Join(dir, rel))
		}
	}
	slices.Sort(mine)
	slices.Sort(others)
	if len(others) > 0 {
		return nil, refuse(http.StatusConflict, "the content folder has changes the desk did not make: %s; commit or discard them first", strings.Join(others, ", "))
	}
	if len(mine) == 0 {
		return nil, refuse(http.StatusConflict, "there is nothing to commit: the desk has made no change")
	}
	cfg, err := repo.ConfigScoped(config.GlobalScope)
	if err != nil {
		return nil, err
	}
	if cfg.User.Name == "" || cfg.User.Email == "" {
		return nil, refuse(http.StatusConflict, `git does not know who you are: run git config --global user.name "Your Name" and git config --global user.email you@example.org`)
	}
	base, err := d.base(repo)
	if err != nil {
		return nil, err
	}
	report, _, err := generator.Diff(d.opts.ContentDir, base, "")
	if err != nil {
		return nil, refuse(http.StatusConflict, "%v", err)
	}
	message := commitMessage(report)

	head, err := repo.Head()
	if err != nil {
		return nil, refuse(http.StatusConflict, "the repository has no commit yet")
	}
	now := time.Now()
	branch := "backlog-desk-" + now.UTC().Format("20060102-150405")
	ref := plumbing.NewBranchReferenceName(branch)
	if _, err := repo.Reference(ref, false); err == nil {
		return nil, refuse(http.StatusConflict, "a branch %s exists already: wait a second and try again", branch)
	}
	// A new branch at HEAD, then HEAD on it: the working tree and the index stay as they
	// are, and the commit goes on the new branch.
	if err := repo.Storer.SetReference(plumbing.NewHashReference(ref, head.Hash())); err != nil {
		return nil, err
	}
	if err := repo.Storer.SetReference(plumbing.NewSymbolicReference(plumbing.HEAD, ref)); err != nil {
		return nil, err
	}
	for _, p := range mine {
		if _, err := wt.Add(p); err != nil {
			return nil, err
		}
	}
	sig := &object.Signature{Name: cfg.User.Name, Email: cfg.User.Email, When: now}
	hash, err := wt.Commit(message, &git.CommitOptions{Author: sig, Committer: sig})
	if err != nil {
		return nil, err
	}
	d.undo = nil
	clear(d.wrote)
	res := prResult{Branch: branch, Commit: hash.String(), Message: message, Push: "git push -u origin " + branch}
	if _, b, err := d.content(); err == nil && b.Settings.RepoURL != "" {
		res.Compare = strings.TrimSuffix(b.Settings.RepoURL, "/") + "/compare/" + strings.TrimPrefix(base, "origin/") + "..." + branch + "?expand=1"
	}
	if d.log != nil {
		fmt.Fprintf(d.log, "backlog serve: committed %s on branch %s; to open a pull request: %s\n", hash.String()[:7], branch, res.Push)
	}
	return res, nil
}

// commitMessage lists what the change does to the backlog, as a reviewer reads it.
func commitMessage(r *diff.Report) string {
	var b bytes.Buffer
	b.WriteString("Backlog: reorder and triage from the PO's desk\n\n")
	for _, m := range r.Moves {
		switch {
		case m.From == 0:
			fmt.Fprintf(&b, "- Rank %s at #%d\n", m.ID, m.To)
		case m.To == 0:
			fmt.Fprintf(&b, "- Unrank %s (was #%d)\n", m.ID, m.From)
		default:
			fmt.Fprintf(&b, "- Move %s from #%d to #%d\n", m.ID, m.From, m.To)
		}
	}
	for _, s := range r.Status {
		fmt.Fprintf(&b, "- Status of %s: %s -> %s\n", s.ID, s.From, s.To)
	}
	for _, f := range r.Fields {
		fmt.Fprintf(&b, "- %s of %s: %q -> %q\n", f.Field, f.ID, f.From, f.To)
	}
	if r.Shifted > 0 {
		fmt.Fprintf(&b, "\n%d other items shifted.\n", r.Shifted)
	}
	return strings.TrimRight(b.String(), "\n") + "\n"
}
