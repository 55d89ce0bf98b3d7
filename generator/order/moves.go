package order

import (
	"slices"

	"github.com/backlogtool/backlog/generator/model"
)

// Moves compares two rankings and returns the moves the PO made: every item outside
// a longest common subsequence of the two orders, with its old and new rank, and the
// items that became ranked or unranked. shifted counts the items whose rank changed
// only because others moved.
func Moves(before, after []string) (moves []model.Move, shifted int) {
	oldRank := make(map[string]int, len(before))
	for i, id := range before {
		oldRank[id] = i + 1
	}
	newRank := make(map[string]int, len(after))
	for i, id := range after {
		newRank[id] = i + 1
	}
	// The ids in both orders, in the new order, as their old ranks: the longest
	// increasing subsequence of these is the longest common subsequence.
	var common []string
	var seq []int
	for _, id := range after {
		if r, ok := oldRank[id]; ok {
			common = append(common, id)
			seq = append(seq, r)
		}
	}
	stays := longestIncreasing(seq)
	for i, id := range common {
		switch {
		case !stays[i]:
			moves = append(moves, model.Move{ID: id, From: oldRank[id], To: newRank[id]})
		case oldRank[id] != newRank[id]:
			shifted++
		}
	}
	for _, id := range after {
		if _, ok := oldRank[id]; !ok {
			moves = append(moves, model.Move{ID: id, To: newRank[id]})
		}
	}
	for _, id := range before {
		if _, ok := newRank[id]; !ok {
			moves = append(moves, model.Move{ID: id, From: oldRank[id]})
		}
	}
	slices.SortStableFunc(moves, func(a, b model.Move) int {
		return rankKey(a) - rankKey(b)
	})
	return moves, shifted
}

// rankKey sorts moves by new rank, the unranked last.
func rankKey(m model.Move) int {
	if m.To == 0 {
		return 1<<31 - 1
	}
	return m.To
}

// longestIncreasing marks the elements of one longest strictly increasing subsequence
// of seq, in O(n log n). Ties are broken towards the earliest elements, so the result is stable.
func longestIncreasing(seq []int) []bool {
	tails := []int{}              // tails[k]: index in seq of the smallest tail of an increasing run of length k+1
	prev := make([]int, len(seq)) // predecessor of each element in its run
	for i, v := range seq {
		k, _ := slices.BinarySearchFunc(tails, v, func(t int, v int) int { return seq[t] - v })
		if k > 0 {
			prev[i] = tails[k-1]
		} else {
			prev[i] = -1
		}
		if k == len(tails) {
			tails = append(tails, i)
		} else {
			tails[k] = i
		}
	}
	in := make([]bool, len(seq))
	if len(tails) > 0 {
		for i := tails[len(tails)-1]; i >= 0; i = prev[i] {
			in[i] = true
		}
	}
	return in
}
