package preview

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/backlogtool/backlog/generator"
	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// repoContent unpacks the fixture into a git repository with two commits, the second
// reordering, so history has moves to show.
func repoContent(t *testing.T) (dir string, commit func(who string)) {
	t.Helper()
	dir = contentDir(t, "testdata/fixture.txtar")
	repo, err := git.PlainInit(filepath.Dir(dir), false)
	if err != nil {
		t.Fatal(err)
	}
	wt, _ := repo.Worktree()
	day := 0
	commit = func(who string) {
		t.Helper()
		day++
		if _, err := wt.Add("content"); err != nil {
			t.Fatal(err)
		}
		// Removed files too: Add of a folder stages only what is there.
		st, _ := wt.Status()
		for p, s := range st {
			if s.Worktree == git.Deleted {
				wt.Remove(p)
			}
		}
		sig := &object.Signature{Name: who, Email: who + "@example.org", When: time.Date(2027, 1, 1, 12, 0, 0, 0, time.UTC).AddDate(0, 0, day)}
		if _, err := wt.Commit(fmt.Sprintf("change %d", day), &git.CommitOptions{Author: sig, Committer: sig, AllowEmptyCommits: true}); err != nil {
			t.Fatal(err)
		}
	}
	commit("alice")
	return dir, commit
}

// matchesBuild checks the preview against `backlog build` of the same files: the same
// bytes in every file when the build succeeds, an error overlay when it fails.
func matchesBuild(t *testing.T, step string, b *Builder, dir string) {
	t.Helper()
	out := filepath.Join(t.TempDir(), "public")
	_, err := generator.Build(generator.Options{ContentDir: dir, OutDir: out, NoHistory: b.opts.NoHistory})
	if errors.Is(err, generator.ErrContent) {
		if !b.Findings().HasErrors() {
			t.Fatalf("%s: build finds errors, the preview none", step)
		}
		return
	}
	if f := b.Findings(); f.HasErrors() {
		t.Fatalf("%s: the preview finds errors, build none: %v", step, f)
	}
	sameAsBuild(t, step, b, dir)
}

// backlogEditor applies random edits to a content folder, as a PO, a PM and
// contributors would in a day, and says which files each changed.
type backlogEditor struct {
	t       *testing.T
	dir     string
	rnd     *rand.Rand
	deleted map[string]string // id -> file content, of items removed
	removed map[string]int    // id -> rank it had when removed
	commit  func(who string)
	n       int
}

func (e *backlogEditor) read(name string) string {
	data, _ := os.ReadFile(filepath.Join(e.dir, name))
	return string(data)
}

func (e *backlogEditor) order() []string {
	var ids []string
	for _, line := range strings.Split(e.read("order.yaml"), "\n") {
		if id, ok := strings.CutPrefix(line, "- "); ok {
			ids = append(ids, id)
		}
	}
	return ids
}

func (e *backlogEditor) setOrder(ids []string) {
	var sb strings.Builder
	sb.WriteString("# The PO's ranking\n")
	for _, id := range ids {
		sb.WriteString("- " + id + "\n")
	}
	write(e.t, e.dir, "order.yaml", sb.String())
}

func (e *backlogEditor) items() []string {
	entries, _ := os.ReadDir(filepath.Join(e.dir, "items"))
	var ids []string
	for _, en := range entries {
		ids = append(ids, strings.TrimSuffix(en.Name(), ".md"))
	}
	return ids
}

func (e *backlogEditor) pick(list []string) string {
	if len(list) == 0 {
		return ""
	}
	return list[e.rnd.IntN(len(list))]
}

var statuses = []string{"proposed", "ready", "in-progress", "done", "dropped"}

// edit makes one random change and returns its name and the paths it touched.
func (e *backlogEditor) edit() (string, []string) {
	e.n++
	switch e.rnd.IntN(10) {
	case 9: // what there is gets committed
		e.commit(e.pick([]string{"alice", "bob", "carol"}))
		return "commit", []string{gitKey}
	case 0: // a contributor proposes an item, sometimes depending on another
		id := fmt.Sprintf("item-%d", e.n)
		extra := ""
		if dep := e.pick(e.items()); dep != "" && e.rnd.IntN(3) == 0 {
			extra = "depends_on: [" + dep + "]\n"
		}
		write(e.t, e.dir, "items/"+id+".md", "---\ntitle: Item "+id+"\nstatus: "+e.pick(statuses)+"\n"+extra+"---\nBody.\n")
		return "add " + id, []string{"items/" + id + ".md"}
	case 1: // an item is deleted, with its line in order.yaml
		id := e.pick(e.items())
		if id == "" {
			return "nothing to delete", nil
		}
		e.deleted[id] = e.read("items/" + id + ".md")
		os.Remove(filepath.Join(e.dir, "items", id+".md"))
		ids := e.order()
		paths := []string{"items/" + id + ".md"}
		if i := slices.Index(ids, id); i >= 0 {
			e.removed[id] = i
			e.setOrder(slices.Delete(ids, i, i+1))
			paths = append(paths, "order.yaml")
		}
		return "delete " + id, paths
	case 2: // and restored, where it was
		var ids []string
		for id := range e.deleted {
			ids = append(ids, id)
		}
		slices.Sort(ids)
		id := e.pick(ids)
		if id == "" {
			return "nothing to restore", nil
		}
		write(e.t, e.dir, "items/"+id+".md", e.deleted[id])
		delete(e.deleted, id)
		paths := []string{"items/" + id + ".md"}
		if at, ok := e.removed[id]; ok {
			delete(e.removed, id)
			order := e.order()
			e.setOrder(slices.Insert(order, min(at, len(order)), id))
			paths = append(paths, "order.yaml")
		}
		return "restore " + id, paths
	case 3: // the PO moves one item
		ids := e.order()
		if len(ids) < 2 {
			return "nothing to move", nil
		}
		i, j := e.rnd.IntN(len(ids)), e.rnd.IntN(len(ids))
		id := ids[i]
		ids = slices.Insert(slices.Delete(ids, i, i+1), j, id)
		e.setOrder(ids)
		return fmt.Sprintf("move %s to %d", id, j+1), []string{"order.yaml"}
	case 4: // the PO ranks an unranked item, or unranks one
		ids := e.order()
		var unranked []string
		for _, id := range e.items() {
			if !slices.Contains(ids, id) {
				unranked = append(unranked, id)
			}
		}
		if id := e.pick(unranked); id != "" && e.rnd.IntN(2) == 0 {
			e.setOrder(slices.Insert(ids, e.rnd.IntN(len(ids)+1), id))
			return "rank " + id, []string{"order.yaml"}
		}
		if id := e.pick(ids); id != "" {
			e.setOrder(slices.DeleteFunc(ids, func(x string) bool { return x == id }))
			return "unrank " + id, []string{"order.yaml"}
		}
		return "nothing to rank", nil
	case 5: // the PM edits the settings
		releases := "  - {name: \"2027.1\", date: 2027-03-31, description: Offline first.}\n  - {name: later}\n"
		if e.rnd.IntN(3) == 0 {
			releases += "  - {name: \"2027.2\", date: 2027-06-30}\n"
		}
		write(e.t, e.dir, "backlog.yaml", fmt.Sprintf("title: Mobile app %d\nbase_url: https://org.example/mobile\nreleases:\n%sgoals:\n  - {id: onboarding, title: Faster onboarding}\nfields: [team]\n", e.n, releases))
		return "settings", []string{"backlog.yaml"}
	case 6: // a status changes
		id := e.pick(e.items())
		if id == "" {
			return "no status to change", nil
		}
		text := e.read("items/" + id + ".md")
		lines := strings.Split(text, "\n")
		for i, l := range lines {
			if strings.HasPrefix(l, "status: ") {
				lines[i] = "status: " + e.pick(statuses)
				break
			}
		}
		write(e.t, e.dir, "items/"+id+".md", strings.Join(lines, "\n"))
		return "status of " + id, []string{"items/" + id + ".md"}
	case 7: // a body is edited
		id := e.pick(e.items())
		if id == "" {
			return "no body to edit", nil
		}
		write(e.t, e.dir, "items/"+id+".md", e.read("items/"+id+".md")+fmt.Sprintf("\nEdit %d, see [share](share-sheet.md).\n", e.n))
		return "body of " + id, []string{"items/" + id + ".md"}
	default: // a page comes or changes
		name := e.pick([]string{"vision", "faq"})
		write(e.t, e.dir, "pages/"+name+".md", fmt.Sprintf("# %s %d\n", name, e.rnd.IntN(2)))
		return "page " + name, []string{"pages/" + name + ".md"}
	}
}

// TestRandomEditsMatchBuild applies random sequences of edits and commits, with history, and
// compares every file of the preview with what `build` writes after each.
func TestRandomEditsMatchBuild(t *testing.T) {
	seeds, steps := 4, 16
	if testing.Short() {
		seeds = 2
	}
	for seed := range seeds {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) {
			dir, commit := repoContent(t)
			e := &backlogEditor{t: t, dir: dir, rnd: rand.New(rand.NewPCG(uint64(seed), 20)), deleted: map[string]string{}, removed: map[string]int{}, commit: commit}
			if seed%2 == 1 {
				// A committed reorder: moves are shown against the order before it. With
				// one commit only, there is no order before the last change.
				ids := e.order()
				slices.Reverse(ids)
				e.setOrder(ids)
				commit("bob")
			}
			b, err := NewBuilder(generator.Options{ContentDir: dir})
			if err != nil {
				t.Fatal(err)
			}
			matchesBuild(t, "start", b, dir)
			var done []string
			for range steps {
				name, paths := e.edit()
				done = append(done, name)
				if len(paths) == 0 {
					continue
				}
				if paths[0] == gitKey {
					b.RefreshHistory()
				} else {
					b.Update(paths)
				}
				matchesBuild(t, strings.Join(done, ", "), b, dir)
			}
		})
	}
}

// TestDeleteAndRestoreRankedItem is the case the random edits found first: removing a
// ranked item shifts the items below it, and restoring it must show no move at all.
func TestDeleteAndRestoreRankedItem(t *testing.T) {
	dir, _ := repoContent(t)
	b, err := NewBuilder(generator.Options{ContentDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	e := &backlogEditor{t: t, dir: dir}
	saved, order := e.read("items/offline-mode.md"), e.read("order.yaml")
	os.Remove(filepath.Join(dir, "items/offline-mode.md"))
	e.setOrder(slices.DeleteFunc(e.order(), func(id string) bool { return id == "offline-mode" }))
	b.Update([]string{"items/offline-mode.md", "order.yaml"})
	matchesBuild(t, "deleted", b, dir)
	if index, _ := b.Site().File("index.html"); !strings.Contains(string(index), "▲1") {
		t.Errorf("the items below the deleted one show no move:\n%s", index)
	}
	write(t, dir, "items/offline-mode.md", saved)
	write(t, dir, "order.yaml", order)
	b.Update([]string{"items/offline-mode.md", "order.yaml"})
	matchesBuild(t, "restored", b, dir)
}
