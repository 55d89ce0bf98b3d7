package generator

import (
	"io/fs"

	"github.com/backlogtool/backlog/generator/load"
	"github.com/backlogtool/backlog/generator/model"
	"github.com/backlogtool/backlog/generator/order"
	"github.com/backlogtool/backlog/generator/render"
	"github.com/backlogtool/backlog/generator/validate"
)

// Bodies says how much the pipeline checks of each Markdown body before rendering.
type Bodies int

const (
	// BodyErrors finds what would stop a build (a body nested past the limit), so that
	// no content error is left to be found while the site is written. It parses only the
	// bodies whose bytes could hold one: on usual content it costs a scan.
	BodyErrors Bodies = iota
	// AllBodyFindings also finds what rendering warns about, such as a link to a missing
	// item: what `check` reports, since it renders nothing.
	AllBodyFindings
)

// Content runs the stages that need nothing but the content, in the one order that
// build, check, diff and serve all use: load, then Settle. History is applied after it.
func Content(fsys fs.FS, bodies Bodies) (*model.Backlog, model.Findings) {
	b, findings := load.Load(fsys)
	return b, append(findings, Settle(b, bodies)...)
}

// Settle runs the stages after loading on a backlog: rank the items in the PO's order,
// validate the rules across files, check the bodies. The preview, which reloads only
// the files that changed, calls it on the backlog it assembles from them.
func Settle(b *model.Backlog, bodies Bodies) model.Findings {
	order.Rank(b)
	findings := validate.Backlog(b)
	return append(findings, render.CheckBodies(b, bodies == AllBodyFindings)...)
}

// setAsideDrafts leaves the draft items out of a backlog that has been through Settle
// (which checked them like any other item), and ranks the rest again without them.
func setAsideDrafts(b *model.Backlog) {
	if b.SetAsideDrafts(); len(b.Drafts) > 0 {
		order.Rank(b)
	}
}
