//go:build !unix

package generator

import (
	"io/fs"
	"os"
)

// folderFS is a folder of the content as os.Root reads it.
func folderFS(r *os.Root) fs.FS { return rootedFS{r.FS().(rootFS), r} }

// openNonblock: no named pipes to wait on here.
const openNonblock = 0
