package generator

import (
	"fmt"
	"os"
	"path/filepath"
)

// checkOutDir refuses an output folder that is the content folder, the theme folder or
// the repository root, or holds any of them: the build replaces its output folder whole.
// It refuses one inside the content or the theme folder too: the next build would read
// the site as content, or copy it into itself as a static file. Paths are compared once
// made absolute with their links resolved, so another spelling of a folder is refused too.
func checkOutDir(opts Options) error {
	out, err := resolve(opts.OutDir)
	if err != nil {
		return fmt.Errorf("-out %s: %w", opts.OutDir, err)
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
