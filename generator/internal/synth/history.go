package synth

import (
	"fmt"
	"slices"
	"sort"
	"strings"
)

// A history is planned backwards from the final content, so that its last commit's tree
// is exactly that content: the units of work (an import, proposals, status moves, body
// edits, the PO's grooming) are spread over three years, cut into the commits asked for,
// and then undone from the last commit to the first, which gives each commit's files.

// unit is one change of the history, at time t (0 to 1 over the history's span).
type unit struct {
	t     float64
	prio  int // at the same time: proposals, then moves and edits, then grooming
	seq   int
	kind  unitKind
	items []int // add: the items proposed; step, edit: the item; groom, init: the items ranked
	level int   // step: the index in the item's path it moves to
	moves int   // groom: how many items the PO moves
	adds  []int // init: the items imported
}

type unitKind int

const (
	unitInit unitKind = iota
	unitAdd
	unitStep
	unitEdit
	unitGroom
)

// plannedCommit is one commit of the plan: its units, the items it writes (at which
// level, with or without their last section) and the order.yaml edits that turn the
// previous commit's order into its own.
type plannedCommit struct {
	units        []unit
	writes       map[int]itemState
	ops          []orderOp
	orderTouched bool
}

type itemState struct {
	level int
	full  bool
}

// orderOp inserts id at position to (from < 0), or moves the id at from to position to.
type orderOp struct {
	id       string
	from, to int
}

// planHistory plans exactly commits commits (commits >= 1).
func (c *Corpus) planHistory(commits int, r random) ([]plannedCommit, error) {
	n := len(c.Items)
	m := min(n, max(1, n/50)) // items in the initial import
	var units []unit
	seq := 0
	add := func(u unit) {
		u.seq = seq
		seq++
		units = append(units, u)
	}

	// Grooming sessions: the PO ranks new items and reorders.
	nSessions := max(1, min(commits/25, n))
	sessions := make([]float64, nSessions-1)
	for i := range sessions {
		sessions[i] = r.uniform(0, 0.999)
	}
	slices.Sort(sessions)
	sessions = append(sessions, 1)
	sessionRanks := make([][]int, len(sessions))
	var initRanks []int

	addTime := make([]float64, n)
	for i := m; i < n; {
		k := min(n-i, pick(r, []int{1, 1, 1, 2, 3}))
		t := 0.01 + 0.95*float64(i-m)/float64(max(1, n-m))
		var proposed []int
		for j := i; j < i+k; j++ {
			addTime[j] = t
			proposed = append(proposed, j)
		}
		add(unit{t: t, prio: 0, kind: unitAdd, items: proposed})
		i += k
	}
	for _, it := range c.Items {
		a := addTime[it.index]
		steps := make([]float64, len(it.path)-1)
		for i := range steps {
			steps[i] = r.uniform(a, 0.999)
		}
		slices.Sort(steps)
		for i, t := range steps {
			add(unit{t: t, prio: 1, kind: unitStep, items: []int{it.index}, level: i + 1})
		}
		if r.chance(0.3) {
			add(unit{t: r.uniform(a, 0.999), prio: 1, kind: unitEdit, items: []int{it.index}})
		}
		if it.ranked {
			if it.index < m {
				initRanks = append(initRanks, it.index)
			} else {
				t := min(0.9999, a+r.ExpFloat64()/40)
				s := sort.SearchFloat64s(sessions, t)
				sessionRanks[min(s, len(sessions)-1)] = append(sessionRanks[min(s, len(sessions)-1)], it.index)
			}
		}
	}
	for s, t := range sessions {
		add(unit{t: t, prio: 2, kind: unitGroom, items: sessionRanks[s], moves: r.between(0, 6)})
	}
	byTime := func(a, b unit) int {
		if a.t != b.t {
			if a.t < b.t {
				return -1
			}
			return 1
		}
		if a.prio != b.prio {
			return a.prio - b.prio
		}
		return a.seq - b.seq
	}
	slices.SortFunc(units, byTime)
	imported := make([]int, m)
	for i := range imported {
		imported[i] = i
	}
	units = slices.Insert(units, 0, unit{kind: unitInit, seq: -1, adds: imported, items: initRanks})

	// Fillers: single reorders, until there are at least as many units as commits.
	firstT := 0.0
	if len(units) > 1 {
		firstT = units[1].t
	}
	if len(units) < commits {
		for len(units) < commits {
			add(unit{t: r.uniform(firstT, 0.999), prio: 2, kind: unitGroom, moves: 1})
		}
		slices.SortFunc(units[1:], byTime)
	}

	// Cut the units into exactly commits consecutive groups, none empty.
	var groups [][]unit
	if commits == 1 {
		groups = [][]unit{units}
	} else {
		rest := units[1:]
		positions := make([]int, len(rest)-1)
		for i := range positions {
			positions[i] = i + 1
		}
		cuts := sample(r, positions, commits-2)
		slices.Sort(cuts)
		bounds := append(append([]int{0}, cuts...), len(rest))
		groups = [][]unit{units[:1]}
		for g := 0; g+1 < len(bounds); g++ {
			groups = append(groups, rest[bounds[g]:bounds[g+1]])
		}
	}

	// Undo the groups from the last to the first.
	cur := slices.Clone(c.Order)
	level := make([]int, n)
	full := make([]bool, n)
	for i, it := range c.Items {
		level[i], full[i] = len(it.path)-1, true
	}
	plan := make([]plannedCommit, len(groups))
	for g := len(groups) - 1; g >= 0; g-- {
		pc := plannedCommit{units: groups[g], writes: map[int]itemState{}, orderTouched: g == 0}
		touch := func(i int) {
			if _, ok := pc.writes[i]; !ok {
				pc.writes[i] = itemState{level[i], full[i]}
			}
		}
		for _, u := range slices.Backward(groups[g]) {
			switch u.kind {
			case unitStep:
				touch(u.items[0])
				level[u.items[0]] = u.level - 1
			case unitEdit:
				touch(u.items[0])
				full[u.items[0]] = false
			case unitAdd:
				for _, i := range u.items {
					touch(i)
				}
			case unitGroom, unitInit:
				for range u.moves { // the moves come after the ranking: undo them first
					if len(cur) < 2 {
						break
					}
					q := r.IntN(len(cur))
					x := cur[q]
					cur = slices.Delete(cur, q, q+1)
					var p int
					if r.chance(0.8) {
						p = q + pick(r, []int{-1, 1})*r.between(1, 12)
					} else {
						p = r.IntN(len(cur) + 1)
					}
					p = max(0, min(len(cur), p))
					if p == q {
						if q < len(cur) {
							p = q + 1
						} else {
							p = q - 1
						}
					}
					cur = slices.Insert(cur, p, x)
					pc.ops = append(pc.ops, orderOp{from: p, to: q})
					pc.orderTouched = true
				}
				for _, i := range slices.Backward(u.items) {
					id := c.Items[i].ID
					q := slices.Index(cur, id)
					cur = slices.Delete(cur, q, q+1)
					pc.ops = append(pc.ops, orderOp{id: id, from: -1, to: q})
					pc.orderTouched = true
				}
				for _, i := range u.adds {
					touch(i)
				}
			}
		}
		slices.Reverse(pc.ops)
		plan[g] = pc
	}
	if len(cur) != 0 {
		return nil, fmt.Errorf("synth: %d ranked items left before the first commit", len(cur))
	}
	return plan, nil
}

// message is a commit message naming every unit of the commit.
func (c *Corpus) message(units []unit) string {
	var msgs []string
	for _, u := range units {
		switch u.kind {
		case unitInit:
			msgs = append(msgs, fmt.Sprintf("Import the backlog (%d items)", len(u.adds)))
		case unitAdd:
			if len(u.items) == 1 {
				msgs = append(msgs, "Propose: "+c.Items[u.items[0]].Title)
			} else {
				ids := make([]string, len(u.items))
				for i, x := range u.items {
					ids[i] = c.Items[x].ID
				}
				msgs = append(msgs, fmt.Sprintf("Propose %d items: %s", len(u.items), strings.Join(ids, ", ")))
			}
		case unitStep:
			it := c.Items[u.items[0]]
			msgs = append(msgs, it.ID+": "+it.path[u.level])
		case unitEdit:
			msgs = append(msgs, c.Items[u.items[0]].ID+": refine description")
		default:
			var parts []string
			if len(u.items) > 0 {
				parts = append(parts, fmt.Sprintf("rank %d new", len(u.items)))
			}
			if u.moves > 0 {
				parts = append(parts, fmt.Sprintf("reorder %d", u.moves))
			}
			if len(parts) == 0 {
				parts = []string{"review order"}
			}
			msgs = append(msgs, "Grooming: "+strings.Join(parts, ", "))
		}
	}
	if len(msgs) == 1 {
		return msgs[0] + "\n"
	}
	return fmt.Sprintf("%s (+%d more)\n\n- %s\n", msgs[0], len(msgs)-1, strings.Join(msgs, "\n- "))
}

// author is who made a commit: the PO for grooming, the item's owner for its status
// moves, anyone else otherwise.
func (c *Corpus) author(units []unit, r random) person {
	u := units[0]
	if u.kind == unitGroom || u.kind == unitInit {
		return productOwner
	}
	owner := c.Items[u.items[0]].Owner
	if u.kind == unitStep && owner != "" {
		for _, p := range owners {
			if p.handle == owner {
				return p
			}
		}
	}
	return pick(r, append(slices.Clone(owners), productOwner))
}
