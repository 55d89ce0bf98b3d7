package synth

import (
	"fmt"
	"slices"
	"strings"
)

// sections is an item's body as Markdown chunks, each ending with a newline: an opening
// paragraph, then sections (problem, proposal, acceptance criteria first) until the
// body reaches target bytes, and a design section whenever the item has a table or code.
// The last chunk is what a history's "refine description" commit adds.
func sections(f filler, status string, hasTable, hasCode bool, target int) []string {
	r := f.r
	secs := []string{f.paragraph(1, 3) + "\n"}
	pool := []string{"problem", "proposal", "acceptance", "design", "questions", "scope", "links", "notes"}
	r.Shuffle(len(pool), func(i, j int) { pool[i], pool[j] = pool[j], pool[i] })
	first := []string{"problem", "proposal", "acceptance"}
	pool = append(first, slices.DeleteFunc(pool, func(k string) bool { return slices.Contains(first, k) })...)
	size := len(secs[0])
	needDesign := hasTable || hasCode
	for _, kind := range pool {
		if size >= target && !needDesign {
			break
		}
		if size >= target && kind != "design" {
			continue
		}
		var s string
		switch kind {
		case "problem":
			h := pick(r, []string{"## Problem", "## Context", "## Background", "## Why"})
			s = h + "\n\n" + f.paragraph(2, 5) + "\n\n" + f.paragraph(1, 3) + "\n"
		case "proposal":
			h := pick(r, []string{"## Proposal", "## What we will do", "## Solution"})
			s = h + "\n\n" + f.paragraph(1, 3) + "\n\n" + f.list(sample(r, bullets, r.between(3, 6))) + "\n"
		case "acceptance":
			criteria := sample(r, tasks, r.between(3, 7))
			done := map[string]float64{"done": 1, "in-progress": 0.5, "dropped": 0.2}[status]
			lines := make([]string, len(criteria))
			for i, t := range criteria {
				box := " "
				if r.chance(done) {
					box = "x"
				}
				lines[i] = "- [" + box + "] " + t
			}
			s = "## Acceptance criteria\n\n" + strings.Join(lines, "\n") + "\n"
		case "design":
			s = "## Design notes\n\n" + f.paragraph(1, 3) + "\n"
			if hasTable {
				s += "\n" + table(r) + "\n"
			}
			if hasCode {
				block := pick(r, codeBlocks)
				s += "\n```" + block.lang + "\n" + f.fill(block.text) + "```\n"
			}
			needDesign = false
		case "questions":
			qs := sample(r, questions, r.between(2, 4))
			lines := make([]string, len(qs))
			for i, q := range qs {
				lines[i] = fmt.Sprintf("%d. %s", i+1, f.fill(q))
			}
			s = "## Open questions\n\n" + strings.Join(lines, "\n") + "\n"
		case "scope":
			s = "### Out of scope\n\n" + f.list(sample(r, bullets, r.between(2, 3))) + "\n"
		case "links":
			related := "- Related: none yet"
			if len(f.ids) > 0 {
				last := f.ids[len(f.ids)-1]
				related = fmt.Sprintf("- Related: [%s](%s.md)", last, last)
			}
			links := []string{
				fmt.Sprintf("- [Design mock-up](https://design.example.com/file/%d)", r.between(100, 9999)),
				fmt.Sprintf("- Support thread: https://support.example.com/tickets/%d", r.between(1000, 99999)),
				fmt.Sprintf("- [Metrics dashboard](https://metrics.example.com/d/%x)", r.between(4096, 65535)),
				related,
			}
			s = "## Links\n\n" + strings.Join(sample(r, links, r.between(2, 4)), "\n") + "\n"
		default:
			s = "## Notes\n\n" + f.paragraph(1, 4) + "\n"
		}
		secs = append(secs, "\n"+s)
		size += len(s) + 1
	}
	return secs
}

// list is a bullet list of the filled templates.
func (f filler) list(templates []string) string {
	lines := make([]string, len(templates))
	for i, t := range templates {
		lines[i] = "- " + f.fill(t)
	}
	return strings.Join(lines, "\n")
}
