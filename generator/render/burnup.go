package render

import (
	"fmt"
	"html/template"
	"strings"
	"time"

	"github.com/backlogtool/backlog/generator/model"
)

// burnup draws a release's scope and done counts over time as an inline SVG.
func burnup(name string, points []model.BurnPoint) template.HTML {
	if len(points) < 2 {
		return ""
	}
	const w, h, left, bottom, top = 600.0, 160.0, 36.0, 22.0, 8.0
	if len(points) > 300 { // keep the chart small: evenly spaced points, the last one kept
		step := float64(len(points)-1) / 299
		thin := make([]model.BurnPoint, 0, 300)
		for i := range 300 {
			thin = append(thin, points[int(float64(i)*step+0.5)])
		}
		points = thin
	}
	start, end := points[0].Date, points[len(points)-1].Date
	span := end.Sub(start).Seconds()
	maxScope := 1
	for _, p := range points {
		maxScope = max(maxScope, p.Scope)
	}
	x := func(t time.Time) float64 {
		if span <= 0 {
			return left
		}
		return left + (w-left-4)*t.Sub(start).Seconds()/span
	}
	y := func(n int) float64 { return top + (h-top-bottom)*(1-float64(n)/float64(maxScope)) }
	line := func(val func(model.BurnPoint) int) string {
		var sb strings.Builder
		for i, p := range points {
			if i > 0 { // a step: the count holds until the next change
				fmt.Fprintf(&sb, " %.1f,%.1f", x(p.Date), y(val(points[i-1])))
			}
			fmt.Fprintf(&sb, " %.1f,%.1f", x(p.Date), y(val(p)))
		}
		return strings.TrimSpace(sb.String())
	}
	last := points[len(points)-1]
	label := fmt.Sprintf("Burn-up of release %s from %s to %s: scope grew to %d items, %d done", name, start.UTC().Format(time.DateOnly), end.UTC().Format(time.DateOnly), last.Scope, last.Done)
	var sb strings.Builder
	fmt.Fprintf(&sb, `<svg class="burnup" viewBox="0 0 %.0f %.0f" role="img" aria-label="%s">`, w, h, template.HTMLEscapeString(label))
	fmt.Fprintf(&sb, `<title>%s</title>`, template.HTMLEscapeString(label))
	fmt.Fprintf(&sb, `<line class="axis" x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f"/>`, left, h-bottom, w-4, h-bottom)
	fmt.Fprintf(&sb, `<line class="axis" x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f"/>`, left, top, left, h-bottom)
	fmt.Fprintf(&sb, `<text x="%.1f" y="%.1f" text-anchor="end">%d</text>`, left-4, top+8, maxScope)
	fmt.Fprintf(&sb, `<text x="%.1f" y="%.1f" text-anchor="end">0</text>`, left-4, h-bottom)
	fmt.Fprintf(&sb, `<text x="%.1f" y="%.1f">%s</text>`, left, h-6, start.UTC().Format(time.DateOnly))
	fmt.Fprintf(&sb, `<text x="%.1f" y="%.1f" text-anchor="end">%s</text>`, w-4, h-6, end.UTC().Format(time.DateOnly))
	fmt.Fprintf(&sb, `<polyline class="scope" points="%s"/>`, line(func(p model.BurnPoint) int { return p.Scope }))
	fmt.Fprintf(&sb, `<polyline class="done" points="%s"/>`, line(func(p model.BurnPoint) int { return p.Done }))
	sb.WriteString(`</svg>`)
	return template.HTML(sb.String())
}
