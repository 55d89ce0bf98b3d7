package load

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
)

// The size limits of the two settings files. They cannot be set in backlog.yaml, which
// is read under the first: a megabyte of settings is hundreds of releases and goals, and
// ten megabytes of order.yaml ranks about 250,000 items.
const (
	MaxSettingsBytes = 1 << 20
	MaxOrderBytes    = 10 << 20
)

// A FileError says why a settings file is not read, in words that name the fix.
type FileError struct{ Message string }

func (e *FileError) Error() string { return e.Message }

// ReadSmallFile reads name, which must be a regular file of at most max bytes. It looks
// before it opens: a named pipe or a device is refused without being opened, since
// reading it could wait forever or never end. A missing file gives fs.ErrNotExist.
func ReadSmallFile(fsys fs.FS, name string, max int64) ([]byte, error) {
	info, err := fs.Stat(fsys, name)
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		kind := "a folder"
		if !info.IsDir() {
			kind = "a named pipe, a device or a socket"
		}
		return nil, &FileError{fmt.Sprintf("not a regular file (%s): %s must be a regular file", kind, name)}
	}
	tooLarge := func(size int64) error {
		return &FileError{fmt.Sprintf("file is %s, over the size limit of %s for %s", FormatSize(size), FormatSize(max), name)}
	}
	if info.Size() > max {
		return nil, tooLarge(info.Size())
	}
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, max+1)) // a file that grew since is not read past the limit
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > max {
		return nil, tooLarge(int64(len(data)))
	}
	return data, nil
}

// readError is the message of a finding for a settings file that could not be read.
func readError(err error) string {
	var fe *FileError
	if errors.As(err, &fe) {
		return fe.Message
	}
	return fmt.Sprintf("cannot read: %v", cleanErr(err))
}
