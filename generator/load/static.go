package load

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"

	"github.com/backlogtool/backlog/generator/model"
)

// SiteNames are the files and folders at the site's root that the site writes itself:
// a file or folder of the content folder's static/ folder may not take one of their
// names. "files" is render.AttachmentsDir and ".backlog-site" write.MarkerFile, the
// list of the files the build wrote (a test of render holds them to it).
var SiteNames = map[string]bool{
	"index.html": true, "404.html": true, "backlog.json": true, "sitemap.xml": true, "feed.xml": true,
	"items": true, "pages": true, "roadmap": true, "board": true, "changes": true, "static": true,
	"files": true, ".backlog-site": true,
}

// staticFiles lists the files of the content folder's static/ folder that the build
// copies to the site's root, their paths in the content folder (static/img/logo.png),
// and reports each that it would refuse: one that takes the name of something the site
// writes, a symbolic link out of the content folder or to a folder, a named pipe, a
// device, a file over the total size limit. The folder is walked once, here: the build
// copies what it lists. A link that stays inside the content folder, to a file, is
// followed (fsys, read through os.Root, follows no other).
func staticFiles(fsys fs.FS, limits model.Limits, findings *model.Findings) []string {
	var files []string
	fs.WalkDir(fsys, StaticDir, func(p string, d fs.DirEntry, err error) error {
		pos := model.Pos{File: p}
		if p == StaticDir {
			if _, lerr := fs.Lstat(fsys, p); errors.Is(err, fs.ErrNotExist) && lerr != nil {
				return fs.SkipAll // no static folder, not even a link to nothing
			}
			if err != nil {
				findings.Errorf(pos, "%s", staticError(fsys, p, err))
				return fs.SkipAll
			}
			return nil // a file named static is not the folder, and is not copied
		}
		if err != nil { // a folder that cannot be listed
			findings.Errorf(pos, "cannot read folder: %v", cleanErr(err))
			return fs.SkipDir
		}
		if top, _, _ := strings.Cut(strings.TrimPrefix(p, StaticDir+"/"), "/"); SiteNames[top] {
			what := "file"
			if d.IsDir() {
				what = "folder"
			}
			findings.Errorf(pos, "the site writes %s itself: rename or remove this %s", top, what)
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		var info fs.FileInfo
		if d.Type().IsRegular() {
			info, err = d.Info()
		} else {
			info, err = fs.Stat(fsys, p) // a link, followed inside the content folder only
		}
		switch {
		case err != nil || !info.Mode().IsRegular():
			findings.Errorf(pos, "%s", staticError(fsys, p, err))
		case info.Size() > limits.TotalBytes:
			findings.Errorf(pos, "the file is %s, over the total size limit of %s (limits.total_size in backlog.yaml): make it smaller, or raise the limit", FormatSize(info.Size()), FormatSize(limits.TotalBytes))
		default:
			files = append(files, p)
		}
		return nil
	})
	return files
}

// staticError says why the build would not copy p, a file of the static folder that is
// not a regular file, or that err says cannot be read, and how to fix it.
func staticError(fsys fs.FS, p string, err error) string {
	if info, lerr := fs.Lstat(fsys, p); lerr == nil && info.Mode()&fs.ModeSymlink != 0 {
		target, _ := fs.ReadLink(fsys, p)
		info, serr := fs.Stat(fsys, p)
		switch {
		case serr != nil:
			return fmt.Sprintf("a symbolic link to %q, outside the content folder or to nothing, which the build does not follow: copy the file in instead", target)
		case info.IsDir():
			return fmt.Sprintf("a symbolic link to the folder %q, which the build does not follow: copy the files in instead", target)
		case !info.Mode().IsRegular():
			return "a symbolic link, which the build does not follow: copy the file in instead"
		}
	}
	if err == nil {
		return "not a regular file (a named pipe, a device or a socket): the static folder holds files to publish as they are; remove it"
	}
	return fmt.Sprintf("cannot read: %v", cleanErr(err))
}
