package generator

import (
	"slices"
	"testing"
	"time"

	"github.com/backlogtool/backlog/generator/model"
)

func TestProposalOrder(t *testing.T) {
	day := time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)
	proposed := func(id string, h *model.ItemHistory) *model.Item {
		return &model.Item{ID: id, Path: "items/" + id + ".md", History: h}
	}
	on := func(d int) *model.ItemHistory {
		return &model.ItemHistory{Created: &model.Change{Date: day.AddDate(0, 0, d)}}
	}
	items := []*model.Item{
		proposed("zz-uncommitted", nil),
		proposed("imported-10", on(1)),
		proposed("imported-2", on(1)),
		proposed("late", on(5)),
		proposed("b-shallow", &model.ItemHistory{}), // before a shallow clone's boundary
		proposed("imported-1", on(1)),
		proposed("early", on(0)),
	}
	got := proposalOrder(t.TempDir(), items)
	want := []string{"b-shallow", "early", "imported-1", "imported-2", "imported-10", "late", "zz-uncommitted"}
	if !slices.Equal(got, want) {
		t.Errorf("proposalOrder = %v, want %v", got, want)
	}
}
