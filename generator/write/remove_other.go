//go:build !unix

package write

// removeKnown leaves the whole removal of the previous site to os.RemoveAll.
func (d *Dir) removeKnown() {}
