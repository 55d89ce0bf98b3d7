//go:build unix

package write

import (
	"os"

	"golang.org/x/sys/unix"
)

// lock is an exclusive flock on a lock file. The kernel releases it when the process
// ends, however it ends: a lock that can be taken has no live owner.
type lock struct{ f *os.File }

// acquire waits for the lock file at path, made if missing. The file is never removed:
// removing it while another build waits on it would let a third lock a new one.
func acquire(path string) (*lock, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|unix.O_NOFOLLOW|unix.O_NONBLOCK, 0o644)
	if err != nil {
		return nil, err
	}
	for {
		err = unix.Flock(int(f.Fd()), unix.LOCK_EX)
		if err != unix.EINTR {
			break
		}
	}
	if err != nil {
		f.Close()
		return nil, &os.PathError{Op: "flock", Path: path, Err: err}
	}
	return &lock{f}, nil
}

func (l *lock) release() {
	if l != nil && l.f != nil {
		l.f.Close() // closing the last descriptor releases the lock
		l.f = nil
	}
}
