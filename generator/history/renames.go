package history

import (
	"bytes"
	"hash/maphash"
	"maps"
	"slices"

	"github.com/go-git/go-git/v5/plumbing"
)

// renameThreshold is git's default: a deleted and an added file at least this similar are one file renamed.
const renameThreshold = 50

// renameLimit is git's diff.renameLimit: when a commit deletes and adds so many files
// that comparing each deleted with each added one would pass limit², only identical
// files are paired, as git does. One commit replacing 3,000 items then costs a hash
// lookup per file, not nine million comparisons.
const renameLimit = 1000

// detectRenames pairs deleted and added files: identical content first, then the most
// similar pairs at or above the threshold, as git does. It returns the pairs, old name
// to new, and how many files were left unpaired because of renameLimit.
// Old versions are read with old, only when identical content did not pair them.
func detectRenames(old func(plumbing.Hash) ([]byte, error), deleted, added []fileChange, contents map[plumbing.Hash][]byte) (map[string]string, int) {
	renames := map[string]string{}
	byBlob := map[plumbing.Hash][]string{}
	for _, a := range added {
		byBlob[a.new] = append(byBlob[a.new], a.name)
	}
	used := map[string]bool{}
	var restD, restA []fileChange
	for _, d := range deleted {
		if names := byBlob[d.old]; len(names) > 0 {
			renames[d.name], used[names[0]] = names[0], true
			byBlob[d.old] = names[1:]
			continue
		}
		restD = append(restD, d)
	}
	for _, a := range added {
		if !used[a.name] {
			restA = append(restA, a)
		}
	}
	if len(restD) == 0 || len(restA) == 0 {
		return renames, 0
	}
	if len(restD)*len(restA) > renameLimit*renameLimit {
		return renames, len(restD) + len(restA)
	}
	seed := maphash.MakeSeed()
	newPrints := make([]fingerprint, len(restA))
	for i, a := range restA {
		newPrints[i] = fingerprintOf(seed, contents[a.new])
	}
	type pair struct {
		from, to string
		score    int
	}
	var pairs []pair
	for _, d := range restD {
		data, err := old(d.old)
		if err != nil {
			continue // an unreadable version is no one's old name
		}
		op := fingerprintOf(seed, data)
		for i, a := range restA {
			if score := similarity(op, newPrints[i]); score >= renameThreshold {
				pairs = append(pairs, pair{d.name, a.name, score})
			}
		}
	}
	slices.SortStableFunc(pairs, func(x, y pair) int { return y.score - x.score })
	for _, p := range pairs {
		if _, done := renames[p.from]; !done && !used[p.to] {
			renames[p.from], used[p.to] = p.to, true
		}
	}
	return renames, 0
}

// Renames pairs the files of one revision that are gone (path -> content) with the files
// of the next that are new, as history does: identical content first, then the most
// similar pairs at git's 50%, within git's rename limit. It returns old path -> new path.
// backlog diff uses it so that a rename is one change there too.
func Renames(gone, new map[string][]byte) map[string]string {
	var deleted, added []fileChange
	contents := map[plumbing.Hash][]byte{}
	for _, p := range slices.Sorted(maps.Keys(gone)) {
		h := plumbing.ComputeHash(plumbing.BlobObject, gone[p])
		deleted = append(deleted, fileChange{name: p, old: h})
		contents[h] = gone[p]
	}
	for _, p := range slices.Sorted(maps.Keys(new)) {
		h := plumbing.ComputeHash(plumbing.BlobObject, new[p])
		added = append(added, fileChange{name: p, new: h})
		contents[h] = new[p]
	}
	renames, _ := detectRenames(func(h plumbing.Hash) ([]byte, error) { return contents[h], nil }, deleted, added, contents)
	return renames
}

// fingerprint is a file's lines as sorted hashes, with their lengths, and its size.
type fingerprint struct {
	lines []line
	size  int
}

type line struct {
	hash uint64
	len  int
}

func fingerprintOf(seed maphash.Seed, data []byte) fingerprint {
	f := fingerprint{size: len(data)}
	for l := range bytes.Lines(data) {
		f.lines = append(f.lines, line{maphash.Bytes(seed, l), len(l)})
	}
	slices.SortFunc(f.lines, func(a, b line) int {
		if a.hash != b.hash {
			if a.hash < b.hash {
				return -1
			}
			return 1
		}
		return a.len - b.len
	})
	return f
}

// similarity scores how much of two versions of a file is shared, from 0 to 100, the way
// git's rename detection does: the bytes of b's lines that also occur in a, over the
// larger size. Two versions whose sizes alone rule out the threshold are not compared.
func similarity(a, b fingerprint) int {
	if a.size == 0 && b.size == 0 {
		return 100
	}
	larger := max(a.size, b.size)
	if min(a.size, b.size)*100/larger < renameThreshold {
		return 0
	}
	common := 0
	for i, j := 0, 0; i < len(a.lines) && j < len(b.lines); {
		x, y := a.lines[i], b.lines[j]
		switch {
		case x == y:
			common += y.len
			i++
			j++
		case x.hash < y.hash || x.hash == y.hash && x.len < y.len:
			i++
		default:
			j++
		}
	}
	return common * 100 / larger
}
