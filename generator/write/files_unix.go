//go:build unix

package write

import (
	"io"
	"os"
	"path/filepath"

	"github.com/backlogtool/backlog/generator/internal/pool"
	"golang.org/x/sys/unix"
)

// removeKnown removes from the previous site, now at tmp, the files and folders this
// site has, by name. os.RemoveAll then finds only what the previous site had beyond
// them: it reads every folder it removes, which on a site of thousands of folders costs
// more than the removal itself. Each folder is opened without following symbolic links
// and each name removed inside it, so nothing outside the previous site is touched.
func (d *Dir) removeKnown() {
	fd, err := unix.Open(d.tmp, unix.O_RDONLY|unix.O_DIRECTORY|unix.O_NOFOLLOW|unix.O_CLOEXEC, 0)
	if err != nil {
		return
	}
	defer unix.Close(fd)
	sub := map[string][]string{}
	for rel := range d.made {
		if rel != "." {
			parent := filepath.Dir(rel)
			sub[parent] = append(sub[parent], filepath.Base(rel))
		}
	}
	d.removeIn(fd, ".", sub)
}

// removeIn removes, inside the open folder fd at rel, the files written there and the
// folders made below it.
func (d *Dir) removeIn(fd int, rel string, sub map[string][]string) {
	for _, name := range d.files[rel] {
		unix.Unlinkat(fd, name, 0)
	}
	names := sub[rel]
	remove := func(i int) error {
		child, err := unix.Openat(fd, names[i], unix.O_RDONLY|unix.O_DIRECTORY|unix.O_NOFOLLOW|unix.O_CLOEXEC, 0)
		if err != nil {
			return nil // not a folder in the previous site: os.RemoveAll sees to it
		}
		d.removeIn(child, filepath.Join(rel, names[i]), sub)
		unix.Close(child)
		unix.Unlinkat(fd, names[i], unix.AT_REMOVEDIR) // fails, harmlessly, if it holds more
		return nil
	}
	if len(names) < 64 {
		for i := range names {
			remove(i)
		}
		return
	}
	pool.Each(len(names), remove) // the items folder: one folder an item
}

// writeNew writes the new file full in three system calls. os.OpenFile makes five more
// for each file, to try it with the runtime's poller, which never takes regular files:
// on a site of thousands of files that is a good part of the time spent in the kernel.
func writeNew(full string, data []byte) error {
	fd, err := unix.Open(full, unix.O_WRONLY|unix.O_CREAT|unix.O_EXCL|unix.O_CLOEXEC, 0o644)
	if err != nil {
		return &os.PathError{Op: "open", Path: full, Err: err}
	}
	for len(data) > 0 {
		n, err := unix.Write(fd, data)
		if err == unix.EINTR {
			continue
		}
		if err == nil && n == 0 {
			err = io.ErrShortWrite
		}
		if err != nil {
			unix.Close(fd)
			return &os.PathError{Op: "write", Path: full, Err: err}
		}
		data = data[n:]
	}
	if err := unix.Close(fd); err != nil {
		return &os.PathError{Op: "close", Path: full, Err: err}
	}
	return nil
}
