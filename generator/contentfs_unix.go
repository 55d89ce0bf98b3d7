//go:build unix

package generator

import (
	"io/fs"
	"os"

	"golang.org/x/sys/unix"
)

// folderFS is a folder of the content as os.Root reads it, which also reads its regular
// files in four system calls (load.RegularFileFS). Through os.Root each takes about a
// dozen: a stat, then an open that tries the file with the runtime's poller.
func folderFS(r *os.Root) fs.FS {
	dir, err := r.Open(".")
	if err != nil {
		return r.FS()
	}
	return regularFS{rootedFS{r.FS().(rootFS), r}, dir}
}

// openNonblock opens a named pipe without waiting for a writer.
const openNonblock = unix.O_NONBLOCK

type regularFS struct {
	rootedFS
	dir *os.File
}

func (r regularFS) ReadRegular(name string, max int64) (data []byte, ok bool) {
	conn, err := r.dir.SyscallConn()
	if err != nil {
		return nil, false
	}
	conn.Control(func(dirfd uintptr) { data, ok = readRegular(int(dirfd), name, max) })
	return data, ok
}

// readRegular reads name in the folder dirfd. The name is one step and links are not
// followed, so nothing outside the folder is read; a special file is not even opened
// for reading in earnest (O_NONBLOCK: a FIFO would wait for a writer).
func readRegular(dirfd int, name string, max int64) ([]byte, bool) {
	fd, err := unix.Openat(dirfd, name, unix.O_RDONLY|unix.O_NOFOLLOW|unix.O_NONBLOCK|unix.O_CLOEXEC, 0)
	if err != nil {
		return nil, false
	}
	defer unix.Close(fd)
	var st unix.Stat_t
	if unix.Fstat(fd, &st) != nil || st.Mode&unix.S_IFMT != unix.S_IFREG || st.Size > max {
		return nil, false
	}
	data := make([]byte, 0, st.Size+1) // room for the read that finds the end
	for {
		n, err := unix.Read(fd, data[len(data):cap(data)])
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return nil, false
		}
		if n == 0 {
			return data, true
		}
		if data = data[:len(data)+n]; int64(len(data)) > max {
			return nil, false
		}
		// A read that stopped short at the size the file had when it was opened read all
		// of it: one more, to find the end, is a system call for each of thousands of items.
		if int64(len(data)) == st.Size && len(data) < cap(data) {
			return data, true
		}
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)]
		}
	}
}
