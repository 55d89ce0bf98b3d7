package history

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/go-git/go-git/v5/plumbing"
)

// rawTree writes entries as a git tree object, sorted by name.
func rawTree(files map[string]byte) []byte {
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	slices.Sort(names)
	var sb strings.Builder
	for _, n := range names {
		var h plumbing.Hash
		for i := range h {
			h[i] = files[n] ^ byte(i)
		}
		sb.WriteString("100644 " + n + "\x00")
		sb.Write(h[:])
	}
	return []byte(sb.String())
}

// TestDiffTreesMatchesNaive compares the prefix-skipping merge with a plain comparison.
func TestDiffTreesMatchesNaive(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for round := range 300 {
		old := map[string]byte{}
		for i := range rng.IntN(60) {
			old[fmt.Sprintf("item-%03d.md", i*3)] = byte(rng.IntN(4))
		}
		cur := map[string]byte{}
		for k, v := range old {
			switch rng.IntN(10) {
			case 0: // deleted
			case 1:
				cur[k] = v + 1
			default:
				cur[k] = v
			}
		}
		for range rng.IntN(3) {
			cur[fmt.Sprintf("item-%03d.md", rng.IntN(200))] = 9
		}
		got, err := diffTrees(rawTree(old), rawTree(cur))
		if err != nil {
			t.Fatal(err)
		}
		var want []string
		for k, v := range old {
			if w, ok := cur[k]; !ok || w != v {
				want = append(want, k)
			}
		}
		for k := range cur {
			if _, ok := old[k]; !ok {
				want = append(want, k)
			}
		}
		slices.Sort(want)
		var names []string
		for _, c := range got {
			names = append(names, c.name)
		}
		if !slices.Equal(names, want) {
			t.Fatalf("round %d: diff %v, want %v", round, names, want)
		}
	}
}
