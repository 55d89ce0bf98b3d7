package generator

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
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
		return naturalCompare(a.id, b.id)
	})
	ids := make([]string, len(list))
	for i, p := range list {
		ids[i] = p.id
	}
	return ids
}

// naturalCompare orders strings as people number things: runs of digits compare by
// value, so item-2 comes before item-10.
func naturalCompare(a, b string) int {
	for a != "" && b != "" {
		da, db := digitRun(a), digitRun(b)
		if da > 0 && db > 0 {
			// Numbers of any length: the longer one (without leading zeros) is larger.
			na, nb := trimZeros(a[:da]), trimZeros(b[:db])
			if c := len(na) - len(nb); c != 0 {
				return c
			}
			if c := strings.Compare(na, nb); c != 0 {
				return c
			}
			a, b = a[da:], b[db:]
			continue
		}
		if a[0] != b[0] {
			return int(a[0]) - int(b[0])
		}
		a, b = a[1:], b[1:]
	}
	return len(a) - len(b)
}

func digitRun(s string) int {
	n := 0
	for n < len(s) && s[n] >= '0' && s[n] <= '9' {
		n++
	}
	return n
}

func trimZeros(s string) string {
	for len(s) > 1 && s[0] == '0' {
		s = s[1:]
	}
	return s
}
