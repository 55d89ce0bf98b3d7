//go:build !unix

package write

import (
	"fmt"
	"os"
	"strconv"
	"strings"
)

// lock is a lock file made with O_EXCL, holding the owner's process id. Without flock
// the lock of a process that died stays: the error names the file to delete.
type lock struct{ path string }

func acquire(path string) (*lock, error) {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		if os.IsExist(err) {
			data, _ := os.ReadFile(path)
			pid, _ := strconv.Atoi(strings.TrimSpace(string(data)))
			return nil, fmt.Errorf("another build (process %d) is writing there; if none is, delete %s", pid, path)
		}
		return nil, err
	}
	fmt.Fprintln(f, os.Getpid())
	f.Close()
	return &lock{path}, nil
}

func (l *lock) release() {
	if l != nil && l.path != "" {
		os.Remove(l.path)
		l.path = ""
	}
}
