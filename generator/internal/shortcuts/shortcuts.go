// Package shortcuts is the one switch for the code that does a library's work faster
// than the library: the compiled templates (instead of html/template's interpreter), the
// front matter reader (instead of yaml.v3), the Markdown parts (instead of goldmark's).
// Each shortcut asks On before it is taken, and tests hold each one to its library byte
// for byte by running both. Anyone who suspects a shortcut runs the tool with
// BACKLOG_NO_SHORTCUTS=1: every library then does its own work, and the output must be
// the same bytes, only slower.
package shortcuts

import (
	"os"
	"sync/atomic"
)

var off atomic.Bool

func init() { off.Store(os.Getenv("BACKLOG_NO_SHORTCUTS") != "") }

// On reports whether shortcuts are taken.
func On() bool { return !off.Load() }

// Set turns the shortcuts on or off and returns a function that restores the previous
// setting, for tests that compare both ways.
func Set(on bool) (restore func()) {
	was := off.Swap(!on)
	return func() { off.Store(was) }
}
