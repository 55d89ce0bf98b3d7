package generator

import (
	"errors"
	"path/filepath"

	"github.com/backlogtool/backlog/generator/model"
	"github.com/backlogtool/backlog/generator/render"
)

// themeFinding turns a problem with a theme file into a finding at that file, its path
// relative to the content folder as RelativizeAndSort expects; other errors are
// returned as they are.
func themeFinding(opts Options, err error) (model.Findings, error) {
	var te *render.ThemeError
	if !errors.As(err, &te) {
		return nil, err
	}
	file := te.File
	if rel, relErr := relPath(opts.ContentDir, filepath.Join(ThemeDir(opts), filepath.FromSlash(te.File))); relErr == nil {
		file = filepath.ToSlash(rel)
	}
	var f model.Findings
	f.Errorf(model.Pos{File: file, Line: te.Line}, "%s", te.Message)
	return f, nil
}

// relPath is target relative to base, both made absolute first.
func relPath(base, target string) (string, error) {
	absBase, err := filepath.Abs(base)
	if err != nil {
		return "", err
	}
	absTarget, err := filepath.Abs(target)
	if err != nil {
		return "", err
	}
	return filepath.Rel(absBase, absTarget)
}
