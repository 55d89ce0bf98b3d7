package history

import (
	"slices"
	"strings"

	"github.com/backlogtool/backlog/generator/model"
)

// roadmapEvents are what a commit did to the PM's backlog.yaml: releases added, removed,
// renamed or re-dated, goals added, removed or retitled, and the statuses changed.
// A release removed and another added at the same place in the list is one release renamed.
func roadmapEvents(c model.Change, old, new roadmap) []model.Event {
	var out []model.Event
	event := func(kind model.EventKind, title, from, to string) {
		out = append(out, model.Event{Kind: kind, Change: c, Title: cleanText(title, maxTitle), From: cleanText(from, maxTitle), To: cleanText(to, maxTitle)})
	}
	oldRel := map[string]model.Release{}
	for _, r := range old.Releases {
		oldRel[r.Name] = r
	}
	newRel := map[string]bool{}
	for _, r := range new.Releases {
		newRel[r.Name] = true
	}
	for i, r := range new.Releases {
		was, kept := oldRel[r.Name]
		if !kept && i < len(old.Releases) && !newRel[old.Releases[i].Name] {
			was, kept = old.Releases[i], true
			event(model.ReleaseRenamed, r.Name, was.Name, r.Name)
		}
		switch {
		case !kept:
			event(model.ReleaseAdded, r.Name, "", r.Date)
		case was.Date != r.Date:
			event(model.ReleaseDated, r.Name, was.Date, r.Date)
		}
	}
	for i, r := range old.Releases {
		renamed := i < len(new.Releases) && !slices.ContainsFunc(old.Releases, func(o model.Release) bool { return o.Name == new.Releases[i].Name })
		if !newRel[r.Name] && !renamed {
			event(model.ReleaseRemoved, r.Name, r.Date, "")
		}
	}
	oldGoal := map[string]model.Goal{}
	for _, g := range old.Goals {
		oldGoal[g.ID] = g
	}
	newGoal := map[string]bool{}
	for _, g := range new.Goals {
		newGoal[g.ID] = true
		switch was, kept := oldGoal[g.ID]; {
		case !kept:
			event(model.GoalAdded, g.Title, "", g.ID)
		case was.Title != g.Title:
			event(model.GoalChanged, g.Title, was.Title, g.Title)
		}
	}
	for _, g := range old.Goals {
		if !newGoal[g.ID] {
			event(model.GoalRemoved, g.Title, g.ID, "")
		}
	}
	if !slices.Equal(old.Statuses, new.Statuses) {
		event(model.StatusesChanged, "", statusList(old.Statuses), statusList(new.Statuses))
	}
	return out
}

// statusList writes statuses as "Proposed (todo), Done (done)".
func statusList(statuses []model.Status) string {
	parts := make([]string, len(statuses))
	for i, s := range statuses {
		parts[i] = s.Title + " (" + s.Category + ")"
	}
	return strings.Join(parts, ", ")
}
