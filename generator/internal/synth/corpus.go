// Package synth makes synthetic backlogs for benchmarks: a content folder in the content
// format (backlog.yaml, order.yaml, items/*.md with front matter and CommonMark/GFM
// bodies) and, when asked, a git history whose last commit is that content. The same
// number of items and seed always give byte-identical content, and the same history.
//
// It follows the shape and statistics of the Python generator the benchmark figures were
// first measured on (../shared/bench/synth.py beside the repository), with Go's random
// numbers: bodies of 1-3 KB (1.87 KB on average) with headings, lists, task lists,
// links between items, bare URLs, inline code, a GFM table in a quarter of them and a
// code block in a fifth; the status shares of a three-year-old backlog (older items
// mostly done); 15% of items depending on older ones; 90% of items ranked.
package synth

import (
	"fmt"
	"math"
	"regexp"
	"slices"
	"strings"
)

// Version changes whenever the output for a given size and seed changes, so that caches
// of corpora can tell an old corpus from a current one.
const Version = 1

// Corpus is a generated backlog: its items, oldest first, and the PO's order.
type Corpus struct {
	Items []*Item
	Order []string // ranked item ids, most important first
	seed  uint64
}

// Item is a generated item.
type Item struct {
	index                   int
	ID, Title, Status, Type string
	Release, Goal, Owner    string
	Estimate, Value         int // 0 when absent
	Labels, DependsOn       []string
	sections                []string // the body; see sections
	path                    []string // the statuses the item went through, ending with Status
	ranked                  bool
}

// statusPaths are the statuses an item of each final status went through, oldest first.
var statusPaths = map[string][]string{
	"proposed":    {"proposed"},
	"ready":       {"proposed", "ready"},
	"in-progress": {"proposed", "ready", "in-progress"},
	"done":        {"proposed", "ready", "in-progress", "done"},
}

// Generate makes a backlog of n items (n >= 1) from seed.
func Generate(n int, seed uint64) *Corpus {
	r := newRandom(seed, 0x6261636b6c6f67) // "backlog"
	c := &Corpus{seed: seed}
	ids := make([]string, 0, n)
	seen, used := map[string]int{}, map[string]bool{}
	for i := range n {
		it := &Item{index: i}
		it.Type = []string{"feature", "bug", "chore", "spike", "design"}[r.weighted(55, 25, 12, 7, 1)]
		it.Title = title(r, it.Type)
		base := slug(it.Title)
		it.ID = base
		k, ok := seen[base]
		if !ok {
			k = 1
		}
		for used[it.ID] {
			k++
			it.ID = fmt.Sprintf("%s-%d", base, k)
		}
		seen[base] = k
		used[it.ID] = true
		age := 1 - float64(i)/float64(max(1, n-1))
		it.Status = pickStatus(r, age)
		switch {
		case it.Status != "dropped":
			it.path = statusPaths[it.Status]
		case r.chance(0.6):
			it.path = []string{"proposed", "dropped"}
		default:
			it.path = []string{"proposed", "ready", "dropped"}
		}
		if r.chance(0.08) {
			it.Type = "" // the type is optional
		}
		it.Release = pickRelease(r, it.Status)
		if r.chance(0.5) {
			it.Goal = pick(r, goals).id
		}
		if r.chance(0.8) {
			it.Estimate = pick(r, []int{1, 2, 3, 5, 8, 13, 21})
		}
		if r.chance(0.6) {
			it.Value = r.between(1, 10)
		}
		pOwner := 0.5
		if it.Status == "in-progress" || it.Status == "done" {
			pOwner = 0.95
		}
		if r.chance(pOwner) {
			it.Owner = pick(r, owners).handle
		}
		it.Labels = sample(r, labels, r.weighted(20, 35, 30, 15))
		if i > 0 && r.chance(0.15) {
			// Older items only, so there is never a cycle.
			lo := max(0, i-300)
			var deps []int
			for range r.between(1, 2) {
				if d := lo + r.IntN(i-lo); !slices.Contains(deps, d) {
					deps = append(deps, d)
				}
			}
			slices.Sort(deps)
			for _, d := range deps {
				it.DependsOn = append(it.DependsOn, c.Items[d].ID)
			}
		}
		f := filler{r: r, ids: ids[max(0, i-300):i]}
		it.sections = sections(f, it.Status, r.chance(0.25), r.chance(0.2), r.between(900, 2700))
		c.Items = append(c.Items, it)
		ids = append(ids, it.ID)
	}
	c.rank(r)
	return c
}

// rank leaves about 10% of the items unranked, mostly fresh proposals, and orders the
// others roughly by status (in progress, ready, proposed, done, dropped) with noise.
func (c *Corpus) rank(r random) {
	type keyed struct {
		key   float64
		index int
	}
	var byChance []keyed
	for _, it := range c.Items {
		w := 0.3
		if it.Status == "proposed" {
			w = 6
		}
		byChance = append(byChance, keyed{math.Pow(r.Float64(), 1/w), it.index})
	}
	slices.SortFunc(byChance, func(a, b keyed) int { return cmpKeyed(b.key, a.key, b.index, a.index) })
	unranked := map[int]bool{}
	for _, k := range byChance[:roundHalfEven(0.10*float64(len(c.Items)))] {
		unranked[k.index] = true
	}
	group := map[string]float64{"in-progress": 0, "ready": 1, "proposed": 2, "done": 3, "dropped": 4}
	var ranked []keyed
	for _, it := range c.Items {
		it.ranked = !unranked[it.index]
		if it.ranked {
			ranked = append(ranked, keyed{group[it.Status] + 0.7*r.NormFloat64(), it.index})
		}
	}
	slices.SortFunc(ranked, func(a, b keyed) int { return cmpKeyed(a.key, b.key, a.index, b.index) })
	for _, k := range ranked {
		c.Order = append(c.Order, c.Items[k.index].ID)
	}
}

func cmpKeyed(a, b float64, i, j int) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return i - j
}

// pickStatus draws a final status: the older the item (age 1 for the first), the more
// likely it is done.
func pickStatus(r random, age float64) string {
	x := r.Float64()
	for _, s := range []struct {
		status string
		p      float64
	}{{"done", 0.55 * age}, {"dropped", 0.07}, {"in-progress", 0.08 + 0.05*(1-age)}, {"ready", 0.15}} {
		if x < s.p {
			return s.status
		}
		x -= s.p
	}
	return "proposed"
}

// pickRelease draws a release fitting the status (done items in past releases), or none.
func pickRelease(r random, status string) string {
	span := map[string][2]int{"done": {0, 4}, "dropped": {0, 5}, "in-progress": {3, 5}, "ready": {4, 6}, "proposed": {5, 7}}[status]
	p := 0.85
	if status == "proposed" {
		p = 0.5
	}
	if r.chance(p) {
		return releases[r.between(span[0], span[1])].name
	}
	return ""
}

var notIDChars = regexp.MustCompile(`[^a-z0-9 -]`)

// slug makes an id of a title: its first five words that are not stop words.
func slug(title string) string {
	words := strings.Fields(notIDChars.ReplaceAllString(strings.ToLower(title), " "))
	keep := slices.DeleteFunc(slices.Clone(words), func(w string) bool { return stopWords[w] })
	if len(keep) == 0 {
		keep = words
	}
	return strings.Trim(strings.Join(keep[:min(5, len(keep))], "-"), "-")
}
