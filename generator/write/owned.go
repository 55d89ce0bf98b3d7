package write

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"

	"github.com/backlogtool/backlog/generator/internal/pool"
)

// MarkerFile is the file every site carries at its root: it says the folder is a site
// that build writes and replaces, and lists the files it wrote. It is published with the
// site (it holds nothing the site does not show: the names of its own files).
const MarkerFile = ".backlog-site"

// markerHeader starts every marker; a folder whose marker does not start so is not a site.
const markerHeader = "# A site written by backlog build (github.com/backlogtool/backlog): the next build\n" +
	"# replaces this folder whole. It refuses to while the folder holds a file not listed here.\n"

// maxMarker bounds the marker read: a site of 200,000 items lists about 8 MB.
const maxMarker = 64 << 20

// marker is the content of MarkerFile for a site of these files, sorted, one a line.
func marker(paths []string) []byte {
	slices.Sort(paths)
	var b bytes.Buffer
	b.Grow(len(markerHeader) + len(paths)*32)
	b.WriteString(markerHeader)
	for _, p := range paths {
		b.WriteString(p)
		b.WriteByte('\n')
	}
	return b.Bytes()
}

// OwnershipError says that the output folder holds a file that a build would lose.
type OwnershipError struct {
	Out  string // the output folder
	File string // one file in it that no build wrote
	// NoMarker: the folder is not a site build wrote at all.
	NoMarker bool
}

func (e *OwnershipError) Error() string {
	if e.NoMarker {
		return fmt.Sprintf("%s: the output folder holds files that backlog build did not write, such as %s, and building would delete them: choose another -out, or delete %s if nothing in it is needed (a site the build writes carries a %s file)",
			e.Out, e.File, e.Out, MarkerFile)
	}
	return fmt.Sprintf("%s: not written by backlog build (it is not listed in %s), and building would delete it: move it out of %s, choose another -out, or delete it",
		e.File, filepath.Join(e.Out, MarkerFile), e.Out)
}

// checkOwned returns nil when final is missing, an empty folder, or a site a build
// wrote holding only the files it wrote (and their folders).
func checkOwned(final string) error {
	info, err := os.Lstat(final)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return err
	case info.Mode()&fs.ModeSymlink != 0:
		return fmt.Errorf("%s: the output folder is a symbolic link, which the build would replace: give -out the folder it leads to", final)
	case !info.IsDir():
		return fmt.Errorf("%s: the output exists and is not a folder: choose another -out, or delete it", final)
	}
	known, err := readMarker(final)
	if err != nil {
		return err
	}
	stranger, walkErr := firstStranger(final, ".", known)
	if walkErr != nil {
		return fmt.Errorf("%s: cannot read the output folder: %w", final, walkErr)
	}
	if stranger == "" && known == nil {
		// Only empty folders: nothing is lost, but they are not the build's either.
		entries, _ := os.ReadDir(final)
		if len(entries) > 0 {
			stranger = filepath.Join(final, entries[0].Name())
		}
	}
	if stranger != "" {
		return &OwnershipError{Out: final, File: stranger, NoMarker: known == nil}
	}
	return nil
}

// firstStranger returns the first entry below the folder rel of the site at final,
// depth first in name order as filepath.WalkDir visits them, that known does not list
// as what it is, or "" when there is none. The search stops at the first: a folder that
// is no site (-out ~) is refused at its first file, not read whole. A site has a folder
// an item: the folders of a large folder are read on every core, none after a stranger
// already found.
func firstStranger(final, rel string, known map[string]bool) (string, error) {
	entries, err := os.ReadDir(filepath.Join(final, filepath.FromSlash(rel)))
	if err != nil {
		return "", err
	}
	type result struct {
		stranger string
		err      error
	}
	results := make([]result, len(entries))
	var folders []int
	limit := len(entries) // the first entry that is a stranger itself
	for i, e := range entries {
		path := pathIn(rel, e.Name())
		if path == MarkerFile && known != nil {
			continue
		}
		if kind, ok := known[path]; (ok && kind == e.IsDir()) || (known == nil && e.IsDir()) {
			if e.IsDir() {
				folders = append(folders, i)
			}
			continue
		}
		results[i].stranger, limit = filepath.Join(final, filepath.FromSlash(path)), i
		break
	}
	var first atomic.Int64 // the first entry known to be, or hold, a stranger
	first.Store(int64(limit))
	search := func(j int) error {
		i := folders[j]
		if int64(i) > first.Load() {
			return nil // a stranger before it is the answer
		}
		s, err := firstStranger(final, pathIn(rel, entries[i].Name()), known)
		results[i] = result{s, err}
		for s != "" || err != nil {
			at := first.Load()
			if int64(i) >= at || first.CompareAndSwap(at, int64(i)) {
				break
			}
		}
		return nil
	}
	if len(folders) < 64 {
		for j := range folders {
			search(j)
		}
	} else {
		pool.Each(len(folders), search)
	}
	for _, r := range results {
		if r.err != nil {
			return "", r.err
		}
		if r.stranger != "" {
			return r.stranger, nil
		}
	}
	return "", nil
}

// pathIn is the slash-separated path of name in the folder rel of the site.
func pathIn(rel, name string) string {
	if rel == "." {
		return name
	}
	return rel + "/" + name
}

// readMarker returns the files and folders (true) the marker of the site at final
// lists, or nil when there is no valid marker.
func readMarker(final string) (map[string]bool, error) {
	f, err := openRegular(filepath.Join(final, MarkerFile))
	if err != nil {
		return nil, nil // no marker (or not a file): the folder is not a site
	}
	defer f.Close()
	r := bufio.NewReaderSize(f, 64<<10)
	header, err := r.Peek(len(markerHeader))
	if err != nil || string(header) != markerHeader {
		return nil, nil
	}
	r.Discard(len(markerHeader))
	known := map[string]bool{}
	var size int
	for {
		line, err := r.ReadString('\n')
		if size += len(line); size > maxMarker {
			return nil, fmt.Errorf("%s: over %d MB: delete the output folder", filepath.Join(final, MarkerFile), maxMarker>>20)
		}
		if p := strings.TrimSuffix(line, "\n"); p != "" && filepath.IsLocal(filepath.FromSlash(p)) {
			known[p] = false
			for dir := filepath.ToSlash(filepath.Dir(filepath.FromSlash(p))); dir != "."; dir = filepath.ToSlash(filepath.Dir(filepath.FromSlash(dir))) {
				if _, ok := known[dir]; ok {
					break
				}
				known[dir] = true
			}
		}
		if err != nil {
			return known, nil
		}
	}
}

var errNotRegular = errors.New("not a regular file")
