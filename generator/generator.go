// Package generator turns a content folder into a static backlog site. It sequences
// the stages: load, validate, order, render and write, each a package of its own.
package generator

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/backlogtool/backlog/generator/diff"
	"github.com/backlogtool/backlog/generator/history"
	"github.com/backlogtool/backlog/generator/model"
	"github.com/backlogtool/backlog/generator/render"
	"github.com/backlogtool/backlog/generator/write"
	"github.com/backlogtool/backlog/templates"
	"github.com/go-git/go-git/v5"
)

// Options say where the content is and where the site goes.
type Options struct {
	ContentDir   string // the content folder, as the user named it
	OutDir       string // the site's folder; build only
	TemplatesDir string // theme overrides; "" means a templates/ folder beside ContentDir, if any
	// NoHistory leaves git history out; HistoryCache is where it is cached ("" for none).
	NoHistory    bool
	HistoryCache string
	// Base, for check, is a revision: changes to order.yaml since then by authors not in
	// owners.order are reported, as errors when StrictOwners is set.
	Base         string
	StrictOwners bool
	// Drafts, for build, publishes draft items too (with a Draft badge); without it
	// they are left out of the site, backlog.json, the feed and the search.
	Drafts bool
}

// ErrContent is returned when the content has errors; the findings say which.
var ErrContent = errors.New("the content has errors")

// Check loads and validates the content without writing anything.
// Finding paths are relative to the working directory.
func Check(opts Options) (model.Findings, error) {
	fsys, err := ContentFS(opts.ContentDir)
	if err != nil {
		return nil, err
	}
	b, findings := Content(fsys, AllBodyFindings)
	// A pull request can change the theme too: it is read and parsed as build does.
	if _, err := LoadTheme(opts); err != nil {
		f, err := themeFinding(opts, err)
		if err != nil {
			return nil, err
		}
		findings = append(findings, f...)
	}
	if opts.Base != "" {
		f, err := checkOwners(b, opts.ContentDir, opts.Base, opts.StrictOwners)
		if err != nil {
			return nil, err
		}
		findings = append(findings, f...)
	}
	return RelativizeAndSort(opts, findings), nil
}

// Build checks the content and writes the site to opts.OutDir. On any error the
// previous site is left as it was. Warnings do not stop a build.
func Build(opts Options) (model.Findings, error) {
	if err := checkOutDir(opts); err != nil {
		return nil, err
	}
	readHistory := func() (*history.Result, error) { return nil, nil }
	if !opts.NoHistory {
		readHistory = startHistory(opts)
		defer readHistory() // no read outlives the build, whatever ends it
	}
	output := startOutput(opts.OutDir)
	defer output.release()
	fsys, err := ContentFS(opts.ContentDir)
	if err != nil {
		return nil, err
	}
	b, findings := Content(fsys, BodyErrors)
	if findings.HasErrors() {
		return RelativizeAndSort(opts, findings), ErrContent
	}
	if !opts.Drafts {
		setAsideDrafts(b)
	}
	theme, err := LoadTheme(opts)
	if err != nil {
		f, err := themeFinding(opts, err)
		if err != nil {
			return RelativizeAndSort(opts, findings), err
		}
		return RelativizeAndSort(opts, append(findings, f...)), ErrContent
	}
	if !opts.NoHistory {
		h, err := readHistory()
		if err != nil {
			return RelativizeAndSort(opts, findings), err
		}
		history.Apply(b, h)
		if h.History.Notice != "" {
			findings.Noticef(model.Pos{File: "."}, "%s", h.History.Notice)
		}
		for _, gap := range h.History.Gaps {
			findings.Noticef(model.Pos{File: "."}, "%s", gap)
		}
	}
	out, err := output.wait()
	if err != nil {
		return RelativizeAndSort(opts, findings), err
	}
	r := render.New(b, theme, render.Options{ContentPath: RepoPath(opts.ContentDir)})
	bodyFindings, err := r.Site(siteDir{out})
	findings = append(findings, bodyFindings...)
	if err == nil && findings.HasErrors() {
		err = ErrContent
	}
	if err != nil {
		out.Abort()
		return RelativizeAndSort(opts, findings), err
	}
	return RelativizeAndSort(opts, findings), out.Commit()
}

// siteDir lets the renderer write large files to the site in pieces.
type siteDir struct{ *write.Dir }

func (d siteDir) Create(path string) (render.File, error) {
	f, err := d.Dir.Create(path)
	if err != nil {
		return nil, err
	}
	return f, nil
}

// startHistory reads the history on a goroutine of its own, while the content loads: it
// needs no settings. The function it returns waits for the result, as often as it is called.
func startHistory(opts Options) func() (*history.Result, error) {
	var h *history.Result
	var err error
	done := make(chan struct{})
	go func() {
		defer close(done)
		h, err = history.Read(opts.ContentDir, history.Options{CacheDir: opts.HistoryCache})
	}()
	return func() (*history.Result, error) {
		<-done
		return h, err
	}
}

// loadContent runs the pipeline on the content folder for the commands that change
// content (new, rank): they need the backlog as it is, not what its bodies say.
func loadContent(contentDir string) (*model.Backlog, model.Findings, error) {
	fsys, err := ContentFS(contentDir)
	if err != nil {
		return nil, nil, err
	}
	b, findings := Content(fsys, BodyErrors)
	return b, findings, nil
}

// Diff compares the backlog at the revision base with the revision head, or with the
// working tree when head is "". Content errors on either side are returned as findings
// (with ErrContent); an unknown revision gives an error wrapping diff.ErrRevision.
func Diff(contentDir, base, head string) (*diff.Report, model.Findings, error) {
	repo, prefix, err := history.Open(contentDir)
	if errors.Is(err, git.ErrRepositoryNotExists) {
		return nil, nil, fmt.Errorf("%s is not in a git repository", contentDir)
	}
	if err != nil {
		return nil, nil, err
	}
	side := func(label string, fsys fs.FS) *diff.Side {
		b, findings := Content(fsys, BodyErrors)
		if entries, err := fs.ReadDir(fsys, "."); err == nil && len(entries) == 0 {
			// A revision from before the backlog: an empty one, not a broken one (a pull
			// request that starts a backlog adds every item).
			findings = nil
		}
		return &diff.Side{Label: label, Backlog: b, Findings: findings}
	}
	fsys, err := diff.Snapshot(repo, strings.Join(prefix, "/"), base)
	if err != nil {
		return nil, nil, err
	}
	baseSide := side(base, fsys)
	if head == "" {
		fsys, err = ContentFS(contentDir)
		head = "working tree"
	} else {
		fsys, err = diff.Snapshot(repo, strings.Join(prefix, "/"), head)
	}
	if err != nil {
		return nil, nil, err
	}
	headSide := side(head, fsys)
	var findings model.Findings
	for _, side := range []*diff.Side{baseSide, headSide} {
		for _, f := range side.Findings {
			if f.Severity == model.Error {
				f.Message += " (in " + side.Label + ")"
				findings = append(findings, f)
			}
		}
	}
	findings = RelativizeAndSort(Options{ContentDir: contentDir}, findings)
	if findings.HasErrors() {
		return nil, findings, ErrContent
	}
	return diff.Compare(baseSide, headSide), findings, nil
}

// ContentFS opens the content folder so that nothing outside it can be read,
// not even through a symbolic link, and no special file is waited on.
func ContentFS(dir string) (fs.FS, error) {
	fsys, err := openFolder("content folder", dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%w: run backlog init to set one up, or give -content the folder that holds backlog.yaml", err)
	}
	return fsys, err
}

// ThemeDir is the folder of theme overrides: -templates, or a templates/ folder beside
// the content folder, or "" for none.
func ThemeDir(opts Options) string {
	if opts.TemplatesDir != "" {
		return opts.TemplatesDir
	}
	beside := filepath.Join(filepath.Dir(filepath.Clean(opts.ContentDir)), "templates")
	if info, err := os.Stat(beside); err == nil && info.IsDir() {
		return beside
	}
	return ""
}

// LoadTheme parses the default theme with the overrides opts names. The overrides are
// read through os.Root, as the content is: a link out of the theme folder is refused.
// A problem with a file of the theme is a *render.ThemeError.
func LoadTheme(opts Options) (*render.Theme, error) {
	dir := ThemeDir(opts)
	if dir == "" {
		return render.LoadTheme(templates.FS, nil)
	}
	override, err := openFolder("templates folder", dir)
	if err != nil {
		return nil, err
	}
	return render.LoadTheme(templates.FS, override)
}

// RelativizeAndSort rewrites finding paths from content-relative to working-directory-relative,
// and sorts them, so editors and CI can open the files.
func RelativizeAndSort(opts Options, findings model.Findings) model.Findings {
	wd, _ := os.Getwd()
	for i := range findings {
		p := filepath.Join(opts.ContentDir, filepath.FromSlash(findings[i].Pos.File))
		if filepath.IsAbs(p) && wd != "" {
			if rel, err := filepath.Rel(wd, p); err == nil && filepath.IsLocal(rel) {
				p = rel
			}
		}
		findings[i].Pos.File = filepath.ToSlash(p)
	}
	findings.Sort()
	return findings
}

// RepoPath is the content folder's path inside the git repository that holds it,
// for "edit this item" links; it falls back to the folder's name.
func RepoPath(contentDir string) string {
	abs, err := filepath.Abs(contentDir)
	if err != nil {
		return filepath.ToSlash(contentDir)
	}
	for dir := abs; ; dir = filepath.Dir(dir) {
		if _, err := os.Stat(filepath.Join(dir, ".git")); err == nil {
			rel, _ := filepath.Rel(dir, abs)
			return filepath.ToSlash(rel)
		}
		if filepath.Dir(dir) == dir {
			return filepath.Base(abs)
		}
	}
}
