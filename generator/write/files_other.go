//go:build !unix

package write

import "os"

// removeKnown leaves the whole removal of the previous site to os.RemoveAll.
func (d *Dir) removeKnown() {}

// writeNew writes the new file full.
func writeNew(full string, data []byte) error {
	f, err := os.OpenFile(full, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// overwrite writes the spare's file full anew.
func overwrite(full string, data []byte) error {
	if err := os.RemoveAll(full); err != nil {
		return err
	}
	return writeNew(full, data)
}

// spareKept: without renaming onto an empty folder in one step, two builds at once
// could both take a spare, so none is kept.
const spareKept = false

// claim is never called: no spare is kept.
func claim(spare, tmp string) bool { return false }

func readNames(dir string) ([]string, error) {
	f, err := os.Open(dir)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return f.Readdirnames(-1)
}
