package render

// ExecStats reports how many of the theme's templates run compiled, and how many
// compiled executions fell back to html/template.
func ExecStats(th *Theme) (compiled int, fallbacks int64) { return th.exec.Stats() }

// PageTemplates are the templates every theme provides.
var PageTemplates = pageTemplates
