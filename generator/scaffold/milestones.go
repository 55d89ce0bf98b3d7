package scaffold

import (
	"cmp"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/backlogtool/backlog/generator/load"
	"github.com/backlogtool/backlog/generator/model"
)

// milestoneFolders are where Backlog.md keeps its milestone files, archived ones last.
var milestoneFolders = []string{"milestones", "archive/milestones"}

// milestone is one release that init writes for a Backlog.md project.
type milestone struct {
	id, title string
}

// milestoneReleases is the releases: list of a Backlog.md project: one release per
// milestone file, by milestone number (m-0, m-1, ..., then other ids by name), its id
// as the name and its title as the description; then, in the same order, one release
// for each other milestone the tasks name (used, as written), so that every task's
// milestone is known. A milestone a task names by a milestone file's id or title, in
// any case, is that file's: the build finds a release by its name or description that
// way. Milestones carry no dates, and none is invented. It returns "" for none.
func milestoneReleases(dir, content string, used []string) (string, error) {
	files, err := readMilestones(dir, content)
	if err != nil {
		return "", err
	}
	known := map[string]bool{}
	for _, m := range files {
		known[model.StatusKey(m.id)] = true
		if m.title != "" {
			known[model.StatusKey(m.title)] = true
		}
	}
	var others []milestone
	for _, name := range used {
		if key := model.StatusKey(name); !known[key] {
			known[key] = true
			others = append(others, milestone{id: name})
		}
	}
	slices.SortStableFunc(others, milestoneOrder)
	if len(files)+len(others) == 0 {
		return "", nil
	}
	var sb strings.Builder
	sb.WriteString("# Backlog.md's milestones (milestones/ and archive/milestones/), named by their ids,\n")
	sb.WriteString("# each with its title as description; tasks name one by either, in any case. Then\n")
	sb.WriteString("# the other milestones tasks name. Add a date: to place a release on the roadmap.\n")
	sb.WriteString("releases:\n")
	for _, m := range append(files, others...) {
		fmt.Fprintf(&sb, "  - {name: %s", strconv.Quote(m.id))
		if m.title != "" {
			fmt.Fprintf(&sb, ", description: %s", strconv.Quote(m.title))
		}
		sb.WriteString("}\n")
	}
	return sb.String(), nil
}

// readMilestones reads the milestone files, in milestone order. A file is a milestone
// when its front matter has an id (milestones/readme.md, which Backlog.md writes,
// is not); the first of two with the same id is kept.
func readMilestones(dir, content string) ([]milestone, error) {
	settings := model.Settings{IDField: "id", Statuses: model.DefaultStatuses, Limits: model.DefaultLimits}
	var out []milestone
	seen := map[string]bool{}
	for _, folder := range milestoneFolders {
		entries, err := os.ReadDir(filepath.Join(dir, content, filepath.FromSlash(folder)))
		if os.IsNotExist(err) {
			continue
		} else if err != nil {
			return nil, err
		}
		for _, e := range entries {
			if !e.Type().IsRegular() || !strings.HasSuffix(e.Name(), ".md") || strings.HasPrefix(e.Name(), ".") {
				continue
			}
			data, err := os.ReadFile(filepath.Join(dir, content, filepath.FromSlash(folder), e.Name()))
			if err != nil {
				return nil, err
			}
			it, _ := load.ParseItem(path.Join(folder, e.Name()), data, &settings)
			if it == nil {
				continue
			}
			if _, ok := it.Pos.Get("id"); !ok || seen[model.StatusKey(it.ID)] {
				continue
			}
			seen[model.StatusKey(it.ID)] = true
			m := milestone{id: it.ID}
			if _, ok := it.Pos.Get("title"); ok {
				m.title = strings.TrimSpace(it.Title)
			}
			out = append(out, m)
		}
	}
	slices.SortStableFunc(out, milestoneOrder)
	return out, nil
}

// milestoneOrder orders milestones by number (m-0, m-1, ..., m-10), then others by
// name.
func milestoneOrder(a, b milestone) int {
	na, oka := milestoneNumber(a.id)
	nb, okb := milestoneNumber(b.id)
	switch {
	case oka && okb:
		return cmp.Compare(na, nb)
	case oka:
		return -1
	case okb:
		return 1
	}
	return cmp.Or(cmp.Compare(strings.ToLower(a.id), strings.ToLower(b.id)), cmp.Compare(a.id, b.id))
}

// milestoneNumber is n of a milestone id m-n, as Backlog.md numbers them.
func milestoneNumber(id string) (uint64, bool) {
	if len(id) < 3 || !strings.EqualFold(id[:2], "m-") {
		return 0, false
	}
	n, err := strconv.ParseUint(id[2:], 10, 64)
	return n, err == nil
}
