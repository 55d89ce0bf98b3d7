package generator

import (
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/backlogtool/backlog/generator/model"
)

// proposalOrder lists items oldest proposal first: items proposed before a shallow
// clone's boundary, then those git knows by the date of the commit that proposed them,
// then the others (not committed yet) by their file's modification time. Items proposed together (one commit, one copy) follow in natural
// order, numbers by value: imported-2 before imported-10.
func proposalOrder(contentDir string, items []*model.Item) []string {
	// age orders what is known: proposed before a shallow clone's boundary (date
	// unknown, older than any commit read), then by a commit's date, then not committed.
	const (
		beforeBoundary = iota
		committed
		uncommitted
	)
	type proposal struct {
		id   string
		age  int
		when time.Time
	}
	list := make([]proposal, len(items))
	for i, it := range items {
		p := proposal{id: it.ID, age: uncommitted}
		switch {
		case it.History != nil && it.History.Created != nil:
			p.age, p.when = committed, it.History.Created.Date
		case it.History != nil:
			p.age = beforeBoundary
		default:
			if info, err := os.Stat(filepath.Join(contentDir, filepath.FromSlash(it.Path))); err == nil {
				p.when = info.ModTime()
			}
		}
		list[i] = p
	}
	slices.SortStableFunc(list, func(a, b proposal) int {
		switch {
		case a.age != b.age:
			return a.age - b.age
		case !a.when.Equal(b.when):
			return a.when.Compare(b.when)
		}
		return model.NaturalCompare(a.id, b.id)
	})
	ids := make([]string, len(list))
	for i, p := range list {
		ids[i] = p.id
	}
	return ids
}
