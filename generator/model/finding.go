package model

import (
	"cmp"
	"fmt"
	"slices"
)

// Pos is a place in a content file. Line and Col are 1-based; 0 means unknown.
type Pos struct {
	File string // path inside the content folder, slash-separated
	Line int
	Col  int
}

func (p Pos) String() string {
	switch {
	case p.Line == 0:
		return p.File
	case p.Col == 0:
		return fmt.Sprintf("%s:%d", p.File, p.Line)
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
}

// Severity says whether a finding stops a build.
type Severity int

const (
	Error   Severity = iota // the content cannot be published
	Warning                 // published, but probably a mistake
	Notice                  // information, such as missing history
)

func (s Severity) String() string {
	switch s {
	case Error:
		return "error"
	case Warning:
		return "warning"
	}
	return "notice"
}

// Finding is one problem found in the content, with its place.
type Finding struct {
	Pos      Pos
	Severity Severity
	Message  string
}

// Findings collects the findings of every stage so they are reported together.
type Findings []Finding

// Errorf adds an error at pos.
func (fs *Findings) Errorf(pos Pos, format string, args ...any) {
	*fs = append(*fs, Finding{Pos: pos, Severity: Error, Message: fmt.Sprintf(format, args...)})
}

// Warnf adds a warning at pos.
func (fs *Findings) Warnf(pos Pos, format string, args ...any) {
	*fs = append(*fs, Finding{Pos: pos, Severity: Warning, Message: fmt.Sprintf(format, args...)})
}

// Noticef adds a notice at pos.
func (fs *Findings) Noticef(pos Pos, format string, args ...any) {
	*fs = append(*fs, Finding{Pos: pos, Severity: Notice, Message: fmt.Sprintf(format, args...)})
}

// HasErrors reports whether any finding is an error.
func (fs Findings) HasErrors() bool {
	return slices.ContainsFunc(fs, func(f Finding) bool { return f.Severity == Error })
}

// Sort orders findings by file, line, column, then message, so reports are stable.
func (fs Findings) Sort() {
	slices.SortStableFunc(fs, func(a, b Finding) int {
		return cmp.Or(
			cmp.Compare(a.Pos.File, b.Pos.File),
			cmp.Compare(a.Pos.Line, b.Pos.Line),
			cmp.Compare(a.Pos.Col, b.Pos.Col),
			cmp.Compare(a.Message, b.Message),
		)
	})
}
