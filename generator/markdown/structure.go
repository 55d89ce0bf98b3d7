package markdown

import (
	"github.com/backlogtool/backlog/generator/internal/shortcuts"
	"github.com/backlogtool/backlog/generator/model"
)

// CheckErrors returns the errors Convert would give: those that stop a build, such as a
// body nested deeper than allowed or over a budget of work (bounds.go). The pipeline runs
// it on every body before anything is rendered. A body whose bytes show it cannot have
// one (see shallow and underBudgets) is not parsed, unless shortcuts are off, so on
// usual content this costs a scan of the bytes.
func (c *Converter) CheckErrors(d Doc) model.Findings {
	if shortcuts.On() && shallow(d.Body, d.MaxDepth) && underBudgets(d.Body) {
		return nil
	}
	var errs model.Findings
	for _, f := range c.Check(d) {
		if f.Severity == model.Error {
			errs = append(errs, f)
		}
	}
	return errs
}
