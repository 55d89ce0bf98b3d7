package diff

import (
	"reflect"
	"testing"

	"github.com/backlogtool/backlog/generator/model"
)

func side(label string, s model.Settings, items ...*model.Item) *Side {
	b := &model.Backlog{Settings: s, Items: items}
	b.Index()
	return &Side{Label: label, Backlog: b}
}

// TestRoadmapChanges: the PM's changes to backlog.yaml show in the report.
func TestRoadmapChanges(t *testing.T) {
	base := model.Settings{
		Statuses: []model.Status{{ID: "proposed", Title: "Proposed", Category: model.Todo}, {ID: "done", Title: "Done", Category: model.Done}, {ID: "qa", Title: "QA", Category: model.Doing}},
		Releases: []model.Release{
			{Name: "2027.1", Date: "2027-03-31", Description: "Offline first."},
			{Name: "2027.2", Date: "2027-06-30"},
			{Name: "beta", Date: "2027-09-30", Description: "Beta."},
			{Name: "dropped", Date: "2027-12-31", Description: "Gone."},
			{Name: "old-name", Date: "2028-01-01"},
		},
		Goals: []model.Goal{{ID: "onboarding", Title: "Onboarding"}, {ID: "speed", Title: "Speed"}},
	}
	head := base
	head.Statuses = []model.Status{{ID: "proposed", Title: "Proposed", Category: model.Todo}, {ID: "done", Title: "Shipped", Category: model.Done}, {ID: "review", Title: "Review", Category: model.Doing}}
	head.Releases = []model.Release{
		{Name: "2027.1", Date: "2027-04-30", Description: "Offline first."}, // re-dated
		{Name: "2027.2", Date: "2027-06-30", Description: "Now described."},
		{Name: "beta-1", Date: "2027-10-15", Description: "Beta."}, // renamed (same description) and re-dated
		{Name: "new-name", Date: "2028-02-01"},                     // renamed: its items moved to it
		{Name: "2028.1", Date: "2028-03-31"},                       // added
	}
	head.Goals = []model.Goal{{ID: "onboarding", Title: "Faster onboarding"}, {ID: "trust", Title: "Trust"}}
	r := Compare(
		side("base", base, &model.Item{ID: "a", Title: "A", Status: "proposed", Release: "old-name"}),
		side("head", head, &model.Item{ID: "a", Title: "A", Status: "proposed", Release: "new-name"}),
	)
	wantReleases := []ReleaseChange{
		{Change: Redated, Name: "2027.1", Date: "2027-04-30", Description: "Offline first.", OldDate: "2027-03-31"},
		{Change: Described, Name: "2027.2", Date: "2027-06-30", Description: "Now described."},
		{Change: Renamed, Name: "beta-1", Date: "2027-10-15", Description: "Beta.", OldName: "beta", OldDate: "2027-09-30"},
		{Change: Renamed, Name: "new-name", Date: "2028-02-01", OldName: "old-name", OldDate: "2028-01-01"},
		{Change: Added, Name: "2028.1", Date: "2028-03-31"},
		{Change: Removed, Name: "dropped", Date: "2027-12-31", Description: "Gone."},
	}
	if !reflect.DeepEqual(r.Releases, wantReleases) {
		t.Errorf("releases\n%+v\nwant\n%+v", r.Releases, wantReleases)
	}
	wantGoals := []GoalChange{
		{Change: Changed, ID: "onboarding", Title: "Faster onboarding", OldTitle: "Onboarding"},
		{Change: Added, ID: "trust", Title: "Trust"},
		{Change: Removed, ID: "speed", Title: "Speed"},
	}
	if !reflect.DeepEqual(r.Goals, wantGoals) {
		t.Errorf("goals\n%+v\nwant\n%+v", r.Goals, wantGoals)
	}
	wantStatuses := []StatusDefinitionChange{
		{Change: Changed, ID: "done", Title: "Shipped", Category: model.Done, OldTitle: "Done"},
		{Change: Added, ID: "review", Title: "Review", Category: model.Doing},
		{Change: Removed, ID: "qa", Title: "QA", Category: model.Doing},
	}
	if !reflect.DeepEqual(r.Statuses, wantStatuses) {
		t.Errorf("statuses\n%+v\nwant\n%+v", r.Statuses, wantStatuses)
	}
	if r.Empty() {
		t.Error("a report of roadmap changes is Empty")
	}
}

func TestRoadmapUnchanged(t *testing.T) {
	s := model.Settings{Releases: []model.Release{{Name: "1", Date: "2027-01-01"}}, Goals: []model.Goal{{ID: "g", Title: "G"}}}
	r := Compare(side("base", s), side("head", s))
	if !r.Empty() || len(r.Releases)+len(r.Goals)+len(r.Statuses) != 0 {
		t.Errorf("no change reported as %+v", r)
	}
}
