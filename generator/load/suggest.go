package load

import (
	"strings"

	"gopkg.in/yaml.v3"
)

// unknownField reports a key the format does not define, suggesting the closest known one.
func (d *doc) unknownField(k *yaml.Node, known []string, where string) {
	if s := closest(k.Value, known); s != "" {
		d.warnf(k, "unknown field %q in %s (did you mean %q?)", k.Value, where, s)
		return
	}
	d.warnf(k, "unknown field %q in %s", k.Value, where)
}

// Closest returns the known word within a small edit distance of w, ignoring the case
// of w, or "".
func Closest(w string, known []string) string { return closest(w, known) }

// closest returns the known word within a small edit distance of w, or "".
func closest(w string, known []string) string {
	best, bestDist := "", 3
	for _, k := range known {
		if dist := editDistance(strings.ToLower(w), k); dist < bestDist && dist <= len(k)/3+1 {
			best, bestDist = k, dist
		}
	}
	return best
}

// editDistance is the Damerau-Levenshtein distance (adjacent transpositions count once).
func editDistance(a, b string) int {
	if len(a) > 64 || len(b) > 64 {
		return 64
	}
	d := make([][]int, len(a)+1)
	for i := range d {
		d[i] = make([]int, len(b)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(a)][len(b)]
}
