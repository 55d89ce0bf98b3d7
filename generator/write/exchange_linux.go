package write

import "golang.org/x/sys/unix"

// exchange swaps two paths in one step, so readers see either the old site or the new one.
func exchange(a, b string) error {
	return unix.Renameat2(unix.AT_FDCWD, a, unix.AT_FDCWD, b, unix.RENAME_EXCHANGE)
}
