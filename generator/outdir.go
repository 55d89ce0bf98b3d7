package generator

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/backlogtool/backlog/generator/write"
)

// checkOutDir refuses an output folder that is the content folder, the theme folder or
// the repository root, or holds any of them: the build replaces its output folder whole.
// It refuses one inside the content or the theme folder too: the next build would read
// the site as content, or copy it into itself as a static file. Paths are compared once
// made absolute with their links resolved, so another spelling of a folder is refused too.
// A repository's .git folder, or a folder inside one, is refused whatever the content
// folder: git owns it.
func checkOutDir(opts Options) error {
	out, err := resolve(opts.OutDir)
	if err != nil {
		return fmt.Errorf("-out %s: %w", opts.OutDir, err)
	}
	if err := checkGitDir(opts.OutDir, out); err != nil {
		return err
	}
	type folder struct {
		what, dir string
		noInside  bool // out may not be inside it either
	}
	protected := []folder{{"the content folder", opts.ContentDir, true}}
	if dir := ThemeDir(opts); dir != "" {
		protected = append(protected, folder{"the templates folder", dir, true})
	}
	if root := repoRoot(opts.ContentDir); root != "" {
		protected = append(protected, folder{"the repository's root", root, false})
	}
	var holds string // the first protected folder out holds, when it is none of them
	for _, p := range protected {
		dir, err := resolve(p.dir)
		if err != nil {
			continue // a folder that cannot be resolved is reported where it is read
		}
		rel, err := filepath.Rel(out, dir)
		switch {
		case err != nil:
		case rel == ".":
			return fmt.Errorf("-out %s is %s (%s), which the build would replace: choose another -out", opts.OutDir, p.what, p.dir)
		case filepath.IsLocal(rel) && holds == "":
			holds = fmt.Sprintf("%s (%s)", p.what, p.dir)
		case p.noInside:
			if inside, err := filepath.Rel(dir, out); err == nil && filepath.IsLocal(inside) {
				return fmt.Errorf("-out %s is inside %s (%s), where the next build would read the site as its own files: choose another -out", opts.OutDir, p.what, p.dir)
			}
		}
	}
	if holds != "" {
		return fmt.Errorf("-out %s holds %s, which the build would delete: choose another -out", opts.OutDir, holds)
	}
	return nil
}

// checkGitDir refuses an output folder that is a repository's .git folder or inside
// one: a path with a .git folder in it, as typed or once resolved, or under a folder
// that git reads as a repository (a bare one, or a worktree's folder in .git).
// outDir is -out as typed, out the same resolved.
func checkGitDir(outDir, out string) error {
	abs, err := filepath.Abs(outDir)
	if err != nil {
		abs = out
	}
	gitDir := ""
	for _, p := range []string{abs, out} {
		for dir := p; gitDir == ""; dir = filepath.Dir(dir) {
			if strings.EqualFold(filepath.Base(dir), ".git") { // .GIT is .git where names ignore case
				gitDir = dir
			}
			if filepath.Dir(dir) == dir {
				break
			}
		}
	}
	for dir := out; gitDir == ""; dir = filepath.Dir(dir) {
		if isGitDir(dir) {
			gitDir = dir
		}
		if filepath.Dir(dir) == dir {
			break
		}
	}
	if gitDir == "" {
		return nil
	}
	what := "the repository's .git folder"
	if !strings.EqualFold(filepath.Base(gitDir), ".git") {
		what = "the git repository " + gitDir
	}
	where := "inside "
	if gitDir == abs || gitDir == out {
		where = ""
	}
	return fmt.Errorf("-out %s is %s%s, which git owns: choose a folder such as public", outDir, where, what)
}

// isGitDir reports whether dir is a folder git reads as a repository, as git itself
// tells one when it looks for a bare repository: a HEAD file and the objects and refs
// folders.
func isGitDir(dir string) bool {
	for name, wantDir := range map[string]bool{"HEAD": false, "objects": true, "refs": true} {
		info, err := os.Stat(filepath.Join(dir, name))
		if err != nil || info.IsDir() != wantDir {
			return false
		}
	}
	return true
}

// resolve makes path absolute and resolves the links of the part of it that exists.
func resolve(path string) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	var missing []string
	for dir := abs; ; dir = filepath.Dir(dir) {
		real, err := filepath.EvalSymlinks(dir)
		if err == nil {
			return filepath.Join(append([]string{real}, missing...)...), nil
		}
		if filepath.Dir(dir) == dir {
			return "", err
		}
		// Missing, or under a file: what is made of it is for the writer to report.
		missing = append([]string{filepath.Base(dir)}, missing...)
	}
}

// repoRoot is the folder holding the .git of the repository the content folder is in,
// or "" outside one.
func repoRoot(contentDir string) string {
	abs, err := filepath.Abs(contentDir)
	if err != nil {
		return ""
	}
	for dir := abs; ; dir = filepath.Dir(dir) {
		if _, err := os.Lstat(filepath.Join(dir, ".git")); err == nil {
			return dir
		}
		if filepath.Dir(dir) == dir {
			return ""
		}
	}
}

// pendingOutput is the output folder being taken for a build on a goroutine of its own,
// while the content loads: proving that the previous site holds only what a build wrote
// reads every one of its folders, a tenth of a rebuild of 10,000 items.
type pendingOutput struct {
	done chan struct{}
	dir  *write.Dir
	err  error
}

func startOutput(outDir string) *pendingOutput {
	p := &pendingOutput{done: make(chan struct{})}
	go func() {
		defer close(p.done)
		p.dir, p.err = write.Create(outDir)
	}()
	return p
}

// wait returns the folder once it is taken.
func (p *pendingOutput) wait() (*write.Dir, error) {
	<-p.done
	return p.dir, p.err
}

// release gives the folder up unless its site was committed: a build that stops early
// leaves the previous site as it was, and no temporary folder.
func (p *pendingOutput) release() {
	if d, err := p.wait(); err == nil {
		d.Abort()
	}
}
