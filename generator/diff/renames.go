package diff

import (
	"github.com/backlogtool/backlog/generator/history"
	"github.com/backlogtool/backlog/generator/load"
	"github.com/backlogtool/backlog/generator/model"
)

// Rename is an item whose file was renamed, giving it a new id: the id that is gone from
// base and the id that is new in head name one item, found as history finds renames.
// Its title, status and rank are head's; its other changes are reported under To.
type Rename struct {
	From   string `json:"from"`
	To     string `json:"to"`
	Title  string `json:"title"`
	Status string `json:"status"`
	Rank   int    `json:"rank"`
}

// findRenames pairs base's items that head lacks with head's items that base lacks, by
// the content of their files, with history's rule (identical first, then git's 50%
// similarity), so that diff, the change log and the timelines agree on what a rename
// is. The files are read again from the folder each backlog was loaded from. It returns
// old id -> new id. A backlog read from no folder, or a file that cannot be read again,
// pairs nothing: its items stay added or removed.
func findRenames(base, head *Side) map[string]string {
	if base.Backlog.Files == nil || head.Backlog.Files == nil {
		return nil
	}
	gone := contentsOf(base, func(it *model.Item) bool { return head.Backlog.ItemByID(it.ID) == nil })
	added := contentsOf(head, func(it *model.Item) bool { return base.Backlog.ItemByID(it.ID) == nil })
	if len(gone) == 0 || len(added) == 0 {
		return nil
	}
	return history.Renames(gone, added)
}

// contentsOf reads the files of a side's items that keep says to, by id, as the loader
// reads a small file: regular files only, within the item size limit, even if one grew
// since it was loaded.
func contentsOf(s *Side, keep func(*model.Item) bool) map[string][]byte {
	out := map[string][]byte{}
	limit := s.Backlog.Settings.Limits.ItemBytes
	if limit <= 0 {
		limit = model.DefaultLimits.ItemBytes
	}
	for _, it := range s.Backlog.Items {
		if !keep(it) || it.Path == "" {
			continue
		}
		if data, err := load.ReadSmallFile(s.Backlog.Files, it.Path, limit); err == nil {
			out[it.ID] = data
		}
	}
	return out
}
