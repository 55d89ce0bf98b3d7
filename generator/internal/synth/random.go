package synth

import (
	"math"
	"math/rand/v2"
)

// random draws the corpus's choices. Its stream is math/rand/v2's PCG, which is
// specified and stable across Go releases, so a seed gives the same corpus everywhere.
type random struct{ *rand.Rand }

func newRandom(seed, stream uint64) random {
	return random{rand.New(rand.NewPCG(seed, stream))}
}

// between is a whole number from lo to hi, both included.
func (r random) between(lo, hi int) int { return lo + r.IntN(hi-lo+1) }

// uniform is a number from lo to hi.
func (r random) uniform(lo, hi float64) float64 { return lo + (hi-lo)*r.Float64() }

// chance is true with probability p.
func (r random) chance(p float64) bool { return r.Float64() < p }

// pick is one of list.
func pick[T any](r random, list []T) T { return list[r.IntN(len(list))] }

// sample is k distinct elements of list in random order.
func sample[T any](r random, list []T, k int) []T {
	pool := append([]T(nil), list...)
	for i := range k {
		j := i + r.IntN(len(pool)-i)
		pool[i], pool[j] = pool[j], pool[i]
	}
	return pool[:k]
}

// weighted is an index of weights, drawn in proportion to its weight.
func (r random) weighted(weights ...float64) int {
	total := 0.0
	for _, w := range weights {
		total += w
	}
	x := r.Float64() * total
	for i, w := range weights {
		if x < w {
			return i
		}
		x -= w
	}
	return len(weights) - 1
}

// roundHalfEven rounds as Python's round does, so that shares match the Python generator
// this package replaces.
func roundHalfEven(x float64) int { return int(math.RoundToEven(x)) }
