package order

import (
	"testing"

	"github.com/backlogtool/backlog/generator/model"
)

func TestRank(t *testing.T) {
	a := &model.Item{ID: "a", Status: "ready", DependsOn: []string{"b", "c"}}
	b := &model.Item{ID: "b", Status: "done"}
	c := &model.Item{ID: "c", Status: "in-progress"}
	d := &model.Item{ID: "d", Status: "proposed"}
	bl := &model.Backlog{
		Settings: model.Settings{Statuses: model.DefaultStatuses},
		Items:    []*model.Item{a, b, c, d},
		Order:    []model.OrderEntry{{ID: "c"}, {ID: "a"}, {ID: "b"}},
	}
	Rank(bl)
	if a.Rank != 2 || b.Rank != 3 || c.Rank != 1 || d.Rank != 0 {
		t.Errorf("ranks a=%d b=%d c=%d d=%d", a.Rank, b.Rank, c.Rank, d.Rank)
	}
	if len(bl.Ranked) != 3 || bl.Ranked[0] != c || len(bl.Unranked) != 1 || bl.Unranked[0] != d {
		t.Errorf("ranked %v unranked %v", bl.Ranked, bl.Unranked)
	}
	if !a.Blocked() || len(a.BlockedBy) != 1 || a.BlockedBy[0] != c {
		t.Errorf("a blocked by %v", a.BlockedBy)
	}
	if len(b.Dependents) != 1 || b.Dependents[0] != a || c.State.Category != model.Doing {
		t.Errorf("b dependents %v, c state %v", b.Dependents, c.State)
	}
	// Ranking again gives the same result, so the preview can re-rank in place.
	Rank(bl)
	if a.Rank != 2 || len(b.Dependents) != 1 || len(bl.Ranked) != 3 {
		t.Errorf("second Rank differs: a=%d dependents=%d ranked=%d", a.Rank, len(b.Dependents), len(bl.Ranked))
	}
}

func TestRankNamesReleasesAndGoalsAsBacklogYAMLDoes(t *testing.T) {
	bl := &model.Backlog{
		Settings: model.Settings{
			Statuses: model.DefaultStatuses,
			Releases: []model.Release{{Name: "m-1", Description: "CLI Development"}},
			Goals:    []model.Goal{{ID: "faster-onboarding", Title: "Faster onboarding"}},
		},
		Items: []*model.Item{
			{ID: "a", Status: "ready", Release: "M-1", Goal: "Faster Onboarding"},
			{ID: "b", Status: "ready", Release: "cli development", Goal: "faster_onboarding"},
			{ID: "c", Status: "ready", Release: "m-9", Goal: "nowhere"},
		},
	}
	Rank(bl)
	for _, it := range bl.Items[:2] {
		if it.Release != "m-1" || it.Goal != "faster-onboarding" {
			t.Errorf("%s: release %q goal %q, want m-1 and faster-onboarding", it.ID, it.Release, it.Goal)
		}
	}
	// An unknown one is left as written, for check to report.
	if c := bl.Items[2]; c.Release != "m-9" || c.Goal != "nowhere" {
		t.Errorf("c: release %q goal %q", c.Release, c.Goal)
	}
}
