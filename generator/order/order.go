// Package order applies the Product Owner's ranking to the loaded backlog and
// resolves what items refer to: their status, their dependencies and what blocks them.
// It derives; it reports nothing, leaving judgement to package validate.
package order

import (
	"github.com/backlogtool/backlog/generator/model"
)

// Rank fills in the derived fields of b: each item's rank and resolved status, its
// release and goal by their names in backlog.yaml, its dependencies, dependents and
// blockers, and the ranked and unranked lists.
func Rank(b *model.Backlog) {
	b.Index()
	b.Ranked = b.Ranked[:0]
	for _, it := range b.Items {
		it.Rank, it.Deps, it.Dependents, it.BlockedBy = 0, nil, nil, nil
		it.State, _ = b.Settings.Status(it.Status)
		if it.State.ID == "" {
			it.State = model.Status{ID: it.Status, Title: it.Status, Category: model.Todo}
		}
		// A release or goal named in another case or by its title is shown, filtered and
		// grouped on the roadmap by its own name, as backlog.yaml writes it.
		if r, ok := b.Settings.Release(it.Release); ok {
			it.Release = r.Name
		}
		if g, ok := b.Settings.Goal(it.Goal); ok {
			it.Goal = g.ID
		}
	}
	for _, e := range b.Order {
		if it := b.Item(e.ID); it != nil && it.Rank == 0 {
			b.Ranked = append(b.Ranked, it)
			it.Rank = len(b.Ranked)
		}
	}
	b.Unranked = b.Unranked[:0]
	for _, it := range b.Items {
		if it.Rank == 0 {
			b.Unranked = append(b.Unranked, it)
		}
		for _, id := range it.DependsOn {
			d := b.Item(id)
			if d == nil || d == it {
				continue
			}
			it.Deps = append(it.Deps, d)
			d.Dependents = append(d.Dependents, it)
			if d.State.Category != model.Done {
				it.BlockedBy = append(it.BlockedBy, d)
			}
		}
	}
}
