//go:build unix

package write

import (
	"io"
	"os"

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
	d.removeIn(fd, d.made["."])
}

// removeIn removes, inside the open folder fd, what the site wrote in f: its files and
// the folders made below it.
func (d *Dir) removeIn(fd int, f *folder) {
	for _, name := range f.files {
		unix.Unlinkat(fd, name, 0)
	}
	remove := func(i int) error {
		sub := f.folders[i]
		child, err := unix.Openat(fd, sub.name, unix.O_RDONLY|unix.O_DIRECTORY|unix.O_NOFOLLOW|unix.O_CLOEXEC, 0)
		if err != nil {
			return nil // not a folder in the previous site: os.RemoveAll sees to it
		}
		d.removeIn(child, sub)
		unix.Close(child)
		unix.Unlinkat(fd, sub.name, unix.AT_REMOVEDIR) // fails, harmlessly, if it holds more
		return nil
	}
	if len(f.folders) < 64 {
		for i := range f.folders {
			remove(i)
		}
		return
	}
	pool.Each(len(f.folders), remove) // the items folder: one folder an item
}

// writeNew writes the new file full in three system calls. os.OpenFile makes five more
// for each file, to try it with the runtime's poller, which never takes regular files:
// on a site of thousands of files that is a good part of the time spent in the kernel.
func writeNew(full string, data []byte) error {
	fd, err := unix.Open(full, unix.O_WRONLY|unix.O_CREAT|unix.O_EXCL|unix.O_CLOEXEC, 0o644)
	if err != nil {
		return &os.PathError{Op: "open", Path: full, Err: err}
	}
	return writeClose(fd, full, data, 0)
}

// writeClose writes data at the start of the open file fd, cuts the file to it when it
// was longer (size bytes), and closes fd.
func writeClose(fd int, full string, data []byte, size int64) error {
	for off := 0; off < len(data); {
		n, err := unix.Pwrite(fd, data[off:], int64(off))
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
		off += n
	}
	if size > int64(len(data)) {
		if err := unix.Ftruncate(fd, int64(len(data))); err != nil {
			unix.Close(fd)
			return &os.PathError{Op: "truncate", Path: full, Err: err}
		}
	}
	if err := unix.Close(fd); err != nil {
		return &os.PathError{Op: "close", Path: full, Err: err}
	}
	return nil
}

// openRegular opens a regular file to read, or fails: O_NONBLOCK, so that a named
// pipe is refused at once instead of waiting for a writer.
func openRegular(name string) (*os.File, error) {
	f, err := os.OpenFile(name, os.O_RDONLY|unix.O_NONBLOCK|unix.O_NOFOLLOW, 0)
	if err != nil {
		return nil, err
	}
	if info, err := f.Stat(); err != nil || !info.Mode().IsRegular() {
		f.Close()
		return nil, &os.PathError{Op: "open", Path: name, Err: errNotRegular}
	}
	return f, nil
}
