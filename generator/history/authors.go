package history

import (
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/backlogtool/backlog/generator/load"
	"github.com/backlogtool/backlog/generator/model"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// Git's metadata is anyone's: a commit can carry a megabyte of name, invalid UTF-8,
// terminal escapes or a date in year 50,000 (git fsck accepts them). History shows
// names only, never e-mail addresses, cleaned and bounded.

// maxName is the most bytes of an author's name history keeps.
const maxName = 200

// maxTitle is the most bytes of an item's title an event keeps: the change log lists
// hundreds of events, and a past version of an item was never checked against a limit.
const maxTitle = 300

// changeOf is the change a main-line commit makes, and whether its date can be shown:
// years 0 to 9999, what RFC 3339 and JSON can write.
func changeOf(mc *mainCommit) (model.Change, bool) {
	when := mc.c.Committer.When
	if !dated(when) {
		return model.Change{}, false
	}
	return model.Change{Commit: mc.c.Hash.String(), Date: when, Author: cleanText(mc.c.Author.Name, maxName)}, true
}

// dated reports a date a page can show: in the years 0 to 9999.
func dated(when time.Time) bool {
	y := when.UTC().Year()
	return y >= 0 && y <= 9999
}

// cleanText makes s fit for a page: valid UTF-8, without control characters or the
// invisible marks that reverse text, trimmed, and at most max bytes (cut at a character,
// with an ellipsis).
func cleanText(s string, max int) string {
	if len(s) > 4*max { // the rest is cut anyway: never clean a megabyte
		s = s[:4*max]
	}
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r >= '\u202a' && r <= '\u202e' || r >= '\u2066' && r <= '\u2069' {
			return -1
		}
		return r
	}, s)
	s = strings.TrimSpace(s)
	if len(s) > max {
		cut := max - len("…")
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		s = s[:cut] + "…"
	}
	return s
}

// sideChange is who made, on a merged branch, the change a merge brings to one path.
type sideChange struct {
	first model.Change // the oldest commit of the branch that changed the path: for a new item, its proposal, as git log dates it
	last  model.Change // the newest: for any other change, who made it
}

// sideAuthors finds, for a merge, who made each change it brings, from the commits of
// the merged branch that changed the path. Paths are item paths in folders, order.yaml
// and backlog.yaml. The changes keep the merge's commit, and the newest's date is the
// merge's: the backlog changed when the branch landed. A new item's proposal is dated
// when the branch proposed it, as git log shows it.
func (w *walker) sideAuthors(mc *mainCommit, base model.Change, folders []string) map[string]sideChange {
	if w.known == nil {
		// Commits of the main line, and of branches merged before, are not part of a merged branch.
		w.known = map[plumbing.Hash]bool{}
		for h := mc.c.ParentHashes[0]; !h.IsZero(); {
			c, err := object.GetCommit(w.repo.Storer, h)
			if err != nil {
				break
			}
			w.known[h] = true
			h = plumbing.ZeroHash
			if len(c.ParentHashes) > 0 {
				h = c.ParentHashes[0]
			}
		}
	}
	w.known[mc.c.ParentHashes[0]] = true
	out := map[string]sideChange{}
	newest, oldest := map[string]time.Time{}, map[string]time.Time{}
	queue := slices.Clone(mc.c.ParentHashes[1:])
	for len(queue) > 0 {
		h := queue[0]
		queue = queue[1:]
		if w.known[h] {
			continue
		}
		w.known[h] = true
		c, err := object.GetCommit(w.repo.Storer, h)
		if err != nil || len(c.ParentHashes) == 0 {
			continue
		}
		queue = append(queue, c.ParentHashes...)
		parent, err1 := w.describe(c.ParentHashes[0])
		self, err2 := w.describe(c.Hash)
		if err1 != nil || err2 != nil {
			continue
		}
		var paths []string
		if self.order != parent.order {
			paths = append(paths, load.OrderFile)
		}
		if self.settings != parent.settings {
			paths = append(paths, load.SettingsFile)
		}
		for _, dir := range folders {
			oldTree, _ := parent.folder(w.repo.Storer, dir)
			newTree, _ := self.folder(w.repo.Storer, dir)
			if oldTree == newTree {
				continue
			}
			oldRaw, _ := readObject(w.repo.Storer, plumbing.TreeObject, oldTree)
			newRaw, _ := readObject(w.repo.Storer, plumbing.TreeObject, newTree)
			changes, _ := diffTrees(oldRaw, newRaw)
			for _, ch := range changes {
				paths = append(paths, dir+"/"+ch.name)
			}
		}
		for _, p := range paths {
			sc := out[p]
			made := model.Change{Commit: base.Commit, Date: base.Date, Author: cleanText(c.Author.Name, maxName)}
			if t, ok := newest[p]; !ok || c.Committer.When.After(t) {
				newest[p], sc.last = c.Committer.When, made
			}
			if t, ok := oldest[p]; !ok || c.Committer.When.Before(t) {
				oldest[p], sc.first = c.Committer.When, made
				if when := c.Committer.When; when.Before(base.Date) && dated(when) {
					sc.first.Date = when
				}
			}
			out[p] = sc
		}
	}
	return out
}
