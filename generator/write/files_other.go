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

// openRegular opens a regular file to read, or fails.
func openRegular(name string) (*os.File, error) {
	if info, err := os.Lstat(name); err != nil || !info.Mode().IsRegular() {
		return nil, &os.PathError{Op: "open", Path: name, Err: errNotRegular}
	}
	return os.Open(name)
}
