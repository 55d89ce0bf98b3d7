//go:build unix

package write

import (
	"os"

	"golang.org/x/sys/unix"
)

// lock is an exclusive flock on a lock file. The kernel releases it when the process
// ends, however it ends: a lock that can be taken has no live owner.
//
// The holder removes the lock file when it releases it, so no build leaves one behind
// unless it was killed. The file is removed while the lock is held, and a build that
// waited on it finds, once it has the lock, that the file it locked is no longer the
// one at the path: it lets it go and locks the file at the path, made anew if missing.
// So every build that holds a lock holds the one of the file at the path, and builds
// into one folder still take turns.
type lock struct {
	f    *os.File
	path string
}

// acquire waits for the lock file at path, made if missing.
func acquire(path string) (*lock, error) {
	for {
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
		current, err := atPath(f, path)
		if err != nil {
			f.Close()
			return nil, err
		}
		if current {
			return &lock{f, path}, nil
		}
		f.Close() // removed by the build that held it: lock the one at the path now
	}
}

// atPath reports whether the open file f is the file at path.
func atPath(f *os.File, path string) (bool, error) {
	held, err := f.Stat()
	if err != nil {
		return false, err
	}
	now, err := os.Lstat(path)
	if os.IsNotExist(err) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	return os.SameFile(held, now), nil
}

// release removes the lock file, while it still holds it, and lets it go.
func (l *lock) release() {
	if l != nil && l.f != nil {
		if current, _ := atPath(l.f, l.path); current {
			os.Remove(l.path)
		}
		l.f.Close() // closing the last descriptor releases the lock
		l.f = nil
	}
}
