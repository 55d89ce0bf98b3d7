package render

import "github.com/backlogtool/backlog/generator/model"

// CheckBodies checks every body of b as rendering would convert it, without rendering
// and without a theme. With all set it returns every finding rendering would give
// (links to missing items too): what `check` reports. Without, only the errors, those
// that would stop a build: the pipeline finds them before anything is written.
func CheckBodies(b *model.Backlog, all bool) model.Findings {
	r := New(b, nil, Options{})
	check := r.md.CheckErrors
	if all {
		check = r.md.Check
	}
	tasks := make([]func() (model.Findings, error), 0, len(b.Items)+len(b.Pages))
	for _, it := range b.Items {
		tasks = append(tasks, func() (model.Findings, error) { return check(r.doc(it.Path, it.Body, it.BodyLine, nil)), nil })
	}
	for _, p := range b.Pages {
		tasks = append(tasks, func() (model.Findings, error) { return check(r.doc(p.Path, p.Body, p.BodyLine, nil)), nil })
	}
	findings, _ := run(tasks)
	return findings
}
